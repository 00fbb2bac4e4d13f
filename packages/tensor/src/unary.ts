/*
 * Elementwise functions of one tensor. Floating functions (exp, log, ...) turn
 * int32 and bool inputs into float32, as PyTorch does; neg/abs/relu/sign/square
 * keep the dtype. Values are computed in double precision and rounded once to
 * the output dtype.
 */
import { DTypeError, describeValue } from './errors';
import { type DType } from './dtype';
import { mapUnary, type UnaryKernel } from './elementwise-engine';
import { Tensor, scalarTensor, isForeignTensor } from './tensor';
import { checkWideInteger, fitsInt32, scalarDType } from './dtype';
import { cast } from './cast';
import { expf } from './float32-math';
import type { TensorLike } from './promotion';

function asTensor(x: TensorLike, op: string, floating = false): Tensor {
  if (x instanceof Tensor || isForeignTensor(x)) return x;
  if (typeof x === 'number' || typeof x === 'boolean') {
    const dtype = scalarDType(x);
    // NOTE: a JS integer beyond int32 is an int64 to PyTorch: a floating function converts it to
    // float32 (log(2 ** 31) is 21.4876); a function keeping the dtype would need int64
    if (dtype === 'int32' && !fitsInt32(+x)) {
      if (floating) return scalarTensor(+x, 'float32');
      checkWideInteger(+x, op, 'the number');
    }
    return scalarTensor(+x, dtype);
  }
  throw new DTypeError(`${op}: expected a Tensor or a number, got ${describeValue(x)}`);
}

function floatDType(dtype: DType): DType {
  return dtype === 'float64' ? 'float64' : 'float32';
}

function rejectBool(x: Tensor, op: string, message?: string): void {
  if (x.dtype === 'bool') throw new DTypeError(message ?? `${op}: not implemented for bool tensors`);
}

const negKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = -x[xo]!;
};
const absKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = Math.abs(x[xo]!);
};
const expKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = Math.exp(x[xo]!);
};
// float32 exp as PyTorch computes it (SLEEF), see float32-math.ts
const expFloat32Kernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = expf(x[xo]!);
};
const logKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = Math.log(x[xo]!);
};
// NOTE: PyTorch's log1p (SLEEF's) is inf above 1e307 in float64 and above 1e38 in float32,
// where the true value is finite (log1p(1e308) = 709.2): we give what PyTorch gives
const log1pKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) {
    const v = x[xo]!;
    out[oo + i] = v > 1e307 ? Infinity : Math.log1p(v);
  }
};
const log1pFloat32Kernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) {
    const v = x[xo]!;
    out[oo + i] = v > 1e38 ? Infinity : Math.log1p(v);
  }
};
const expm1Kernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = Math.expm1(x[xo]!);
};
const sqrtKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = Math.sqrt(x[xo]!);
};
const reciprocalKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = 1 / x[xo]!;
};
const sinKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = Math.sin(x[xo]!);
};
const cosKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = Math.cos(x[xo]!);
};
const tanKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = Math.tan(x[xo]!);
};
const atanKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = Math.atan(x[xo]!);
};
const tanhKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = Math.tanh(x[xo]!);
};
const sigmoidKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = 1 / (1 + Math.exp(-x[xo]!));
};
// PyTorch evaluates float32 sigmoid as 1 / (1 + exp(-x)) with a float32 rounding
// after every step; emulating it keeps printed values identical near ties.
const sigmoidFloat32Kernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = 1 / Math.fround(1 + expf(-x[xo]!));
};
// NOTE: PyTorch's relu is `x < 0 ? 0 : x`: NaN and -0 pass through unchanged.
const reluKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) {
    const v = x[xo]!;
    out[oo + i] = v < 0 ? 0 : v;
  }
};
// NOTE: PyTorch's sign is `(0 < x) - (x < 0)`: sign(NaN) = 0 and sign(-0) = +0.
const signKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) {
    const v = x[xo]!;
    out[oo + i] = (v > 0 ? 1 : 0) - (v < 0 ? 1 : 0);
  }
};
const squareKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) {
    const v = x[xo]!;
    out[oo + i] = v * v;
  }
};
// int32 products wrap modulo 2^32 exactly like C ints
const squareIntKernel: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) {
    const v = x[xo]!;
    out[oo + i] = Math.imul(v, v);
  }
};

/**
 * `-x`. Bool tensors are rejected as in PyTorch.
 *
 * @example
 * ```ts
 * neg(tensor([1, -2])).toArray(); // [-1, 2]
 * ```
 */
export function neg(x: TensorLike): Tensor {
  const t = asTensor(x, 'neg');
  rejectBool(
    t,
    'neg',
    'neg: Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use x.eq(false) instead (gradlab has no logicalNot).',
  );
  return mapUnary(t, t.dtype, negKernel);
}

/**
 * `|x|` (int32 keeps its dtype).
 *
 * @example
 * ```ts
 * abs(tensor([-1.5, 2])).toArray(); // [1.5, 2]
 * ```
 */
export function abs(x: TensorLike): Tensor {
  const t = asTensor(x, 'abs');
  rejectBool(t, 'abs', "abs: not implemented for 'Bool'");
  return mapUnary(t, t.dtype, absKernel);
}

function floating(x: TensorLike, op: string, kernel: UnaryKernel): Tensor {
  let t = asTensor(x, op, true);
  // NOTE: PyTorch converts int32 to float32 *before* the function, which rounds
  // integers beyond 2^24 (sin(2147483647) is sin(2147483648) in float32).
  if (t.dtype === 'int32') t = cast(t, 'float32');
  return mapUnary(t, floatDType(t.dtype), kernel);
}

/**
 * `e ** x`.
 *
 * @example
 * ```ts
 * exp(tensor([0])).toArray(); // [1]
 * ```
 */
export function exp(x: TensorLike): Tensor {
  const t = asTensor(x, 'exp', true);
  return floating(t, 'exp', t.dtype === 'float64' ? expKernel : expFloat32Kernel);
}

/**
 * Natural logarithm: `log(0) = -Infinity`, a negative input gives NaN (as IEEE and PyTorch).
 *
 * @example
 * ```ts
 * log(tensor([1, 0])).toArray(); // [0, -Infinity]
 * ```
 */
export function log(x: TensorLike): Tensor {
  return floating(x, 'log', logKernel);
}

/**
 * `log(1 + x)`, accurate for small `x` (`log1p(-1) = -Infinity`, below -1 NaN).
 *
 * @example
 * ```ts
 * log1p(tensor([0, 1e-10], { dtype: 'float64' })).toArray(); // [0, 1e-10]
 * ```
 */
export function log1p(x: TensorLike): Tensor {
  const t = asTensor(x, 'log1p', true);
  return floating(t, 'log1p', t.dtype === 'float64' ? log1pKernel : log1pFloat32Kernel);
}

/**
 * `e ** x - 1`, accurate for small `x`.
 *
 * @example
 * ```ts
 * expm1(tensor([0, 1e-10], { dtype: 'float64' })).toArray(); // [0, 1e-10]
 * ```
 */
export function expm1(x: TensorLike): Tensor {
  return floating(x, 'expm1', expm1Kernel);
}

/**
 * Square root (NaN for negative inputs).
 *
 * @example
 * ```ts
 * sqrt(tensor([4])).toArray(); // [2]
 * ```
 */
export function sqrt(x: TensorLike): Tensor {
  return floating(x, 'sqrt', sqrtKernel);
}

/**
 * `1 / x` (`1 / 0 = Infinity`, `1 / -0 = -Infinity`).
 *
 * @example
 * ```ts
 * reciprocal(tensor([2])).toArray(); // [0.5]
 * ```
 */
export function reciprocal(x: TensorLike): Tensor {
  return floating(x, 'reciprocal', reciprocalKernel);
}

/**
 * Sine.
 *
 * @example
 * ```ts
 * sin(tensor([0])).toArray(); // [0]
 * ```
 */
export function sin(x: TensorLike): Tensor {
  return floating(x, 'sin', sinKernel);
}

/**
 * Cosine.
 *
 * @example
 * ```ts
 * cos(tensor([0])).toArray(); // [1]
 * ```
 */
export function cos(x: TensorLike): Tensor {
  return floating(x, 'cos', cosKernel);
}

/**
 * Tangent.
 *
 * @example
 * ```ts
 * tan(tensor([0])).toArray(); // [0]
 * ```
 */
export function tan(x: TensorLike): Tensor {
  return floating(x, 'tan', tanKernel);
}

/**
 * Arc tangent.
 *
 * @example
 * ```ts
 * atan(tensor([Infinity])).item(); // 1.5707963705062866 (pi/2 in float32)
 * ```
 */
export function atan(x: TensorLike): Tensor {
  return floating(x, 'atan', atanKernel);
}

/**
 * Hyperbolic tangent.
 *
 * @example
 * ```ts
 * tanh(tensor([0])).toArray(); // [0]
 * ```
 */
export function tanh(x: TensorLike): Tensor {
  return floating(x, 'tanh', tanhKernel);
}

/**
 * Logistic sigmoid `1 / (1 + e ** -x)`; saturates to exactly 0 and 1.
 *
 * @example
 * ```ts
 * sigmoid(tensor([0])).toArray(); // [0.5]
 * ```
 */
export function sigmoid(x: TensorLike): Tensor {
  const t = asTensor(x, 'sigmoid', true);
  return floating(t, 'sigmoid', t.dtype === 'float64' ? sigmoidKernel : sigmoidFloat32Kernel);
}

/**
 * `max(x, 0)`. NOTE: as in PyTorch, NaN propagates and -0 stays -0.
 *
 * @example
 * ```ts
 * relu(tensor([-1, 2, NaN])).toArray(); // [0, 2, NaN]
 * ```
 */
export function relu(x: TensorLike): Tensor {
  const t = asTensor(x, 'relu');
  rejectBool(t, 'relu', 'relu: Boolean inputs not supported for relu');
  return mapUnary(t, t.dtype, reluKernel);
}

/**
 * `x` where `x > 0`, else `negativeSlope * x` (floating tensors only, as in PyTorch).
 *
 * @example
 * ```ts
 * leakyRelu(tensor([-1, 2]), 0.1).toArray(); // [-0.1, 2] (in float32)
 * ```
 */
export function leakyRelu(x: TensorLike, negativeSlope = 0.01): Tensor {
  const t = asTensor(x, 'leakyRelu');
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new DTypeError(`leakyRelu: expected a floating point tensor, got ${t.dtype}`);
  }
  if (typeof negativeSlope !== 'number') {
    throw new DTypeError(`leakyRelu: 'negativeSlope' must be a number, got ${describeValue(negativeSlope)}`);
  }
  // the slope is a scalar of the tensor's dtype in PyTorch
  const slope = t.dtype === 'float32' ? Math.fround(negativeSlope) : negativeSlope;
  return mapUnary(t, t.dtype, (x, xo, xs, out, oo, n) => {
    for (let i = 0; i < n; i++, xo += xs) {
      const v = x[xo]!;
      out[oo + i] = v > 0 ? v : v * slope;
    }
  });
}

/**
 * -1, 0 or 1 with the input's dtype. NOTE: PyTorch gives `sign(NaN) = 0`.
 *
 * @example
 * ```ts
 * sign(tensor([-3, 0, 2])).toArray(); // [-1, 0, 1]
 * ```
 */
export function sign(x: TensorLike): Tensor {
  const t = asTensor(x, 'sign');
  return mapUnary(t, t.dtype, signKernel);
}

/**
 * `x * x` (bool becomes int32, int32 wraps on overflow as in PyTorch).
 *
 * @example
 * ```ts
 * square(tensor([-3])).toArray(); // [9]
 * ```
 */
export function square(x: TensorLike): Tensor {
  const t = asTensor(x, 'square');
  if (t.dtype === 'int32' || t.dtype === 'bool') return mapUnary(t, 'int32', squareIntKernel);
  return mapUnary(t, t.dtype, squareKernel);
}


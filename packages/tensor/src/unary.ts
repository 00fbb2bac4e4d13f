/*
 * Elementwise functions of one tensor. Floating functions (exp, log, ...) turn
 * int32 and bool inputs into float32, as PyTorch does; neg/abs/relu/sign/square
 * keep the dtype. Values are computed in double precision and rounded once to
 * the output dtype.
 */
import { DTypeError, ValueError, describeValue } from './errors';
import { type DType } from './dtype';
import { mapUnary, type UnaryKernel } from './elementwise-engine';
import { Tensor, scalarTensor, isForeignTensor } from './tensor';
import { checkWideInteger, fitsInt32, scalarDType } from './dtype';
import { cast } from './cast';
import { expf } from './float32-math';
import { erfValue, erfcValue } from './special-math';
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


// ---- elementwise (issue 15) ----------------------------------------------

function kernelOf(fn: (v: number) => number): UnaryKernel {
  return (x, xo, xs, out, oo, n) => {
    for (let i = 0; i < n; i++, xo += xs) out[oo + i] = fn(x[xo]!);
  };
}
const log2Kernel = kernelOf(Math.log2);
const log10Kernel = kernelOf(Math.log10);
// NOTE: 2 ** x is exact for integer x (exp(x * ln 2) would not be)
const exp2Kernel = kernelOf((v) => Math.pow(2, v));
const rsqrtKernel = kernelOf((v) => 1 / Math.sqrt(v));
// NOTE: PyTorch's sinh and cosh (SLEEF's, vectorised) are infinite once e ** |x| overflows
// (|x| > log(max)), where the true value is still finite (sinh(710) = 1.117e308): we give what
// PyTorch gives
const LOG_MAX64 = 709.782712893384;
const LOG_MAX32 = 88.72283935546875;
const sinhKernel = kernelOf((v) => (Math.abs(v) > LOG_MAX64 ? v * Infinity : Math.sinh(v)));
const sinhFloat32Kernel = kernelOf((v) => (Math.abs(v) > LOG_MAX32 ? v * Infinity : Math.sinh(v)));
const coshKernel = kernelOf((v) => (Math.abs(v) > LOG_MAX64 ? Infinity : Math.cosh(v)));
const coshFloat32Kernel = kernelOf((v) => (Math.abs(v) > LOG_MAX32 ? Infinity : Math.cosh(v)));
const asinhKernel = kernelOf(Math.asinh);
const acoshKernel = kernelOf(Math.acosh);
const atanhKernel = kernelOf(Math.atanh);
const asinKernel = kernelOf(Math.asin);
const acosKernel = kernelOf(Math.acos);
const erfKernel = kernelOf(erfValue);
const erfcKernel = kernelOf(erfcValue);

/**
 * Base-2 logarithm.
 *
 * @example
 * ```ts
 * log2(tensor([8, 0.5])).toArray(); // [3, -1]
 * ```
 */
export function log2(x: TensorLike): Tensor {
  return floating(x, 'log2', log2Kernel);
}

/**
 * Base-10 logarithm.
 *
 * @example
 * ```ts
 * log10(tensor([100])).toArray(); // [2]
 * ```
 */
export function log10(x: TensorLike): Tensor {
  return floating(x, 'log10', log10Kernel);
}

/**
 * `2 ** x` (exact for integers).
 *
 * @example
 * ```ts
 * exp2(tensor([3, -1])).toArray(); // [8, 0.5]
 * ```
 */
export function exp2(x: TensorLike): Tensor {
  return floating(x, 'exp2', exp2Kernel);
}

/**
 * `1 / sqrt(x)` (`rsqrt(0) = Infinity`, `rsqrt(-0) = -Infinity`, negative gives NaN).
 *
 * @example
 * ```ts
 * rsqrt(tensor([4])).toArray(); // [0.5]
 * ```
 */
export function rsqrt(x: TensorLike): Tensor {
  return floating(x, 'rsqrt', rsqrtKernel);
}

/**
 * Hyperbolic sine.
 *
 * @example
 * ```ts
 * sinh(tensor([0])).toArray(); // [0]
 * ```
 */
export function sinh(x: TensorLike): Tensor {
  const t = asTensor(x, 'sinh', true);
  return floating(t, 'sinh', t.dtype === 'float64' ? sinhKernel : sinhFloat32Kernel);
}

/**
 * Hyperbolic cosine.
 *
 * @example
 * ```ts
 * cosh(tensor([0])).toArray(); // [1]
 * ```
 */
export function cosh(x: TensorLike): Tensor {
  const t = asTensor(x, 'cosh', true);
  return floating(t, 'cosh', t.dtype === 'float64' ? coshKernel : coshFloat32Kernel);
}

/**
 * Inverse hyperbolic sine.
 *
 * @example
 * ```ts
 * asinh(tensor([0])).toArray(); // [0]
 * ```
 */
export function asinh(x: TensorLike): Tensor {
  return floating(x, 'asinh', asinhKernel);
}

/**
 * Inverse hyperbolic cosine (NaN below 1).
 *
 * @example
 * ```ts
 * acosh(tensor([1])).toArray(); // [0]
 * ```
 */
export function acosh(x: TensorLike): Tensor {
  return floating(x, 'acosh', acoshKernel);
}

/**
 * Inverse hyperbolic tangent (`atanh(±1) = ±Infinity`, NaN outside [-1, 1]).
 *
 * @example
 * ```ts
 * atanh(tensor([0])).toArray(); // [0]
 * ```
 */
export function atanh(x: TensorLike): Tensor {
  return floating(x, 'atanh', atanhKernel);
}

/**
 * Arc sine (NaN outside [-1, 1]).
 *
 * @example
 * ```ts
 * asin(tensor([0])).toArray(); // [0]
 * ```
 */
export function asin(x: TensorLike): Tensor {
  return floating(x, 'asin', asinKernel);
}

/**
 * Arc cosine (NaN outside [-1, 1]).
 *
 * @example
 * ```ts
 * acos(tensor([1])).toArray(); // [0]
 * ```
 */
export function acos(x: TensorLike): Tensor {
  return floating(x, 'acos', acosKernel);
}

/**
 * The error function, within a few ulps in float64 (see special-math.ts).
 *
 * @example
 * ```ts
 * erf(tensor([0, Infinity])).toArray(); // [0, 1]
 * ```
 */
export function erf(x: TensorLike): Tensor {
  return floating(x, 'erf', erfKernel);
}

/**
 * The complementary error function `1 - erf(x)`, accurate where it is tiny.
 *
 * @example
 * ```ts
 * erfc(tensor([0, -Infinity])).toArray(); // [1, 2]
 * ```
 */
export function erfc(x: TensorLike): Tensor {
  return floating(x, 'erfc', erfcKernel);
}

// The activations: floating tensors only, as PyTorch's kernels (named in its error).
// float32 follows PyTorch's scalar kernel step by step (each step rounded to float32:
// gelu's 1 + erf(x / sqrt 2) cancels in the tails, where a double evaluation differs).
function floatingOnly(x: TensorLike, op: string, kernelName: string): Tensor {
  const t = asTensor(x, op);
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new DTypeError(`${op}: "${kernelName}" not implemented for '${t.dtype === 'int32' ? 'Int' : 'Bool'}'`);
  }
  return t;
}

function checkNumber(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number') throw new DTypeError(`${op}: '${name}' must be a number, got ${describeValue(value)}`);
  return value;
}

const fr = Math.fround;
const siluKernel = kernelOf((v) => v / (1 + Math.exp(-v)));
const siluFloat32Kernel = kernelOf((v) => v / fr(1 + expf(-v)));

/**
 * SiLU (swish): `x * sigmoid(x)`.
 *
 * @example
 * ```ts
 * silu(tensor([0])).toArray(); // [0]
 * ```
 */
export function silu(x: TensorLike): Tensor {
  const t = floatingOnly(x, 'silu', 'silu_cpu');
  return mapUnary(t, t.dtype, t.dtype === 'float64' ? siluKernel : siluFloat32Kernel);
}

/**
 * Softplus `log(1 + e ** (beta * x)) / beta`, and `x` itself where `beta * x > threshold`.
 *
 * @example
 * ```ts
 * softplus(tensor([0])).item(); // 0.6931471824645996 (log 2 in float32)
 * ```
 */
export function softplus(x: TensorLike, beta = 1, threshold = 20): Tensor {
  const t = floatingOnly(x, 'softplus', 'softplus_cpu');
  checkNumber('softplus', 'beta', beta);
  checkNumber('softplus', 'threshold', threshold);
  if (t.dtype === 'float64') {
    return mapUnary(t, 'float64', kernelOf((v) => (v * beta > threshold ? v : Math.log1p(Math.exp(v * beta)) / beta)));
  }
  const b = fr(beta);
  const th = fr(threshold);
  return mapUnary(t, 'float32', kernelOf((v) => {
    const z = fr(v * b);
    return z > th ? v : fr(Math.log1p(expf(z))) / b;
  }));
}

// PyTorch's elu kernel, elu(x; alpha, scale, inputScale): x > 0 ? x * scale : (exp(x * inputScale) - 1) * alpha * scale
// NOTE: PyTorch 1.13 computes exp(x) - 1, not expm1: elu(-1e-10) is -1.000000082740371e-10 in float64 and 0 in float32
function eluWith(t: Tensor, alpha: number, scale: number, inputScale: number): Tensor {
  if (t.dtype === 'float64') {
    const negcoef = alpha * scale;
    return mapUnary(t, 'float64', kernelOf((v) => (v > 0 ? v * scale : (Math.exp(v * inputScale) - 1) * negcoef)));
  }
  const negcoef = fr(fr(alpha) * fr(scale));
  const poscoef = fr(scale);
  const ipt = fr(inputScale);
  return mapUnary(t, 'float32', kernelOf((v) => (v > 0 ? v * poscoef : fr(expf(fr(v * ipt)) - 1) * negcoef)));
}

/**
 * ELU: `x` for `x > 0`, else `alpha * (e ** x - 1)`.
 *
 * @example
 * ```ts
 * elu(tensor([2, 0])).toArray(); // [2, 0]
 * ```
 */
export function elu(x: TensorLike, alpha = 1): Tensor {
  const t = floatingOnly(x, 'elu', 'elu_cpu');
  return eluWith(t, checkNumber('elu', 'alpha', alpha), 1, 1);
}

// SELU's constants, as PyTorch's
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

/**
 * SELU: `scale * elu(x, alpha)` with PyTorch's constants (alpha 1.6732632423543772, scale 1.0507009873554805).
 *
 * @example
 * ```ts
 * selu(tensor([0])).toArray(); // [0]
 * ```
 */
export function selu(x: TensorLike): Tensor {
  const t = floatingOnly(x, 'selu', 'elu_cpu');
  return eluWith(t, SELU_ALPHA, SELU_SCALE, 1);
}

/** GELU's approximation: `'none'` (the exact erf form) or `'tanh'`. */
export type GeluApproximate = 'none' | 'tanh';

const GELU_BETA = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
const GELU_KAPPA = 0.044715;

/**
 * GELU: `x * Phi(x)` with Phi the normal CDF (`approximate: 'none'`), or its tanh
 * approximation `0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))`.
 *
 * @example
 * ```ts
 * gelu(tensor([0])).toArray(); // [0]
 * gelu(tensor([1]), 'tanh').item(); // 0.8411920070648193
 * ```
 */
export function gelu(x: TensorLike, approximate: GeluApproximate = 'none'): Tensor {
  const t = floatingOnly(x, 'gelu', 'GeluKernelImpl');
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new ValueError('INVALID_ARGUMENT', `gelu: approximate argument must be either none or tanh. (got ${describeValue(approximate)})`);
  }
  if (approximate === 'none') {
    if (t.dtype === 'float64') return mapUnary(t, 'float64', kernelOf((v) => v * 0.5 * (1 + erfValue(v * Math.SQRT1_2))));
    const alpha = fr(Math.SQRT1_2);
    return mapUnary(t, 'float32', kernelOf((v) => fr(v * 0.5) * fr(1 + fr(erfValue(fr(v * alpha))))));
  }
  if (t.dtype === 'float64') {
    return mapUnary(t, 'float64', kernelOf((v) => 0.5 * v * (1 + Math.tanh(GELU_BETA * (v + GELU_KAPPA * (v * v * v))))));
  }
  const beta = fr(GELU_BETA);
  const kappa = fr(GELU_KAPPA);
  return mapUnary(t, 'float32', kernelOf((v) => {
    const cube = fr(fr(v * v) * v);
    const inner = fr(beta * fr(v + fr(kappa * cube)));
    return fr(0.5 * v) * fr(1 + fr(Math.tanh(inner)));
  }));
}

/**
 * Hardtanh: `x` clamped into `[minVal, maxVal]` (int32 keeps its dtype; NaN propagates).
 *
 * @example
 * ```ts
 * hardtanh(tensor([-3, 0.5, 3])).toArray(); // [-1, 0.5, 1]
 * ```
 */
export function hardtanh(x: TensorLike, minVal = -1, maxVal = 1): Tensor {
  const t = asTensor(x, 'hardtanh');
  rejectBool(t, 'hardtanh', 'hardtanh: Bool inputs not supported for hardtanh');
  checkNumber('hardtanh', 'minVal', minVal);
  checkNumber('hardtanh', 'maxVal', maxVal);
  // the bounds are scalars of the tensor's dtype in PyTorch
  const lo = t.dtype === 'int32' ? Math.trunc(minVal) : t.dtype === 'float32' ? fr(minVal) : minVal;
  const hi = t.dtype === 'int32' ? Math.trunc(maxVal) : t.dtype === 'float32' ? fr(maxVal) : maxVal;
  return mapUnary(t, t.dtype, kernelOf((v) => (v !== v ? v : v < lo ? lo : v > hi ? hi : v)));
}

// PyTorch's log_sigmoid kernel: min(x, 0) - log1p(exp(-|x|))
const logSigmoidKernel = kernelOf((v) => Math.min(v, 0) - Math.log1p(Math.exp(-Math.abs(v))));
const logSigmoidFloat32Kernel = kernelOf((v) => (v < 0 ? v : 0) - fr(Math.log1p(expf(-Math.abs(v)))));

/**
 * `log(sigmoid(x))`, stable for large `|x|`.
 *
 * @example
 * ```ts
 * logSigmoid(tensor([0])).item(); // -0.6931471824645996
 * ```
 */
export function logSigmoid(x: TensorLike): Tensor {
  const t = floatingOnly(x, 'logSigmoid', 'log_sigmoid_cpu');
  return mapUnary(t, t.dtype, t.dtype === 'float64' ? logSigmoidKernel : logSigmoidFloat32Kernel);
}

// rounding: int32 keeps its values (a copy), bool is rejected as in PyTorch
const copyKernel = kernelOf((v) => v);
// NOTE: round half to even, as C's nearbyint (PyTorch's round): Math.round rounds half up
function rint(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
const floorKernel = kernelOf(Math.floor);
const ceilKernel = kernelOf(Math.ceil);
const roundKernel = kernelOf(rint);
const truncKernel = kernelOf(Math.trunc);
const fracKernel = kernelOf((v) => v - Math.trunc(v));

function rounding(x: TensorLike, op: string, kernel: UnaryKernel): Tensor {
  const t = asTensor(x, op);
  rejectBool(t, op, `${op}: "${op}_vml_cpu" not implemented for 'Bool'`);
  return mapUnary(t, t.dtype, t.dtype === 'int32' ? copyKernel : kernel);
}

/**
 * Rounds down (int32 unchanged).
 *
 * @example
 * ```ts
 * floor(tensor([-1.5, 1.5])).toArray(); // [-2, 1]
 * ```
 */
export function floor(x: TensorLike): Tensor {
  return rounding(x, 'floor', floorKernel);
}

/**
 * Rounds up (int32 unchanged; `ceil(-0.5) = -0`).
 *
 * @example
 * ```ts
 * ceil(tensor([-1.5, 1.5])).toArray(); // [-1, 2]
 * ```
 */
export function ceil(x: TensorLike): Tensor {
  return rounding(x, 'ceil', ceilKernel);
}

/** Options of {@link round}. */
export interface RoundOptions {
  /** Decimal places to round to (negative: to tens, hundreds...); 0 by default. */
  decimals?: number;
}

/**
 * Rounds to the nearest integer, halves to even as PyTorch (`round(2.5) = 2`), or to
 * `decimals` places (`nearbyint(x * 10 ** decimals) / 10 ** decimals` in the tensor's dtype,
 * as PyTorch computes it).
 *
 * @example
 * ```ts
 * round(tensor([0.5, 1.5, 2.5])).toArray(); // [0, 2, 2]
 * round(tensor([1.2345]), { decimals: 2 }).item(); // 1.2300000190734863
 * ```
 */
export function round(x: TensorLike, options: RoundOptions = {}): Tensor {
  if (typeof options !== 'object' || options === null) {
    throw new DTypeError(`round: 'options' must be an object like { decimals: 2 }, got ${describeValue(options)}`);
  }
  const decimals = options.decimals ?? 0;
  if (!Number.isInteger(decimals)) throw new DTypeError(`round: 'decimals' must be an integer, got ${describeValue(decimals)}`);
  if (decimals === 0) return rounding(x, 'round', roundKernel);
  const t = asTensor(x, 'round');
  if (t.dtype !== 'float32' && t.dtype !== 'float64') {
    throw new DTypeError(`round: "round_cpu" not implemented for '${t.dtype === 'int32' ? 'Int' : 'Bool'}'`);
  }
  const f = t.dtype === 'float32' ? Math.fround : (v: number): number => v;
  const tenPow = f(10 ** Math.abs(decimals));
  return mapUnary(t, t.dtype, kernelOf(decimals > 0 ? (v) => rint(f(v * tenPow)) / tenPow : (v) => rint(f(v / tenPow)) * tenPow));
}

/**
 * Rounds toward zero (int32 unchanged).
 *
 * @example
 * ```ts
 * trunc(tensor([-1.5, 1.5])).toArray(); // [-1, 1]
 * ```
 */
export function trunc(x: TensorLike): Tensor {
  return rounding(x, 'trunc', truncKernel);
}

/**
 * The fractional part `x - trunc(x)`, with the sign of `x` (floating tensors only, as PyTorch).
 *
 * @example
 * ```ts
 * frac(tensor([-2.5, 2.5])).toArray(); // [-0.5, 0.5]
 * ```
 */
export function frac(x: TensorLike): Tensor {
  const t = floatingOnly(x, 'frac', 'frac_cpu');
  return mapUnary(t, t.dtype, fracKernel);
}

// predicates and bit ops: any dtype in, bool out (bitwiseNot keeps int32/bool)
const isnanKernel = kernelOf((v) => (v !== v ? 1 : 0));
const isinfKernel = kernelOf((v) => (v === Infinity || v === -Infinity ? 1 : 0));
const isfiniteKernel = kernelOf((v) => (v - v === 0 ? 1 : 0));
const logicalNotKernel = kernelOf((v) => (v === 0 ? 1 : 0));
const bitwiseNotKernel = kernelOf((v) => ~v);

/**
 * `true` where `x` is NaN.
 *
 * @example
 * ```ts
 * isnan(tensor([1, NaN])).toArray(); // [false, true]
 * ```
 */
export function isnan(x: TensorLike): Tensor {
  const t = asTensor(x, 'isnan');
  return mapUnary(t, 'bool', isnanKernel);
}

/**
 * `true` where `x` is `Infinity` or `-Infinity`.
 *
 * @example
 * ```ts
 * isinf(tensor([1, -Infinity, NaN])).toArray(); // [false, true, false]
 * ```
 */
export function isinf(x: TensorLike): Tensor {
  const t = asTensor(x, 'isinf');
  return mapUnary(t, 'bool', isinfKernel);
}

/**
 * `true` where `x` is neither NaN nor infinite.
 *
 * @example
 * ```ts
 * isfinite(tensor([1, Infinity, NaN])).toArray(); // [true, false, false]
 * ```
 */
export function isfinite(x: TensorLike): Tensor {
  const t = asTensor(x, 'isfinite');
  return mapUnary(t, 'bool', isfiniteKernel);
}

/**
 * `true` where `x` is zero (NaN counts as true, as in PyTorch).
 *
 * @example
 * ```ts
 * logicalNot(tensor([0, 2])).toArray(); // [true, false]
 * ```
 */
export function logicalNot(x: TensorLike): Tensor {
  const t = asTensor(x, 'logicalNot');
  return mapUnary(t, 'bool', logicalNotKernel);
}

/**
 * Bitwise not of an int32 (`~x`) or bool (`!x`) tensor; floating tensors are rejected as in PyTorch.
 *
 * @example
 * ```ts
 * bitwiseNot(tensor([0, 5], { dtype: 'int32' })).toArray(); // [-1, -6]
 * ```
 */
export function bitwiseNot(x: TensorLike): Tensor {
  const t = asTensor(x, 'bitwiseNot');
  if (t.dtype === 'float32' || t.dtype === 'float64') {
    throw new DTypeError(`bitwiseNot: "bitwise_not_cpu" not implemented for '${t.dtype === 'float32' ? 'Float' : 'Double'}'`);
  }
  return mapUnary(t, t.dtype, t.dtype === 'bool' ? logicalNotKernel : bitwiseNotKernel);
}

/** Options of {@link nanToNum}: the replacements (by default 0, and the dtype's largest and lowest finite values). */
export interface NanToNumOptions {
  nan?: number;
  posinf?: number | null;
  neginf?: number | null;
}

const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * Replaces NaN by `nan` (0), `Infinity` by `posinf` and `-Infinity` by `neginf` (by default the
 * dtype's largest and lowest finite values, as PyTorch); integer and bool tensors are copied.
 *
 * @example
 * ```ts
 * nanToNum(tensor([NaN, Infinity, 1])).toArray(); // [0, 3.4028234663852886e+38, 1]
 * ```
 */
export function nanToNum(x: TensorLike, options: NanToNumOptions = {}): Tensor {
  const t = asTensor(x, 'nanToNum');
  if (typeof options !== 'object' || options === null) {
    throw new DTypeError(`nanToNum: 'options' must be an object like { nan: 0 }, got ${describeValue(options)}`);
  }
  const nan = options.nan ?? 0;
  if (typeof nan !== 'number') throw new DTypeError(`nanToNum: 'nan' must be a number, got ${describeValue(nan)}`);
  for (const key of ['posinf', 'neginf'] as const) {
    const v = options[key];
    if (v !== undefined && v !== null && typeof v !== 'number') throw new DTypeError(`nanToNum: '${key}' must be a number or null, got ${describeValue(v)}`);
  }
  if (t.dtype === 'int32' || t.dtype === 'bool') return mapUnary(t, t.dtype, copyKernel);
  const max = t.dtype === 'float64' ? Number.MAX_VALUE : FLOAT32_MAX;
  const posinf = options.posinf ?? max;
  const neginf = options.neginf ?? -max;
  return mapUnary(t, t.dtype, kernelOf((v) => (v !== v ? nan : v === Infinity ? posinf : v === -Infinity ? neginf : v)));
}

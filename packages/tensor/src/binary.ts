/*
 * Elementwise functions of two broadcast operands. JS numbers are accepted on
 * either side and take part in type promotion as PyTorch's Python scalars do;
 * they are converted to the computation dtype first (so `x.eq(0.1)` compares
 * against float32(0.1) for a float32 `x`, as in PyTorch).
 */
import { checkWideInteger, fitsInt32, type DType } from './dtype';
import { DTypeError, ValueError, describeValue } from './errors';
import { mapBinary, mapUnary, toOperand, type BinaryKernel, type UnaryKernel } from './elementwise-engine';
import { resultType2, type TensorLike } from './promotion';
import { broadcastShapes, shapeSize } from './shape';
import { Tensor, isForeignTensor } from './tensor';
import { reciprocal } from './unary';
import { cast } from './cast';

function checkOperand(x: TensorLike, op: string, name: string): void {
  if (x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean' || isForeignTensor(x)) return;
  throw new DTypeError(`${op}: '${name}' must be a Tensor, a number or a boolean, got ${describeValue(x)}`);
}

function run(a: TensorLike, b: TensorLike, computeDType: DType, outDType: DType, kernel: BinaryKernel): Tensor {
  return mapBinary(toOperand(a, computeDType), toOperand(b, computeDType), outDType, kernel);
}

function promote(a: TensorLike, b: TensorLike, op: string): DType {
  checkOperand(a, op, 'a');
  checkOperand(b, op, 'b');
  const dtype = resultType2(a, b);
  if (dtype === 'int32') checkWide(a, b, op);
  return dtype;
}

// NOTE: a JS integer beyond int32 is an int64 Python int to PyTorch. Against an int32 tensor it is
// converted to int32 and wraps, as in PyTorch (int32 [1, 2] * 1e10 is [1410065408, -1474836480]
// there too); where it would decide the dtype itself (two numbers, a bool tensor and a number)
// PyTorch computes in int64, which gradlab has not: that throws instead of wrapping.
function checkWide(a: TensorLike, b: TensorLike, op: string): void {
  if (typeof a === 'number' && !(typeof b === 'object' && b.dtype === 'int32')) checkWideInteger(a, op, "'a'");
  if (typeof b === 'number' && !(typeof a === 'object' && a.dtype === 'int32')) checkWideInteger(b, op, "'b'");
}

/** `true` when an int32 computation of two JS numbers needs PyTorch's int64 (the exact result does not fit int32). */
function numbersOverflow(a: TensorLike, b: TensorLike, exact: (x: number, y: number) => number, op: string): void {
  if (typeof a !== 'number' || typeof b !== 'number') return;
  const value = exact(a, b);
  if (!fitsInt32(value)) checkWideInteger(value, op, 'the result');
}

const addKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! + b[bo]!;
};
const orKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! !== 0 || b[bo]! !== 0 ? 1 : 0;
};
const subKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! - b[bo]!;
};
const mulKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! * b[bo]!;
};
const mulIntKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = Math.imul(a[ao]!, b[bo]!);
};
const divKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! / b[bo]!;
};
// NOTE: C's pow (and PyTorch) gives pow(1, y) = 1 and pow(-1, ±inf) = 1 even
// for NaN/infinite y, where JavaScript's ** gives NaN.
const powKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) {
    const x = a[ao]!;
    const e = b[bo]!;
    out[oo + i] = x === 1 || (x === -1 && (e === Infinity || e === -Infinity)) ? 1 : Math.pow(x, e);
  }
};
// Integer power by squaring with wrap-around; negative exponents give what
// PyTorch gives: 1 for base 1, ±1 for base -1, otherwise 0.
const powIntKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) {
    let base = a[ao]! | 0;
    let e = b[bo]! | 0;
    let result = 1;
    if (e < 0) {
      result = base === 1 ? 1 : base === -1 ? (e & 1 ? -1 : 1) : 0;
    } else {
      while (e > 0) {
        if (e & 1) result = Math.imul(result, base);
        base = Math.imul(base, base);
        e >>>= 1;
      }
    }
    out[oo + i] = result;
  }
};
// NOTE: PyTorch's maximum/minimum propagate NaN from either side; otherwise
// they are `a < b ? b : a` and `b < a ? b : a` (so the sign of equal zeros
// comes from `a`).
const maximumKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) {
    const x = a[ao]!;
    const y = b[bo]!;
    out[oo + i] = x !== x || y !== y ? NaN : x < y ? y : x;
  }
};
const minimumKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) {
    const x = a[ao]!;
    const y = b[bo]!;
    out[oo + i] = x !== x || y !== y ? NaN : y < x ? y : x;
  }
};
const eqKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! === b[bo]! ? 1 : 0;
};
const neKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! !== b[bo]! ? 1 : 0;
};
const gtKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! > b[bo]! ? 1 : 0;
};
const geKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! >= b[bo]! ? 1 : 0;
};
const ltKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! < b[bo]! ? 1 : 0;
};
const leKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! <= b[bo]! ? 1 : 0;
};

/**
 * `a + b` with broadcasting (bool + bool is logical or, int32 wraps on overflow).
 *
 * @example
 * ```ts
 * add(tensor([[1], [2]]), tensor([10, 20])).toArray(); // [[11, 21], [12, 22]]
 * ```
 */
export function add(a: TensorLike, b: TensorLike): Tensor {
  const dtype = promote(a, b, 'add');
  if (dtype === 'int32') numbersOverflow(a, b, (x, y) => x + y, 'add');
  return run(a, b, dtype, dtype, dtype === 'bool' ? orKernel : addKernel);
}

/**
 * `a - b` with broadcasting. Two bool operands are rejected as in PyTorch.
 *
 * @example
 * ```ts
 * sub(5, tensor([1, 2])).toArray(); // [4, 3]
 * ```
 */
export function sub(a: TensorLike, b: TensorLike): Tensor {
  const dtype = promote(a, b, 'sub');
  const aBool = typeof a === 'boolean' || (typeof a === 'object' && a.dtype === 'bool');
  const bBool = typeof b === 'boolean' || (typeof b === 'object' && b.dtype === 'bool');
  if (aBool && bBool) {
    throw new DTypeError(
      'sub: Subtraction, the `-` operator, with two bool tensors is not supported. Use logical xor (a.ne(b)) instead.',
    );
  }
  if (aBool || bBool) {
    throw new DTypeError(
      'sub: Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use x.eq(false) instead.',
    );
  }
  if (dtype === 'int32') numbersOverflow(a, b, (x, y) => x - y, 'sub');
  return run(a, b, dtype, dtype, subKernel);
}

/**
 * `a * b` with broadcasting (bool * bool is logical and, int32 wraps on overflow).
 *
 * @example
 * ```ts
 * mul(tensor([1, 2]), 3).toArray(); // [3, 6]
 * ```
 */
export function mul(a: TensorLike, b: TensorLike): Tensor {
  const dtype = promote(a, b, 'mul');
  if (dtype === 'int32') numbersOverflow(a, b, (x, y) => x * y, 'mul');
  return run(a, b, dtype, dtype, dtype === 'int32' ? mulIntKernel : mulKernel);
}

/**
 * True division `a / b` with broadcasting: integer and bool operands give
 * float32; `x / 0` is ±Infinity and `0 / 0` is NaN (IEEE, as in PyTorch).
 *
 * @example
 * ```ts
 * div(tensor([1, 0, -1]), 0).toArray(); // [Infinity, NaN, -Infinity]
 * ```
 */
export function div(a: TensorLike, b: TensorLike): Tensor {
  // true division computes in float32 at least: a wide integer is just a float there
  checkOperand(a, 'div', 'a');
  checkOperand(b, 'div', 'b');
  let dtype = resultType2(a, b);
  // NOTE: PyTorch evaluates `scalar / tensor` as `tensor.reciprocal() * scalar`
  // (Tensor.__rtruediv__), which can differ from a true quotient in the last bit.
  if (typeof a !== 'object' && typeof b === 'object') return mul(reciprocal(b), a);
  if (dtype === 'int32' || dtype === 'bool') dtype = 'float32';
  return run(a, b, dtype, dtype, divKernel);
}

/**
 * `a ** b` with broadcasting. Integer tensors use exact integer powers; a
 * negative JS-number exponent of an integer tensor is an error, as in PyTorch.
 *
 * @example
 * ```ts
 * pow(tensor([1, 2, 3]), 2).toArray(); // [1, 4, 9]
 * ```
 */
export function pow(a: TensorLike, b: TensorLike): Tensor {
  const dtype = promote(a, b, 'pow');
  if (dtype === 'bool') throw new DTypeError("pow: not implemented for 'Bool'");
  if (dtype === 'int32') {
    if (typeof b === 'number' && b < 0) {
      throw new ValueError('INVALID_VALUE', 'pow: Integers to negative integer powers are not allowed.');
    }
    numbersOverflow(a, b, (x, y) => Math.pow(x, y), 'pow');
    return run(a, b, dtype, dtype, powIntKernel);
  }
  // Only a JS-number exponent takes PyTorch's scalar kernels: a tensor exponent,
  // even a 0-d one, goes through pow() there too (pow(-0, 0.5) = +0, not sqrt's -0).
  if (typeof a === 'object' && typeof b === 'number') {
    const special = powScalarKernel(b, dtype === 'float32');
    // (a 0-d operand is converted as a tensor here: toOperand would make it a number)
    if (special !== null) return mapUnary(a.shape.length === 0 && a.dtype !== dtype ? cast(a, dtype) : (toOperand(a, dtype) as Tensor), dtype, special);
  }
  return run(a, b, dtype, dtype, powKernel);
}

// NOTE: PyTorch computes these scalar powers with dedicated kernels rather than
// pow(): x ** 0.5 is sqrt (so (-0) ** 0.5 = -0 and (-inf) ** 0.5 = NaN),
// x ** 3 is x * x * x rounded after each product, x ** -2 is 1 / (x * x).
// Matching them keeps float32 results bit-identical.
function powScalarKernel(e: number, float32: boolean): UnaryKernel | null {
  const f = float32 ? Math.fround : (v: number): number => v;
  switch (e) {
    case 0.5:
      return (x, xo, xs, out, oo, n) => {
        for (let i = 0; i < n; i++, xo += xs) out[oo + i] = Math.sqrt(x[xo]!);
      };
    case -0.5:
      return (x, xo, xs, out, oo, n) => {
        for (let i = 0; i < n; i++, xo += xs) out[oo + i] = 1 / f(Math.sqrt(x[xo]!));
      };
    case -1:
      return (x, xo, xs, out, oo, n) => {
        for (let i = 0; i < n; i++, xo += xs) out[oo + i] = 1 / x[xo]!;
      };
    case 2:
      return (x, xo, xs, out, oo, n) => {
        for (let i = 0; i < n; i++, xo += xs) {
          const v = x[xo]!;
          out[oo + i] = v * v;
        }
      };
    case 3:
      return (x, xo, xs, out, oo, n) => {
        for (let i = 0; i < n; i++, xo += xs) {
          const v = x[xo]!;
          out[oo + i] = f(v * v) * v;
        }
      };
    case -2:
      return (x, xo, xs, out, oo, n) => {
        for (let i = 0; i < n; i++, xo += xs) {
          const v = x[xo]!;
          out[oo + i] = 1 / f(v * v);
        }
      };
    default:
      return null;
  }
}

/**
 * Elementwise maximum; NaN in either operand gives NaN.
 *
 * @example
 * ```ts
 * maximum(tensor([1, NaN, 5]), 3).toArray(); // [3, NaN, 5]
 * ```
 */
export function maximum(a: TensorLike, b: TensorLike): Tensor {
  const dtype = promote(a, b, 'maximum');
  return run(a, b, dtype, dtype, maximumKernel);
}

/**
 * Elementwise minimum; NaN in either operand gives NaN.
 *
 * @example
 * ```ts
 * minimum(tensor([1, NaN, 5]), 3).toArray(); // [1, NaN, 3]
 * ```
 */
export function minimum(a: TensorLike, b: TensorLike): Tensor {
  const dtype = promote(a, b, 'minimum');
  return run(a, b, dtype, dtype, minimumKernel);
}

function compare(a: TensorLike, b: TensorLike, op: string, kernel: BinaryKernel): Tensor {
  checkOperand(a, op, 'a');
  checkOperand(b, op, 'b');
  const dtype = resultType2(a, b);
  // NOTE: a comparison with a JS integer beyond int32 that decides the dtype is computed exactly
  // (in float64), as PyTorch's int64 comparison; against an int32 tensor it wraps, as in PyTorch
  if (dtype === 'int32' && (isWide(a, b) || isWide(b, a))) return run(a, b, 'float64', 'bool', kernel);
  return run(a, b, dtype, 'bool', kernel);
}

function isWide(x: TensorLike, other: TensorLike): boolean {
  return typeof x === 'number' && !fitsInt32(x) && !(typeof other === 'object' && other.dtype === 'int32');
}

/**
 * `a == b` as a bool tensor (NaN is not equal to anything).
 *
 * @example
 * ```ts
 * eq(tensor([1, 2]), 2).toArray(); // [false, true]
 * ```
 */
export function eq(a: TensorLike, b: TensorLike): Tensor {
  return compare(a, b, 'eq', eqKernel);
}

/**
 * `a != b` as a bool tensor.
 *
 * @example
 * ```ts
 * ne(tensor([1, 2]), 2).toArray(); // [true, false]
 * ```
 */
export function ne(a: TensorLike, b: TensorLike): Tensor {
  return compare(a, b, 'ne', neKernel);
}

/**
 * `a > b` as a bool tensor.
 *
 * @example
 * ```ts
 * gt(tensor([1, 2]), 1).toArray(); // [false, true]
 * ```
 */
export function gt(a: TensorLike, b: TensorLike): Tensor {
  return compare(a, b, 'gt', gtKernel);
}

/**
 * `a >= b` as a bool tensor.
 *
 * @example
 * ```ts
 * ge(tensor([1, 2]), 2).toArray(); // [false, true]
 * ```
 */
export function ge(a: TensorLike, b: TensorLike): Tensor {
  return compare(a, b, 'ge', geKernel);
}

/**
 * `a < b` as a bool tensor.
 *
 * @example
 * ```ts
 * lt(tensor([1, 2]), 2).toArray(); // [true, false]
 * ```
 */
export function lt(a: TensorLike, b: TensorLike): Tensor {
  return compare(a, b, 'lt', ltKernel);
}

/**
 * `a <= b` as a bool tensor.
 *
 * @example
 * ```ts
 * le(tensor([1, 2]), 1).toArray(); // [true, false]
 * ```
 */
export function le(a: TensorLike, b: TensorLike): Tensor {
  return compare(a, b, 'le', leKernel);
}

// ---- elementwise (issue 15) ----------------------------------------------

const fmodKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  // JavaScript's % on numbers is C's fmod: the result has the sign of the dividend
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! % b[bo]!;
};
// NOTE: PyTorch's remainder: mod = fmod(a, b), plus b where mod is nonzero and its sign differs from b's
// (so remainder(-0, 2) = -0 and remainder(0, -2) = 0, as there)
const remainderKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) {
    const y = b[bo]!;
    const mod = a[ao]! % y;
    out[oo + i] = mod !== 0 && y < 0 !== mod < 0 ? mod + y : mod;
  }
};
const atan2Kernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = Math.atan2(a[ao]!, b[bo]!);
};

function integerModulo(a: TensorLike, b: TensorLike, op: string): DType {
  const dtype = promote(a, b, op);
  if (dtype === 'bool') throw new DTypeError(`${op}: "${op}_cpu" not implemented for 'Bool'`);
  if (dtype === 'int32') {
    const divisor = toOperand(b, 'int32');
    // PyTorch raises in its kernel, at an element divided by 0: never for an empty result (after
    // the broadcast check, whose error comes first); a non-empty one reads every divisor element
    const shape = broadcastShapes(typeof a === 'object' ? a.shape : [], typeof b === 'object' ? b.shape : []);
    const zero = shapeSize(shape) > 0 && (typeof divisor === 'number' ? divisor === 0 : anyZero(divisor));
    if (zero) throw new ValueError('INVALID_VALUE', `${op}: ZeroDivisionError (an integer divisor is 0)`);
  }
  return dtype;
}

/** `true` when an element of `x` (read through its strides) is 0. */
function anyZero(x: Tensor): boolean {
  const flat = x.isContiguous() ? x : x.contiguous();
  const n = flat.numel();
  for (let i = 0; i < n; i++) if (flat.storage[flat.offset + i] === 0) return true;
  return false;
}

/**
 * C's `fmod`: the remainder of `a / b` rounded toward zero, with the sign of `a`; an integer
 * division by 0 throws as PyTorch's (`ZeroDivisionError`).
 *
 * @example
 * ```ts
 * fmod(tensor([-5, 5]), 3).toArray(); // [-2, 2]
 * ```
 */
export function fmod(a: TensorLike, b: TensorLike): Tensor {
  const dtype = integerModulo(a, b, 'fmod');
  return run(a, b, dtype, dtype, fmodKernel);
}

/**
 * Python's modulo: `a - floor(a / b) * b`, with the sign of `b`; an integer division by 0
 * throws as PyTorch's (`ZeroDivisionError`).
 *
 * @example
 * ```ts
 * remainder(tensor([-5, 5]), 3).toArray(); // [1, 2]
 * ```
 */
export function remainder(a: TensorLike, b: TensorLike): Tensor {
  const dtype = integerModulo(a, b, 'remainder');
  return run(a, b, dtype, dtype, remainderKernel);
}

/**
 * The angle of the point `(b, a)`: `atan(a / b)` in the right quadrant; integer and bool
 * operands give float32.
 *
 * @example
 * ```ts
 * atan2(tensor([1]), tensor([-1])).item(); // 2.356194496154785 (3 pi / 4 in float32)
 * ```
 */
export function atan2(a: TensorLike, b: TensorLike): Tensor {
  checkOperand(a, 'atan2', 'a');
  checkOperand(b, 'atan2', 'b');
  let dtype = resultType2(a, b);
  if (dtype === 'int32' || dtype === 'bool') dtype = 'float32';
  return run(a, b, dtype, dtype, atan2Kernel);
}

// PyTorch's div_floor_floating: floor(a / b) computed from fmod so that it is exact
// (and NaN for an infinite a, as there)
const divFloorKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) {
    const x = a[ao]!;
    const y = b[bo]!;
    if (y === 0) {
      out[oo + i] = x / y;
      continue;
    }
    const mod = x % y;
    let div = (x - mod) / y;
    if (mod !== 0 && y < 0 !== mod < 0) div -= 1;
    let floorDiv: number;
    if (div !== 0) {
      floorDiv = Math.floor(div);
      if (div - floorDiv > 0.5) floorDiv += 1;
    } else {
      floorDiv = x / y < 0 || Object.is(x / y, -0) ? -0 : 0;
    }
    out[oo + i] = floorDiv;
  }
};

/**
 * PyTorch's `div(a, b, rounding_mode='floor')` for floating operands (the gradient
 * of `remainder` in its divisor uses it).
 *
 * @example
 * ```ts
 * divFloor(tensor([-5, inf]), tensor([3, 2])).toArray(); // [-2, NaN]
 * ```
 */
export function divFloor(a: TensorLike, b: TensorLike): Tensor {
  const dtype = promote(a, b, 'divFloor');
  if (dtype !== 'float32' && dtype !== 'float64') throw new DTypeError(`divFloor: expected floating operands, got ${dtype}`);
  return run(a, b, dtype, dtype, divFloorKernel);
}

const logicalAndKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! !== 0 && b[bo]! !== 0 ? 1 : 0;
};
const logicalXorKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = (a[ao]! !== 0) !== (b[bo]! !== 0) ? 1 : 0;
};

// the logical ops read each operand in its own dtype (NaN is true), as PyTorch
function logical(a: TensorLike, b: TensorLike, op: string, kernel: BinaryKernel): Tensor {
  checkOperand(a, op, 'a');
  checkOperand(b, op, 'b');
  const dtype = resultType2(a, b);
  return run(a, b, dtype === 'int32' || dtype === 'bool' ? 'float64' : dtype, 'bool', kernel);
}

/**
 * Elementwise `a && b` as a bool tensor (nonzero is true, NaN too).
 *
 * @example
 * ```ts
 * logicalAnd(tensor([0, 1, 2]), tensor([1, 1, 0])).toArray(); // [false, true, false]
 * ```
 */
export function logicalAnd(a: TensorLike, b: TensorLike): Tensor {
  return logical(a, b, 'logicalAnd', logicalAndKernel);
}

/**
 * Elementwise `a || b` as a bool tensor.
 *
 * @example
 * ```ts
 * logicalOr(tensor([0, 0, 2]), tensor([1, 0, 0])).toArray(); // [true, false, true]
 * ```
 */
export function logicalOr(a: TensorLike, b: TensorLike): Tensor {
  return logical(a, b, 'logicalOr', orKernel);
}

/**
 * Elementwise exclusive or of the truth values, as a bool tensor.
 *
 * @example
 * ```ts
 * logicalXor(tensor([0, 1, 2]), tensor([1, 1, 0])).toArray(); // [true, false, true]
 * ```
 */
export function logicalXor(a: TensorLike, b: TensorLike): Tensor {
  return logical(a, b, 'logicalXor', logicalXorKernel);
}

const bitwiseAndKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! & b[bo]!;
};
const bitwiseOrKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! | b[bo]!;
};
const bitwiseXorKernel: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! ^ b[bo]!;
};

// int32 and bool only (bool with bool stays bool), as PyTorch
function bitwise(a: TensorLike, b: TensorLike, op: string, torchName: string, kernel: BinaryKernel): Tensor {
  const dtype = promote(a, b, op);
  if (dtype === 'float32' || dtype === 'float64') {
    throw new DTypeError(`${op}: "${torchName}_cpu" not implemented for '${dtype === 'float32' ? 'Float' : 'Double'}'`);
  }
  return run(a, b, dtype, dtype, kernel);
}

/**
 * Bitwise and of int32 or bool operands (floating ones are rejected as in PyTorch).
 *
 * @example
 * ```ts
 * bitwiseAnd(tensor([6], { dtype: 'int32' }), 3).toArray(); // [2]
 * ```
 */
export function bitwiseAnd(a: TensorLike, b: TensorLike): Tensor {
  return bitwise(a, b, 'bitwiseAnd', 'bitwise_and', bitwiseAndKernel);
}

/**
 * Bitwise or of int32 or bool operands.
 *
 * @example
 * ```ts
 * bitwiseOr(tensor([6], { dtype: 'int32' }), 3).toArray(); // [7]
 * ```
 */
export function bitwiseOr(a: TensorLike, b: TensorLike): Tensor {
  return bitwise(a, b, 'bitwiseOr', 'bitwise_or', bitwiseOrKernel);
}

/**
 * Bitwise exclusive or of int32 or bool operands.
 *
 * @example
 * ```ts
 * bitwiseXor(tensor([6], { dtype: 'int32' }), 3).toArray(); // [5]
 * ```
 */
export function bitwiseXor(a: TensorLike, b: TensorLike): Tensor {
  return bitwise(a, b, 'bitwiseXor', 'bitwise_xor', bitwiseXorKernel);
}

/** Options of {@link isclose} and {@link allclose}: PyTorch's defaults `rtol` 1e-5, `atol` 1e-8, `equalNan` false. */
export interface IsCloseOptions {
  rtol?: number;
  atol?: number;
  equalNan?: boolean;
}

function closeness(a: Tensor, b: Tensor, options: IsCloseOptions, op: string): Tensor {
  if (!isTensorLike(a) || !isTensorLike(b)) throw new DTypeError(`${op}: 'a' and 'b' must be Tensors, got ${describeValue(isTensorLike(a) ? b : a)}`);
  if (typeof options !== 'object' || options === null) throw new DTypeError(`${op}: 'options' must be an object, got ${describeValue(options)}`);
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  const equalNan = options.equalNan ?? false;
  if (typeof rtol !== 'number' || typeof atol !== 'number' || typeof equalNan !== 'boolean') {
    throw new DTypeError(`${op}: rtol and atol must be numbers and equalNan a boolean, got ${describeValue(options)}`);
  }
  if (a.dtype !== b.dtype) {
    const name = (d: DType): string => ({ float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' })[d];
    throw new DTypeError(`${op}: ${name(a.dtype)} did not match ${name(b.dtype)}`);
  }
  if (rtol < 0) throw new ValueError('INVALID_VALUE', `${op}: rtol must be greater than or equal to zero, but got ${rtol}`);
  if (atol < 0) throw new ValueError('INVALID_VALUE', `${op}: atol must be greater than or equal to zero, but got ${atol}`);
  // NOTE: as PyTorch, integers are compared in float32, and the allowed error atol + |rtol * b| is
  // computed in the tensors' dtype (so float32 rounds it)
  const dtype = a.dtype === 'float64' ? 'float64' : 'float32';
  const f = dtype === 'float32' ? Math.fround : (v: number): number => v;
  const r = f(rtol);
  const t = f(atol);
  const floating = a.dtype === 'float32' || a.dtype === 'float64';
  const kernel: BinaryKernel = (x, xo, xs, y, yo, ys, out, oo, n) => {
    for (let i = 0; i < n; i++, xo += xs, yo += ys) {
      const u = x[xo]!;
      const v = y[yo]!;
      if (u === v || (equalNan && floating && u !== u && v !== v)) {
        out[oo + i] = 1;
        continue;
      }
      if (rtol === 0 && atol === 0) {
        out[oo + i] = 0;
        continue;
      }
      const actual = Math.abs(f(u - v));
      out[oo + i] = actual - actual === 0 && actual <= f(t + Math.abs(f(r * v))) ? 1 : 0;
    }
  };
  return mapBinary(a.dtype === 'int32' ? cast(a, 'float32') : a, b.dtype === 'int32' ? cast(b, 'float32') : b, 'bool', kernel);
}

function isTensorLike(x: unknown): x is Tensor {
  return x instanceof Tensor || isForeignTensor(x);
}

/**
 * `true` where `|a - b| <= atol + rtol * |b|` (or `a == b`, or both NaN with `equalNan`), with
 * PyTorch's defaults `rtol` 1e-5 and `atol` 1e-8; the dtypes must match, as there.
 *
 * @example
 * ```ts
 * isclose(tensor([1, 1.1]), tensor([1.000001, 1])).toArray(); // [true, false]
 * ```
 */
export function isclose(a: Tensor, b: Tensor, options: IsCloseOptions = {}): Tensor {
  return closeness(a, b, options, 'isclose');
}

/**
 * `true` when every element is close ({@link isclose}); a JS boolean, as PyTorch's Python bool.
 *
 * @example
 * ```ts
 * allclose(tensor([1, NaN]), tensor([1, NaN]), { equalNan: true }); // true
 * ```
 */
export function allclose(a: Tensor, b: Tensor, options: IsCloseOptions = {}): boolean {
  const close = closeness(a, b, options, 'allclose');
  const n = close.numel();
  for (let i = 0; i < n; i++) if (close.storage[i] === 0) return false;
  return true;
}

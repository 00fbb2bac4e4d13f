import { DTypeError, ShapeError, ValueError, describeValue, formatValue } from './errors';

/** The element types of a tensor. `bool` is stored as 0/1 in a `Uint8Array`. */
export type DType = 'float32' | 'float64' | 'int32' | 'bool';

/** The typed arrays that back a tensor's storage, one per {@link DType}. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Nested JS arrays of numbers or booleans, as accepted by `tensor()` and returned by `toArray()`. */
export type NestedArray = number | boolean | NestedArray[];

/** A single value usable where a tensor is expected. */
export type Scalar = number | boolean;

/**
 * All dtypes, in promotion order.
 *
 * @example
 * ```ts
 * DTYPES.indexOf('int32') < DTYPES.indexOf('float32'); // true
 * ```
 */
export const DTYPES: readonly DType[] = ['bool', 'int32', 'float32', 'float64'];

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

/**
 * Checks that `value` names a dtype.
 *
 * @example
 * ```ts
 * isDType('float32'); // true
 * ```
 */
export function isDType(value: unknown): value is DType {
  return value === 'float32' || value === 'float64' || value === 'int32' || value === 'bool';
}

/**
 * Throws a {@link DTypeError} unless `value` is a dtype name.
 *
 * @example
 * ```ts
 * checkDType('float16', 'zeros'); // throws DTypeError
 * ```
 */
export function checkDType(value: unknown, op: string): DType {
  if (!isDType(value)) {
    throw new DTypeError(`${op}: 'dtype' must be one of float32, float64, int32, bool, got ${formatValue(value)}`);
  }
  return value;
}

/**
 * `true` for float32 and float64.
 *
 * @example
 * ```ts
 * isFloatingDType('int32'); // false
 * ```
 */
export function isFloatingDType(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/** The most elements a tensor may have (int32 indexing). */
export const MAX_ELEMENTS = 2147483647;

/**
 * Allocates a zero-filled typed array for `dtype`. A length no typed array
 * can hold (or no memory can back) throws a `ShapeError` naming `op`.
 *
 * @example
 * ```ts
 * allocate('int32', 3); // Int32Array [0, 0, 0]
 * allocate('float32', 1e20, 'zeros'); // throws ShapeError: zeros: cannot allocate a float32 tensor of 1e+20 elements ...
 * ```
 */
export function allocate(dtype: DType, length: number, op = 'allocate'): TypedArray {
  // NOTE: gradlab indexes elements with int32 arithmetic: a tensor of 2^31 elements or more cannot
  // be addressed (and would take gigabytes before failing later)
  if (length > MAX_ELEMENTS) {
    const bytes = length * (dtype === 'float64' ? 8 : dtype === 'bool' ? 1 : 4);
    throw new ShapeError('INVALID_SHAPE', `${op}: cannot allocate a ${dtype} tensor of ${length} elements (${bytes} bytes): at most ${MAX_ELEMENTS} elements`);
  }
  try {
    switch (dtype) {
      case 'float32':
        return new Float32Array(length);
      case 'float64':
        return new Float64Array(length);
      case 'int32':
        return new Int32Array(length);
      case 'bool':
        return new Uint8Array(length);
    }
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const bytes = length * (dtype === 'float64' ? 8 : dtype === 'bool' ? 1 : 4);
    throw new ShapeError(
      'INVALID_SHAPE',
      `${op}: cannot allocate a ${dtype} tensor of ${length} elements (${bytes} bytes): ${error.message}`,
    );
  }
}

/**
 * The dtype a typed array stores (`Uint8Array` is bool).
 *
 * @example
 * ```ts
 * dtypeOfArray(new Float64Array(2)); // 'float64'
 * ```
 */
export function dtypeOfArray(array: TypedArray): DType {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  if (array instanceof Int32Array) return 'int32';
  if (array instanceof Uint8Array) return 'bool';
  throw new DTypeError(`storage must be a Float32Array, Float64Array, Int32Array or Uint8Array, got ${describeValue(array)}`);
}

/**
 * PyTorch's promotion between two tensor dtypes: `bool < int32 < float32 < float64`.
 *
 * @example
 * ```ts
 * promoteTypes('int32', 'float32'); // 'float32'
 * ```
 */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * The category a JS scalar belongs to: booleans are bool, integer-valued
 * numbers are int, every other number (including NaN and ±Infinity) is float.
 *
 * @example
 * ```ts
 * scalarDType(2); // 'int32'
 * scalarDType(2.5); // 'float32'
 * ```
 */
export function scalarDType(value: Scalar): DType {
  if (typeof value === 'boolean') return 'bool';
  return Number.isInteger(value) ? 'int32' : 'float32';
}

/**
 * The result dtype of a tensor of dtype `tensorDType` combined with a JS
 * scalar: the scalar only promotes when it is of a higher category
 * (bool < int < float), and then to the default dtype of that category.
 *
 * @example
 * ```ts
 * promoteWithScalar('int32', 2.5); // 'float32'
 * promoteWithScalar('float64', 2); // 'float64'
 * promoteWithScalar('bool', 3); // 'int32'
 * ```
 */
export function promoteWithScalar(tensorDType: DType, value: Scalar): DType {
  const scalar = scalarDType(value);
  return RANK[scalar] > RANK[tensorDType] ? scalar : tensorDType;
}

/**
 * Converts a JS value to what a storage of `dtype` holds: float32 rounds,
 * int32 truncates toward zero and wraps, bool is 0 or 1 (NaN is true, as in C).
 *
 * @example
 * ```ts
 * castValue(2.7, 'int32'); // 2
 * castValue(0.5, 'bool'); // 1
 * ```
 */
export function castValue(value: number | boolean, dtype: DType): number {
  const v = +value;
  switch (dtype) {
    case 'float64':
      return v;
    case 'float32':
      return Math.fround(v);
    case 'int32':
      return v | 0;
    case 'bool':
      return v !== 0 ? 1 : 0;
  }
}

/**
 * `true` when `value` is a number int32 holds exactly after truncation (NaN and
 * ±Infinity do not fit).
 *
 * @example
 * ```ts
 * fitsInt32(2 ** 31 - 1); // true
 * fitsInt32(2 ** 31); // false
 * ```
 */
export function fitsInt32(value: number): boolean {
  return typeof value === 'number' && value > -2147483649 && value < 2147483648;
}

/**
 * A JS number converted to int32 where PyTorch checks the conversion of a
 * Python scalar (`full`, `tensor`, `clamp` bounds, `where` operands): a value
 * outside int32's range (or NaN) throws PyTorch's message instead of wrapping.
 *
 * @example
 * ```ts
 * checkedInt32(2.7, 'full'); // 2
 * checkedInt32(1e10, 'full'); // throws ValueError: full: value cannot be converted to type int32 without overflow (got 10000000000)
 * ```
 */
export function checkedInt32(value: number, op: string): number {
  if (!fitsInt32(value)) {
    throw new ValueError('INVALID_VALUE', `${formatValue(op)}: value cannot be converted to type int32 without overflow (got ${formatValue(value)})`);
  }
  return Math.trunc(value) | 0;
}

/**
 * Throws when a JS integer outside int32's range would decide an int32
 * computation on its own: PyTorch makes such a Python int an int64 there,
 * which gradlab does not have (an int32 tensor's own arithmetic wraps it, as
 * PyTorch's does, and is not checked here).
 *
 * @example
 * ```ts
 * checkWideInteger(2 ** 31, 'add', "'b'"); // throws ValueError
 * ```
 */
export function checkWideInteger(value: number, op: string, name: string): void {
  if (typeof value !== 'number' || fitsInt32(value) || !Number.isInteger(value)) return;
  throw new ValueError(
    'INVALID_VALUE',
    `${formatValue(op)}: ${formatValue(name)} ${value} does not fit int32, and PyTorch would compute in int64 here, which gradlab does not have ` +
      `(pass a float32/float64 tensor, or a number within [-2147483648, 2147483647])`,
  );
}

/*
 * The package's small helpers as exported to users: each checks its arguments and throws a typed
 * error naming the helper. The kernels call the unchecked originals (shape.ts, dtype.ts, pool.ts,
 * ...), which run on every op and must stay a few instructions long.
 */
import * as D from './dtype';
import { DTypeError, ShapeError, ValueError, describeValue, formatValue } from './errors';
import { expf as expfUnchecked } from './float32-math';
import { allocateResult as allocateResultUnchecked } from './pool';
import * as S from './shape';
import { scalarTensor as scalarTensorUnchecked, type Tensor } from './tensor';

function dtypeArgument(value: unknown, op: string, name = 'dtype'): D.DType {
  if (!D.isDType(value)) throw new DTypeError(`${op}: '${name}' must be one of float32, float64, int32, bool, got ${formatValue(value)}`);
  return value;
}

function numberArgument(value: unknown, op: string, name: string): number {
  if (typeof value !== 'number') throw new ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be a number, got ${describeValue(value)}`);
  return value;
}

function lengthArgument(value: unknown, op: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ShapeError('INVALID_SHAPE', `${op}: 'length' must be a non-negative integer, got ${formatValue(value)}`);
  }
  return value;
}

// NOTE: the helpers other packages call on every op (shapes, result storage) check nothing on the
// normal path: a try/catch costs nothing until it throws, and then the error is a typed one.

function notShapes(op: string, names: string, ...values: unknown[]): ShapeError {
  return new ShapeError('INVALID_SHAPE', `${op}: ${names} must be arrays of numbers, got ${values.map(describeValue).join(' and ')}`);
}

/** {@link S.contiguousStrides}, with a typed error for a shape that is not an array. @example `contiguousStrides([2, 3]); // [3, 1]` */
export function contiguousStrides(shape: readonly number[]): number[] {
  try {
    return S.contiguousStrides(shape);
  } catch {
    throw notShapes('contiguousStrides', "'shape'", shape);
  }
}

/** {@link S.shapeSize}, with a typed error for a shape that is not an array. @example `shapeSize([2, 3]); // 6` */
export function shapeSize(shape: readonly number[]): number {
  try {
    return S.shapeSize(shape);
  } catch {
    throw notShapes('shapeSize', "'shape'", shape);
  }
}

/** {@link S.shapesEqual}, with a typed error for shapes that are not arrays. @example `shapesEqual([2], [2]); // true` */
export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  try {
    return S.shapesEqual(a, b);
  } catch {
    throw notShapes('shapesEqual', "'a' and 'b'", a, b);
  }
}

/** {@link S.broadcastShapes}, checked. @example `broadcastShapes([2, 1], [3]); // [2, 3]` */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  try {
    return S.broadcastShapes(a, b);
  } catch (error) {
    if (error instanceof ShapeError) throw error;
    throw notShapes('broadcastShapes', "'a' and 'b'", a, b);
  }
}

/** {@link S.formatShape}: never throws. @example `formatShape([2, 3]); // '[2, 3]'` */
export function formatShape(shape: readonly number[]): string {
  return S.formatShape(shape);
}

/** {@link S.normalizeDim}, checked. @example `normalizeDim(-1, 3); // 2` */
export function normalizeDim(dim: number, ndim: number, op?: string): number {
  if (typeof ndim !== 'number' || !Number.isInteger(ndim) || ndim < 0) {
    throw new ValueError('INVALID_ARGUMENT', `normalizeDim: 'ndim' must be a non-negative integer, got ${formatValue(ndim)}`);
  }
  return S.normalizeDim(dim, ndim, typeof op === 'string' ? op : undefined);
}

/** {@link D.promoteTypes}, checked. @example `promoteTypes('int32', 'float32'); // 'float32'` */
export function promoteTypes(a: D.DType, b: D.DType): D.DType {
  return D.promoteTypes(dtypeArgument(a, 'promoteTypes', 'a'), dtypeArgument(b, 'promoteTypes', 'b'));
}

/** {@link D.scalarDType}, checked. @example `scalarDType(2.5); // 'float32'` */
export function scalarDType(value: D.Scalar): D.DType {
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ValueError('INVALID_ARGUMENT', `scalarDType: 'value' must be a number or a boolean, got ${describeValue(value)}`);
  }
  return D.scalarDType(value);
}

/** {@link D.promoteWithScalar}, checked. @example `promoteWithScalar('int32', 2.5); // 'float32'` */
export function promoteWithScalar(dtype: D.DType, value: D.Scalar): D.DType {
  const d = dtypeArgument(dtype, 'promoteWithScalar');
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ValueError('INVALID_ARGUMENT', `promoteWithScalar: 'value' must be a number or a boolean, got ${describeValue(value)}`);
  }
  return D.promoteWithScalar(d, value);
}

/** {@link D.castValue}, checked. @example `castValue(2.7, 'int32'); // 2` */
export function castValue(value: number | boolean, dtype: D.DType): number {
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ValueError('INVALID_ARGUMENT', `castValue: 'value' must be a number or a boolean, got ${describeValue(value)}`);
  }
  return D.castValue(value, dtypeArgument(dtype, 'castValue'));
}

/** {@link D.allocate}, checked. @example `allocate('int32', 3); // Int32Array [0, 0, 0]` */
export function allocate(dtype: D.DType, length: number, op = 'allocate'): D.TypedArray {
  return D.allocate(dtypeArgument(dtype, 'allocate'), lengthArgument(length, 'allocate'), typeof op === 'string' ? op : 'allocate');
}

/** {@link allocateResultUnchecked | allocateResult}, with typed errors. @example `allocateResult('float32', 100);` */
export function allocateResult(dtype: D.DType, length: number): D.TypedArray {
  let out: D.TypedArray | undefined;
  try {
    out = length > D.MAX_ELEMENTS ? undefined : allocateResultUnchecked(dtype, length);
  } catch {
    out = undefined;
  }
  if (out !== undefined) return out;
  // the slow path: say what is wrong
  return D.allocate(dtypeArgument(dtype, 'allocateResult'), lengthArgument(length, 'allocateResult'), 'allocateResult');
}

/** {@link scalarTensorUnchecked | scalarTensor}, checked. @example `scalarTensor(2.5, 'float64').item(); // 2.5` */
export function scalarTensor(value: number, dtype: D.DType): Tensor {
  return scalarTensorUnchecked(numberArgument(value, 'scalarTensor', 'value'), dtypeArgument(dtype, 'scalarTensor'));
}

/** {@link expfUnchecked | expf}, checked. @example `expf(1); // 2.7182817459106445` */
export function expf(x: number): number {
  return expfUnchecked(numberArgument(x, 'expf', 'x'));
}

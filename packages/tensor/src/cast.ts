import { checkDType, type DType } from './dtype';
import { DTypeError, describeValue } from './errors';
import { preservingCopy } from './layout';
import { Tensor, isForeignTensor } from './tensor';

/**
 * `x` converted to `dtype` (PyTorch's `x.to(dtype)`): `x` itself when it has
 * that dtype already, else a row-major copy. Floats to int32 truncate toward
 * zero; anything to bool is "non-zero" (NaN is true).
 *
 * @example
 * ```ts
 * cast(tensor([1.7, -1.7]), 'int32').toArray(); // [1, -1]
 * ```
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`to: expected a Tensor, got ${describeValue(x)}`);
  checkDType(dtype, 'to');
  if (x.dtype === dtype) return x;
  // NOTE: as PyTorch's to() (preserve_format), a dense transposed view converts into a transposed copy
  const copy = preservingCopy(x.storage, x.offset, x.shape, x.strides, dtype);
  return new Tensor(copy.storage, x.shape.slice(), dtype, copy.strides);
}

/**
 * Alias of {@link cast} named as PyTorch's method.
 *
 * @example
 * ```ts
 * to(tensor([1, 2]), 'float64').dtype; // 'float64'
 * ```
 */
export function to(x: Tensor, dtype: DType): Tensor {
  return cast(x, dtype);
}

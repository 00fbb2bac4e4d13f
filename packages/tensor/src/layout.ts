/*
 * The memory layout of a new result, with PyTorch's rules. They decide
 * whether a later `view` works: `x.T.add(1)` keeps the transposed strides in
 * PyTorch, so `x.T.add(1).view(6)` raises there, and must here too.
 *
 * - Elementwise results (TensorIterator): the dims are ordered by the
 *   operands' strides (the first operand decides, later ones break ties;
 *   broadcast dims are ignored), and the result is dense in that order.
 * - `clone` and `to` (memory_format=torch.preserve_format): a non-overlapping,
 *   dense input keeps its strides; anything else becomes row-major.
 */
import { type DType, type TypedArray } from './dtype';
import { contiguousStrides } from './shape';
import { gatherContiguous, isContiguousLayout } from './strided';

/**
 * PyTorch's `TensorIteratorBase::reorder_dimensions`: the dims from the
 * slowest to the fastest for a result of `shape` computed from operands with
 * (broadcast) `stridesList`, or `null` when that is row-major order.
 *
 * @example
 * ```ts
 * elementwiseOrder([3, 2], [[1, 3]]); // [1, 0]: a transposed operand gives a transposed result
 * elementwiseOrder([2, 3], [[3, 1], [0, 1]]); // null (row-major)
 * ```
 */
export function elementwiseOrder(shape: readonly number[], stridesList: readonly (readonly number[])[]): number[] | null {
  const ndim = shape.length;
  if (ndim < 2) return null;
  // `perm` lists dims from the fastest to the slowest, as PyTorch's perm_
  const perm = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) perm[i] = ndim - 1 - i;
  const shouldSwap = (dim0: number, dim1: number): number => {
    for (let k = 0; k < stridesList.length; k++) {
      const strides = stridesList[k]!;
      if (strides.length === 0) continue;
      const stride0 = strides[dim0]!;
      const stride1 = strides[dim1]!;
      if (stride0 === 0 || stride1 === 0) continue;
      if (stride0 < stride1) return -1;
      if (stride0 > stride1) return 1;
      if (shape[dim0]! > shape[dim1]!) return 1;
    }
    return 0;
  };
  for (let i = 1; i < ndim; i++) {
    let dim1 = i;
    for (let dim0 = i - 1; dim0 >= 0; dim0--) {
      const comparison = shouldSwap(perm[dim0]!, perm[dim1]!);
      if (comparison > 0) {
        const swap = perm[dim0]!;
        perm[dim0] = perm[dim1]!;
        perm[dim1] = swap;
        dim1 = dim0;
      } else if (comparison < 0) {
        break;
      }
    }
  }
  let identity = true;
  for (let i = 0; i < ndim; i++) if (perm[i] !== ndim - 1 - i) identity = false;
  if (identity) return null;
  return perm.reverse();
}

/**
 * The strides of a result dense in `order` (slowest dim first): row-major
 * strides of the permuted shape, put back in the dims' own order.
 *
 * @example
 * ```ts
 * denseStrides([3, 2], [1, 0]); // [1, 3]
 * ```
 */
export function denseStrides(shape: readonly number[], order: readonly number[]): number[] {
  const permuted = contiguousStrides(order.map((d) => shape[d]!));
  const strides = new Array<number>(shape.length);
  for (let i = 0; i < order.length; i++) strides[order[i]!] = permuted[i]!;
  return strides;
}

/**
 * `true` when the elements of a view cover a block of memory exactly once in
 * some order of the dims (PyTorch's `is_non_overlapping_and_dense`).
 *
 * @example
 * ```ts
 * isNonOverlappingAndDense([3, 2], [1, 3]); // true (a transpose)
 * isNonOverlappingAndDense([2, 2], [4, 1]); // false (every other row)
 * ```
 */
export function isNonOverlappingAndDense(shape: readonly number[], strides: readonly number[]): boolean {
  const ndim = shape.length;
  const dims: number[] = [];
  for (let d = 0; d < ndim; d++) {
    if (shape[d] === 0) return true;
    dims.push(d);
  }
  dims.sort((a, b) => (shape[a]! < 2 ? 1 : shape[b]! < 2 ? -1 : strides[a]! - strides[b]!));
  let expected = 1;
  for (const d of dims) {
    const size = shape[d]!;
    if (size === 1) continue;
    if (strides[d] !== expected) return false;
    expected *= size;
  }
  return true;
}

/**
 * A copy of a view in `dtype` with PyTorch's `preserve_format`: a
 * non-overlapping, dense view keeps its strides (a transpose stays a
 * transpose), anything else is copied row-major. Returns the storage and the
 * strides of the copy.
 *
 * @example
 * ```ts
 * const { storage, strides } = preservingCopy(x.storage, x.offset, x.shape, x.strides, 'float64');
 * ```
 */
export function preservingCopy(
  src: TypedArray,
  offset: number,
  shape: readonly number[],
  strides: readonly number[],
  dtype: DType,
): { storage: TypedArray; strides: number[] } {
  if (isContiguousLayout(shape, strides) || !isNonOverlappingAndDense(shape, strides)) {
    return { storage: gatherContiguous(src, offset, shape, strides, dtype), strides: contiguousStrides(shape) };
  }
  // the dims from the largest stride to the smallest: the copy's row-major order
  const order = shape.map((_, d) => d).sort((a, b) => strides[b]! - strides[a]! || a - b);
  const storage = gatherContiguous(src, offset, order.map((d) => shape[d]!), order.map((d) => strides[d]!), dtype);
  return { storage, strides: denseStrides(shape, order) };
}

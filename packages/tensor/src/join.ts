import { allocateResult } from './pool';
import { promoteTypes, type DType } from './dtype';
import { ShapeError, ValueError, describeValue } from './errors';
import { formatShape, normalizeDim, shapeSize } from './shape';
import { copyStrided } from './strided';
import { Tensor, isForeignTensor } from './tensor';
import { unsqueeze } from './views';

function checkList(tensors: readonly Tensor[], op: string): void {
  if (!Array.isArray(tensors)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}(): argument 'tensors' must be an array of Tensors, got ${describeValue(tensors)}`);
  }
  if (tensors.length === 0) throw new ValueError('INVALID_ARGUMENT', `${op}(): expected a non-empty list of Tensors`);
  for (let i = 0; i < tensors.length; i++) {
    if (!(tensors[i] instanceof Tensor || isForeignTensor(tensors[i]))) {
      throw new ValueError('INVALID_ARGUMENT', `${op}(): expected a Tensor at entry ${i}, got ${describeValue(tensors[i])}`);
    }
  }
}

/**
 * Joins tensors along an existing dim; the dtype is the promotion of all
 * inputs. As in PyTorch, 1-D empty tensors are skipped.
 *
 * @example
 * ```ts
 * cat([zeros([2, 3]), ones([1, 3])], 0).shape; // [3, 3]
 * ```
 */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  checkList(tensors, 'cat');
  // NOTE: legacy PyTorch behaviour: a 1-D tensor of size 0 joins anything.
  const parts = tensors.filter((x) => !(x.ndim === 1 && x.shape[0] === 0));
  let dtype: DType = tensors[0]!.dtype;
  for (const x of tensors) dtype = promoteTypes(dtype, x.dtype);
  if (parts.length === 0) return new Tensor(allocateResult(dtype, 0), [0], dtype);
  const first = parts[0]!;
  if (first.ndim === 0) {
    throw new ShapeError('INVALID_SHAPE', `zero-dimensional tensor (at position ${tensors.indexOf(first)}) cannot be concatenated`);
  }
  const d = normalizeDim(dim, first.ndim, 'cat');
  const shape = first.shape.slice();
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    const x = parts[i]!;
    const position = tensors.indexOf(x);
    if (x.ndim !== first.ndim) {
      if (x.ndim === 0) {
        throw new ShapeError('INVALID_SHAPE', `zero-dimensional tensor (at position ${position}) cannot be concatenated`);
      }
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `Tensors must have same number of dimensions: got ${first.ndim} and ${x.ndim}`,
      );
    }
    for (let k = 0; k < shape.length; k++) {
      if (k !== d && x.shape[k] !== shape[k]) {
        throw new ShapeError(
          'SHAPE_MISMATCH',
          `Sizes of tensors must match except in dimension ${d}. Expected size ${shape[k]} but got size ${x.shape[k]} for tensor number ${position} in the list.`,
        );
      }
    }
    total += x.shape[d]!;
  }
  shape[d] = total;
  const out = allocateResult(dtype, shapeSize(shape));
  // each input fills a block of rows: outer = prod(shape[:d]), the block is x.shape[d] * inner
  let inner = 1;
  for (let k = d + 1; k < shape.length; k++) inner *= shape[k]!;
  const outer = shapeSize(shape.slice(0, d));
  const rowLength = total * inner;
  let column = 0;
  for (const x of parts) {
    const width = x.shape[d]! * inner;
    if (width > 0 && outer > 0) {
      if (outer === 1) {
        copyStrided(x.storage, x.offset, x.shape, x.strides, out, column);
      } else {
        // copy one outer slice at a time: x[i] is the sub-tensor with dims d..end
        const subShape = x.shape.slice(d);
        const subStrides = x.strides.slice(d);
        const outerShape = x.shape.slice(0, d);
        const outerStrides = x.strides.slice(0, d);
        const counter = new Array<number>(d).fill(0);
        let srcOffset = x.offset;
        for (let i = 0; i < outer; i++) {
          copyStrided(x.storage, srcOffset, subShape, subStrides, out, i * rowLength + column);
          for (let k = d - 1; k >= 0; k--) {
            srcOffset += outerStrides[k]!;
            if (++counter[k]! < outerShape[k]!) break;
            srcOffset -= outerStrides[k]! * outerShape[k]!;
            counter[k] = 0;
          }
        }
      }
    }
    column += width;
  }
  return new Tensor(out, shape, dtype);
}

/**
 * Joins equally shaped tensors along a new dim.
 *
 * @example
 * ```ts
 * stack([zeros([2]), ones([2])], 1).shape; // [2, 2]
 * ```
 */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  checkList(tensors, 'stack');
  const first = tensors[0]!;
  for (let i = 1; i < tensors.length; i++) {
    const x = tensors[i]!;
    if (x.ndim !== first.ndim || x.shape.some((s, k) => s !== first.shape[k])) {
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `stack expects each tensor to be equal size, but got ${formatShape(first.shape)} at entry 0 and ${formatShape(x.shape)} at entry ${i}`,
      );
    }
  }
  const d = normalizeDim(dim, first.ndim + 1, 'stack');
  return cat(
    tensors.map((x) => unsqueeze(x, d)),
    d,
  );
}

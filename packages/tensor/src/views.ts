/*
 * Views share the storage of their input (PyTorch makes the same ops views);
 * `reshape` and `contiguous` copy only when no view can express the result.
 */
import { DTypeError, IndexError, ShapeError, ValueError, describeValue, formatValue } from './errors';
import { contiguousStrides, formatShape, inferShape, normalizeDim, shapeSize } from './shape';
import { gatherContiguous } from './strided';
import { preservingCopy } from './layout';
import { resultTensor, Tensor, isForeignTensor } from './tensor';

function checkTensor(x: unknown, op: string): void {
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`${op}: expected a Tensor, got ${describeValue(x)}`);
}


// PyTorch's `computeStride`: the strides that let a tensor of `oldShape` and
// `oldStrides` be viewed as `newShape`, or null when some new dim would have to
// span two non-contiguous chunks of memory.
function viewStrides(oldShape: readonly number[], oldStrides: readonly number[], newShape: readonly number[]): number[] | null {
  const numel = shapeSize(oldShape);
  if (numel === 0 || oldShape.length === 0) return contiguousStrides(newShape);
  const newStrides = new Array<number>(newShape.length);
  let viewD = newShape.length - 1;
  let chunkBaseStride = oldStrides[oldStrides.length - 1]!;
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
    tensorNumel *= oldShape[tensorD]!;
    if (tensorD === 0 || (oldShape[tensorD - 1] !== 1 && oldStrides[tensorD - 1] !== tensorNumel * chunkBaseStride)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] === 1)) {
        newStrides[viewD] = viewNumel * chunkBaseStride;
        viewNumel *= newShape[viewD]!;
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (tensorD > 0) {
        chunkBaseStride = oldStrides[tensorD - 1]!;
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return newStrides;
}

/**
 * A view of `x` with a new shape (one entry may be -1). Throws when the
 * strides of `x` cannot express it, as PyTorch's `view` does: use `reshape`.
 *
 * @example
 * ```ts
 * view(arange(6), [2, -1]).shape; // [2, 3]
 * ```
 */
export function view(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor(x, 'view');
  const newShape = inferShape(shape, x.numel());
  const strides = viewStrides(x.shape, x.strides, newShape);
  if (strides === null) {
    throw new ShapeError(
      'INVALID_SHAPE',
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
  }
  return new Tensor(x.storage, newShape, x.dtype, strides, x.offset);
}

/**
 * `x` with a new shape (one entry may be -1): a view when possible, else a copy.
 *
 * @example
 * ```ts
 * reshape(zeros([2, 3]).T, [6]).shape; // [6] (a copy)
 * ```
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor(x, 'reshape');
  const newShape = inferShape(shape, x.numel());
  const strides = viewStrides(x.shape, x.strides, newShape);
  if (strides !== null) return new Tensor(x.storage, newShape, x.dtype, strides, x.offset);
  const data = gatherContiguous(x.storage, x.offset, x.shape, x.strides, x.dtype);
  return new Tensor(data, newShape, x.dtype);
}

/**
 * Merges dims `startDim..endDim` into one (a 0-d tensor becomes 1-d).
 *
 * @example
 * ```ts
 * flatten(zeros([2, 3, 4]), 1).shape; // [2, 12]
 * ```
 */
export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  checkTensor(x, 'flatten');
  if (x.ndim === 0) {
    normalizeDim(startDim, 0, 'flatten');
    normalizeDim(endDim, 0, 'flatten');
    return reshape(x, [1]);
  }
  const start = normalizeDim(startDim, x.ndim, 'flatten');
  const end = normalizeDim(endDim, x.ndim, 'flatten');
  if (start > end) {
    throw new IndexError('INVALID_DIM', 'flatten() has invalid args: start_dim cannot come after end_dim');
  }
  if (start === end) return x;
  const shape: number[] = [];
  let merged = 1;
  for (let d = 0; d < x.ndim; d++) {
    if (d < start || d > end) shape.push(x.shape[d]!);
    else {
      merged *= x.shape[d]!;
      if (d === end) shape.push(merged);
    }
  }
  return reshape(x, shape);
}

/**
 * Removes size-1 dims: all of them, or only those listed in `dim` (a listed dim
 * of another size is left alone, as in PyTorch).
 *
 * @example
 * ```ts
 * squeeze(zeros([2, 1, 3])).shape; // [2, 3]
 * ```
 */
export function squeeze(x: Tensor, dim?: number | readonly number[] | null): Tensor {
  checkTensor(x, 'squeeze');
  const n = x.ndim;
  const drop = new Array<boolean>(n).fill(false);
  if (dim === undefined || dim === null) {
    for (let d = 0; d < n; d++) drop[d] = x.shape[d] === 1;
  } else {
    const dims = typeof dim === 'number' ? [dim] : dim;
    if (!Array.isArray(dims)) {
      throw new IndexError('INVALID_DIM', `squeeze: 'dim' must be a number or an array of numbers, got ${describeValue(dim)}`);
    }
    for (const d of dims) {
      const k = normalizeDim(d, n, 'squeeze');
      if (n > 0 && x.shape[k] === 1) drop[k] = true;
    }
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let d = 0; d < n; d++) {
    if (!drop[d]) {
      shape.push(x.shape[d]!);
      strides.push(x.strides[d]!);
    }
  }
  return new Tensor(x.storage, shape, x.dtype, strides, x.offset);
}

/**
 * Inserts a size-1 dim at `dim` (in `[-ndim-1, ndim]`).
 *
 * @example
 * ```ts
 * unsqueeze(zeros([3]), 0).shape; // [1, 3]
 * ```
 */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  checkTensor(x, 'unsqueeze');
  const n = x.ndim;
  const k = normalizeDim(dim, n + 1, 'unsqueeze');
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  // the new dim's stride is what a contiguous layout would give it
  const stride = k < n ? x.shape[k]! * x.strides[k]! : 1;
  shape.splice(k, 0, 1);
  strides.splice(k, 0, stride);
  return new Tensor(x.storage, shape, x.dtype, strides, x.offset);
}

/**
 * Swaps two dims (a view).
 *
 * @example
 * ```ts
 * transpose(zeros([2, 3]), 0, 1).shape; // [3, 2]
 * ```
 */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  checkTensor(x, 'transpose');
  const n = x.ndim;
  const a = normalizeDim(dim0, n, 'transpose');
  const b = normalizeDim(dim1, n, 'transpose');
  if (a === b || n === 0) return new Tensor(x.storage, x.shape, x.dtype, x.strides, x.offset);
  if (n === 2) {
    // a matrix (every t() and mT of a layer, forward and backward): the swapped pairs directly
    return resultTensor(x.storage, [x.shape[1]!, x.shape[0]!], x.dtype, [x.strides[1]!, x.strides[0]!], x.offset);
  }
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape[a] = x.shape[b]!;
  shape[b] = x.shape[a]!;
  strides[a] = x.strides[b]!;
  strides[b] = x.strides[a]!;
  return resultTensor(x.storage, shape, x.dtype, strides, x.offset);
}

/**
 * Reorders the dims: dim `i` of the result is dim `dims[i]` of `x` (a view).
 *
 * @example
 * ```ts
 * permute(zeros([2, 3, 4]), [2, 0, 1]).shape; // [4, 2, 3]
 * ```
 */
export function permute(x: Tensor, dims: readonly number[]): Tensor {
  checkTensor(x, 'permute');
  const n = x.ndim;
  if (!Array.isArray(dims) || dims.length !== n) {
    throw new ShapeError(
      'INVALID_SHAPE',
      `permute(): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = ${n} is not equal to len(dims) = ${Array.isArray(dims) ? dims.length : formatValue(dims)}`,
    );
  }
  const seen = new Array<boolean>(n).fill(false);
  const shape = new Array<number>(n);
  const strides = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const d = normalizeDim(dims[i]!, n, 'permute');
    if (seen[d]) throw new IndexError('INVALID_DIM', 'permute(): duplicate dims are not allowed.');
    seen[d] = true;
    shape[i] = x.shape[d]!;
    strides[i] = x.strides[d]!;
  }
  return new Tensor(x.storage, shape, x.dtype, strides, x.offset);
}

/**
 * PyTorch's `x.t()`: transposes a 2-D tensor, returns 0-D and 1-D tensors as they are.
 *
 * @example
 * ```ts
 * t(zeros([2, 3])).shape; // [3, 2]
 * ```
 */
export function t(x: Tensor): Tensor {
  checkTensor(x, 't');
  if (x.ndim > 2) {
    throw new ShapeError('INVALID_SHAPE', `t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D`);
  }
  return x.ndim < 2 ? x : transpose(x, 0, 1);
}

/**
 * PyTorch's `x.T`: all dims reversed.
 *
 * @example
 * ```ts
 * T(zeros([2, 3, 4])).shape; // [4, 3, 2]
 * ```
 */
export function T(x: Tensor): Tensor {
  checkTensor(x, 'T');
  const n = x.ndim;
  const dims = new Array<number>(n);
  for (let i = 0; i < n; i++) dims[i] = n - 1 - i;
  return permute(x, dims);
}

/**
 * PyTorch's `x.mT`: the last two dims swapped (needs at least 2 dims).
 *
 * @example
 * ```ts
 * mT(zeros([5, 2, 3])).shape; // [5, 3, 2]
 * ```
 */
export function mT(x: Tensor): Tensor {
  checkTensor(x, 'mT');
  if (x.ndim < 2) {
    throw new ShapeError(
      'INVALID_SHAPE',
      `tensor.mT is only supported on matrices or batches of matrices. Got ${x.ndim}-D tensor.`,
    );
  }
  return transpose(x, -2, -1);
}

/**
 * A view repeating size-1 dims to `shape` (-1 keeps a size; new leading dims
 * may be added). No data is copied: expanded dims have stride 0.
 *
 * @example
 * ```ts
 * expand(tensor([[1], [2]]), [2, 3]).toArray(); // [[1, 1, 1], [2, 2, 2]]
 * ```
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor(x, 'expand');
  if (!Array.isArray(shape)) throw new ShapeError('INVALID_SHAPE', `expand: 'shape' must be an array, got ${formatValue(shape)}`);
  const n = shape.length;
  const k = x.ndim;
  if (n < k) {
    throw new ShapeError(
      'INVALID_SHAPE',
      `expand(${formatShape(x.shape)}, size=${formatShape(shape)}): the number of sizes provided (${n}) must be greater or equal to the number of dimensions in the tensor (${k})`,
    );
  }
  const outShape = new Array<number>(n);
  const outStrides = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    const j = i - (n - k);
    const target = shape[i]!;
    if (typeof target !== 'number' || !Number.isInteger(target)) {
      throw new ShapeError('INVALID_SHAPE', `expand: 'shape' must contain integers, got ${formatShape(shape)}`);
    }
    if (j < 0) {
      if (target < 0) {
        throw new ShapeError(
          'INVALID_SHAPE',
          `The expanded size of the tensor (${target}) isn't allowed in a leading, non-existing dimension ${i}`,
        );
      }
      outShape[i] = target;
      outStrides[i] = 0;
      continue;
    }
    const size = x.shape[j]!;
    if (target === -1 || target === size) {
      outShape[i] = size;
      outStrides[i] = x.strides[j]!;
    } else if (size === 1 && target >= 0) {
      outShape[i] = target;
      outStrides[i] = 0;
    } else {
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `The expanded size of the tensor (${target}) must match the existing size (${size}) at non-singleton dimension ${i}.  Target sizes: ${formatShape(shape)}.  Tensor sizes: ${formatShape(x.shape)}`,
      );
    }
  }
  return new Tensor(x.storage, outShape, x.dtype, outStrides, x.offset);
}

/**
 * `x` broadcast to `shape` (a view, like `torch.broadcast_to`).
 *
 * @example
 * ```ts
 * broadcastTo(tensor([1, 2]), [3, 2]).shape; // [3, 2]
 * ```
 */
export function broadcastTo(x: Tensor, shape: readonly number[]): Tensor {
  return expand(x, shape);
}

function checkIndex(index: number, op: string): void {
  if (typeof index !== 'number' || !Number.isInteger(index)) {
    throw new IndexError('INDEX_OUT_OF_RANGE', `${op}: 'index' must be an integer, got ${formatValue(index)}`);
  }
}

/**
 * The slice of `x` at `index` along `dim`, without that dim (a view). Negative
 * indices count from the end.
 *
 * @example
 * ```ts
 * select(tensor([[1, 2], [3, 4]]), 1, -1).toArray(); // [2, 4]
 * ```
 */
export function select(x: Tensor, dim: number, index: number): Tensor {
  checkTensor(x, 'select');
  if (x.ndim === 0) throw new IndexError('INVALID_DIM', 'select() cannot be applied to a 0-dim tensor.');
  const d = normalizeDim(dim, x.ndim, 'select');
  checkIndex(index, 'select');
  const size = x.shape[d]!;
  if (index < -size || index >= size) {
    throw new IndexError(
      'INDEX_OUT_OF_RANGE',
      `select(): index ${index} out of range for tensor of size ${formatShape(x.shape)} at dimension ${d}`,
    );
  }
  const i = index < 0 ? index + size : index;
  const xShape = x.shape;
  const xStrides = x.strides;
  const rank = xShape.length - 1;
  const shape: number[] = [];
  const strides: number[] = [];
  for (let k = 0; k <= rank; k++) {
    if (k === d) continue;
    shape.push(xShape[k]!);
    strides.push(xStrides[k]!);
  }
  return resultTensor(x.storage, shape, x.dtype, strides, x.offset + i * xStrides[d]!);
}

/**
 * PyTorch's `x[index]`: the sub-tensor at `index` along dim 0 (a view).
 *
 * @example
 * ```ts
 * tensor([[1, 2], [3, 4]]).at(-1).toArray(); // [3, 4]
 * ```
 */
export function at(x: Tensor, index: number): Tensor {
  checkTensor(x, 'at');
  if (x.ndim === 0) {
    throw new IndexError(
      'INVALID_DIM',
      'invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number',
    );
  }
  checkIndex(index, 'at');
  const size = x.shape[0]!;
  if (index < -size || index >= size) {
    throw new IndexError('INDEX_OUT_OF_RANGE', `index ${index} is out of bounds for dimension 0 with size ${size}`);
  }
  return select(x, 0, index);
}

/**
 * PyTorch's `x[:, start:stop:step]` along `dim` (a view). `start`/`stop` may be
 * negative or out of range and are clamped as in Python; `step` must be positive.
 *
 * @example
 * ```ts
 * slice(arange(10), 0, 1, -1, 3).toArray(); // [1, 4, 7]
 * ```
 */
export function slice(x: Tensor, dim: number, start?: number | null, stop?: number | null, step = 1): Tensor {
  checkTensor(x, 'slice');
  if (x.ndim === 0) throw new IndexError('INVALID_DIM', 'slice() cannot be applied to a 0-dim tensor.');
  const d = normalizeDim(dim, x.ndim, 'slice');
  if (typeof step !== 'number' || !Number.isInteger(step)) {
    throw new ValueError('INVALID_ARGUMENT', `slice: 'step' must be an integer, got ${formatValue(step)}`);
  }
  if (step <= 0) throw new ValueError('INVALID_ARGUMENT', `slice: 'step' must be greater than zero, got ${step}`);
  const size = x.shape[d]!;
  let lo = start ?? 0;
  let hi = stop ?? size;
  if (!Number.isInteger(lo) || !Number.isInteger(hi)) {
    throw new ValueError('INVALID_ARGUMENT', `slice: 'start' and 'stop' must be integers, got ${formatValue(start)} and ${formatValue(stop)}`);
  }
  if (lo < 0) lo += size;
  if (hi < 0) hi += size;
  lo = lo < 0 ? 0 : lo > size ? size : lo;
  hi = hi < lo ? lo : hi > size ? size : hi;
  const length = Math.ceil((hi - lo) / step);
  const shape = x.shape.slice();
  const strides = x.strides.slice();
  shape[d] = length;
  strides[d] = x.strides[d]! * step;
  return new Tensor(x.storage, shape, x.dtype, strides, length > 0 ? x.offset + lo * x.strides[d]! : x.offset);
}

/**
 * Moves the dims `source` to the positions `destination` (numbers or lists of
 * one length); the other dims keep their order (PyTorch's `movedim`, a permute).
 *
 * @example
 * ```ts
 * movedim(zeros([2, 3, 4]), 0, -1).shape; // [3, 4, 2]
 * ```
 */
export function movedim(x: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  checkTensor(x, 'movedim');
  return permute(x, movedimOrder(x.ndim, source, destination));
}

/** The permutation `movedim(source, destination)` makes of `ndim` dims, with PyTorch's checks. */
function movedimOrder(ndim: number, source: number | readonly number[], destination: number | readonly number[]): number[] {
  const list = (v: number | readonly number[], name: string): readonly number[] => {
    if (typeof v === 'number') return [v];
    if (!Array.isArray(v)) {
      throw new ValueError('INVALID_ARGUMENT', `movedim: '${name}' must be a number or an array of numbers, got ${describeValue(v)}`);
    }
    return v;
  };
  const src = list(source, 'source');
  const dst = list(destination, 'destination');
  if (src.length !== dst.length) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `movedim: Invalid source or destination dims: source (${formatValue(src)} dims) should contain the same number of dims as destination (${formatValue(dst)} dims)`,
    );
  }
  const from = src.map((d) => normalizeDim(d, ndim, 'movedim'));
  const to = dst.map((d) => normalizeDim(d, ndim, 'movedim'));
  if (new Set(from).size !== from.length) throw new ValueError('INVALID_ARGUMENT', `movedim: repeated dim in \`source\` (${formatValue(src)})`);
  if (new Set(to).size !== to.length) throw new ValueError('INVALID_ARGUMENT', `movedim: repeated dim in \`destination\` (${formatValue(dst)})`);
  const order = new Array<number>(ndim).fill(-1);
  for (let i = 0; i < from.length; i++) order[to[i]!] = from[i]!;
  const moved = new Set(from);
  let next = 0;
  for (let d = 0; d < ndim; d++) {
    if (order[d] !== -1) continue;
    while (moved.has(next)) next++;
    order[d] = next++;
  }
  return order;
}

/**
 * `length` elements of `dim` from `start` (negative `start` counts from the end); a view.
 *
 * @example
 * ```ts
 * narrow(arange(5), 0, 1, 3).toArray(); // [1, 2, 3]
 * ```
 */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  checkTensor(x, 'narrow');
  if (x.ndim === 0) throw new IndexError('INVALID_DIM', 'narrow() cannot be applied to a 0-dim tensor.');
  const d = normalizeDim(dim, x.ndim, 'narrow');
  const size = x.shape[d]!;
  checkIndex(start, 'narrow');
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
    throw new ValueError('INVALID_ARGUMENT', `narrow(): length must be a non-negative integer, got ${formatValue(length)}`);
  }
  if (start < -size || start > size) {
    throw new IndexError(
      'INDEX_OUT_OF_RANGE',
      `start out of range (expected to be in range of [${-size}, ${size}], but got ${start})`,
    );
  }
  const s = start < 0 ? start + size : start;
  if (s + length > size) {
    throw new IndexError('INDEX_OUT_OF_RANGE', `start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  }
  return slice(x, d, s, s + length, 1);
}

/**
 * `x` itself when contiguous, else a row-major copy.
 *
 * @example
 * ```ts
 * contiguous(zeros([2, 3]).T).isContiguous(); // true
 * ```
 */
export function contiguous(x: Tensor): Tensor {
  checkTensor(x, 'contiguous');
  if (x.isContiguous()) return x;
  return new Tensor(gatherContiguous(x.storage, x.offset, x.shape, x.strides, x.dtype), x.shape.slice(), x.dtype);
}

/**
 * A copy of `x` with its own storage, laid out as PyTorch's `clone()`
 * (`preserve_format`): a dense view such as a transpose keeps its strides, so
 * `clone(x.T).view(6)` throws as in PyTorch; anything else is row-major. Use
 * {@link contiguous} for a row-major result.
 *
 * @example
 * ```ts
 * const y = clone(x); // y.storage !== x.storage
 * ```
 */
export function clone(x: Tensor): Tensor {
  checkTensor(x, 'clone');
  const copy = preservingCopy(x.storage, x.offset, x.shape, x.strides, x.dtype);
  return new Tensor(copy.storage, x.shape.slice(), x.dtype, copy.strides);
}


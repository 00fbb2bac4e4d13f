/*
 * Indexing by tensors (issue 15): index_select, gather, scatter (with a
 * reduction), scatter_add, take, masked_fill, masked_select, nonzero, with
 * PyTorch 1.13's semantics and messages; and the out-of-place forms of the
 * in-place kernels their gradients use (index_add, put, masked_scatter).
 * Index tensors are int32 (gradlab has no int64). Results are new row-major
 * tensors; odometer loops over the positions, no allocation per element.
 */
import { allocate, castValue, type DType, type TypedArray } from './dtype';
import { DTypeError, IndexError, ShapeError, ValueError, describeValue, formatValue } from './errors';
import { broadcastShapes, broadcastStrides, contiguousStrides, formatShape, normalizeDim, shapeSize } from './shape';
import { copyStrided } from './strided';
import { Tensor, isTensor, resultTensor } from './tensor';

type Storage = TypedArray;

/** `x` as a tensor argument of `op`, or a typed error naming it. */
export function tensorArgument(x: unknown, op: string, name: string): Tensor {
  if (!isTensor(x)) throw new ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be a Tensor, got ${describeValue(x)}`);
  return x;
}

/** An int32 index tensor (gradlab's index dtype; PyTorch's int64). */
export function indexArgument(index: unknown, op: string, name = 'index'): Tensor {
  const t = tensorArgument(index, op, name);
  if (t.dtype !== 'int32') throw new DTypeError(`${op}(): Expected dtype int32 for ${name}, got ${t.dtype}`);
  return t;
}

/** PyTorch's name of a dtype's scalar type in its messages (`Float`, `Double`, `Int`, `Bool`). */
export function scalarTypeName(dtype: DType): string {
  return { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' }[dtype];
}

function maskArgument(mask: unknown, op: string): Tensor {
  const t = tensorArgument(mask, op, 'mask');
  if (t.dtype !== 'bool') throw new DTypeError(`${op}: expected BoolTensor for mask, got ${t.dtype}`);
  return t;
}

/** A row-major copy of `x` broadcast to `shape` (a new storage). */
function copyAs(x: Tensor, shape: readonly number[]): Tensor {
  const out = allocate(x.dtype, shapeSize(shape));
  const strides = broadcastStrides(x.shape, x.strides, shape);
  copyStrided(x.storage, x.offset, shape, strides, out, 0, x.dtype === 'bool');
  return new Tensor(out, shape, x.dtype);
}

/**
 * Calls `body(a, b, c)` at each position of `shape` with the element offsets
 * of three operands (row-major order of the positions).
 */
function walk(
  shape: readonly number[],
  as: readonly number[],
  a0: number,
  bs: readonly number[],
  b0: number,
  cs: readonly number[],
  c0: number,
  body: (a: number, b: number, c: number) => void,
): void {
  const n = shape.length;
  for (let d = 0; d < n; d++) if (shape[d] === 0) return;
  if (n === 0) {
    body(a0, b0, c0);
    return;
  }
  const last = n - 1;
  const len = shape[last]!;
  const sa = as[last]!;
  const sb = bs[last]!;
  const sc = cs[last]!;
  const position = new Array<number>(n).fill(0);
  let a = a0;
  let b = b0;
  let c = c0;
  for (;;) {
    for (let i = 0, ai = a, bi = b, ci = c; i < len; i++, ai += sa, bi += sb, ci += sc) body(ai, bi, ci);
    let k = last - 1;
    for (; k >= 0; k--) {
      position[k]!++;
      a += as[k]!;
      b += bs[k]!;
      c += cs[k]!;
      if (position[k]! < shape[k]!) break;
      a -= as[k]! * shape[k]!;
      b -= bs[k]! * shape[k]!;
      c -= cs[k]! * shape[k]!;
      position[k] = 0;
    }
    if (k < 0) return;
  }
}

// PyTorch's ensure_nonempty: a 0-d tensor counts as one dim of size 1 in gather/scatter.
function sizesOf(t: Tensor): readonly number[] {
  return t.shape.length === 0 ? [1] : t.shape;
}
function stridesOf(t: Tensor): readonly number[] {
  return t.shape.length === 0 ? [0] : t.strides;
}

function outOfBounds(value: number, dim: number, size: number): IndexError {
  return new IndexError('INDEX_OUT_OF_RANGE', `index ${value} is out of bounds for dimension ${dim} with size ${size}`);
}

/**
 * The elements of `x` at the positions `index` (1-D or 0-D, int32) along
 * `dim`, as `torch.index_select`. Negative indices are out of range, as in PyTorch.
 *
 * @example
 * ```ts
 * indexSelect(tensor([[1, 2], [3, 4], [5, 6]]), 0, tensor([2, 0], { dtype: 'int32' })); // [[5, 6], [1, 2]]
 * ```
 */
export function indexSelect(x: Tensor, dim: number, index: Tensor): Tensor {
  const self = tensorArgument(x, 'index_select', 'x');
  const idx = indexArgument(index, 'index_select');
  if (idx.shape.length > 1) throw new IndexError('INDEX_OUT_OF_RANGE', 'index_select(): Index is supposed to be a vector');
  const d = normalizeDim(dim, self.shape.length, 'index_select');
  const count = idx.shape.length === 0 ? 1 : idx.shape[0]!;
  const ids = idx.storage as Int32Array;
  const iStride = idx.shape.length === 0 ? 0 : idx.strides[0]!;
  if (self.shape.length === 0) {
    if (count !== 1) throw new IndexError('INDEX_OUT_OF_RANGE', `index_select(): Index to scalar can have only 1 value, got ${count} value(s)`);
    if (ids[idx.offset] !== 0) throw new IndexError('INDEX_OUT_OF_RANGE', 'index out of range in self');
    return copyAs(self, []);
  }
  const size = self.shape[d]!;
  const shape = self.shape.slice();
  shape[d] = count;
  if (d === 0 && isRowMajor(self.shape, self.strides)) return selectRows(self, ids, idx.offset, iStride, count, shape);
  const out = allocate(self.dtype, shapeSize(shape));
  // the outer dims (before d) are walked; each index copies one block of the inner dims
  const inner = self.shape.slice(d + 1);
  const innerSize = shapeSize(inner);
  const src = self.storage;
  const dStride = self.strides[d]!;
  const contiguousInner = isRowMajor(inner, self.strides.slice(d + 1));
  const innerStrides = self.strides.slice(d + 1);
  const outerShape = self.shape.slice(0, d);
  const outerStrides = self.strides.slice(0, d);
  const bool = self.dtype === 'bool';
  for (let j = 0; j < count; j++) {
    const i = ids[idx.offset + j * iStride]!;
    if (i < 0 || i >= size) throw new IndexError('INDEX_OUT_OF_RANGE', 'index out of range in self');
  }
  let o = 0;
  forEachOffset(outerShape, outerStrides, self.offset, (base) => {
    for (let j = 0; j < count; j++) {
      const start = base + ids[idx.offset + j * iStride]! * dStride;
      if (contiguousInner) {
        for (let k = 0; k < innerSize; k++) out[o + k] = src[start + k]!;
      } else {
        copyStrided(src, start, inner, innerStrides, out, o, bool);
      }
      o += innerSize;
    }
  });
  return new Tensor(out, shape, self.dtype);
}

/**
 * @internal The mini-batch case: whole rows of a row-major tensor, one block
 * copy per index (`negative`: indices may count from the end, as `x[ids]`).
 */
export function selectRows(
  self: Tensor,
  ids: Int32Array,
  at: number,
  step: number,
  count: number,
  shape: readonly number[],
  negative = false,
): Tensor {
  const size = self.shape[0]!;
  const row = size === 0 ? 0 : self.numel() / size;
  const out = allocate(self.dtype, count * row);
  const src = self.storage;
  const base = self.offset;
  for (let j = 0, o = 0; j < count; j++, o += row) {
    let i = ids[at + j * step]!;
    if (negative && i < 0 && i >= -size) i += size;
    else if (i < 0 || i >= size) {
      throw new IndexError('INDEX_OUT_OF_RANGE', negative ? `index ${i} is out of bounds for dimension 0 with size ${size}` : 'index out of range in self');
    }
    const start = base + i * row;
    if (row > 64) out.set(src.subarray(start, start + row), o);
    else for (let k = 0; k < row; k++) out[o + k] = src[start + k]!;
  }
  return resultTensor(out, shape, self.dtype, contiguousStrides(shape), 0);
}

/** @internal `true` when `strides` are row-major for `shape` (size-1 dims aside). */
export function isRowMajor(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== expected) return false;
    expected *= shape[i]!;
  }
  return true;
}

/** Calls `body(offset)` for each position of `shape` (row-major), with the element offset. */
function forEachOffset(shape: readonly number[], strides: readonly number[], offset: number, body: (offset: number) => void): void {
  const zeros = new Array<number>(shape.length).fill(0);
  walk(shape, strides, offset, zeros, 0, zeros, 0, (a) => body(a));
}

/** Checks gather's index against `self` (PyTorch's gather_shape_check). */
function checkGather(self: Tensor, dim: number, index: Tensor): void {
  const selfDims = sizesOf(self).length;
  if (sizesOf(index).length !== selfDims) {
    throw new ShapeError('SHAPE_MISMATCH', 'Index tensor must have the same number of dimensions as input tensor');
  }
  const s = sizesOf(self);
  const i = sizesOf(index);
  for (let d = 0; d < selfDims; d++) {
    if (d !== dim && i[d]! > s[d]!) {
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `Size does not match at dimension ${d} expected index ${formatShape(index.shape)} to be smaller than self ${formatShape(self.shape)} apart from dimension ${dim}`,
      );
    }
  }
}

/**
 * `out[i][j] = x[index[i][j]][j]` along `dim = 0` (and so on for other dims),
 * as `torch.gather`: `index` (int32) has `x`'s number of dims and no larger
 * size than `x` apart from `dim`; the result has `index`'s shape.
 *
 * @example
 * ```ts
 * gather(tensor([[1, 2], [3, 4]]), 1, tensor([[0, 0], [1, 0]], { dtype: 'int32' })); // [[1, 1], [4, 3]]
 * ```
 */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  const self = tensorArgument(x, 'gather', 'x');
  const idx = indexArgument(index, 'gather');
  const d = normalizeDim(dim, self.shape.length, 'gather');
  checkGather(self, d, idx);
  const shape = idx.shape;
  const out = allocate(self.dtype, shapeSize(shape));
  const src = self.storage;
  const ids = idx.storage as Int32Array;
  const size = sizesOf(self)[d]!;
  const dStride = stridesOf(self)[d]!;
  const outer = stridesOf(self).slice();
  outer[d] = 0;
  walk(sizesOf(idx), outer, self.offset, stridesOf(idx), idx.offset, contiguousStrides(sizesOf(idx)), 0, (a, b, c) => {
    const i = ids[b]!;
    if (i < 0 || i >= size) throw outOfBounds(i, d, size);
    out[c] = src[a + i * dStride]!;
  });
  return new Tensor(out, shape, self.dtype);
}

/** How `scatter` combines a value with the one already there (PyTorch's `reduce`). */
export type ScatterReduce = 'add' | 'multiply';

/** Options of {@link scatter}. */
export interface ScatterOptions {
  /** Combine with the existing value instead of replacing it: `'add'` or `'multiply'`. */
  reduce?: ScatterReduce;
}

// how a value lands in the result
type Combine = (out: Storage, at: number, value: number) => void;

function combiner(dtype: DType, reduce: ScatterReduce | 'assign'): Combine {
  if (reduce === 'assign') return (out, at, value) => (out[at] = value);
  if (dtype === 'bool') {
    return reduce === 'add'
      ? (out, at, value) => (out[at] = out[at]! !== 0 || value !== 0 ? 1 : 0)
      : (out, at, value) => (out[at] = out[at]! !== 0 && value !== 0 ? 1 : 0);
  }
  if (dtype === 'int32') {
    return reduce === 'add' ? (out, at, value) => (out[at] = (out[at]! + value) | 0) : (out, at, value) => (out[at] = Math.imul(out[at]!, value));
  }
  return reduce === 'add' ? (out, at, value) => (out[at] = out[at]! + value) : (out, at, value) => (out[at] = out[at]! * value);
}

function reduceOption(options: ScatterOptions | undefined, op: string): ScatterReduce | 'assign' {
  if (options === undefined || options === null) return 'assign';
  if (typeof options !== 'object') {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'options' must be an object such as { reduce: 'add' }, got ${describeValue(options)}`);
  }
  const reduce = options.reduce;
  if (reduce === undefined) return 'assign';
  if (reduce !== 'add' && reduce !== 'multiply') throw new ValueError('INVALID_ARGUMENT', 'reduce argument must be either add or multiply.');
  return reduce;
}

/** The shared body of scatter and scatter_add: a copy of `self` with `src` (or `value`) written at `index` along `dim`. */
function scatterInto(op: string, self: Tensor, dim: number, idx: Tensor, src: Tensor | number, reduce: ScatterReduce | 'assign'): Tensor {
  const d = normalizeDim(dim, self.shape.length, op);
  const selfSizes = sizesOf(self);
  const indexSizes = sizesOf(idx);
  if (indexSizes.length !== selfSizes.length) {
    throw new ShapeError('SHAPE_MISMATCH', 'Index tensor must have the same number of dimensions as self tensor');
  }
  if (src instanceof Tensor || isTensor(src)) {
    const s = src as Tensor;
    if (sizesOf(s).length !== indexSizes.length) {
      throw new ShapeError('SHAPE_MISMATCH', 'Index tensor must have the same number of dimensions as src tensor');
    }
    // PyTorch's scatter_add runs scatter's check (its message names scatter() for both)
    if (s.dtype !== self.dtype) throw new DTypeError('scatter(): Expected self.dtype to be equal to src.dtype');
    const srcSizes = sizesOf(s);
    for (let k = 0; k < indexSizes.length; k++) {
      if ((k !== d && indexSizes[k]! > selfSizes[k]!) || indexSizes[k]! > srcSizes[k]!) {
        throw new ShapeError(
          'SHAPE_MISMATCH',
          `Expected index ${formatShape(idx.shape)} to be smaller than self ${formatShape(self.shape)} apart from dimension ${d} and to be smaller size than src ${formatShape(s.shape)}`,
        );
      }
    }
  } else {
    for (let k = 0; k < indexSizes.length; k++) {
      if (k !== d && indexSizes[k]! > selfSizes[k]!) {
        throw new ShapeError(
          'SHAPE_MISMATCH',
          `Expected index ${formatShape(idx.shape)} to be smaller than self ${formatShape(self.shape)} apart from dimension ${d}`,
        );
      }
    }
  }
  const result = copyAs(self, self.shape);
  const out = result.storage;
  const outStrides = contiguousStrides(selfSizes);
  const dStride = outStrides[d]!;
  const size = selfSizes[d]!;
  outStrides[d] = 0;
  const ids = idx.storage as Int32Array;
  const combine = combiner(self.dtype, reduce);
  if (typeof src === 'number') {
    const value = castValue(src, self.dtype);
    walk(indexSizes, outStrides, 0, stridesOf(idx), idx.offset, outStrides, 0, (a, b) => {
      const i = ids[b]!;
      if (i < 0 || i >= size) throw outOfBounds(i, d, size);
      combine(out, a + i * dStride, value);
    });
  } else {
    const values = src.storage;
    walk(indexSizes, outStrides, 0, stridesOf(idx), idx.offset, stridesOf(src), src.offset, (a, b, c) => {
      const i = ids[b]!;
      if (i < 0 || i >= size) throw outOfBounds(i, d, size);
      combine(out, a + i * dStride, values[c]!);
    });
  }
  return result;
}

function scalarOrTensor(value: unknown, op: string, name: string): Tensor | number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return tensorArgument(value, op, name);
}

/**
 * A copy of `x` with `src` (a tensor, read at the positions of `index`, or one
 * number) written at `index` along `dim`, as `torch.scatter`:
 * `out[index[i][j]][j] = src[i][j]` for `dim = 0`. With `{ reduce: 'add' }`
 * or `'multiply'` the values are combined with the existing ones.
 *
 * @example
 * ```ts
 * scatter(zeros([2, 3]), 1, tensor([[2], [0]], { dtype: 'int32' }), 5); // [[0, 0, 5], [5, 0, 0]]
 * ```
 */
export function scatter(x: Tensor, dim: number, index: Tensor, src: Tensor | number | boolean, options?: ScatterOptions): Tensor {
  const self = tensorArgument(x, 'scatter', 'x');
  const idx = indexArgument(index, 'scatter');
  const value = scalarOrTensor(src, 'scatter', 'src');
  return scatterInto('scatter', self, dim, idx, value, reduceOption(options, 'scatter'));
}

/**
 * A copy of `x` with `src` added at `index` along `dim`, as `torch.scatter_add`
 * (repeated indices accumulate, in the order of `index`'s elements).
 *
 * @example
 * ```ts
 * scatterAdd(zeros([3]), 0, tensor([0, 0, 2], { dtype: 'int32' }), tensor([1, 2, 3])); // [3, 0, 3]
 * ```
 */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const self = tensorArgument(x, 'scatter_add', 'x');
  const idx = indexArgument(index, 'scatter_add');
  const source = tensorArgument(src, 'scatter_add', 'src');
  return scatterInto('scatter_add', self, dim, idx, source, 'add');
}

function flatIndex(i: number, numel: number): number {
  if (i < -numel || i >= numel) {
    throw new IndexError('INDEX_OUT_OF_RANGE', `out of range: tried to access index ${i} on a tensor of ${numel} elements.`);
  }
  return i < 0 ? i + numel : i;
}

/**
 * The elements of `x` (read as 1-D, row-major) at `index` (int32, any shape;
 * negative values count from the end), as `torch.take`; the result has
 * `index`'s shape.
 *
 * @example
 * ```ts
 * take(tensor([[1, 2], [3, 4]]), tensor([3, -4], { dtype: 'int32' })); // [4, 1]
 * ```
 */
export function take(x: Tensor, index: Tensor): Tensor {
  const self = tensorArgument(x, 'take', 'x');
  const idx = indexArgument(index, 'take');
  const flat = copyAs(self, self.shape).storage;
  const numel = flat.length;
  const out = allocate(self.dtype, idx.numel());
  const ids = idx.storage as Int32Array;
  let o = 0;
  forEachOffset(idx.shape, idx.strides, idx.offset, (b) => {
    out[o++] = flat[flatIndex(ids[b]!, numel)]!;
  });
  return new Tensor(out, idx.shape, self.dtype);
}

/**
 * Internal (`@gradlab/tensor/internal`): a copy of `x` with `source` written (or added, `accumulate`) at the
 * flat positions `index`, as `Tensor.put` (the gradient of `take`).
 */
export function put(x: Tensor, index: Tensor, source: Tensor, accumulate: boolean): Tensor {
  const self = tensorArgument(x, 'put', 'x');
  const idx = indexArgument(index, 'put');
  const src = tensorArgument(source, 'put', 'source');
  if (src.dtype !== self.dtype) {
    throw new DTypeError(
      `put_(): self and source expected to have the same dtype, but got self.dtype = ${scalarTypeName(self.dtype)} and source.dtype = ${scalarTypeName(src.dtype)}`,
    );
  }
  if (src.numel() !== idx.numel()) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `put_(): Expected source and index to have the same number of elements, but got source.numel() = ${src.numel()}, index.numel() = ${idx.numel()}`,
    );
  }
  const result = copyAs(self, self.shape);
  const out = result.storage;
  const values = copyAs(src, src.shape).storage;
  const combine = combiner(self.dtype, accumulate ? 'add' : 'assign');
  const ids = idx.storage as Int32Array;
  let k = 0;
  forEachOffset(idx.shape, idx.strides, idx.offset, (b) => {
    combine(out, flatIndex(ids[b]!, out.length), values[k++]!);
  });
  return result;
}

/**
 * Internal (`@gradlab/tensor/internal`): a copy of `x` with `source` added at `index` along `dim`, as
 * `Tensor.index_add` (the gradient of `index_select`).
 */
export function indexAdd(x: Tensor, dim: number, index: Tensor, source: Tensor): Tensor {
  const self = tensorArgument(x, 'index_add', 'x');
  const idx = indexArgument(index, 'index_add');
  const src = tensorArgument(source, 'index_add', 'source');
  if (src.dtype !== self.dtype) {
    throw new DTypeError(`index_add_(): self (${scalarTypeName(self.dtype)}) and source (${scalarTypeName(src.dtype)}) must have the same scalar type`);
  }
  const d = normalizeDim(dim, self.shape.length, 'index_add');
  const result = copyAs(self, self.shape);
  const out = result.storage;
  const ids = idx.storage as Int32Array;
  const iStride = idx.shape.length === 0 ? 0 : idx.strides[0]!;
  const count = idx.numel();
  if (self.shape.length === 0) {
    for (let j = 0; j < count; j++) out[0] = out[0]! + src.storage[src.offset]!;
    return result;
  }
  const size = self.shape[d]!;
  const outStrides = contiguousStrides(self.shape);
  const dStride = outStrides[d]!;
  // source has self's shape with `count` along d: walk it, mapping its d-coordinate through index
  const srcShape = self.shape.slice();
  srcShape[d] = count;
  const srcStrides = src.shape.length === 0 ? srcShape.map(() => 0) : src.strides;
  const walkStrides = outStrides.slice();
  walkStrides[d] = 0;
  const idStrides = srcShape.map(() => 0);
  idStrides[d] = iStride;
  const combine = combiner(self.dtype, 'add');
  walk(srcShape, walkStrides, 0, idStrides, idx.offset, srcStrides, src.offset, (a, b, c) => {
    const i = ids[b]!;
    if (i < 0 || i >= size) throw new IndexError('INDEX_OUT_OF_RANGE', `index out of range in self`);
    combine(out, a + i * dStride, src.storage[c]!);
  });
  return result;
}

function fillValue(value: unknown, op: string): number | Tensor {
  if (typeof value === 'number' || typeof value === 'boolean') return +value;
  const t = tensorArgument(value, op, 'value');
  if (t.shape.length !== 0) {
    throw new ShapeError(
      'INVALID_SHAPE',
      `masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${t.shape.length} dimension(s).`,
    );
  }
  return t;
}

/**
 * A copy of `x` with `value` (a number or a 0-d tensor, cast to `x`'s dtype)
 * where the bool `mask` is true, as `torch.masked_fill`; `mask` broadcasts
 * with `x` (the result has the broadcast shape).
 *
 * @example
 * ```ts
 * maskedFill(tensor([1, 2, 3]), tensor([true, false, true]), 0); // [0, 2, 0]
 * ```
 */
export function maskedFill(x: Tensor, mask: Tensor, value: number | boolean | Tensor): Tensor {
  const self = tensorArgument(x, 'masked_fill', 'x');
  const m = maskArgument(mask, 'masked_fill');
  const v = fillValue(value, 'masked_fill');
  const fill = castValue(typeof v === 'number' ? v : v.storage[v.offset]!, self.dtype);
  const shape = broadcastShapes(self.shape, m.shape);
  const result = copyAs(self, shape);
  const out = result.storage;
  const bits = m.storage;
  let o = 0;
  forEachOffset(shape, broadcastStrides(m.shape, m.strides, shape), m.offset, (b) => {
    if (bits[b] !== 0) out[o] = fill;
    o++;
  });
  return result;
}

/**
 * The elements of `x` where the bool `mask` is true (both broadcast), as a
 * 1-D tensor in row-major order, as `torch.masked_select`.
 *
 * @example
 * ```ts
 * maskedSelect(tensor([[1, 2], [3, 4]]), tensor([true, false])); // [1, 3]
 * ```
 */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  const self = tensorArgument(x, 'masked_select', 'x');
  const m = tensorArgument(mask, 'masked_select', 'mask');
  if (m.dtype !== 'bool') throw new DTypeError('masked_select: expected BoolTensor or ByteTensor for mask');
  const shape = broadcastShapes(m.shape, self.shape);
  const bits = m.storage;
  const values = self.storage;
  const picked: number[] = [];
  walk(
    shape,
    broadcastStrides(m.shape, m.strides, shape),
    m.offset,
    broadcastStrides(self.shape, self.strides, shape),
    self.offset,
    shape.map(() => 0),
    0,
    (a, b) => {
      if (bits[a] !== 0) picked.push(values[b]!);
    },
  );
  const out = allocate(self.dtype, picked.length);
  for (let i = 0; i < picked.length; i++) out[i] = picked[i]!;
  return new Tensor(out, [picked.length], self.dtype);
}

/**
 * Internal (`@gradlab/tensor/internal`): a copy of `x` (broadcast with `mask`) whose elements where `mask`
 * is true are taken in order from `source`, as `Tensor.masked_scatter` (the
 * gradient of `masked_select`).
 */
export function maskedScatter(x: Tensor, mask: Tensor, source: Tensor): Tensor {
  const self = tensorArgument(x, 'masked_scatter', 'x');
  const m = maskArgument(mask, 'masked_scatter');
  const src = tensorArgument(source, 'masked_scatter', 'source');
  if (src.dtype !== self.dtype) {
    // PyTorch 1.13's wording, missing space included
    throw new DTypeError(`masked_scatter: expected self and source to have same dtypes but got${scalarTypeName(self.dtype)} and ${scalarTypeName(src.dtype)}`);
  }
  const shape = broadcastShapes(self.shape, m.shape);
  const result = copyAs(self, shape);
  const out = result.storage;
  const values = copyAs(src, src.shape).storage;
  const bits = m.storage;
  let o = 0;
  let k = 0;
  forEachOffset(shape, broadcastStrides(m.shape, m.strides, shape), m.offset, (b) => {
    if (bits[b] !== 0) {
      if (k >= values.length) throw new ShapeError('SHAPE_MISMATCH', 'masked_scatter: expected source to have at least as many elements as ones in mask');
      out[o] = values[k++]!;
    }
    o++;
  });
  return result;
}

/** Options of {@link nonzero}. */
export interface NonzeroOptions {
  /** Return one 1-D index tensor per dim (PyTorch's `as_tuple=True`) instead of one `[count, ndim]` tensor. */
  asTuple?: boolean;
}

/**
 * The indices of the non-zero elements of `x`, as `torch.nonzero`: an int32
 * tensor of shape `[count, ndim]` in row-major order, or with `{ asTuple: true }`
 * one 1-D tensor per dim (a 0-d `x` counts as 1-D there, as in PyTorch).
 *
 * @example
 * ```ts
 * nonzero(tensor([[0, 1], [2, 0]])); // [[0, 1], [1, 0]]
 * nonzero(tensor([0, 3, 4]), { asTuple: true }); // [tensor([1, 2])]
 * ```
 */
export function nonzero(x: Tensor): Tensor;
export function nonzero(x: Tensor, options: NonzeroOptions & { asTuple: true }): Tensor[];
export function nonzero(x: Tensor, options?: NonzeroOptions): Tensor | Tensor[];
export function nonzero(x: Tensor, options?: NonzeroOptions): Tensor | Tensor[] {
  const self = tensorArgument(x, 'nonzero', 'x');
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw new ValueError('INVALID_ARGUMENT', `nonzero: 'options' must be an object such as { asTuple: true }, got ${describeValue(options)}`);
  }
  const asTuple = options?.asTuple ?? false;
  if (typeof asTuple !== 'boolean') throw new ValueError('INVALID_ARGUMENT', `nonzero: 'asTuple' must be a boolean, got ${formatValue(asTuple)}`);
  const shape = self.shape;
  const ndim = shape.length;
  const values = self.storage;
  const found: number[] = [];
  let count = 0;
  const position = new Array<number>(ndim).fill(0);
  forEachOffset(shape, self.strides, self.offset, (a) => {
    const v = values[a]!;
    if (v !== 0) {
      // NaN is non-zero, as in C
      count++;
      for (let d = 0; d < ndim; d++) found.push(position[d]!);
    }
    for (let d = ndim - 1; d >= 0; d--) {
      if (++position[d]! < shape[d]!) break;
      position[d] = 0;
    }
  });
  if (asTuple) {
    if (ndim === 0) {
      const out = new Int32Array(count);
      return [new Tensor(out, [count], 'int32')];
    }
    const columns: Tensor[] = [];
    for (let d = 0; d < ndim; d++) {
      const out = new Int32Array(count);
      for (let i = 0; i < count; i++) out[i] = found[i * ndim + d]!;
      columns.push(new Tensor(out, [count], 'int32'));
    }
    return columns;
  }
  return new Tensor(Int32Array.from(found), [count, ndim], 'int32');
}

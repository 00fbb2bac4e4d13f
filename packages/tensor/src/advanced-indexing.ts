/*
 * PyTorch's `x[...]` (issue 15): an index spec of numbers, slices, `null`
 * (None), '...' (Ellipsis), booleans, int32 tensors (or arrays of integers)
 * and bool masks. As in PyTorch (torch/csrc/autograd/python_variable_indexing
 * and ATen's TensorIndexing), numbers, slices, `null` and '...' are applied
 * first as views (select, slice, unsqueeze), left to right; the tensor
 * indices left over are then applied at once by advanced indexing
 * (`at::index`): bool masks become their nonzero indices, the index tensors
 * broadcast together, and the result's indexed dims go where the indexed dims
 * were when those are adjacent, else first. `indexPut` is `at::index_put`.
 */
import { allocate, castValue, type DType } from './dtype';
import { DTypeError, IndexError, ShapeError, ValueError, describeValue, formatValue } from './errors';
import { isRowMajor, nonzero, scalarTypeName, selectRows } from './indexing';
import { broadcastStrides, contiguousStrides, formatShape, shapeSize } from './shape';
import { Tensor, isTensor } from './tensor';
import * as views from './views';

/**
 * A slice of one dim, Python's `start:stop:step` (each part optional; `step`
 * positive). The string forms `':'`, `'1:'`, `':-1'`, `'::2'`, `'1:5:2'` mean the same.
 */
export interface Slice {
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}

/**
 * One entry of an index spec, as in `x[a, b, ...]`: a number (a select), a
 * {@link Slice} or its string form (`'1:3'`), `null` (None: a new dim of size 1),
 * `'...'` (Ellipsis), a boolean (PyTorch's `x[True]`), an int32 tensor or an
 * array of integers (advanced indexing) or a bool tensor (a mask).
 */
export type IndexItem = number | boolean | null | string | Slice | Tensor | readonly number[];

/**
 * Python's slice `start:stop:step` as a {@link Slice} (PyTorch's `x[1:5:2]` is
 * `index(x, sl(1, 5, 2))`; `sl()` is `:`).
 *
 * @example
 * ```ts
 * index(arange(10), sl(1, null, 3)); // tensor([1, 4, 7])
 * ```
 */
export function sl(start?: number | null, stop?: number | null, step?: number | null): Slice {
  return { start: start ?? null, stop: stop ?? null, step: step ?? null };
}

/** One view step of an index spec, replayed by `@gradlab/autograd` with its own views. */
export type IndexStep =
  | { readonly kind: 'select'; readonly dim: number; readonly index: number }
  | { readonly kind: 'slice'; readonly dim: number; readonly start: number | null; readonly stop: number | null; readonly step: number }
  | { readonly kind: 'unsqueeze'; readonly dim: number };

/** Internal (`@gradlab/tensor/internal`): an index spec resolved: the view steps, then the advanced indices of the viewed tensor (`null`: a whole dim). */
export interface IndexPlan {
  readonly steps: readonly IndexStep[];
  readonly indices: readonly (Tensor | null)[];
}

const SLICE_STRING = /^\s*(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?\s*)?$/;

function parseSlice(item: string, op: string): Slice {
  const match = SLICE_STRING.exec(item);
  if (match === null) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: an index string must be '...' or a slice such as '1:3', '::2' or ':', got '${item}'`);
  }
  const part = (s: string | undefined) => (s === undefined ? null : Number(s));
  return { start: part(match[1]), stop: part(match[2]), step: part(match[3]) };
}

function isSlice(item: unknown): item is Slice {
  return typeof item === 'object' && item !== null && !Array.isArray(item) && !isTensor(item) && Object.getPrototypeOf(item) === Object.prototype;
}

function checkSliceParts(s: Slice, op: string): { start: number | null; stop: number | null; step: number } {
  for (const key of Object.keys(s)) {
    if (key !== 'start' && key !== 'stop' && key !== 'step') {
      throw new ValueError('INVALID_ARGUMENT', `${op}: a slice has the keys start, stop and step, got '${key}'`);
    }
  }
  const part = (v: unknown, name: string): number | null => {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new ValueError('INVALID_ARGUMENT', `${op}: slice ${name} must be an integer or null, got ${formatValue(v)}`);
    }
    return v;
  };
  const step = part(s.step, 'step') ?? 1;
  if (step === 0) throw new ValueError('INVALID_ARGUMENT', 'slice step cannot be zero');
  if (step < 0) throw new ValueError('INVALID_ARGUMENT', 'step must be greater than zero');
  return { start: part(s.start, 'start'), stop: part(s.stop, 'stop'), step };
}

/** An array of integers as an int32 index tensor (PyTorch's `x[[0, 2]]`). */
function arrayIndex(item: readonly unknown[], op: string): Tensor {
  const flat: number[] = [];
  const shape: number[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (Array.isArray(value)) {
      if (shape.length <= depth) shape.push(value.length);
      else if (shape[depth] !== value.length) throw new ValueError('INVALID_ARGUMENT', `${op}: a nested index array must not be ragged`);
      for (const v of value) visit(v, depth + 1);
      return;
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || depth !== shape.length) {
      throw new ValueError('INVALID_ARGUMENT', `${op}: an index array must hold integers, got ${describeValue(value)}`);
    }
    flat.push(value);
  };
  visit(item, 0);
  return new Tensor(Int32Array.from(flat), shape, 'int32');
}

/**
 * Resolves an index spec against a tensor of `ndim` dims: PyTorch's
 * applySlicing (numbers select, slices slice, `null` and booleans unsqueeze,
 * '...' skips the dims the other entries leave; tensors are recorded at the
 * dim they index).
 */
export function planIndex(ndim: number, spec: readonly unknown[], op = 'index'): IndexPlan {
  if (!Array.isArray(spec)) throw new ValueError('INVALID_ARGUMENT', `${op}: the indices must be an array, got ${describeValue(spec)}`);
  let specified = 0;
  let ellipses = 0;
  for (const item of spec) {
    if (item === null || typeof item === 'boolean') continue;
    if (item === '...') ellipses++;
    // a bool mask covers as many dims as it has (a 0-d one none: it adds a dim, as `null`)
    else if (isTensor(item)) specified += item.dtype === 'bool' ? item.shape.length : 1;
    else specified++;
  }
  if (ellipses > 1) throw new IndexError('INDEX_OUT_OF_RANGE', 'an index can only have a single ellipsis');
  if (specified > ndim) throw new IndexError('INDEX_OUT_OF_RANGE', `too many indices for tensor of dimension ${ndim}`);
  const steps: IndexStep[] = [];
  const indices: (Tensor | null)[] = [];
  const record = (t: Tensor, dim: number): void => {
    while (indices.length < dim) indices.push(null);
    indices[dim] = t;
  };
  let dim = 0;
  for (const item of spec) {
    if (typeof item === 'number') {
      if (!Number.isInteger(item)) throw new ValueError('INVALID_ARGUMENT', `${op}: an index number must be an integer, got ${formatValue(item)}`);
      steps.push({ kind: 'select', dim, index: item });
    } else if (item === null) {
      steps.push({ kind: 'unsqueeze', dim });
      dim++;
    } else if (typeof item === 'boolean') {
      steps.push({ kind: 'unsqueeze', dim });
      record(item ? new Tensor(new Int32Array([0]), [1], 'int32') : new Tensor(new Int32Array(0), [0], 'int32'), dim);
      dim++;
    } else if (item === '...') {
      dim += ndim - specified;
    } else if (typeof item === 'string') {
      steps.push({ kind: 'slice', dim, ...checkSliceParts(parseSlice(item, op), op) });
      dim++;
    } else if (isTensor(item)) {
      if (item.dtype === 'float32' || item.dtype === 'float64') {
        throw new IndexError('INDEX_OUT_OF_RANGE', 'tensors used as indices must be long, byte or bool tensors');
      }
      if (item.shape.length === 0 && item.dtype === 'int32') {
        steps.push({ kind: 'select', dim, index: item.storage[item.offset]! });
      } else if (item.shape.length === 0) {
        steps.push({ kind: 'unsqueeze', dim });
        record(item.storage[item.offset] ? new Tensor(new Int32Array([0]), [1], 'int32') : new Tensor(new Int32Array(0), [0], 'int32'), dim);
        dim++;
      } else {
        record(item, dim);
        dim++;
      }
    } else if (Array.isArray(item)) {
      record(arrayIndex(item, op), dim);
      dim++;
    } else if (isSlice(item)) {
      steps.push({ kind: 'slice', dim, ...checkSliceParts(item, op) });
      dim++;
    } else {
      throw new ValueError(
        'INVALID_ARGUMENT',
        `${op}: an index must be a number, a slice (sl(start, stop, step) or '1:3'), null, '...', a boolean, an int32 or bool tensor or an array of integers, got ${describeValue(item)}`,
      );
    }
  }
  return { steps, indices };
}

/** Applies one view step of a plan to a base tensor (PyTorch's messages for an out-of-range number). */
export function applyStep(x: Tensor, step: IndexStep): Tensor {
  switch (step.kind) {
    case 'select': {
      if (x.shape.length === 0) {
        throw new IndexError(
          'INDEX_OUT_OF_RANGE',
          'invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ to convert a 0-dim tensor to a number',
        );
      }
      const size = x.shape[step.dim]!;
      if (step.index < -size || step.index >= size) {
        throw new IndexError('INDEX_OUT_OF_RANGE', `index ${step.index} is out of bounds for dimension ${step.dim} with size ${size}`);
      }
      return views.select(x, step.dim, step.index);
    }
    case 'slice':
      return views.slice(x, step.dim, step.start, step.stop, step.step);
    case 'unsqueeze':
      return views.unsqueeze(x, step.dim);
  }
}

/** The advanced indices made ready: bool masks as their nonzero indices, everything broadcast. */
interface Resolved {
  /** the indexed dims of x, in order */
  dims: number[];
  /** one int32 index per indexed dim, broadcast to `shape` (strides may be 0) */
  tensors: Tensor[];
  /** the broadcast shape of the indices */
  shape: number[];
  /** where the indexed block goes in the result: its first dim (adjacent dims), or 0 */
  at: number;
}

function resolve(x: Tensor, indices: readonly (Tensor | null)[], op: string): Resolved {
  const ndim = x.shape.length;
  const dims: number[] = [];
  const tensors: Tensor[] = [];
  let dim = 0;
  for (const index of indices) {
    if (index === null || index === undefined) {
      dim++;
      continue;
    }
    if (index.dtype === 'bool') {
      const k = index.shape.length;
      if (dim + k > ndim) throw new IndexError('INDEX_OUT_OF_RANGE', `too many indices for tensor of dimension ${ndim} (got ${dim + k})`);
      for (let j = 0; j < k; j++) {
        if (index.shape[j] !== x.shape[dim + j]) {
          throw new IndexError(
            'INDEX_OUT_OF_RANGE',
            `The shape of the mask ${formatShape(index.shape)} at index ${j} does not match the shape of the indexed tensor ${formatShape(x.shape)} at index ${dim + j}`,
          );
        }
      }
      const columns = nonzero(index, { asTuple: true });
      for (let j = 0; j < k; j++) {
        dims.push(dim + j);
        tensors.push(columns[j]!);
      }
      dim += k;
      continue;
    }
    if (index.dtype !== 'int32') throw new IndexError('INDEX_OUT_OF_RANGE', 'tensors used as indices must be long, byte or bool tensors');
    if (dim >= ndim) throw new IndexError('INDEX_OUT_OF_RANGE', `too many indices for tensor of dimension ${ndim} (got ${dim + 1})`);
    dims.push(dim);
    tensors.push(index);
    dim++;
  }
  let shape: number[] = [];
  for (let i = 0; i < tensors.length; i++) {
    const s = tensors[i]!.shape;
    const n = Math.max(shape.length, s.length);
    const out = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      const a = shape[shape.length - n + k] ?? 1;
      const b = s[s.length - n + k] ?? 1;
      if (a !== b && a !== 1 && b !== 1) {
        throw new IndexError(
          'INDEX_OUT_OF_RANGE',
          `shape mismatch: indexing tensors could not be broadcast together with shapes ${tensors.map((t) => formatShape(t.shape)).join(', ')}`,
        );
      }
      out[k] = a === 1 ? b : a;
    }
    shape = out;
  }
  let adjacent = true;
  for (let i = 1; i < dims.length; i++) if (dims[i] !== dims[i - 1]! + 1) adjacent = false;
  return { dims, tensors, shape, at: adjacent ? (dims[0] ?? 0) : 0 };
}

/** The element offsets (with `strides`) each broadcast index position picks, bounds-checked. */
function indexOffsets(r: Resolved, sizes: readonly number[], strides: readonly number[]): Float64Array {
  const count = shapeSize(r.shape);
  const offsets = new Float64Array(count);
  const n = r.shape.length;
  for (let j = 0; j < r.tensors.length; j++) {
    const t = r.tensors[j]!;
    const d = r.dims[j]!;
    const size = sizes[d]!;
    const stride = strides[d]!;
    const ts = broadcastStrides(t.shape, t.strides, r.shape);
    const data = t.storage;
    const position = new Array<number>(n).fill(0);
    let at = t.offset;
    for (let k = 0; k < count; k++) {
      let i = data[at]!;
      // NOTE: PyTorch names the position among the index tensors, not the dim of x
      if (i < -size || i >= size) throw new IndexError('INDEX_OUT_OF_RANGE', `index ${i} is out of bounds for dimension ${j} with size ${size}`);
      if (i < 0) i += size;
      offsets[k] = offsets[k]! + i * stride;
      for (let q = n - 1; q >= 0; q--) {
        at += ts[q]!;
        if (++position[q]! < r.shape[q]!) break;
        at -= ts[q]! * r.shape[q]!;
        position[q] = 0;
      }
    }
  }
  return offsets;
}

/** Offsets of every position of the dims `dims` of a tensor (row-major over those dims). */
function restOffsets(dims: readonly number[], sizes: readonly number[], strides: readonly number[]): Float64Array {
  const shape = dims.map((d) => sizes[d]!);
  const count = shapeSize(shape);
  const out = new Float64Array(count);
  const position = new Array<number>(dims.length).fill(0);
  let at = 0;
  for (let k = 0; k < count; k++) {
    out[k] = at;
    for (let q = dims.length - 1; q >= 0; q--) {
      at += strides[dims[q]!]!;
      if (++position[q]! < shape[q]!) break;
      at -= strides[dims[q]!]! * shape[q]!;
      position[q] = 0;
    }
  }
  return out;
}

/** The layout of an advanced-indexing result: the dims before and after the indexed block, and the shape. */
function layout(x: Tensor, r: Resolved): { before: number[]; after: number[]; shape: number[] } {
  const indexed = new Set(r.dims);
  const rest: number[] = [];
  for (let d = 0; d < x.shape.length; d++) if (!indexed.has(d)) rest.push(d);
  const before = rest.filter((d) => d < r.at);
  const after = rest.filter((d) => d >= r.at);
  const shape = [...before.map((d) => x.shape[d]!), ...r.shape, ...after.map((d) => x.shape[d]!)];
  return { before, after, shape };
}

function checkIndices(indices: unknown, op: string): (Tensor | null)[] {
  if (!Array.isArray(indices)) throw new ValueError('INVALID_ARGUMENT', `${op}: 'indices' must be an array of tensors (or null), got ${describeValue(indices)}`);
  return indices.map((t, i) => {
    if (t === null || t === undefined) return null;
    if (Array.isArray(t)) return arrayIndex(t, op);
    if (!isTensor(t)) throw new ValueError('INVALID_ARGUMENT', `${op}: 'indices[${i}]' must be a tensor or null, got ${describeValue(t)}`);
    return t;
  });
}

/**
 * PyTorch's `at::index(x, indices)`: advanced indexing by a list of int32 (or
 * bool) tensors, `null` standing for a whole dim. A new row-major tensor.
 *
 * @example
 * ```ts
 * advancedIndex(arange(6).reshape([2, 3]), [null, tensor([2, 0], { dtype: 'int32' })]); // [[2, 0], [5, 3]]
 * ```
 */
export function advancedIndex(x: Tensor, indices: readonly (Tensor | null)[], op = 'index'): Tensor {
  if (!isTensor(x)) throw new ValueError('INVALID_ARGUMENT', `${op}: 'x' must be a Tensor, got ${describeValue(x)}`);
  const r = resolve(x, checkIndices(indices, op), op);
  const { before, after, shape } = layout(x, r);
  const first = r.tensors[0];
  if (r.tensors.length === 1 && r.dims[0] === 0 && first!.shape.length === 1 && x.shape.length > 0 && isRowMajor(x.shape, x.strides)) {
    // x[ids] on whole rows (mini-batches): one block copy per index
    return selectRows(x, first!.storage as Int32Array, first!.offset, first!.strides[0]!, first!.shape[0]!, shape, true);
  }
  const mid = indexOffsets(r, x.shape, x.strides);
  const pre = restOffsets(before, x.shape, x.strides);
  const post = restOffsets(after, x.shape, x.strides);
  const out = allocate(x.dtype, shapeSize(shape));
  const src = x.storage;
  const base = x.offset;
  let o = 0;
  const nPost = post.length;
  for (let a = 0; a < pre.length; a++) {
    for (let b = 0; b < mid.length; b++) {
      const start = base + pre[a]! + mid[b]!;
      for (let c = 0; c < nPost; c++) out[o++] = src[start + post[c]!]!;
    }
  }
  return new Tensor(out, shape, x.dtype);
}

/** Options of {@link indexPut}. */
export interface IndexPutOptions {
  /** Add `values` to the selected elements instead of writing them (repeated indices add up). */
  accumulate?: boolean;
}

/**
 * PyTorch's `torch.index_put(x, indices, values, accumulate)`, out of place:
 * a copy of `x` with `values` (broadcast to the shape `x[indices]` has)
 * written at the positions advanced indexing by `indices` picks (int32 or bool
 * tensors, `null` for a whole dim), or added to them with `{ accumulate: true }`.
 *
 * @example
 * ```ts
 * indexPut(zeros([3]), [tensor([0, 0, 2], { dtype: 'int32' })], tensor(1), { accumulate: true }); // [2, 0, 1]
 * ```
 */
export function indexPut(x: Tensor, indices: readonly (Tensor | readonly number[] | null)[], values: Tensor | number, options?: IndexPutOptions): Tensor {
  const op = 'index_put';
  if (!isTensor(x)) throw new ValueError('INVALID_ARGUMENT', `${op}: 'x' must be a Tensor, got ${describeValue(x)}`);
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'options' must be an object such as { accumulate: true }, got ${describeValue(options)}`);
  }
  const accumulate = options?.accumulate ?? false;
  if (typeof accumulate !== 'boolean') throw new ValueError('INVALID_ARGUMENT', `${op}: 'accumulate' must be a boolean, got ${formatValue(accumulate)}`);
  let v: Tensor;
  if (typeof values === 'number') v = new Tensor(allocateValue(x.dtype, values), [], x.dtype);
  else if (isTensor(values)) v = values;
  else throw new ValueError('INVALID_ARGUMENT', `${op}: 'values' must be a Tensor or a number, got ${describeValue(values)}`);
  if (v.dtype !== x.dtype) {
    throw new DTypeError(`Index put requires the source and destination dtypes match, got ${scalarTypeName(x.dtype)} for the destination and ${scalarTypeName(v.dtype)} for the source.`);
  }
  const r = resolve(x, checkIndices(indices, op), op);
  const { before, after, shape } = layout(x, r);
  // values broadcast to the indexing result
  if (v.shape.length > shape.length || v.shape.some((s, i) => s !== 1 && s !== shape[shape.length - v.shape.length + i])) {
    throw new ShapeError('SHAPE_MISMATCH', `shape mismatch: value tensor of shape ${formatShape(v.shape)} cannot be broadcast to indexing result of shape ${formatShape(shape)}`);
  }
  const sizes = x.shape;
  const strides = contiguousStrides(sizes);
  const mid = indexOffsets(r, sizes, strides);
  const pre = restOffsets(before, sizes, strides);
  const post = restOffsets(after, sizes, strides);
  const result = new Tensor(allocate(x.dtype, shapeSize(sizes)), sizes, x.dtype);
  const out = result.storage;
  const xStrides = broadcastStrides(x.shape, x.strides, sizes);
  copyInto(x, out, sizes, xStrides);
  const vs = broadcastStrides(v.shape, v.strides, shape);
  const vOffsets = restOffsets(shape.map((_, i) => i), shape, vs);
  const vals = v.storage;
  const bool = x.dtype === 'bool';
  const int = x.dtype === 'int32';
  let k = 0;
  for (let a = 0; a < pre.length; a++) {
    for (let b = 0; b < mid.length; b++) {
      const start = pre[a]! + mid[b]!;
      for (let c = 0; c < post.length; c++) {
        const at = start + post[c]!;
        const value = vals[v.offset + vOffsets[k++]!]!;
        if (!accumulate) out[at] = value;
        else if (bool) out[at] = out[at] !== 0 || value !== 0 ? 1 : 0;
        else if (int) out[at] = (out[at]! + value) | 0;
        else out[at] = out[at]! + value;
      }
    }
  }
  return result;
}

function allocateValue(dtype: DType, value: number): ReturnType<typeof allocate> {
  const storage = allocate(dtype, 1);
  storage[0] = castValue(value, dtype);
  return storage;
}

function copyInto(x: Tensor, out: ReturnType<typeof allocate>, sizes: readonly number[], strides: readonly number[]): void {
  const offsets = restOffsets(sizes.map((_, i) => i), sizes, strides);
  const src = x.storage;
  for (let k = 0; k < offsets.length; k++) out[k] = src[x.offset + offsets[k]!]!;
}

/**
 * PyTorch's `x[...]`: `index(x, 0, sl(1), tensor([2, 0], { dtype: 'int32' }))`
 * is `x[0, 1:, [2, 0]]`. Numbers, slices, `null` and '...' give a view; int32
 * tensors (or arrays of integers) and bool masks give a copy by advanced
 * indexing (see {@link IndexItem}).
 *
 * @example
 * ```ts
 * const x = arange(12).reshape([3, 4]);
 * index(x, '1:', [0, 2]); // x[1:, [0, 2]]: [[4, 6], [8, 10]]
 * index(x, x.gt(6)); // the elements above 6
 * index(x, null, '...', 1); // x[None, ..., 1]: shape [1, 3]
 * ```
 */
export function index(x: Tensor, ...spec: IndexItem[]): Tensor {
  if (!isTensor(x)) throw new ValueError('INVALID_ARGUMENT', `index: 'x' must be a Tensor, got ${describeValue(x)}`);
  const plan = planIndex(x.shape.length, spec);
  let out = x;
  for (const step of plan.steps) out = applyStep(out, step);
  if (!plan.indices.some((t) => t !== null)) return out;
  return advancedIndex(out, plan.indices);
}

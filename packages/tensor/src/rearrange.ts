/*
 * Shapes and linear algebra (issue 15): split, chunk, unbind, flip, roll,
 * repeat, tile, repeatInterleave, tril, triu, diag, diagonal, trace, outer,
 * kron. split/chunk/unbind/diagonal are views of their input, as in PyTorch;
 * the others copy.
 */
import { allocate } from './dtype';
import { DTypeError, IndexError, ShapeError, ValueError, describeValue, formatValue } from './errors';
import { formatShape, normalizeDim, shapeSize } from './shape';
import { Tensor, isForeignTensor } from './tensor';
import { cat } from './join';
import { clone, contiguous, expand, narrow, reshape, select } from './views';
import { where } from './where';
import { mul } from './binary';
import { sum } from './reduce';
import { indexSelect } from './indexing';

function checkTensor(x: unknown, op: string): void {
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`${op}: expected a Tensor, got ${describeValue(x)}`);
}

function checkInt(v: unknown, op: string, name: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}(): argument '${name}' must be an integer, got ${formatValue(v as number)}`);
  }
  return v;
}

function intList(v: unknown, op: string, name: string): number[] {
  const list = typeof v === 'number' ? [v] : v;
  if (!Array.isArray(list)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}(): argument '${name}' must be an integer or an array of integers, got ${describeValue(v)}`);
  }
  return list.map((e) => checkInt(e, op, name));
}

/**
 * The sizes `split(x, sizeOrSections, dim)` cuts `dim` into (PyTorch's split and split_with_sizes checks).
 * (For @gradlab/autograd, through `@gradlab/tensor/internal`.)
 */
export function splitSizes(x: Tensor, sizeOrSections: number | readonly number[], dim: number): { dim: number; sizes: number[] } {
  if (x.ndim === 0) throw new IndexError('INVALID_DIM', 'split expects at least a 1-dimensional tensor');
  const d = normalizeDim(dim, x.ndim, 'split');
  const size = x.shape[d]!;
  if (typeof sizeOrSections === 'number') {
    const s = checkInt(sizeOrSections, 'split', 'split_size');
    if (s < 0) throw new ValueError('INVALID_ARGUMENT', `split expects split_size be non-negative, but got split_size=${s}`);
    if (s === 0 && size !== 0) {
      throw new ValueError('INVALID_ARGUMENT', `split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
    }
    const count = s === 0 ? 1 : Math.max(Math.ceil(size / s), 1);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) sizes.push(Math.min(s, size - i * s));
    return { dim: d, sizes };
  }
  const sizes = intList(sizeOrSections, 'split', 'split_size');
  let total = 0;
  for (const s of sizes) {
    if (s < 0) {
      throw new ValueError('INVALID_ARGUMENT', `split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${formatShape(sizes)}`);
    }
    total += s;
  }
  if (total !== size) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=${formatShape(sizes)}`,
    );
  }
  return { dim: d, sizes };
}

/**
 * Cuts `x` along `dim` into pieces of `sizeOrSections` elements (the last may be smaller), or
 * into pieces of the listed sizes; each piece is a view (PyTorch's `torch.split`).
 *
 * @example
 * ```ts
 * split(arange(5), 2).map((p) => p.shape); // [[2], [2], [1]]
 * ```
 */
export function split(x: Tensor, sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  checkTensor(x, 'split');
  const { dim: d, sizes } = splitSizes(x, sizeOrSections, dim);
  const out: Tensor[] = [];
  let start = 0;
  for (const s of sizes) {
    out.push(narrow(x, d, start, s));
    start += s;
  }
  return out;
}

/**
 * The piece size of `chunk(x, chunks, dim)`: `ceil(size / chunks)`, with PyTorch's checks.
 * (For @gradlab/autograd, through `@gradlab/tensor/internal`.)
 */
export function chunkSize(x: Tensor, chunks: number, dim: number): number {
  checkInt(chunks, 'chunk', 'chunks');
  if (x.ndim === 0) throw new IndexError('INVALID_DIM', 'chunk expects at least a 1-dimensional tensor');
  if (chunks <= 0) throw new ValueError('INVALID_ARGUMENT', `chunk expects \`chunks\` to be greater than 0, got: ${chunks}`);
  const d = normalizeDim(dim, x.ndim, 'chunk');
  const size = x.shape[d]!;
  return Math.ceil(size / chunks);
}

/**
 * Cuts `x` into at most `chunks` views of `ceil(size / chunks)` elements along `dim`
 * (PyTorch's `torch.chunk`; fewer pieces when the size does not allow more).
 *
 * @example
 * ```ts
 * chunk(arange(6), 4).map((p) => p.shape); // [[2], [2], [2]]
 * ```
 */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  checkTensor(x, 'chunk');
  const s = chunkSize(x, chunks, dim);
  const d = normalizeDim(dim, x.ndim, 'chunk');
  if (s === 0) {
    // a dim of size 0: `chunks` empty views (PyTorch's split_with_sizes of zeros)
    return split(x, new Array<number>(chunks).fill(0), d);
  }
  return split(x, s, d);
}

/**
 * The slices of `x` along `dim`, without that dim (views; PyTorch's `torch.unbind`).
 *
 * @example
 * ```ts
 * unbind(tensor([[1, 2], [3, 4]]), 1).map((p) => p.toArray()); // [[1, 3], [2, 4]]
 * ```
 */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  checkTensor(x, 'unbind');
  if (x.ndim === 0) throw new IndexError('INVALID_DIM', 'Dimension specified as 0 but tensor has no dimensions');
  const d = normalizeDim(dim, x.ndim, 'unbind');
  const out: Tensor[] = [];
  for (let i = 0; i < x.shape[d]!; i++) out.push(select(x, d, i));
  return out;
}

/** The dims of a dims list, normalized, with PyTorch's duplicate check. */
function dimList(dims: number | readonly number[], ndim: number, op: string): number[] {
  const list = intList(dims, op, 'dims');
  const seen = new Set<number>();
  return list.map((d) => {
    const k = normalizeDim(d, ndim, op);
    if (seen.has(k)) throw new IndexError('INVALID_DIM', `dim ${k} appears multiple times in the list of dims`);
    seen.add(k);
    return k;
  });
}

/**
 * `x` with the order of the elements along each of `dims` reversed (a copy, as PyTorch's `torch.flip`).
 *
 * @example
 * ```ts
 * flip(tensor([[1, 2], [3, 4]]), [1]).toArray(); // [[2, 1], [4, 3]]
 * ```
 */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  checkTensor(x, 'flip');
  const ds = dimList(dims, Math.max(x.ndim, 1), 'flip');
  if (x.numel() === 0 || x.ndim === 0) return clone(x);
  const strides = x.strides.slice();
  let offset = x.offset;
  for (const d of ds) {
    offset += (x.shape[d]! - 1) * x.strides[d]!;
    strides[d] = -x.strides[d]!;
  }
  const flipped = new Tensor(x.storage, x.shape, x.dtype, strides, offset);
  return flipped.isContiguous() ? clone(flipped) : contiguous(flipped);
}

/**
 * `x` shifted by `shifts` along `dims`, elements leaving one end coming back at the other
 * (PyTorch's `torch.roll`; without `dims` the flattened tensor is rolled).
 *
 * @example
 * ```ts
 * roll(tensor([1, 2, 3, 4]), 1).toArray(); // [4, 1, 2, 3]
 * ```
 */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[] | null): Tensor {
  checkTensor(x, 'roll');
  const sh = intList(shifts, 'roll', 'shifts');
  if (dims === undefined || dims === null || (Array.isArray(dims) && dims.length === 0)) {
    if (sh.length !== 1) {
      throw new ValueError('INVALID_ARGUMENT', `shifts and dimensions must align. shifts: ${sh.length}, dims:0`);
    }
    return reshape(roll(reshape(x, [-1]), sh[0]!, 0), x.shape);
  }
  const ds = intList(dims, 'roll', 'dims');
  if (sh.length !== ds.length) {
    throw new ValueError('INVALID_ARGUMENT', `shifts and dimensions must align. shifts: ${sh.length}, dims:${ds.length}`);
  }
  let out = x;
  for (let i = 0; i < ds.length; i++) {
    const d = normalizeDim(ds[i]!, x.ndim, 'roll');
    const size = x.shape[d]!;
    if (size === 0) continue;
    const s = ((sh[i]! % size) + size) % size;
    out = s === 0 ? out : cat([narrow(out, d, size - s, s), narrow(out, d, 0, size - s)], d);
  }
  return out === x ? clone(x) : out;
}

/**
 * `x` repeated `sizes[i]` times along each dim (`sizes` may add leading dims; PyTorch's `Tensor.repeat`).
 *
 * @example
 * ```ts
 * repeat(tensor([1, 2]), [2, 2]).toArray(); // [[1, 2, 1, 2], [1, 2, 1, 2]]
 * ```
 */
export function repeat(x: Tensor, sizes: readonly number[]): Tensor {
  checkTensor(x, 'repeat');
  const reps = intList(sizes, 'repeat', 'repeats');
  if (reps.length < x.ndim) {
    throw new ShapeError(
      'INVALID_SHAPE',
      'Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor',
    );
  }
  for (const r of reps) {
    if (r < 0) throw new ValueError('INVALID_ARGUMENT', `Trying to create tensor with negative dimension ${r}: ${formatShape(reps)}`);
  }
  const padded = [...new Array<number>(reps.length - x.ndim).fill(1), ...x.shape];
  const interleaved: number[] = [];
  const expanded: number[] = [];
  const result: number[] = [];
  for (let i = 0; i < reps.length; i++) {
    interleaved.push(1, padded[i]!);
    expanded.push(reps[i]!, padded[i]!);
    result.push(reps[i]! * padded[i]!);
  }
  const base = reshape(x, interleaved);
  const out = reshape(expand(base, expanded), result);
  // reshape of an expanded view copies; a repeat of ones only can be a view: copy it then
  return out.storage === x.storage ? clone(out) : out;
}

/**
 * `x` repeated `dims[i]` times along each dim; a shorter `dims` is padded with leading ones
 * (PyTorch's `torch.tile`).
 *
 * @example
 * ```ts
 * tile(tensor([[1, 2]]), [2]).toArray(); // [[1, 2, 1, 2]]
 * ```
 */
export function tile(x: Tensor, dims: readonly number[]): Tensor {
  checkTensor(x, 'tile');
  const reps = intList(dims, 'tile', 'dims');
  return repeat(x, reps.length < x.ndim ? [...new Array<number>(x.ndim - reps.length).fill(1), ...reps] : reps);
}

/**
 * The int32 index `repeatInterleave` selects with, and the dim (null: the flattened tensor).
 * (For @gradlab/autograd, through `@gradlab/tensor/internal`.)
 */
export function repeatInterleaveIndex(x: Tensor, repeats: number | Tensor, dim?: number | null): { index: Tensor; dim: number | null } {
  const d = dim === undefined || dim === null ? null : normalizeDim(dim, Math.max(x.ndim, 1), 'repeat_interleave');
  const size = d === null ? x.numel() : x.ndim === 0 ? 1 : x.shape[d]!;
  let counts: number[];
  if (typeof repeats === 'number') {
    checkInt(repeats, 'repeat_interleave', 'repeats');
    if (repeats < 0) throw new ValueError('INVALID_ARGUMENT', 'repeats can not be negative');
    counts = new Array<number>(size).fill(repeats);
  } else {
    checkTensor(repeats, 'repeat_interleave');
    if (repeats.dtype !== 'int32') {
      throw new DTypeError(`repeat_interleave: repeats must be an integer tensor, got ${repeats.dtype}`);
    }
    if (repeats.ndim > 1) throw new ShapeError('INVALID_SHAPE', 'repeats must be 0-dim or 1-dim tensor');
    const r = contiguous(repeats);
    const values = Array.from(r.storage.subarray(r.offset, r.offset + r.numel()), Number);
    if (values.length === 1) counts = new Array<number>(size).fill(values[0]!);
    else if (values.length !== size) {
      throw new ShapeError('SHAPE_MISMATCH', 'repeats must have the same size as input along dim');
    } else counts = values;
    if (counts.some((c) => c < 0)) throw new ValueError('INVALID_ARGUMENT', 'repeats can not be negative');
  }
  let total = 0;
  for (const c of counts) total += c;
  const buf = allocate('int32', total);
  let k = 0;
  for (let i = 0; i < counts.length; i++) for (let j = 0; j < counts[i]!; j++) buf[k++] = i;
  return { index: new Tensor(buf, [total], 'int32'), dim: d };
}

/**
 * Each element (or slice along `dim`) of `x` repeated `repeats` times in place, `repeats` a number
 * or an int32 tensor of one count per slice (PyTorch's `torch.repeat_interleave`; without `dim`
 * the flattened tensor).
 *
 * @example
 * ```ts
 * repeatInterleave(tensor([1, 2]), 2).toArray(); // [1, 1, 2, 2]
 * ```
 */
export function repeatInterleave(x: Tensor, repeats: number | Tensor, dim?: number | null): Tensor {
  checkTensor(x, 'repeatInterleave');
  const { index, dim: d } = repeatInterleaveIndex(x, repeats, dim);
  return d === null ? indexSelect(reshape(x, [-1]), 0, index) : indexSelect(x, d, index);
}

/** The bool mask of tril (lower) or triu of the last two dims `rows` x `cols`. */
function triangleMask(rows: number, cols: number, diagonal: number, lower: boolean): Tensor {
  const buf = allocate('bool', rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) buf[i * cols + j] = (lower ? j - i <= diagonal : j - i >= diagonal) ? 1 : 0;
  }
  return new Tensor(buf, [rows, cols], 'bool');
}

function triangle(x: Tensor, diagonal: number, lower: boolean): Tensor {
  const op = lower ? 'tril' : 'triu';
  checkTensor(x, op);
  checkInt(diagonal, op, 'diagonal');
  // PyTorch indexes dim -2 first: a 1-D input is a dim error
  if (x.ndim < 2) normalizeDim(-2, x.ndim, op);
  const mask = triangleMask(x.shape[x.ndim - 2]!, x.shape[x.ndim - 1]!, diagonal, lower);
  return where(mask, x, new Tensor(allocate(x.dtype, 1), [], x.dtype));
}

/**
 * The lower triangle of the last two dims (`j - i <= diagonal`), zeros elsewhere (PyTorch's `torch.tril`).
 *
 * @example
 * ```ts
 * tril(ones([2, 2])).toArray(); // [[1, 0], [1, 1]]
 * ```
 */
export function tril(x: Tensor, diagonal = 0): Tensor {
  return triangle(x, diagonal, true);
}

/**
 * The upper triangle of the last two dims (`j - i >= diagonal`), zeros elsewhere (PyTorch's `torch.triu`).
 *
 * @example
 * ```ts
 * triu(ones([2, 2])).toArray(); // [[1, 1], [0, 1]]
 * ```
 */
export function triu(x: Tensor, diagonal = 0): Tensor {
  return triangle(x, diagonal, false);
}

/**
 * The view of the diagonal `offset` of the dims `dim1`, `dim2`, appended as the last dim
 * (PyTorch's `torch.diagonal`).
 *
 * @example
 * ```ts
 * diagonal(tensor([[1, 2], [3, 4]])).toArray(); // [1, 4]
 * ```
 */
export function diagonal(x: Tensor, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  checkTensor(x, 'diagonal');
  checkInt(offset, 'diagonal', 'offset');
  const a = normalizeDim(dim1, x.ndim, 'diagonal');
  const b = normalizeDim(dim2, x.ndim, 'diagonal');
  if (a === b) throw new ValueError('INVALID_ARGUMENT', `diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  let start = x.offset;
  let length: number;
  if (offset >= 0) {
    length = Math.max(Math.min(x.shape[a]!, x.shape[b]! - offset), 0);
    if (length > 0) start += offset * x.strides[b]!;
  } else {
    length = Math.max(Math.min(x.shape[a]! + offset, x.shape[b]!), 0);
    if (length > 0) start -= offset * x.strides[a]!;
  }
  const shape: number[] = [];
  const strides: number[] = [];
  for (let d = 0; d < x.ndim; d++) {
    if (d === a || d === b) continue;
    shape.push(x.shape[d]!);
    strides.push(x.strides[d]!);
  }
  shape.push(length);
  strides.push(x.strides[a]! + x.strides[b]!);
  return new Tensor(x.storage, shape, x.dtype, strides, start);
}

/**
 * PyTorch's `diagonal_backward`: zeros of `sizes` with `g` on the diagonal `offset` of `dim1`, `dim2`.
 * (For @gradlab/autograd, through `@gradlab/tensor/internal`.)
 */
export function diagonalEmbed(g: Tensor, sizes: readonly number[], offset: number, dim1: number, dim2: number): Tensor {
  const out = new Tensor(allocate(g.dtype, shapeSize(sizes)), sizes.slice(), g.dtype);
  const target = diagonal(out, offset, dim1, dim2);
  copyInto(target, g);
  return out;
}

/** Writes `src` (same shape) into the view `dst`, element by element. */
export function copyInto(dst: Tensor, src: Tensor): void {
  const n = dst.numel();
  if (n === 0) return;
  const ndim = dst.ndim;
  const counter = new Array<number>(ndim).fill(0);
  const s = contiguous(src);
  const data = s.storage;
  let o = dst.offset;
  for (let i = 0; i < n; i++) {
    dst.storage[o] = data[s.offset + i]!;
    for (let k = ndim - 1; k >= 0; k--) {
      o += dst.strides[k]!;
      if (++counter[k]! < dst.shape[k]!) break;
      o -= dst.strides[k]! * dst.shape[k]!;
      counter[k] = 0;
    }
  }
}

/**
 * A 1-D `x` as the diagonal `diagonal` of a square matrix, or a copy of the diagonal
 * `diagonal` of a 2-D `x` (PyTorch's `torch.diag`).
 *
 * @example
 * ```ts
 * diag(tensor([1, 2])).toArray(); // [[1, 0], [0, 2]]
 * ```
 */
export function diag(x: Tensor, diagonal_ = 0): Tensor {
  checkTensor(x, 'diag');
  checkInt(diagonal_, 'diag', 'diagonal');
  if (x.ndim === 1) {
    const n = x.shape[0]! + Math.abs(diagonal_);
    return diagonalEmbed(x, [n, n], diagonal_, 0, 1);
  }
  if (x.ndim === 2) return clone(diagonal(x, diagonal_, 0, 1));
  throw new ShapeError('INVALID_SHAPE', `diag: matrix or a vector expected, got a ${x.ndim}-D tensor`);
}

/**
 * The sum of the main diagonal of a matrix (PyTorch's `torch.trace`).
 *
 * @example
 * ```ts
 * trace(tensor([[1, 2], [3, 4]])).item(); // 5
 * ```
 */
export function trace(x: Tensor): Tensor {
  checkTensor(x, 'trace');
  if (x.ndim !== 2) throw new ShapeError('INVALID_SHAPE', `trace: expected a matrix, but got tensor with dim ${x.ndim}`);
  return sum(diagonal(x, 0, 0, 1));
}

function check1d(x: Tensor, op: string, name: string): void {
  if (x.ndim !== 1) throw new ShapeError('INVALID_SHAPE', `${op}: Expected 1-D argument ${name}, but got ${x.ndim}-D`);
}

/**
 * The outer product of two 1-D tensors, `out[i][j] = a[i] * b[j]` (PyTorch's `torch.outer`).
 *
 * @example
 * ```ts
 * outer(tensor([1, 2]), tensor([3, 4])).toArray(); // [[3, 4], [6, 8]]
 * ```
 */
export function outer(a: Tensor, b: Tensor): Tensor {
  checkTensor(a, 'outer');
  checkTensor(b, 'outer');
  check1d(a, 'outer', 'self');
  check1d(b, 'outer', 'vec2');
  return mul(reshape(a, [a.shape[0]!, 1]), b);
}

/**
 * The shapes `kron(a, b)` views its inputs in and its result's shape.
 * (For @gradlab/autograd, through `@gradlab/tensor/internal`.)
 */
export function kronShapes(a: Tensor, b: Tensor): { a: number[]; b: number[]; result: number[] } {
  const n = Math.max(a.ndim, b.ndim);
  const sa = [...new Array<number>(n - a.ndim).fill(1), ...a.shape];
  const sb = [...new Array<number>(n - b.ndim).fill(1), ...b.shape];
  const ra: number[] = [];
  const rb: number[] = [];
  const result: number[] = [];
  for (let i = 0; i < n; i++) {
    ra.push(sa[i]!, 1);
    rb.push(1, sb[i]!);
    result.push(sa[i]! * sb[i]!);
  }
  return { a: ra, b: rb, result };
}

/**
 * The Kronecker product: block `(i, j)` of the result is `a[i][j] * b` (PyTorch's `torch.kron`).
 *
 * @example
 * ```ts
 * kron(eye(2), tensor([[1, 2]])).toArray(); // [[1, 2, 0, 0], [0, 0, 1, 2]]
 * ```
 */
export function kron(a: Tensor, b: Tensor): Tensor {
  checkTensor(a, 'kron');
  checkTensor(b, 'kron');
  const s = kronShapes(a, b);
  return reshape(mul(reshape(a, s.a), reshape(b, s.b)), s.result);
}

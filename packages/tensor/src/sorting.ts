/*
 * Sorting and selection along one dim (issue 15): sort, argsort, topk,
 * kthvalue, median, mode. Each row along the dim is ordered by a stable sort
 * of its indices; NaN counts as larger than every number, -0 equals 0, as in
 * PyTorch.
 */
import { allocateResult } from './pool';
import { type DType } from './dtype';
import { DTypeError, IndexError, ValueError, describeValue, formatValue } from './errors';
import { normalizeDim } from './shape';
import { Tensor, type ValuesIndices, isForeignTensor } from './tensor';
import { contiguous, movedim, squeeze } from './views';

function checkTensor(x: unknown, op: string): asserts x is Tensor {
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`${op}: expected a Tensor, got ${describeValue(x)}`);
}

function checkFlag(value: unknown, name: string, op: string): void {
  if (typeof value !== 'boolean') throw new DTypeError(`${op}: '${name}' must be a boolean, got ${describeValue(value)}`);
}

function checkInteger(value: unknown, name: string, op: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be an integer, got ${formatValue(value)}`);
  }
}

// ascending order with NaN last; equal values (and -0, 0) compare equal
function ascending(a: number, b: number): number {
  if (a !== a) return b !== b ? 0 : 1;
  if (b !== b) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Along {
  /** the rows (the dim moved last, contiguous) */
  data: ArrayLike<number>;
  /** elements per row */
  size: number;
  rows: number;
  /** the shape with the dim moved last */
  movedShape: number[];
  dim: number;
}

function along(x: Tensor, dim: number, op: string): Along {
  checkTensor(x, op);
  const d = normalizeDim(dim, x.ndim, op);
  if (x.ndim === 0) return { data: x.dataSync(), size: 1, rows: 1, movedShape: [], dim: 0 };
  const moved = contiguous(movedim(x, d, -1));
  const size = x.shape[d]!;
  return { data: moved.dataSync(), size, rows: size === 0 ? 0 : moved.numel() / size, movedShape: moved.shape.slice(), dim: d };
}

/** Writes rows of the moved shape back to the input's layout (the dim back in place). */
function unmove(values: ArrayLike<number>, dtype: DType, a: Along): Tensor {
  const out = allocateResult(dtype, values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  const t = new Tensor(out, a.movedShape, dtype);
  return a.movedShape.length === 0 ? t : contiguous(movedim(t, -1, a.dim));
}

// the stable order of one row's indices
function order(data: ArrayLike<number>, start: number, size: number, descending: boolean): number[] {
  const idx = new Array<number>(size);
  for (let i = 0; i < size; i++) idx[i] = i;
  if (descending) idx.sort((i, j) => ascending(data[start + j]!, data[start + i]!));
  else idx.sort((i, j) => ascending(data[start + i]!, data[start + j]!));
  return idx;
}

/** Options of {@link sort} and {@link argsort}. */
export interface SortOptions {
  /** largest first (default false) */
  descending?: boolean;
  /** keep the order of equal elements (gradlab's sort is always stable; PyTorch records SortBackward1) */
  stable?: boolean;
}

function sortRows(x: Tensor, dim: number, options: SortOptions | undefined, op: string, count?: number): { values: Tensor; indices: Tensor } {
  const descending = options?.descending ?? false;
  checkFlag(descending, 'descending', op);
  if (options?.stable !== undefined) checkFlag(options.stable, 'stable', op);
  const a = along(x, dim, op);
  const k = count ?? a.size;
  const values = new Float64Array(a.rows * k);
  const indices = new Int32Array(a.rows * k);
  for (let r = 0; r < a.rows; r++) {
    const idx = order(a.data, r * a.size, a.size, descending);
    for (let i = 0; i < k; i++) {
      values[r * k + i] = a.data[r * a.size + idx[i]!]!;
      indices[r * k + i] = idx[i]!;
    }
  }
  const moved = { ...a, movedShape: a.movedShape.length === 0 ? [] : [...a.movedShape.slice(0, -1), k] };
  return { values: unmove(values, x.dtype, moved), indices: unmove(indices, 'int32', moved) };
}

/**
 * The elements sorted along `dim` (default -1) and their int32 indices, as
 * `torch.sort`: NaN sorts last (first when `descending`); the sort is stable.
 *
 * @example
 * ```ts
 * sort(tensor([3, 1, 2])).values.toArray(); // [1, 2, 3]
 * sort(tensor([3, 1, 2]), 0, { descending: true }).indices.toArray(); // [0, 2, 1]
 * ```
 */
export function sort(x: Tensor, dim = -1, options?: SortOptions): ValuesIndices {
  return sortRows(x, dim, options, 'sort');
}

/**
 * The int32 indices that sort `x` along `dim` (see {@link sort}).
 *
 * @example
 * ```ts
 * argsort(tensor([3, 1, 2])).toArray(); // [1, 2, 0]
 * ```
 */
export function argsort(x: Tensor, dim = -1, options?: SortOptions): Tensor {
  return sortRows(x, dim, options, 'argsort').indices;
}

/** Options of {@link topk}. */
export interface TopkOptions {
  /** the largest k (default true), or the smallest */
  largest?: boolean;
  /** gradlab always returns them sorted (PyTorch's order is unspecified when false) */
  sorted?: boolean;
}

/**
 * The `k` largest (or smallest) elements along `dim` (default -1) and their
 * int32 indices, sorted, as `torch.topk`.
 *
 * @example
 * ```ts
 * topk(tensor([1, 5, 3]), 2).values.toArray(); // [5, 3]
 * ```
 */
export function topk(x: Tensor, k: number, dim = -1, options?: TopkOptions): ValuesIndices {
  checkTensor(x, 'topk');
  checkInteger(k, 'k', 'topk');
  const largest = options?.largest ?? true;
  checkFlag(largest, 'largest', 'topk');
  if (options?.sorted !== undefined) checkFlag(options.sorted, 'sorted', 'topk');
  const size = x.ndim === 0 ? 1 : x.shape[normalizeDim(dim, x.ndim, 'topk')]!;
  if (k < 0 || k > size) throw new IndexError('INVALID_DIM', 'selected index k out of range');
  checkNotBool(x, 'topk_cpu');
  return sortRows(x, dim, { descending: largest }, 'topk', k);
}

// one selected element per row: its value and index; keepdim keeps the dim as size 1
function selectRows(x: Tensor, a: Along, keepdim: boolean, pick: (row: number) => number): ValuesIndices {
  const values = new Float64Array(a.rows);
  const indices = new Int32Array(a.rows);
  for (let r = 0; r < a.rows; r++) {
    const i = pick(r * a.size);
    indices[r] = i;
    values[r] = a.data[r * a.size + i]!;
  }
  const moved = { ...a, movedShape: a.movedShape.length === 0 ? [] : [...a.movedShape.slice(0, -1), 1] };
  let v = unmove(values, x.dtype, moved);
  let i = unmove(indices, 'int32', moved);
  if (!keepdim && x.ndim > 0) {
    v = squeeze(v, a.dim);
    i = squeeze(i, a.dim);
  }
  return { values: contiguous(v), indices: contiguous(i) };
}

// NOTE: as PyTorch 1.13's CPU kernels, which have no bool version (sort and mode do)
function checkNotBool(x: Tensor, kernel: string): void {
  if (x.dtype === 'bool') throw new DTypeError(`"${kernel}" not implemented for 'Bool'`);
}

function checkNonEmpty(a: Along, op: string): void {
  if (a.size === 0) throw new IndexError('INVALID_DIM', `${op}(): Expected reduction dim ${a.dim} to have non-zero size.`);
}

/**
 * The `k`-th smallest element (1-based) along `dim` (default -1) and its
 * int32 index, as `torch.kthvalue`.
 *
 * @example
 * ```ts
 * kthvalue(tensor([4, 1, 3]), 2).values.item(); // 3
 * ```
 */
export function kthvalue(x: Tensor, k: number, dim = -1, keepdim = false): ValuesIndices {
  checkTensor(x, 'kthvalue');
  checkInteger(k, 'k', 'kthvalue');
  checkFlag(keepdim, 'keepdim', 'kthvalue');
  checkNotBool(x, 'kthvalue_cpu');
  const a = along(x, dim, 'kthvalue');
  if (k < 1 || k > a.size) throw new IndexError('INVALID_DIM', `kthvalue(): selected number k out of range for dimension ${a.dim}`);
  return selectRows(x, a, keepdim, (start) => order(a.data, start, a.size, false)[k - 1]!);
}

function firstNaN(data: ArrayLike<number>, start: number, size: number): number {
  for (let i = 0; i < size; i++) if (data[start + i] !== data[start + i]) return i;
  return -1;
}

/**
 * The median: over all elements a 0-d tensor (NaN when there is a NaN or no
 * element), or along `dim` the values and int32 indices. For an even count it
 * is the lower of the two middle elements, as `torch.median`.
 *
 * @example
 * ```ts
 * median(tensor([4, 1, 3, 2])).item(); // 2
 * median(tensor([[1, 5, 3], [2, 0, 4]]), 1).indices.toArray(); // [2, 0]
 * ```
 */
export function median(x: Tensor): Tensor;
export function median(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function median(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  checkTensor(x, 'median');
  if (dim === undefined || dim === null) {
    const data = x.dataSync();
    const n = data.length;
    const out = allocateResult(x.dtype, 1);
    if (n > 0) checkNotBool(x, 'median_cpu');
    if (n === 0 || firstNaN(data, 0, n) >= 0) {
      // NOTE: the median of no element is NaN; PyTorch 1.13 casts it to int32's minimum (x86's
      // conversion of NaN) and to true for bool
      out[0] = x.dtype === 'int32' ? -2147483648 : x.dtype === 'bool' ? 1 : NaN;
    } else {
      out[0] = data[order(data, 0, n, false)[(n - 1) >> 1]!]!;
    }
    return new Tensor(out, [], x.dtype);
  }
  checkFlag(keepdim, 'keepdim', 'median');
  checkNotBool(x, 'median_out');
  const a = along(x, dim, 'median');
  checkNonEmpty(a, 'median');
  return selectRows(x, a, keepdim, (start) => {
    const nan = firstNaN(a.data, start, a.size);
    return nan >= 0 ? nan : order(a.data, start, a.size, false)[(a.size - 1) >> 1]!;
  });
}

/**
 * The most frequent value along `dim` (default -1) and the int32 index of its
 * last occurrence, as `torch.mode`; equal counts give the smallest value.
 *
 * @example
 * ```ts
 * mode(tensor([1, 2, 2, 3, 3, 1, 1, 2])).values.item(); // 1
 * ```
 */
export function mode(x: Tensor, dim = -1, keepdim = false): ValuesIndices {
  checkTensor(x, 'mode');
  checkFlag(keepdim, 'keepdim', 'mode');
  const a = along(x, dim, 'mode');
  checkNonEmpty(a, 'mode');
  return selectRows(x, a, keepdim, (start) => {
    const idx = order(a.data, start, a.size, false);
    let best = idx[0]!;
    let bestCount = 0;
    for (let i = 0; i < a.size; ) {
      const v = a.data[start + idx[i]!]!;
      let j = i;
      let last = idx[i]!;
      while (j < a.size && ascending(a.data[start + idx[j]!]!, v) === 0) {
        if (idx[j]! > last) last = idx[j]!;
        j++;
      }
      if (j - i > bestCount) {
        bestCount = j - i;
        best = last;
      }
      i = j;
    }
    return best;
  });
}

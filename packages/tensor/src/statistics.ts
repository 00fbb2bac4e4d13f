/*
 * Reductions and scans of issue 15: var/std, logsumexp, amax/amin, all/any,
 * norm, cumsum/cumprod. Each reduction views the input as rows (the kept dims
 * first, the reduced dims last, made contiguous) and reduces every row in
 * double precision; float32 results are rounded once at the end.
 */
import { allocateResult } from './pool';
import { type DType } from './dtype';
import { DTypeError, IndexError, ValueError, describeValue, formatValue } from './errors';
import { normalizeDim, reductionMask, shapeSize } from './shape';
import { Tensor, isForeignTensor } from './tensor';
import { contiguous, movedim, permute } from './views';

/** A dim, a list of dims, or null/undefined for all of them (an empty list also means all). */
export type Dims = number | readonly number[] | null | undefined;

function checkTensor(x: unknown, op: string): asserts x is Tensor {
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`${op}: expected a Tensor, got ${describeValue(x)}`);
}

function checkKeepdim(keepdim: unknown, op: string): void {
  if (typeof keepdim !== 'boolean') throw new DTypeError(`${op}: 'keepdim' must be a boolean, got ${describeValue(keepdim)}`);
}

function isFloat(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

interface Rows {
  /** the values, row after row (each row: the elements reduced into one output) */
  data: ArrayLike<number>;
  /** the output's shape (keepdim-aware) */
  shape: number[];
  /** outputs */
  outN: number;
  /** elements per row */
  size: number;
  mask: boolean[];
}

function rowsOf(x: Tensor, dim: Dims, keepdim: boolean, op: string): Rows {
  checkKeepdim(keepdim, op);
  const mask = reductionMask(dim, x.ndim, op);
  const kept: number[] = [];
  const reduced: number[] = [];
  const shape: number[] = [];
  let size = 1;
  for (let d = 0; d < x.ndim; d++) {
    if (mask[d]) {
      reduced.push(d);
      size *= x.shape[d]!;
      if (keepdim) shape.push(1);
    } else {
      kept.push(d);
      shape.push(x.shape[d]!);
    }
  }
  const outN = shapeSize(shape);
  const data = x.ndim === 0 ? x.dataSync() : contiguous(permute(x, [...kept, ...reduced])).dataSync();
  return { data, shape, outN, size, mask };
}

function output(values: Float64Array, shape: number[], dtype: DType): Tensor {
  const out = allocateResult(dtype, values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!;
  return new Tensor(out, shape, dtype);
}

/** Options of {@link variance}/{@link std}: the degrees of freedom subtracted from N, and keepdim. */
export interface VarOptions {
  /** N - correction divides the sum of squared deviations (default 1: Bessel's correction). */
  correction?: number;
  keepdim?: boolean;
}

function varianceRows(x: Tensor, dim: Dims, options: VarOptions | undefined, op: string): { values: Float64Array; shape: number[] } {
  checkTensor(x, op);
  if (!isFloat(x.dtype)) throw new DTypeError('std and var only support floating point and complex dtypes');
  const correction = options?.correction ?? 1;
  if (typeof correction !== 'number' || !Number.isFinite(correction)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'correction' must be a number, got ${formatValue(correction)}`);
  }
  const { data, shape, outN, size } = rowsOf(x, dim, options?.keepdim ?? false, op);
  const values = new Float64Array(outN);
  // NOTE: as PyTorch, N - correction below 0 counts as 0 (a variance of inf or NaN)
  const divisor = Math.max(size - correction, 0);
  for (let o = 0, p = 0; o < outN; o++) {
    let s = 0;
    for (let i = 0; i < size; i++) s += data[p + i]!;
    const mean = s / size;
    let q = 0;
    for (let i = 0; i < size; i++, p++) {
      const d = data[p]! - mean;
      q += d * d;
    }
    values[o] = q / divisor;
  }
  return { values, shape };
}

/**
 * The variance over all dims or `dim` (floating tensors), dividing by
 * N - `correction` (1 by default, as `torch.var`).
 *
 * @example
 * ```ts
 * variance(tensor([1, 2, 3, 4])).item(); // 1.6666666...
 * variance(tensor([[1, 2], [3, 5]]), 1, { correction: 0 }).toArray(); // [0.25, 1]
 * ```
 */
export function variance(x: Tensor, dim?: Dims, options?: VarOptions): Tensor {
  const { values, shape } = varianceRows(x, dim, options, 'var');
  return output(values, shape, x.dtype);
}

/**
 * The standard deviation, the square root of {@link variance}.
 *
 * @example
 * ```ts
 * std(tensor([1, 3])).item(); // 1.4142135...
 * ```
 */
export function std(x: Tensor, dim?: Dims, options?: VarOptions): Tensor {
  const { values, shape } = varianceRows(x, dim, options, 'std');
  for (let i = 0; i < values.length; i++) values[i] = Math.sqrt(values[i]!);
  return output(values, shape, x.dtype);
}

/**
 * log(sum(exp(x))) over `dim`, stable for large inputs (the row's maximum is
 * taken out first). Integer and bool inputs give float32, as PyTorch's default dtype.
 *
 * @example
 * ```ts
 * logsumexp(tensor([1000, 1000]), 0).item(); // 1000.6931...
 * ```
 */
export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  checkTensor(x, 'logsumexp');
  if (dim === undefined || dim === null) {
    throw new IndexError('INVALID_DIM', "logsumexp: 'dim' is required (a dim or a list of dims)");
  }
  const { data, shape, outN, size } = rowsOf(x, dim, keepdim, 'logsumexp');
  const values = new Float64Array(outN);
  for (let o = 0, p = 0; o < outN; o++, p += size) {
    let m = -Infinity;
    for (let i = 0; i < size; i++) {
      const v = data[p + i]!;
      if (v > m || v !== v) m = v;
      if (v !== v) break;
    }
    // NOTE: an infinite maximum is not subtracted (inf - inf would be NaN), as PyTorch
    if (m === Infinity || m === -Infinity) m = 0;
    let s = 0;
    for (let i = 0; i < size; i++) s += Math.exp(data[p + i]! - m);
    values[o] = Math.log(s) + m;
  }
  return output(values, shape, isFloat(x.dtype) ? x.dtype : 'float32');
}

function extremes(x: Tensor, dim: Dims, keepdim: boolean, isMax: boolean, op: string): Tensor {
  checkTensor(x, op);
  const { data, shape, outN, size, mask } = rowsOf(x, dim, keepdim, op);
  if (size === 0) {
    if (dim === undefined || dim === null || (typeof dim !== 'number' && dim.length === 0) || x.ndim === 0) {
      if (x.numel() === 0) {
        throw new IndexError(
          'INVALID_DIM',
          `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
        );
      }
    }
    const empty = mask.findIndex((m, d) => m && x.shape[d] === 0);
    if (outN > 0 || empty >= 0) throw new IndexError('INVALID_DIM', `${op}(): Expected reduction dim ${empty} to have non-zero size.`);
  }
  const values = new Float64Array(outN);
  for (let o = 0, p = 0; o < outN; o++, p += size) {
    let best = data[p]!;
    for (let i = 1; i < size && best === best; i++) {
      const v = data[p + i]!;
      if (v !== v || (isMax ? v > best : v < best)) best = v;
    }
    values[o] = best;
  }
  return output(values, shape, x.dtype);
}

/**
 * The maximum over `dim` (a dim, a list, or all dims when omitted or empty);
 * NaN wins, as in PyTorch. Unlike {@link max} it returns no indices.
 *
 * @example
 * ```ts
 * amax(tensor([[1, 5], [7, 2]]), 1).toArray(); // [5, 7]
 * ```
 */
export function amax(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  return extremes(x, dim, keepdim, true, 'amax');
}

/**
 * The minimum over `dim` (see {@link amax}).
 *
 * @example
 * ```ts
 * amin(tensor([[1, 5], [7, 2]])).item(); // 1
 * ```
 */
export function amin(x: Tensor, dim?: Dims, keepdim = false): Tensor {
  return extremes(x, dim, keepdim, false, 'amin');
}

function truth(x: Tensor, dim: number | null | undefined, keepdim: boolean, isAll: boolean, op: string): Tensor {
  checkTensor(x, op);
  if (dim !== undefined && dim !== null && typeof dim !== 'number') {
    throw new IndexError('INVALID_DIM', `${op}: 'dim' must be a single integer, got ${formatValue(dim)}`);
  }
  const { data, shape, outN, size } = rowsOf(x, dim, keepdim, op);
  const out = allocateResult('bool', outN);
  for (let o = 0, p = 0; o < outN; o++, p += size) {
    let r = isAll;
    for (let i = 0; i < size; i++) {
      // NOTE: NaN is true, as in PyTorch
      if ((data[p + i] !== 0) !== isAll) {
        r = !isAll;
        break;
      }
    }
    out[o] = r ? 1 : 0;
  }
  return new Tensor(out, shape, 'bool');
}

/**
 * Whether every element (over all dims or one `dim`) is non-zero: a bool tensor.
 *
 * @example
 * ```ts
 * all(tensor([[1, 0], [2, 3]]), 1).toArray(); // [false, true]
 * ```
 */
export function all(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return truth(x, dim, keepdim, true, 'all');
}

/**
 * Whether some element (over all dims or one `dim`) is non-zero: a bool tensor.
 *
 * @example
 * ```ts
 * any(tensor([0, 0, 2])).item(); // true
 * ```
 */
export function any(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return truth(x, dim, keepdim, false, 'any');
}

/** The orders {@link norm} takes: a number (Infinity, -Infinity, 0 included) or 'fro' (= 2). */
export type NormOrder = number | 'fro';

/** The order as a number ('fro' is 2), or a thrown error naming the argument. */
export function normOrder(p: unknown): number {
  if (p === 'fro') return 2;
  if (typeof p !== 'number' || Number.isNaN(p)) {
    throw new ValueError('INVALID_ARGUMENT', `norm: 'p' must be a number or 'fro', got ${formatValue(p)}`);
  }
  return p;
}

/**
 * The vector p-norm over all dims or `dim` (floating tensors): p = 2 (the
 * default and 'fro'), 1, Infinity (max |x|), -Infinity (min |x|), 0 (the
 * count of non-zeros) or any other number.
 *
 * @example
 * ```ts
 * norm(tensor([3, 4])).item(); // 5
 * norm(tensor([[1, -2], [3, 4]]), 1, 1).toArray(); // [3, 7]
 * ```
 */
export function norm(x: Tensor, p: NormOrder = 2, dim?: Dims, keepdim = false): Tensor {
  checkTensor(x, 'norm');
  const order = normOrder(p);
  if (!isFloat(x.dtype)) {
    throw new DTypeError(`norm(): input dtype should be either floating point or complex. Got ${x.dtype === 'int32' ? 'Int' : 'Bool'} instead.`);
  }
  const { data, shape, outN, size } = rowsOf(x, dim, keepdim, 'norm');
  if (size === 0 && outN > 0 && order < 0) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `linalg.vector_norm cannot compute the ${order === -Infinity ? '-inf' : order} norm on an empty tensor because the operation does not have an identity`,
    );
  }
  if (size === 0 && outN > 0 && order === Infinity) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      'linalg.vector_norm cannot compute the inf norm on an empty tensor because the operation does not have an identity',
    );
  }
  const values = new Float64Array(outN);
  const f32 = x.dtype === 'float32';
  for (let o = 0, p0 = 0; o < outN; o++, p0 += size) {
    let r: number;
    if (order === Infinity || order === -Infinity) {
      r = Math.abs(data[p0]!);
      for (let i = 1; i < size && r === r; i++) {
        const v = Math.abs(data[p0 + i]!);
        if (v !== v || (order > 0 ? v > r : v < r)) r = v;
      }
    } else if (order === 0) {
      r = 0;
      for (let i = 0; i < size; i++) r += data[p0 + i] !== 0 ? 1 : 0;
    } else if (order === 1) {
      r = 0;
      for (let i = 0; i < size; i++) r += Math.abs(data[p0 + i]!);
    } else if (order === 2) {
      r = 0;
      // NOTE: float32 squares overflow to inf beyond 1.8e19, as PyTorch's float32 kernel
      if (f32) for (let i = 0; i < size; i++) r += Math.fround(data[p0 + i]! * data[p0 + i]!);
      else for (let i = 0; i < size; i++) r += data[p0 + i]! * data[p0 + i]!;
      r = Math.sqrt(r);
    } else {
      r = 0;
      for (let i = 0; i < size; i++) r += f32 ? Math.fround(Math.abs(data[p0 + i]!) ** order) : Math.abs(data[p0 + i]!) ** order;
      r = r ** (1 / order);
    }
    values[o] = r;
  }
  return output(values, shape, x.dtype);
}

function scan(x: Tensor, dim: number, isSum: boolean, op: string): Tensor {
  checkTensor(x, op);
  const d = normalizeDim(dim, x.ndim, op);
  const dtype: DType = x.dtype === 'bool' ? 'int32' : x.dtype;
  if (x.ndim === 0) {
    const out = allocateResult(dtype, 1);
    out[0] = x.item() as number;
    return new Tensor(out, [], dtype);
  }
  const moved = contiguous(movedim(x, d, -1));
  const data = moved.dataSync();
  const size = x.shape[d]!;
  const n = data.length;
  const out = allocateResult(dtype, n);
  const isInt = dtype === 'int32';
  for (let p = 0; p < n; p += size) {
    let acc = isSum ? 0 : 1;
    for (let i = 0; i < size; i++) {
      const v = data[p + i]!;
      // int32 wraps around as the int32 accumulation of sum/prod (PyTorch widens to int64)
      acc = isSum ? (isInt ? (acc + v) | 0 : acc + v) : isInt ? Math.imul(acc, v) : acc * v;
      out[p + i] = acc;
    }
  }
  return contiguous(movedim(new Tensor(out, moved.shape.slice(), dtype), -1, d));
}

/**
 * Running sums along `dim`; int32 and bool tensors give int32.
 *
 * @example
 * ```ts
 * cumsum(tensor([1, 2, 3]), 0).toArray(); // [1, 3, 6]
 * ```
 */
export function cumsum(x: Tensor, dim: number): Tensor {
  return scan(x, dim, true, 'cumsum');
}

/**
 * Running products along `dim`; int32 and bool tensors give int32.
 *
 * @example
 * ```ts
 * cumprod(tensor([1, 2, 3]), 0).toArray(); // [1, 2, 6]
 * ```
 */
export function cumprod(x: Tensor, dim: number): Tensor {
  return scan(x, dim, false, 'cumprod');
}

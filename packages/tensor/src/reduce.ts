/*
 * Reductions. sum/prod accumulate in double precision (float tensors) or with
 * int32 wrap-around (int32 and bool tensors, which PyTorch would widen to
 * int64); max/min follow PyTorch: NaN wins, ties give the first index.
 */
import { allocateResult } from './pool';
import { type DType, type TypedArray } from './dtype';
import { DTypeError, IndexError, describeValue } from './errors';
import { contiguousStrides, normalizeDim, reductionMask, shapeSize } from './shape';
import { coalesce, isContiguousLayout } from './strided';
import { Tensor, type ValuesIndices, isForeignTensor } from './tensor';

type Accumulate = 'sum' | 'prod';

function checkTensor(x: Tensor, op: string): void {
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`${op}: expected a Tensor, got ${describeValue(x)}`);
}

function checkKeepdim(keepdim: unknown, op: string): void {
  if (typeof keepdim !== 'boolean') throw new DTypeError(`${op}: 'keepdim' must be a boolean, got ${describeValue(keepdim)}`);
}

function reducedShape(shape: readonly number[], mask: readonly boolean[], keepdim: boolean): number[] {
  const out: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    if (!mask[d]) out.push(shape[d]!);
    else if (keepdim) out.push(1);
  }
  return out;
}

// Accumulates every element of x into acc[position of its kept coordinates].
function accumulate(x: Tensor, mask: readonly boolean[], acc: Float64Array | Int32Array, kind: Accumulate): void {
  const shape = x.shape;
  const n = shapeSize(shape);
  if (n === 0) return;
  const src = x.storage;
  const isInt = acc instanceof Int32Array;
  // output strides over the input's dims: 0 along reduced dims
  const outStrides = new Array<number>(shape.length);
  let stride = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    if (mask[d]) outStrides[d] = 0;
    else {
      outStrides[d] = stride;
      stride *= shape[d]!;
    }
  }
  const list = [x.strides.slice(), outStrides];
  const dims = coalesce(shape, list);
  const xs = list[0]!;
  const os = list[1]!;
  const nd = dims.length;
  const inner = dims[nd - 1]!;
  const xInner = xs[nd - 1]!;
  const oInner = os[nd - 1]!;
  const rows = n / inner;
  const counter = new Int32Array(nd);
  let xo = x.offset;
  let oo = 0;
  for (let r = 0; r < rows; r++) {
    if (oInner === 0) {
      // the innermost run reduces into one output: keep the running value in a register
      let s = acc[oo]!;
      if (kind === 'sum') {
        if (isInt) for (let i = 0, p = xo; i < inner; i++, p += xInner) s = (s + src[p]!) | 0;
        else for (let i = 0, p = xo; i < inner; i++, p += xInner) s += src[p]!;
      } else if (isInt) {
        for (let i = 0, p = xo; i < inner; i++, p += xInner) s = Math.imul(s, src[p]!);
      } else {
        for (let i = 0, p = xo; i < inner; i++, p += xInner) s *= src[p]!;
      }
      acc[oo] = s;
    } else if (kind === 'sum') {
      for (let i = 0, p = xo, o = oo; i < inner; i++, p += xInner, o += oInner) acc[o] = acc[o]! + src[p]!;
    } else if (isInt) {
      for (let i = 0, p = xo, o = oo; i < inner; i++, p += xInner, o += oInner) acc[o] = Math.imul(acc[o]!, src[p]!);
    } else {
      for (let i = 0, p = xo, o = oo; i < inner; i++, p += xInner, o += oInner) acc[o] = acc[o]! * src[p]!;
    }
    for (let d = nd - 2; d >= 0; d--) {
      xo += xs[d]!;
      oo += os[d]!;
      if (++counter[d]! < dims[d]!) break;
      xo -= xs[d]! * dims[d]!;
      oo -= os[d]! * dims[d]!;
      counter[d] = 0;
    }
  }
}

// Fast path for a contiguous input whose reduced dims (ignoring size-1 dims)
// are one consecutive block: the input is then [outer, R, inner] row-major,
// e.g. a bias gradient summed over the batch (R = batch, inner = features) or
// a row sum (inner = 1). Returns false when the layout does not fit.
function blockReduce(x: Tensor, mask: readonly boolean[], acc: Float64Array | Int32Array, kind: Accumulate): boolean {
  const shape = x.shape;
  if (!isContiguousLayout(shape, x.strides)) return false;
  let outer = 1;
  let reduced = 1;
  let inner = 1;
  let phase = 0; // 0: before the block, 1: inside, 2: after
  for (let d = 0; d < shape.length; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    if (mask[d]) {
      if (phase === 2) return false;
      phase = 1;
      reduced *= size;
    } else if (phase === 0) {
      outer *= size;
    } else {
      phase = 2;
      inner *= size;
    }
  }
  const src = x.storage;
  const isInt = acc instanceof Int32Array;
  const sum = kind === 'sum';
  let p = x.offset;
  if (inner === 1) {
    for (let o = 0; o < outer; o++) {
      let s = acc[o]!;
      if (sum) {
        if (isInt) for (let r = 0; r < reduced; r++, p++) s = (s + src[p]!) | 0;
        else for (let r = 0; r < reduced; r++, p++) s += src[p]!;
      } else if (isInt) {
        for (let r = 0; r < reduced; r++, p++) s = Math.imul(s, src[p]!);
      } else {
        for (let r = 0; r < reduced; r++, p++) s *= src[p]!;
      }
      acc[o] = s;
    }
    return true;
  }
  for (let o = 0; o < outer; o++) {
    const base = o * inner;
    for (let r = 0; r < reduced; r++) {
      if (sum) {
        if (isInt) for (let i = 0; i < inner; i++, p++) acc[base + i] = (acc[base + i]! + src[p]!) | 0;
        else for (let i = 0; i < inner; i++, p++) acc[base + i] = acc[base + i]! + src[p]!;
      } else if (isInt) {
        for (let i = 0; i < inner; i++, p++) acc[base + i] = Math.imul(acc[base + i]!, src[p]!);
      } else {
        for (let i = 0; i < inner; i++, p++) acc[base + i] = acc[base + i]! * src[p]!;
      }
    }
  }
  return true;
}

function reduceTo(
  x: Tensor,
  dim: number | readonly number[] | undefined | null,
  keepdim: boolean,
  kind: Accumulate,
  op: string,
): { acc: Float64Array | Int32Array; shape: number[]; count: number; outN: number } {
  checkTensor(x, op);
  checkKeepdim(keepdim, op);
  const mask = reductionMask(dim, x.ndim, op);
  const shape = reducedShape(x.shape, mask, keepdim);
  const outN = shapeSize(shape);
  const isInt = x.dtype === 'int32' || x.dtype === 'bool';
  const acc = isInt ? (allocateResult('int32', outN) as Int32Array) : floatAccumulator(outN, x.dtype === 'float64');
  if (kind === 'prod') acc.fill(1, 0, outN);
  const total = x.numel();
  const count = outN === 0 ? 0 : total / outN;
  if (outN === 1 && isContiguousLayout(x.shape, x.strides) && total > 0) {
    // fast path: the whole tensor into one value
    const src = x.storage;
    const end = x.offset + total;
    if (kind === 'sum') {
      let s = 0;
      if (isInt) for (let p = x.offset; p < end; p++) s = (s + src[p]!) | 0;
      else for (let p = x.offset; p < end; p++) s += src[p]!;
      acc[0] = s;
    } else {
      let s = 1;
      if (isInt) for (let p = x.offset; p < end; p++) s = Math.imul(s, src[p]!);
      else for (let p = x.offset; p < end; p++) s *= src[p]!;
      acc[0] = s;
    }
  } else if (!blockReduce(x, mask, acc, kind)) {
    accumulate(x, mask, acc, kind);
  }
  return { acc, shape, count, outN };
}

// Small float32 reductions accumulate in one reused float64 buffer: a fresh
// Float64Array of more than 8 elements lives outside V8's heap and costs more
// to allocate than the whole reduction.
let scratch = new Float64Array(256);
const SCRATCH_LIMIT = 1 << 14;

function floatAccumulator(n: number, fresh: boolean): Float64Array {
  if (fresh || n > SCRATCH_LIMIT) return allocateResult('float64', n) as Float64Array;
  if (scratch.length < n) scratch = new Float64Array(Math.min(SCRATCH_LIMIT, Math.max(n, scratch.length * 2)));
  scratch.fill(0, 0, n);
  return scratch;
}

function finish(acc: Float64Array | Int32Array, outN: number, shape: number[], dtype: DType): Tensor {
  if (acc.length === outN) {
    if (dtype === 'float64' && acc instanceof Float64Array && acc !== scratch) return new Tensor(acc, shape, 'float64');
    if (dtype === 'int32' && acc instanceof Int32Array) return new Tensor(acc, shape, 'int32');
  }
  const out = allocateResult(dtype, outN);
  for (let i = 0; i < outN; i++) out[i] = acc[i]!;
  return new Tensor(out, shape, dtype);
}

/**
 * Sum over all dims, or over `dim` (a number or a list; negative dims count
 * from the end), keeping reduced dims as size 1 when `keepdim`. int32 and
 * bool tensors sum to int32.
 *
 * @example
 * ```ts
 * sum(tensor([[1, 2], [3, 4]]), 0).toArray(); // [4, 6]
 * sum(tensor([[1, 2], [3, 4]]), [0, 1], true).toArray(); // [[10]]
 * ```
 */
export function sum(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  const { acc, shape, outN } = reduceTo(x, dim, keepdim, 'sum', 'sum');
  return finish(acc, outN, shape, x.dtype === 'bool' ? 'int32' : x.dtype);
}

/**
 * Product over all dims or over `dim` (see {@link sum}).
 *
 * @example
 * ```ts
 * prod(tensor([1, 2, 3, 4])).item(); // 24
 * ```
 */
export function prod(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  const { acc, shape, outN } = reduceTo(x, dim, keepdim, 'prod', 'prod');
  return finish(acc, outN, shape, x.dtype === 'bool' ? 'int32' : x.dtype);
}

/**
 * Mean over all dims or over `dim` (see {@link sum}); floating tensors only,
 * as in PyTorch. The mean of no elements is NaN.
 *
 * @example
 * ```ts
 * mean(tensor([[1, 2], [3, 4]]), 1).toArray(); // [1.5, 3.5]
 * ```
 */
export function mean(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  checkTensor(x, 'mean');
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DTypeError(
      `mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${x.dtype}`,
    );
  }
  const { acc, shape, count, outN } = reduceTo(x, dim, keepdim, 'sum', 'mean');
  for (let i = 0; i < outN; i++) acc[i] = acc[i]! / count;
  return finish(acc, outN, shape, x.dtype);
}

function extremeAll(x: Tensor, isMax: boolean, op: string): Tensor {
  checkTensor(x, op);
  const n = x.numel();
  if (n === 0) {
    throw new IndexError(
      'INVALID_DIM',
      `${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`,
    );
  }
  const values = x.dataSync();
  let best = values[0]!;
  if (best === best) {
    for (let i = 1; i < n; i++) {
      const v = values[i]!;
      if (v !== v) {
        best = v;
        break;
      }
      if (isMax ? v > best : v < best) best = v;
    }
  }
  const out = allocateResult(x.dtype, 1);
  out[0] = best;
  return new Tensor(out, [], x.dtype);
}

// Values and first indices of the max/min along one dim.
function extremeDim(x: Tensor, dim: number, keepdim: boolean, isMax: boolean, op: string, wantValues: boolean): ValuesIndices {
  checkTensor(x, op);
  checkKeepdim(keepdim, op);
  const d = normalizeDim(dim, x.ndim, op);
  if (x.ndim === 0) {
    const values = wantValues ? new Tensor(x.storage.slice(x.offset, x.offset + 1), [], x.dtype) : x;
    return { values, indices: new Tensor(new Int32Array(1), [], 'int32') };
  }
  const size = x.shape[d]!;
  if (size === 0) {
    throw new IndexError('INVALID_DIM', `${op}(): Expected reduction dim ${d} to have non-zero size.`);
  }
  const mask = x.shape.map((_, k) => k === d);
  const shape = reducedShape(x.shape, mask, keepdim);
  const keptShape: number[] = [];
  const keptStrides: number[] = [];
  for (let k = 0; k < x.ndim; k++) {
    if (k !== d) {
      keptShape.push(x.shape[k]!);
      keptStrides.push(x.strides[k]!);
    }
  }
  const outN = shapeSize(keptShape);
  const values = allocateResult(x.dtype, wantValues ? outN : 0);
  const indices = allocateResult('int32', outN) as Int32Array;
  const src: TypedArray = x.storage;
  const step = x.strides[d]!;
  const nk = keptShape.length;
  const counter = new Int32Array(nk);
  let base = x.offset;
  for (let o = 0; o < outN; o++) {
    let best = src[base]!;
    let bestIndex = 0;
    if (best === best) {
      for (let i = 1, p = base + step; i < size; i++, p += step) {
        const v = src[p]!;
        if (v !== v) {
          best = v;
          bestIndex = i;
          break;
        }
        if (isMax ? v > best : v < best) {
          best = v;
          bestIndex = i;
        }
      }
    }
    if (wantValues) values[o] = best;
    indices[o] = bestIndex;
    for (let k = nk - 1; k >= 0; k--) {
      base += keptStrides[k]!;
      if (++counter[k]! < keptShape[k]!) break;
      base -= keptStrides[k]! * keptShape[k]!;
      counter[k] = 0;
    }
  }
  const indicesTensor = new Tensor(indices, shape.slice(), 'int32');
  // argmax/argmin only need the indices: skip building a values tensor
  const valuesTensor = wantValues ? new Tensor(values, shape, x.dtype, contiguousStrides(shape)) : indicesTensor;
  return { values: valuesTensor, indices: indicesTensor };
}

/**
 * The largest element as a 0-d tensor, or along `dim` the values and the int32
 * indices of the first maximum. NaN counts as the maximum, as in PyTorch.
 *
 * @example
 * ```ts
 * max(tensor([1, 5, 3])).item(); // 5
 * max(tensor([[1, 5], [7, 2]]), 1).indices.toArray(); // [1, 0]
 * ```
 */
export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  if (dim === undefined || dim === null) return extremeAll(x, true, 'max');
  checkSingleDim(dim, 'max');
  return extremeDim(x, dim, keepdim, true, 'max', true);
}

/**
 * The smallest element as a 0-d tensor, or along `dim` the values and the
 * int32 indices of the first minimum. NaN counts as the minimum, as in PyTorch.
 *
 * @example
 * ```ts
 * min(tensor([[1, 5], [7, 2]]), 0).values.toArray(); // [1, 2]
 * ```
 */
export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  if (dim === undefined || dim === null) return extremeAll(x, false, 'min');
  checkSingleDim(dim, 'min');
  return extremeDim(x, dim, keepdim, false, 'min', true);
}

function checkSingleDim(dim: unknown, op: string): void {
  if (typeof dim !== 'number') {
    throw new IndexError('INVALID_DIM', `${op}: 'dim' must be a single integer, got ${Array.isArray(dim) ? `[${dim.join(', ')}]` : typeof dim}`);
  }
}

function argExtreme(x: Tensor, dim: number | null | undefined, keepdim: boolean, isMax: boolean, op: string): Tensor {
  checkTensor(x, op);
  checkKeepdim(keepdim, op);
  // NOTE: as PyTorch 1.13 ("argmax_cpu" not implemented for 'Bool'), though max(bool) works
  // (its kernel is skipped for an empty tensor or a reduced dim of size 1, and so is the dtype check)
  if (x.dtype === 'bool' && x.numel() > 0 && (dim === undefined || dim === null || x.ndim === 0 || x.shape[normalizeDim(dim, x.ndim, op)]! > 1)) {
    throw new DTypeError(`${op}: not implemented for 'Bool' tensors (convert with .int() first)`);
  }
  if (dim === undefined || dim === null) {
    if (x.numel() === 0) {
      throw new IndexError('INVALID_DIM', `${op}(): Expected reduction dim to be specified for input.numel() == 0.`);
    }
    const flat = new Tensor(x.dataSync(), [x.numel()], x.dtype);
    const { indices } = extremeDim(flat, 0, false, isMax, op, false);
    return keepdim ? new Tensor(indices.storage, x.shape.map(() => 1), 'int32') : indices;
  }
  checkSingleDim(dim, op);
  return extremeDim(x, dim, keepdim, isMax, op, false).indices;
}

/**
 * The int32 index of the first maximum, over the flattened tensor or along
 * `dim`. NaN counts as the maximum.
 *
 * @example
 * ```ts
 * argmax(tensor([1, 3, 3])).item(); // 1
 * ```
 */
export function argmax(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return argExtreme(x, dim, keepdim, true, 'argmax');
}

/**
 * The int32 index of the first minimum, over the flattened tensor or along
 * `dim`. NaN counts as the minimum.
 *
 * @example
 * ```ts
 * argmin(tensor([[3, 1], [0, 2]]), 1).toArray(); // [1, 0]
 * ```
 */
export function argmin(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return argExtreme(x, dim, keepdim, false, 'argmin');
}

/*
 * Strided iteration shared by the kernels: copying a strided view into a
 * row-major buffer, and merging dims so that loops run over as few, as long
 * rows as possible. Everything is iterative (an odometer over the outer dims,
 * a flat loop over the innermost dim) and allocates nothing per element.
 */
import { allocateResult } from './pool';
import { type DType, type TypedArray } from './dtype';
import { shapeSize } from './shape';

/**
 * Merges adjacent dims that every operand walks contiguously, and drops
 * size-1 dims. `stridesList` is modified in place; the returned shape and the
 * strides have the same (possibly smaller) length, at least 1.
 *
 * @example
 * ```ts
 * const strides = [[3, 1]];
 * coalesce([2, 3], strides); // [6], strides becomes [[1]]
 * ```
 */
export function coalesce(shape: readonly number[], stridesList: number[][]): number[] {
  const n = shape.length;
  const outShape: number[] = [];
  const k = stridesList.length;
  const outStrides: number[][] = [];
  for (let j = 0; j < k; j++) outStrides.push([]);
  for (let d = 0; d < n; d++) {
    const size = shape[d]!;
    if (size === 1) continue;
    const last = outShape.length - 1;
    let mergeable = last >= 0;
    if (mergeable) {
      for (let j = 0; j < k; j++) {
        const s = stridesList[j]!;
        if (outStrides[j]![last] !== s[d]! * size) {
          mergeable = false;
          break;
        }
      }
    }
    if (mergeable) {
      outShape[last] = outShape[last]! * size;
      for (let j = 0; j < k; j++) outStrides[j]![last] = stridesList[j]![d]!;
    } else {
      outShape.push(size);
      for (let j = 0; j < k; j++) outStrides[j]!.push(stridesList[j]![d]!);
    }
  }
  if (outShape.length === 0) {
    // every dim has size 1 (or there are none): one element
    outShape.push(shape.length === 0 || shapeSize(shape) !== 0 ? 1 : 0);
    for (let j = 0; j < k; j++) outStrides[j]!.push(0);
  }
  for (let j = 0; j < k; j++) stridesList[j] = outStrides[j]!;
  return outShape;
}

/**
 * Copies the elements of a strided view, in row-major order, into `dst`
 * starting at `dstOffset`, converting to `dst`'s element type. Writing into a
 * bool (`Uint8Array`) destination stores 0/1 (`NaN` is true).
 *
 * @example
 * ```ts
 * const out = new Float32Array(6);
 * copyStrided(src, 0, [2, 3], [1, 2], out, 0); // a transposed read
 * ```
 */
export function copyStrided(
  src: TypedArray,
  srcOffset: number,
  shape: readonly number[],
  srcStrides: readonly number[],
  dst: TypedArray,
  dstOffset: number,
  dstIsBool = dst instanceof Uint8Array,
): void {
  const list = [srcStrides.slice()];
  const dims = coalesce(shape, list);
  const strides = list[0]!;
  const nd = dims.length;
  const inner = dims[nd - 1]!;
  const innerStride = strides[nd - 1]!;
  const total = shapeSize(dims);
  if (total === 0) return;
  const rows = total / inner;
  const srcIsBool = src instanceof Uint8Array;
  const normalize = dstIsBool && !srcIsBool;
  // NOTE: float -> int32 truncates; NaN and out-of-range values become -2^31 as
  // PyTorch gives on x86 (a plain Int32Array store would wrap them modulo 2^32).
  const toInt = dst instanceof Int32Array && (src instanceof Float32Array || src instanceof Float64Array);
  let so = srcOffset;
  let o = dstOffset;
  if (rows === 1) {
    if (innerStride === 1 && !normalize && !toInt) {
      if (src.constructor === dst.constructor) {
        (dst as Float64Array).set((src as Float64Array).subarray(so, so + inner), o);
      } else {
        for (let i = 0; i < inner; i++) dst[o + i] = src[so + i]!;
      }
      return;
    }
  }
  const counter = new Int32Array(nd);
  for (let r = 0; r < rows; r++) {
    if (normalize) {
      for (let i = 0, s = so; i < inner; i++, s += innerStride) dst[o + i] = src[s]! !== 0 ? 1 : 0;
    } else if (toInt) {
      for (let i = 0, s = so; i < inner; i++, s += innerStride) {
        const v = src[s]!;
        dst[o + i] = v >= -2147483648 && v < 2147483648 ? v : -2147483648;
      }
    } else {
      for (let i = 0, s = so; i < inner; i++, s += innerStride) dst[o + i] = src[s]!;
    }
    o += inner;
    for (let d = nd - 2; d >= 0; d--) {
      so += strides[d]!;
      if (++counter[d]! < dims[d]!) break;
      so -= strides[d]! * dims[d]!;
      counter[d] = 0;
    }
  }
}

/**
 * The elements of a strided view as a fresh row-major typed array of `dtype`.
 *
 * @example
 * ```ts
 * const values = gatherContiguous(t.storage, t.offset, t.shape, t.strides, 'float64');
 * ```
 */
export function gatherContiguous(
  src: TypedArray,
  srcOffset: number,
  shape: readonly number[],
  srcStrides: readonly number[],
  dtype: DType,
): TypedArray {
  const out = allocateResult(dtype, shapeSize(shape));
  copyStrided(src, srcOffset, shape, srcStrides, out, 0, dtype === 'bool');
  return out;
}

/**
 * `true` when the layout is row-major contiguous, ignoring size-1 dims (the
 * PyTorch definition). Empty tensors are contiguous.
 *
 * @example
 * ```ts
 * isContiguousLayout([2, 3], [3, 1]); // true
 * ```
 */
export function isContiguousLayout(shape: readonly number[], strides: readonly number[]): boolean {
  let expected = 1;
  let contiguous = true;
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    if (size === 0) return true;
    if (size !== 1) {
      if (strides[d] !== expected) contiguous = false;
      expected *= size;
    }
  }
  return contiguous;
}

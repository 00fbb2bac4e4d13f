/*
 * Index kernels: writing a tensor into a zero tensor at a select/slice
 * position (PyTorch's select_backward / slice_backward), and scattering /
 * gathering along a dim by an index tensor (max/min over a dim and their
 * gradients). Odometer loops over the outer dims, a flat loop over the last
 * one; nothing is allocated per element. Internal: @gradlab/autograd reaches
 * them through `@gradlab/tensor/internal`.
 */
import * as B from './index';
import { contiguousStrides } from './shape';

type Base = B.Tensor;
type Storage = Float32Array | Float64Array | Int32Array | Uint8Array;

/** Copies `src` (any strides) into `dst` at `dstOffset` with `dstStrides` (same shape as src). */
function copyTo(src: Base, dst: Storage, dstOffset: number, dstStrides: readonly number[]): void {
  const shape = src.shape;
  const n = shape.length;
  const s = src.storage;
  if (n === 0) {
    dst[dstOffset] = s[src.offset]!;
    return;
  }
  for (let i = 0; i < n; i++) if (shape[i] === 0) return;
  const ss = src.strides;
  const last = n - 1;
  const len = shape[last]!;
  const sStep = ss[last]!;
  const dStep = dstStrides[last]!;
  const index = new Array<number>(n).fill(0);
  let so = src.offset;
  let dOff = dstOffset;
  for (;;) {
    let a = so;
    let b = dOff;
    for (let i = 0; i < len; i++) {
      dst[b] = s[a]!;
      a += sStep;
      b += dStep;
    }
    let k = last - 1;
    for (; k >= 0; k--) {
      index[k]!++;
      so += ss[k]!;
      dOff += dstStrides[k]!;
      if (index[k]! < shape[k]!) break;
      so -= ss[k]! * shape[k]!;
      dOff -= dstStrides[k]! * shape[k]!;
      index[k] = 0;
    }
    if (k < 0) return;
  }
}

/**
 * A zero tensor of `sizes` with `src` written at positions `start + i * step`
 * along `dim` (`src` has the full rank; its size along `dim` is the count).
 */
export function embed(src: Base, sizes: readonly number[], dim: number, start: number, step: number): Base {
  const out = B.zeros(sizes, { dtype: src.dtype });
  const strides = contiguousStrides(sizes);
  const offset = start * strides[dim]!;
  strides[dim] = strides[dim]! * step;
  copyTo(src, out.storage as Storage, offset, strides);
  return out;
}

/**
 * A zero tensor of `sizes` with `src` (which lacks dim `dim`) written at
 * `index` along `dim`: PyTorch's `select_backward`, without building a view.
 */
export function embedSelect(src: Base, sizes: readonly number[], dim: number, index: number): Base {
  const out = B.zeros(sizes, { dtype: src.dtype });
  const full = contiguousStrides(sizes);
  const offset = index * full[dim]!;
  if (src.shape.length === 0) {
    (out.storage as Storage)[offset] = src.storage[src.offset]!;
    return out;
  }
  full.splice(dim, 1);
  copyTo(src, out.storage as Storage, offset, full);
  return out;
}

/**
 * Iterates the positions of `shape` (same rank for all three operands),
 * calling `body(srcOffset, idxOffset, dstBase)` with the element offsets.
 */
function walk(
  shape: readonly number[],
  aStrides: readonly number[],
  aOffset: number,
  iStrides: readonly number[],
  iOffset: number,
  cStrides: readonly number[],
  body: (a: number, i: number, c: number) => void,
): void {
  const n = shape.length;
  for (let d = 0; d < n; d++) if (shape[d] === 0) return;
  const index = new Array<number>(n).fill(0);
  let a = aOffset;
  let i = iOffset;
  let c = 0;
  for (;;) {
    body(a, i, c);
    let k = n - 1;
    for (; k >= 0; k--) {
      index[k]!++;
      a += aStrides[k]!;
      i += iStrides[k]!;
      c += cStrides[k]!;
      if (index[k]! < shape[k]!) break;
      a -= aStrides[k]! * shape[k]!;
      i -= iStrides[k]! * shape[k]!;
      c -= cStrides[k]! * shape[k]!;
      index[k] = 0;
    }
    if (k < 0) return;
  }
}

/**
 * `out = zeros(sizes); out[..., indices[p], ...] = src[p]` along `dim`, where
 * `src` and `indices` have `sizes`' rank with size 1 at `dim`.
 */
export function scatter(src: Base, dim: number, indices: Base, sizes: readonly number[]): Base {
  const out = B.zeros(sizes, { dtype: src.dtype });
  const o = out.storage as Storage;
  const s = src.storage as Storage;
  const idx = indices.storage as Storage;
  const strides = contiguousStrides(sizes);
  const dimStride = strides[dim]!;
  const outer = strides.slice();
  outer[dim] = 0;
  walk(src.shape, src.strides, src.offset, indices.strides, indices.offset, outer, (a, i, c) => {
    o[c + idx[i]! * dimStride] = s[a]!;
  });
  return out;
}

/**
 * `out[p] = src[..., indices[p], ...]` along `dim`; `indices` has `src`'s
 * rank with size 1 at `dim`, and so does the result.
 */
export function gather(src: Base, dim: number, indices: Base): Base {
  const shape = indices.shape;
  const out = B.zeros(shape, { dtype: src.dtype });
  const o = out.storage as Storage;
  const s = src.storage as Storage;
  const idx = indices.storage as Storage;
  const dimStride = src.strides[dim]!;
  const outer = src.strides.slice();
  outer[dim] = 0;
  const outStrides = contiguousStrides(shape);
  walk(shape, outer, src.offset, indices.strides, indices.offset, outStrides, (a, i, c) => {
    o[c] = s[a + idx[i]! * dimStride]!;
  });
  return out;
}


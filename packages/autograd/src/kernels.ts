/*
 * The few strided loops autograd needs that @gradlab/tensor does not offer:
 * writing a gradient into a zero tensor at a select/slice position, and
 * scattering/gathering along a dim by an index tensor (max/min over a dim).
 * Odometer loops over the outer dims, a flat loop over the last one; nothing
 * is allocated per element.
 */
import * as B from '@gradlab/tensor';

type Base = B.Tensor;
type Storage = Float32Array | Float64Array | Int32Array | Uint8Array;

function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

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

/** Rows of a reduction along `dim`: `outer` blocks of `size` elements spaced `inner` apart. */
/** The elements in row-major order: the storage itself when it already is (no subarray). */
function flat(t: Base): B.TypedArray {
  return t.offset === 0 && t.isContiguous() ? t.storage : t.dataSync();
}

/** A kernel's fresh row-major result of `like`'s shape and dtype. */
function fresh(out: B.TypedArray, like: Base): Base {
  return new B.Tensor(out, like.shape, like.dtype);
}

function rows(shape: readonly number[], dim: number): [outer: number, size: number, inner: number] {
  const size = shape.length === 0 ? 1 : shape[dim]!;
  let inner = 1;
  for (let k = dim + 1; k < shape.length; k++) inner *= shape[k]!;
  let n = 1;
  for (const s of shape) n *= s;
  return [size * inner === 0 ? 0 : n / (size * inner), size, inner];
}

/**
 * PyTorch's `threshold_backward(grad, result, 0)` in one pass: `result <= 0 ? 0 : grad`
 * (ReLU's gradient, decided on the result; NaN results pass the gradient).
 */
export function thresholdBackward(grad: Base, result: Base): Base {
  const g = flat(grad);
  const r = flat(result);
  const n = grad.numel();
  const out = B.allocateResult(grad.dtype, n);
  for (let i = 0; i < n; i++) out[i] = r[i]! <= 0 ? 0 : g[i]!;
  return fresh(out, grad);
}

/** PyTorch's `_softmax_backward_data` in one pass: `y * (g - sum(g * y, dim))`. */
export function softmaxBackwardData(grad: Base, output: Base, dim: number): Base {
  const g = flat(grad);
  const y = flat(output);
  const out = B.allocateResult(grad.dtype, grad.numel());
  const [outer, size, inner] = rows(grad.shape, dim);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let s = 0;
      for (let k = 0, p = base; k < size; k++, p += inner) s += g[p]! * y[p]!;
      for (let k = 0, p = base; k < size; k++, p += inner) out[p] = y[p]! * (g[p]! - s);
    }
  }
  return fresh(out, grad);
}

/** PyTorch's `_log_softmax_backward_data` in one pass: `g - exp(y) * sum(g, dim)`. */
export function logSoftmaxBackwardData(grad: Base, output: Base, dim: number): Base {
  const g = flat(grad);
  const y = flat(output);
  const out = B.allocateResult(grad.dtype, grad.numel());
  const [outer, size, inner] = rows(grad.shape, dim);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let s = 0;
      for (let k = 0, p = base; k < size; k++, p += inner) s += g[p]!;
      for (let k = 0, p = base; k < size; k++, p += inner) out[p] = g[p]! - Math.exp(y[p]!) * s;
    }
  }
  return fresh(out, grad);
}

/** PyTorch's `leaky_relu_backward` in one pass: `x > 0 ? grad : grad * slope`. */
export function leakyReluBackward(grad: Base, self: Base, slope: number): Base {
  const g = flat(grad);
  const x = flat(self);
  const n = grad.numel();
  const out = B.allocateResult(grad.dtype, n);
  // NOTE: PyTorch converts the slope to the tensor's dtype first (0.01 is not a float32)
  const s = grad.dtype === 'float32' ? Math.fround(slope) : slope;
  for (let i = 0; i < n; i++) out[i] = x[i]! > 0 ? g[i]! : g[i]! * s;
  return fresh(out, grad);
}

/**
 * PyTorch's `sigmoid_backward` in one pass: `grad * (1 - y) * y`, rounding
 * each step to float32 for float32 tensors as PyTorch's kernel does.
 */
export function sigmoidBackward(grad: Base, output: Base): Base {
  const g = flat(grad);
  const y = flat(output);
  const n = grad.numel();
  const out = B.allocateResult(grad.dtype, n);
  if (grad.dtype === 'float32') {
    for (let i = 0; i < n; i++) out[i] = Math.fround(g[i]! * Math.fround(1 - y[i]!)) * y[i]!;
  } else {
    for (let i = 0; i < n; i++) out[i] = g[i]! * (1 - y[i]!) * y[i]!;
  }
  return fresh(out, grad);
}

/** PyTorch's `tanh_backward` in one pass: `grad * (1 - y * y)`, rounded per step like PyTorch's kernel. */
export function tanhBackward(grad: Base, output: Base): Base {
  const g = flat(grad);
  const y = flat(output);
  const n = grad.numel();
  const out = B.allocateResult(grad.dtype, n);
  if (grad.dtype === 'float32') {
    for (let i = 0; i < n; i++) out[i] = g[i]! * Math.fround(1 - Math.fround(y[i]! * y[i]!));
  } else {
    for (let i = 0; i < n; i++) out[i] = g[i]! * (1 - y[i]! * y[i]!);
  }
  return fresh(out, grad);
}

/**
 * PyTorch's `prod_safe_zeros_backward(grad, input, dim)` without recording:
 * `grad * exclusive_normal * exclusive_reverse`, where the exclusive products
 * along `dim` are cumulative products of the elements before and after each
 * one (computed as PyTorch's two cumprods, in the tensor's dtype). Linear in
 * the size, exact with zeros. `grad` has size 1 along `dim` (or is 0-d).
 */
export function prodSafeZerosBackward(grad: Base, input: Base, dim: number): Base {
  const x = input.offset === 0 && input.isContiguous() ? input.storage : input.dataSync();
  const shape = input.shape;
  const f = input.dtype === 'float32' ? Math.fround : (v: number) => v;
  const n = input.numel();
  const out = B.allocateResult(input.dtype, n);
  const size = shape.length === 0 ? 1 : shape[dim]!;
  let inner = 1;
  for (let k = dim + 1; k < shape.length; k++) inner *= shape[k]!;
  const outer = size * inner === 0 ? 0 : n / (size * inner);
  // the gradient broadcast over `dim`: one value per (outer, inner) position
  const gShape = shape.slice();
  if (gShape.length > 0) gShape[dim] = 1;
  const g = B.contiguous(B.expand(grad.shape.length === gShape.length ? grad : B.reshape(grad, gShape), gShape));
  const gv = g.storage;
  const left = new Float64Array(size);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      let running = 1;
      for (let k = 0; k < size; k++) {
        left[k] = running;
        running = f(running * x[base + k * inner]!);
      }
      running = 1;
      const gValue = gv[g.offset + o * inner + i]!;
      for (let k = size - 1; k >= 0; k--) {
        const p = base + k * inner;
        out[p] = f(gValue * f(left[k]! * running));
        running = f(running * x[p]!);
      }
    }
  }
  return new B.Tensor(out, shape, input.dtype);
}

/*
 * PyTorch's fused backward kernels, as ATen keeps them next to the forward
 * ones: threshold (ReLU), sigmoid, tanh, leaky ReLU, softmax, log-softmax and
 * prod's zero-safe product, each one pass over row-major values. Internal:
 * @gradlab/autograd reaches them through `@gradlab/tensor/internal`.
 */
import * as B from './index';
import { allocateResult } from './checked';

type Base = B.Tensor;

/** The elements in row-major order: the storage itself when it already is (no subarray). */
function flat(t: Base): B.TypedArray {
  return t.offset === 0 && t.isContiguous() ? t.storage : t.dataSync();
}

/** A kernel's fresh row-major result of `like`'s shape and dtype. */
function fresh(out: B.TypedArray, like: Base): Base {
  return new B.Tensor(out, like.shape, like.dtype);
}

/** Rows of a reduction along `dim`: `outer` blocks of `size` elements spaced `inner` apart. */
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
  const out = allocateResult(grad.dtype, n);
  for (let i = 0; i < n; i++) out[i] = r[i]! <= 0 ? 0 : g[i]!;
  return fresh(out, grad);
}

/** PyTorch's `_softmax_backward_data` in one pass: `y * (g - sum(g * y, dim))`. */
export function softmaxBackwardData(grad: Base, output: Base, dim: number): Base {
  const g = flat(grad);
  const y = flat(output);
  const out = allocateResult(grad.dtype, grad.numel());
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
  const out = allocateResult(grad.dtype, grad.numel());
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
  const out = allocateResult(grad.dtype, n);
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
  const out = allocateResult(grad.dtype, n);
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
  const out = allocateResult(grad.dtype, n);
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
  const out = allocateResult(input.dtype, n);
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

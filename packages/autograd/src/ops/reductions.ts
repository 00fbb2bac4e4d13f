/*
 * Differentiable reductions: sum, mean, prod, max/min, softmax, logSoftmax,
 * and sumTo (the engine's un-broadcasting helper), each declared once with
 * what its node keeps and its gradient.
 */
import * as B from '@gradlab/tensor';
import { ValueError } from '@gradlab/tensor';
import { gradMode } from '../engine/grad-mode';
import { derivative } from '../engine/node';
import { baseOf, constant, op1, tracks } from '../engine/record';
import type { Operand } from '../operand';
import { Tensor } from '../tensor';
import * as K from '@gradlab/tensor/internal';
import { exclusiveProd, logSoftmaxBackwardData, scatterAlong, softmaxBackwardData, sumBackward } from './backward-ops';
import { div, mul, where } from './elementwise';
import { normalizeDim } from '@gradlab/tensor';
import { expand, reshape, unsqueeze } from './views';

type Base = B.Tensor;

/** `{ values, indices }` of `max`/`min` over a dim; `indices` are int32. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

/** What an un-reduction keeps: the input's shape, the reduced dims (sorted) and keepdim. */
export interface Reduced {
  sizes: readonly number[];
  dims: readonly number[];
  keepdim: boolean;
}

/** Sorted, unique, non-negative dims; all dims for null/undefined. */
export function reducedDims(dim: number | readonly number[] | null | undefined, ndim: number, op: string): number[] {
  // NOTE: as in PyTorch 1.13, an empty list of dims reduces over all of them
  if (dim === null || dim === undefined || (typeof dim !== 'number' && dim.length === 0)) {
    const all = new Array<number>(ndim);
    for (let i = 0; i < ndim; i++) all[i] = i;
    return all;
  }
  const list = typeof dim === 'number' ? [dim] : dim;
  const dims = list.map((d) => normalizeDim(d, ndim, op));
  // NOTE: a 0-d tensor accepts dim 0 and -1 (PyTorch wraps dims as if it had one) but has no dim
  // to re-insert in the gradient: it reduces over nothing
  if (ndim === 0) return [];
  dims.sort((a, b) => a - b);
  for (let i = 1; i < dims.length; i++) {
    if (dims[i] === dims[i - 1]) {
      throw new ValueError('INVALID_ARGUMENT', `${op}: dim ${dims[i]} appears multiple times in the list of dims`);
    }
  }
  return dims;
}

/**
 * Sum of all elements, or over `dim` (a number or a list; negative allowed).
 *
 * @example
 * ```ts
 * sum(tensor([[1, 2], [3, 4]]), 1); // tensor([3., 7.])
 * ```
 */
export function sum(x: Operand, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  const data = baseOf(x, 'sum', 'input');
  if (dim === undefined || dim === null) {
    const out = keepdim ? B.sum(data, null, true) : B.sum(data);
    if (!tracks(x)) return constant(out);
    if (!keepdim) return op1(SumBackward0, out, x, { sizes: data.shape });
    return op1(SumBackward1, out, x, { sizes: data.shape, dims: reducedDims(null, data.shape.length, 'sum'), keepdim: true });
  }
  const out = B.sum(data, dim, keepdim);
  if (!tracks(x)) return constant(out);
  return op1(SumBackward1, out, x, { sizes: data.shape, dims: reducedDims(dim, data.shape.length, 'sum'), keepdim });
}
export const SumBackward0 = derivative<{ sizes: readonly number[] }>('SumBackward0', {}, (g, s) => expand(g, s.sizes));
export const SumBackward1 = derivative<Reduced>('SumBackward1', {}, (g, s) => sumBackward(g, s.sizes, s.dims, s.keepdim));

/**
 * Mean of all elements, or over `dim` (floating tensors).
 *
 * @example
 * ```ts
 * mean(tensor([1, 2, 3])); // tensor(2.)
 * ```
 */
export function mean(x: Operand, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  const data = baseOf(x, 'mean', 'input');
  const all = dim === undefined || dim === null;
  const out = all ? (keepdim ? B.mean(data, null, true) : B.mean(data)) : B.mean(data, dim, keepdim);
  if (!tracks(x)) return constant(out);
  const dims = reducedDims(dim, data.shape.length, 'mean');
  let count = 1;
  for (const d of dims) count *= data.shape[d]!;
  if (all && !keepdim) return op1(MeanBackward0, out, x, { sizes: data.shape, count: data.numel() });
  return op1(MeanBackward1, out, x, { sizes: data.shape, dims, keepdim: all ? true : keepdim, count: all ? data.numel() : count });
}
export const MeanBackward0 = derivative<{ sizes: readonly number[]; count: number }>('MeanBackward0', {}, (g, s) =>
  div(expand(g, s.sizes), s.count),
);
export const MeanBackward1 = derivative<Reduced & { count: number }>('MeanBackward1', {}, (g, s) =>
  div(sumBackward(g, s.sizes, s.dims, s.keepdim), s.count),
);

/**
 * Product of all elements, or over one `dim`. NOTE: the gradient is
 * `result / x` unless an element is 0; then the products of the other
 * elements are used, as PyTorch does.
 *
 * @example
 * ```ts
 * prod(tensor([2, 3, 4])); // tensor(24.)
 * ```
 */
export function prod(x: Operand, dim?: number | null, keepdim = false): Tensor {
  const data = baseOf(x, 'prod', 'input');
  if (dim === undefined || dim === null) return op1(ProdBackward0, B.prod(data), x, saveSelfResult);
  const out = B.prod(data, dim, keepdim);
  if (!tracks(x)) return constant(out);
  const d = normalizeDim(dim, data.shape.length, 'prod');
  return op1(ProdBackward1, out, x, (result) => ({ self: x, result, dim: d, keepdim }));
}
function saveSelfResult(result: Tensor, x: Tensor): { self: Tensor; result: Tensor } {
  return { self: x, result };
}
export const ProdBackward0 = derivative<{ self: Tensor; result: Tensor }>('ProdBackward0', { saves: true }, (g, s) =>
  prodBackward(g, s.self, s.result, null, false),
);
export const ProdBackward1 = derivative<{ self: Tensor; result: Tensor; dim: number; keepdim: boolean }>(
  'ProdBackward1',
  { saves: true },
  (g, s) => prodBackward(g, s.self, s.result, s.dim, s.keepdim),
);

function prodBackward(g: Tensor, self: Tensor, result: Tensor, dim: number | null, keepdim: boolean): Tensor {
  if (self.ndim === 0) return g;
  if (dim !== null && !keepdim && self.ndim !== 1) {
    g = unsqueeze(g, dim);
    result = unsqueeze(result, dim);
  }
  const zeros = B.sum(B.eq(self.data, 0)).item();
  // NOTE: result / x is 0/0 where x is 0: PyTorch then multiplies the
  // products of the other elements instead.
  if (zeros === 0) return mul(g, div(result, self));
  if (dim === null) {
    // with two zeros every product of the others is 0: PyTorch skips the work
    // when the backward is not recorded (and so gives +0, not -0)
    if (zeros > 1 && !gradMode.enabled) return new Tensor(B.zerosLike(self.data));
    if (!gradMode.enabled) {
      const flat = B.reshape(self.data, [-1]);
      return new Tensor(B.reshape(K.prodSafeZerosBackward(g.data, flat, 0), self.shape));
    }
    const flat = reshape(self, [-1]);
    return reshape(mul(g, exclusiveProd(flat, 0)), self.shape);
  }
  // NOTE: without createGraph, PyTorch's prod_safe_zeros_backward in one pass (linear, not the
  // quadratic differentiable form below, which only a recorded backward needs)
  if (!gradMode.enabled) return new Tensor(K.prodSafeZerosBackward(g.data, self.data, dim));
  return mul(g, exclusiveProd(self, dim));
}

function extreme(kind: 'max' | 'min', x: Operand, dim?: number, keepdim = false): Tensor | ValuesIndices {
  const data = baseOf(x, kind, 'input');
  if (dim === undefined) {
    const out = kind === 'max' ? B.max(data) : B.min(data);
    return op1(kind === 'max' ? MaxBackward1 : MinBackward1, out, x, saveSelfResult);
  }
  const { values, indices } = kind === 'max' ? B.max(data, dim, keepdim) : B.min(data, dim, keepdim);
  if (!tracks(x)) return { values: constant(values), indices: constant(indices) };
  const saved = { sizes: data.shape, dim: normalizeDim(dim, data.shape.length, kind), keepdim, indices };
  return { values: op1(kind === 'max' ? MaxBackward0 : MinBackward0, values, x, saved), indices: constant(indices) };
}
// NOTE: max()/min() over all elements: the gradient is shared evenly by every
// element equal to the result (every NaN when the result is NaN).
function evenlyDistribute(g: Tensor, s: { self: Tensor; result: Tensor }): Tensor {
  const self = s.self.data;
  const value = s.result.data;
  const mask = Number.isNaN(value.item()) ? B.ne(self, self) : B.eq(self, value);
  const count = B.sum(mask).item();
  return where(mask, div(g, count), 0);
}
export const MaxBackward1 = derivative<{ self: Tensor; result: Tensor }>('MaxBackward1', { saves: true }, evenlyDistribute);
export const MinBackward1 = derivative<{ self: Tensor; result: Tensor }>('MinBackward1', { saves: true }, evenlyDistribute);
/** What max/min over a dim keep: the input's shape, the dim, keepdim and the selected indices. */
export interface Selected {
  sizes: readonly number[];
  dim: number;
  keepdim: boolean;
  indices: Base;
}
// NOTE: max/min over a dim: the whole gradient goes to the returned index.
export const MaxBackward0 = derivative<Selected>('MaxBackward0', { saves: true }, (g, s) =>
  scatterAlong(g, s.dim, s.indices, s.sizes, s.keepdim),
);
export const MinBackward0 = derivative<Selected>('MinBackward0', { saves: true }, (g, s) =>
  scatterAlong(g, s.dim, s.indices, s.sizes, s.keepdim),
);

/**
 * The largest element (a 0-d tensor), or `{ values, indices }` over `dim`.
 * NOTE: over all elements, ties share the gradient evenly; over a dim, the
 * returned index takes it all.
 *
 * @example
 * ```ts
 * max(tensor([1, 3, 2])); // tensor(3.)
 * max(tensor([[1, 3], [4, 2]]), 1).indices; // tensor([1, 0], dtype=torch.int32)
 * ```
 */
export function max(x: Operand): Tensor;
export function max(x: Operand, dim: number, keepdim?: boolean): ValuesIndices;
export function max(x: Operand, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return extreme('max', x, dim, keepdim);
}

/**
 * The smallest element, or `{ values, indices }` over `dim`.
 *
 * @example
 * ```ts
 * min(tensor([1, 3, 2])); // tensor(1.)
 * ```
 */
export function min(x: Operand): Tensor;
export function min(x: Operand, dim: number, keepdim?: boolean): ValuesIndices;
export function min(x: Operand, dim?: number, keepdim = false): Tensor | ValuesIndices {
  return extreme('min', x, dim, keepdim);
}

/**
 * Index of the largest element (flattened), or along `dim` (int32, not differentiable).
 *
 * @example
 * ```ts
 * argmax(tensor([1, 3, 2])); // tensor(1, dtype=torch.int32)
 * ```
 */
export function argmax(x: Operand, dim?: number | null, keepdim = false): Tensor {
  return constant(B.argmax(baseOf(x, 'argmax', 'input'), dim ?? undefined, keepdim));
}

/**
 * Index of the smallest element (int32, not differentiable).
 *
 * @example
 * ```ts
 * argmin(tensor([1, 3, 2])); // tensor(0, dtype=torch.int32)
 * ```
 */
export function argmin(x: Operand, dim?: number | null, keepdim = false): Tensor {
  return constant(B.argmin(baseOf(x, 'argmin', 'input'), dim ?? undefined, keepdim));
}

/**
 * Softmax over `dim` (stable for large logits).
 *
 * @example
 * ```ts
 * softmax(tensor([[1, 2, 3]]), 1);
 * ```
 */
export function softmax(x: Operand, dim: number): Tensor {
  return softmaxLike(x, dim, 'softmax', B.softmax, SoftmaxBackward0);
}
// NOTE: fused kernels, as PyTorch's: y * (g - sum(g * y)) and g - exp(y) * sum(g)
export const SoftmaxBackward0 = derivative<{ result: Tensor; dim: number }>('SoftmaxBackward0', { saves: true }, (g, s) =>
  softmaxBackwardData(g, s.result, s.dim),
);

/**
 * Log-softmax over `dim` (stable for logits of 1000).
 *
 * @example
 * ```ts
 * logSoftmax(tensor([[1, 2, 3]]), 1);
 * ```
 */
export function logSoftmax(x: Operand, dim: number): Tensor {
  return softmaxLike(x, dim, 'logSoftmax', B.logSoftmax, LogSoftmaxBackward0);
}
export const LogSoftmaxBackward0 = derivative<{ result: Tensor; dim: number }>('LogSoftmaxBackward0', { saves: true }, (g, s) =>
  logSoftmaxBackwardData(g, s.result, s.dim),
);

// softmax and logSoftmax: both backward rules read the result and the dim.
function softmaxLike(
  x: Operand,
  dim: number,
  op: string,
  forward: (data: Base, dim: number) => Base,
  rule: typeof SoftmaxBackward0,
): Tensor {
  const data = baseOf(x, op, 'input');
  const out = forward(data, dim);
  if (!tracks(x)) return constant(out);
  const d = normalizeDim(dim, data.shape.length, op);
  return op1(rule, out, x, (result) => ({ result, dim: d }));
}

/**
 * Sums a broadcast tensor back to `shape` (the inverse of broadcasting; the
 * tensor itself when it already has that shape).
 *
 * @example
 * ```ts
 * sumTo(ones([2, 3]), [1, 3]); // tensor([[2., 2., 2.]])
 * ```
 */
export function sumTo(x: Operand, shape: readonly number[]): Tensor {
  const data = baseOf(x, 'sumTo', 'input');
  // anything but an array goes on to B.sumTo, which rejects it with its message
  if (Array.isArray(shape) && B.shapesEqual(data.shape, shape)) {
    return x instanceof Tensor ? x : constant(data);
  }
  return op1(SumToSizeBackward0, B.sumTo(data, shape), x, { sizes: data.shape });
}
// PyTorch records sum_to_size as SumBackward1
export const SumToSizeBackward0 = derivative<{ sizes: readonly number[] }>('SumBackward1', {}, (g, s) => expand(g, s.sizes));

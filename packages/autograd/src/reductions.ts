/*
 * Differentiable reductions: sum, mean, prod, max/min, softmax, logSoftmax,
 * and sumTo (the engine's un-broadcasting helper).
 */
import * as B from '@gradlab/tensor';
import { ValueError } from '@gradlab/tensor';
import { gradMode } from './grad-mode';
import type { Operand } from './operand';
import { attach, baseOf, constant, unaryNode } from './record';
import { RULES } from './rules';
import { Tensor } from './tensor';
import { normalizeDim } from './views';

type Base = B.Tensor;

/** `{ values, indices }` of `max`/`min` over a dim; `indices` are int32. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

function isTracked(x: Operand): x is Tensor {
  return x instanceof Tensor && x._requiresGrad && gradMode.enabled;
}

/** Sorted, unique, non-negative dims; all dims for null/undefined. */
function reducedDims(dim: number | readonly number[] | null | undefined, ndim: number, op: string): number[] {
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
    if (!isTracked(x)) return constant(out);
    const node = unaryNode(keepdim ? RULES.SumBackward1 : RULES.SumBackward0, x);
    node.sizes = data.shape;
    node.keepdim = true;
    node.extra = reducedDims(null, data.shape.length, 'sum');
    return attach(out, node);
  }
  const out = B.sum(data, dim, keepdim);
  if (!isTracked(x)) return constant(out);
  const node = unaryNode(RULES.SumBackward1, x);
  node.sizes = data.shape;
  node.keepdim = keepdim;
  node.extra = reducedDims(dim, data.shape.length, 'sum');
  return attach(out, node);
}

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
  if (!isTracked(x)) return constant(out);
  const dims = reducedDims(dim, data.shape.length, 'mean');
  let count = 1;
  for (const d of dims) count *= data.shape[d]!;
  const node = unaryNode(all && !keepdim ? RULES.MeanBackward0 : RULES.MeanBackward1, x);
  node.sizes = data.shape;
  node.keepdim = all ? true : keepdim;
  node.extra = dims;
  node.scalar = all ? data.numel() : count;
  return attach(out, node);
}

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
  if (dim === undefined || dim === null) {
    const out = B.prod(data);
    if (!isTracked(x)) return constant(out);
    const node = unaryNode(RULES.ProdBackward0, x);
    node.self = x;
    const result = attach(out, node);
    node.result = result;
    return result;
  }
  const out = B.prod(data, dim, keepdim);
  if (!isTracked(x)) return constant(out);
  const node = unaryNode(RULES.ProdBackward1, x);
  node.self = x;
  node.dim = normalizeDim(dim, data.shape.length, 'prod');
  node.keepdim = keepdim;
  const result = attach(out, node);
  node.result = result;
  return result;
}

function extreme(kind: 'max' | 'min', x: Operand, dim?: number, keepdim = false): Tensor | ValuesIndices {
  const data = baseOf(x, kind, 'input');
  if (dim === undefined) {
    const out = kind === 'max' ? B.max(data) : B.min(data);
    if (!isTracked(x)) return constant(out);
    const node = unaryNode(kind === 'max' ? RULES.MaxBackward1 : RULES.MinBackward1, x);
    node.self = x;
    const result = attach(out, node);
    node.result = result;
    return result;
  }
  const { values, indices } = kind === 'max' ? B.max(data, dim, keepdim) : B.min(data, dim, keepdim);
  if (!isTracked(x)) return { values: constant(values), indices: constant(indices) };
  const node = unaryNode(kind === 'max' ? RULES.MaxBackward0 : RULES.MinBackward0, x);
  node.sizes = data.shape;
  node.dim = normalizeDim(dim, data.shape.length, kind);
  node.keepdim = keepdim;
  node.extra = indices;
  return { values: attach(values, node), indices: constant(indices) };
}

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
  return softmaxLike(x, dim, 'softmax', B.softmax, 'SoftmaxBackward0');
}

/**
 * Log-softmax over `dim` (stable for logits of 1000).
 *
 * @example
 * ```ts
 * logSoftmax(tensor([[1, 2, 3]]), 1);
 * ```
 */
export function logSoftmax(x: Operand, dim: number): Tensor {
  return softmaxLike(x, dim, 'logSoftmax', B.logSoftmax, 'LogSoftmaxBackward0');
}

// softmax and logSoftmax: both backward rules read the result and the dim.
function softmaxLike(
  x: Operand,
  dim: number,
  op: string,
  forward: (data: Base, dim: number) => Base,
  rule: 'SoftmaxBackward0' | 'LogSoftmaxBackward0',
): Tensor {
  const data = baseOf(x, op, 'input');
  const out = forward(data, dim);
  if (!isTracked(x)) return constant(out);
  const node = unaryNode(RULES[rule], x);
  node.dim = normalizeDim(dim, data.shape.length, op);
  const result = attach(out, node);
  node.result = result;
  return result;
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
  const out = B.sumTo(data, shape);
  if (!isTracked(x)) return constant(out);
  const node = unaryNode(RULES.SumToSizeBackward0, x);
  node.sizes = data.shape;
  return attach(out, node);
}

/*
 * Differentiable views and copies: reshaping, dim moves, indexing, joining,
 * dtype conversion. Views share storage with their input, as in PyTorch.
 */
import * as B from '@gradlab/tensor';
import { IndexError, ValueError, normalizeDim } from '@gradlab/tensor';
import { gradMode } from './grad-mode';
import { Node, type Edge } from './node';
import type { Operand } from './operand';
import { attach, baseOf, constant, edgeOf, unaryNode, unwrap } from './record';
import { RULES } from './rules';
import { Tensor } from './tensor';

type Base = B.Tensor;

function operandList(tensors: readonly Operand[], op: string): readonly Operand[] {
  if (!Array.isArray(tensors)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}(): argument 'tensors' must be an array of Tensors, got ${B.describeValue(tensors)}`);
  }
  return tensors;
}

function isTracked(x: Operand): x is Tensor {
  return x instanceof Tensor && x._requiresGrad && gradMode.enabled;
}

// One dim check for every package: @gradlab/tensor's (PyTorch's message).
export { normalizeDim };

function withNode(out: Base, x: Tensor, rule: keyof typeof RULES): [Tensor, Node] {
  const node = unaryNode(RULES[rule], x);
  return [attach(out, node), node];
}

/**
 * Same values in a new shape (one size may be -1): a view when the strides
 * allow (`ReshapeAliasBackward0`), else a copy (`UnsafeViewBackward0`).
 *
 * @example
 * ```ts
 * reshape(arange(6), [2, 3]);
 * ```
 */
export function reshape(x: Operand, shape: readonly number[]): Tensor {
  const data = baseOf(x, 'reshape', 'input');
  const out = B.reshape(data, shape);
  if (!isTracked(x)) return constant(out);
  if (out.storage === data.storage) {
    const [result, node] = withNode(out, x, 'ReshapeAliasBackward0');
    node.sizes = data.shape;
    return result;
  }
  // PyTorch copies a tensor that no view can reshape as `_unsafe_view(clone(x))`: the copy is
  // recorded as CloneBackward0 (in x's shape, a view of the same new storage) under UnsafeViewBackward0
  const [copy] = withNode(B.reshape(out, data.shape), x, 'CloneBackward0');
  return unsafeView(copy, shape);
}

/** @internal reshape recorded as PyTorch's `_unsafe_view` (matmul's folding). */
export function unsafeView(x: Tensor, shape: readonly number[]): Tensor {
  const out = B.reshape(x.data, shape);
  if (!isTracked(x)) return constant(out);
  const [result, node] = withNode(out, x, 'UnsafeViewBackward0');
  node.sizes = x.data.shape;
  return result;
}

/**
 * A view with a new shape; throws when the strides do not allow one.
 *
 * @example
 * ```ts
 * view(zeros([2, 3]), [-1]); // shape [6]
 * ```
 */
export function view(x: Operand, shape: readonly number[]): Tensor {
  const data = baseOf(x, 'view', 'input');
  const out = B.view(data, shape);
  if (!isTracked(x)) return constant(out);
  const [result, node] = withNode(out, x, 'ViewBackward0');
  node.sizes = data.shape;
  return result;
}

/**
 * Flattens dims `startDim..endDim` into one (a reshape).
 *
 * @example
 * ```ts
 * flatten(zeros([2, 3, 4]), 1); // shape [2, 12]
 * ```
 */
export function flatten(x: Operand, startDim = 0, endDim = -1): Tensor {
  const data = baseOf(x, 'flatten', 'input');
  const shape = data.shape;
  // a 0-d tensor takes dims -1 and 0 only (PyTorch: flatten(x, 1, -1) of a 0-d tensor is an IndexError)
  if (shape.length === 0) {
    normalizeDim(startDim, 0, 'flatten');
    normalizeDim(endDim, 0, 'flatten');
    return reshape(x, [1]);
  }
  const start = normalizeDim(startDim, shape.length, 'flatten');
  const end = normalizeDim(endDim, shape.length, 'flatten');
  if (start > end) {
    throw new ValueError('INVALID_ARGUMENT', 'flatten() has invalid args: start_dim cannot come after end_dim');
  }
  if (start === end) return x instanceof Tensor ? x : constant(data);
  let size = 1;
  for (let d = start; d <= end; d++) size *= shape[d]!;
  return reshape(x, [...shape.slice(0, start), size, ...shape.slice(end + 1)]);
}

/**
 * Removes every size-1 dim, or only `dim` (a number or a list) where it has size 1.
 *
 * @example
 * ```ts
 * squeeze(zeros([1, 3, 1])); // shape [3]
 * ```
 */
export function squeeze(x: Operand, dim?: number | readonly number[] | null): Tensor {
  const data = baseOf(x, 'squeeze', 'input');
  if (dim === undefined || dim === null || typeof dim !== 'number') {
    const out = dim === undefined || dim === null ? B.squeeze(data) : B.squeeze(data, dim);
    if (!isTracked(x)) return constant(out);
    const [result, node] = withNode(out, x, 'SqueezeBackward0');
    node.sizes = data.shape;
    return result;
  }
  const d = normalizeDim(dim, data.shape.length, 'squeeze');
  const out = B.squeeze(data, d);
  if (!isTracked(x)) return constant(out);
  const [result, node] = withNode(out, x, 'SqueezeBackward1');
  node.sizes = data.shape;
  node.dim = d;
  return result;
}

/** @internal squeeze of one dim recorded as PyTorch's `squeeze.dims` overload (`SqueezeBackward3`, matmul's 1-D rule). */
export function squeezeDims(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.data.shape.length, 'squeeze');
  const out = B.squeeze(x.data, d);
  if (!isTracked(x)) return constant(out);
  const [result, node] = withNode(out, x, 'SqueezeBackward3');
  node.sizes = x.data.shape;
  node.dim = d;
  return result;
}

/**
 * Inserts a size-1 dim at `dim`.
 *
 * @example
 * ```ts
 * unsqueeze(zeros([3]), 0); // shape [1, 3]
 * ```
 */
export function unsqueeze(x: Operand, dim: number): Tensor {
  const data = baseOf(x, 'unsqueeze', 'input');
  const d = normalizeDim(dim, data.shape.length + 1, 'unsqueeze');
  const out = B.unsqueeze(data, d);
  if (!isTracked(x)) return constant(out);
  const [result, node] = withNode(out, x, 'UnsqueezeBackward0');
  node.dim = d;
  return result;
}

/**
 * Swaps `dim0` and `dim1` (a view).
 *
 * @example
 * ```ts
 * transpose(zeros([2, 3]), 0, 1); // shape [3, 2]
 * ```
 */
export function transpose(x: Operand, dim0: number, dim1: number): Tensor {
  const data = baseOf(x, 'transpose', 'input');
  const d0 = normalizeDim(dim0, data.shape.length, 'transpose');
  const d1 = normalizeDim(dim1, data.shape.length, 'transpose');
  const out = B.transpose(data, d0, d1);
  if (!isTracked(x)) return constant(out);
  const node = unaryNode(RULES.TransposeBackward0, x);
  node.dim = d0;
  node.scalar = d1;
  return attach(out, node);
}

/**
 * Transpose of a tensor of at most 2 dims (PyTorch's `t()`).
 *
 * @example
 * ```ts
 * t(zeros([2, 3])); // shape [3, 2]
 * ```
 */
export function t(x: Operand): Tensor {
  const data = baseOf(x, 't', 'input');
  if (data.shape.length > 2) {
    throw new ValueError('INVALID_ARGUMENT', `t() expects a tensor with <= 2 dimensions, but self is ${data.shape.length}D`);
  }
  const out = data.shape.length === 2 ? B.transpose(data, 0, 1) : B.reshape(data, data.shape);
  if (!isTracked(x)) return constant(out);
  return attach(out, unaryNode(RULES.TBackward0, x));
}

/**
 * All dims reversed (PyTorch's `x.T`, recorded as `PermuteBackward0`).
 *
 * @example
 * ```ts
 * T(zeros([2, 3])); // shape [3, 2]
 * ```
 */
export function T(x: Operand): Tensor {
  const ndim = baseOf(x, 'T', 'input').shape.length;
  return permute(x, Array.from({ length: ndim }, (_, i) => ndim - 1 - i));
}

/**
 * The last two dims swapped (PyTorch's `x.mT`).
 *
 * @example
 * ```ts
 * mT(zeros([4, 2, 3])); // shape [4, 3, 2]
 * ```
 */
export function mT(x: Operand): Tensor {
  return transpose(x, -2, -1);
}

/**
 * Reorders the dims (a view).
 *
 * @example
 * ```ts
 * permute(zeros([2, 3, 4]), [2, 0, 1]); // shape [4, 2, 3]
 * ```
 */
export function permute(x: Operand, dims: readonly number[]): Tensor {
  const data = baseOf(x, 'permute', 'input');
  const ndim = data.shape.length;
  if (!Array.isArray(dims)) {
    throw new IndexError('INVALID_DIM', `permute: 'dims' must be an array of numbers, got ${B.describeValue(dims)}`);
  }
  const norm = dims.map((d) => normalizeDim(d, ndim, 'permute'));
  const out = B.permute(data, norm);
  if (!isTracked(x)) return constant(out);
  const inverse = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) inverse[norm[i]!] = i;
  const [result, node] = withNode(out, x, 'PermuteBackward0');
  node.extra = inverse;
  return result;
}

/**
 * Broadcasts size-1 dims to `shape` without copying (-1 keeps a size).
 *
 * @example
 * ```ts
 * expand(tensor([[1], [2]]), [2, 3]);
 * ```
 */
export function expand(x: Operand, shape: readonly number[]): Tensor {
  const data = baseOf(x, 'expand', 'input');
  const out = B.expand(data, shape);
  if (!isTracked(x)) return constant(out);
  const [result, node] = withNode(out, x, 'ExpandBackward0');
  node.sizes = data.shape;
  return result;
}

/**
 * Broadcasts to `shape` (PyTorch's `broadcast_to`, an expand).
 *
 * @example
 * ```ts
 * broadcastTo(tensor([1, 2]), [3, 2]);
 * ```
 */
export function broadcastTo(x: Operand, shape: readonly number[]): Tensor {
  return expand(x, shape);
}

/**
 * The sub-tensor at `index` along `dim`, one dim fewer (PyTorch's `x.select(dim, i)`, `x[i]`).
 *
 * @example
 * ```ts
 * select(tensor([[1, 2], [3, 4]]), 1, 0); // tensor([1., 3.])
 * ```
 */
export function select(x: Operand, dim: number, index: number): Tensor {
  const data = baseOf(x, 'select', 'input');
  const out = B.select(data, dim, index);
  if (!isTracked(x)) return constant(out);
  const d = normalizeDim(dim, data.shape.length, 'select');
  const [result, node] = withNode(out, x, 'SelectBackward0');
  node.sizes = data.shape;
  node.dim = d;
  node.scalar = index < 0 ? index + data.shape[d]! : index;
  return result;
}

/**
 * `x[index]`: `select(x, 0, index)`.
 *
 * @example
 * ```ts
 * at(tensor([1, 2, 3]), -1); // tensor(3.)
 * ```
 */
export function at(x: Operand, index: number): Tensor {
  return select(x, 0, index);
}

/**
 * Python's `x[start:stop:step]` along `dim` (a view; bounds clamp as in Python).
 *
 * @example
 * ```ts
 * slice(arange(6), 0, 1, 5, 2); // tensor([1, 3])
 * ```
 */
export function slice(x: Operand, dim: number, start?: number | null, stop?: number | null, step = 1): Tensor {
  const data = baseOf(x, 'slice', 'input');
  const out = B.slice(data, dim, start ?? undefined, stop ?? undefined, step);
  if (!isTracked(x)) return constant(out);
  const d = normalizeDim(dim, data.shape.length, 'slice');
  const size = data.shape[d]!;
  let begin = start ?? 0;
  if (begin < 0) begin += size;
  begin = Math.min(Math.max(begin, 0), size);
  const length = out.shape[d]!;
  const end = length === 0 ? begin : begin + (length - 1) * step + 1;
  const [result, node] = withNode(out, x, 'SliceBackward0');
  node.sizes = data.shape;
  node.dim = d;
  node.extra = [begin, end, step];
  return result;
}

/**
 * `length` elements from `start` along `dim` (a slice; `start` may be negative).
 *
 * @example
 * ```ts
 * narrow(arange(6), 0, 2, 3); // tensor([2, 3, 4])
 * ```
 */
export function narrow(x: Operand, dim: number, start: number, length: number): Tensor {
  const data = baseOf(x, 'narrow', 'input');
  B.narrow(data, dim, start, length); // checks every argument, with PyTorch's messages
  const d = normalizeDim(dim, data.shape.length, 'narrow');
  const begin = start < 0 ? start + data.shape[d]! : start;
  return slice(x, d, begin, begin + length, 1);
}

/**
 * The tensor itself when contiguous, else a contiguous copy (`CloneBackward0`).
 *
 * @example
 * ```ts
 * contiguous(transpose(zeros([2, 3]), 0, 1));
 * ```
 */
export function contiguous(x: Operand): Tensor {
  const data = baseOf(x, 'contiguous', 'input');
  if (data.isContiguous()) return x instanceof Tensor ? x : constant(data);
  return contiguousCopy(x);
}

/**
 * @internal a row-major copy recorded as `CloneBackward0` (PyTorch's `clone(memory_format=contiguous)`,
 * what `contiguous()`, `retain_grad` and `AccumulateGrad` use).
 */
export function contiguousCopy(x: Operand): Tensor {
  const data = baseOf(x, 'contiguous', 'input');
  const out = data.isContiguous() ? B.clone(data) : B.contiguous(data);
  if (!isTracked(x)) return constant(out);
  return withNode(out, x, 'CloneBackward0')[0];
}

/**
 * A copy laid out as PyTorch's `clone()` (a dense view such as a transpose keeps its strides).
 *
 * @example
 * ```ts
 * clone(tensor([1, 2]));
 * ```
 */
export function clone(x: Operand): Tensor {
  const data = baseOf(x, 'clone', 'input');
  const out = B.clone(data);
  if (!isTracked(x)) return constant(out);
  return withNode(out, x, 'CloneBackward0')[0];
}

function joinNode(rule: Node['rule'], out: Base, inputs: readonly Operand[]): Node {
  const next: Edge[] = inputs.map((x) => edgeOf(x));
  const node = new Node(rule, next);
  inputs.forEach((x, i) => {
    if (next[i] !== null && (x as Tensor).data.dtype !== out.dtype) {
      node.dtypes ??= new Array<B.DType | null>(inputs.length).fill(null);
      node.dtypes[i] = (x as Tensor).data.dtype;
    }
  });
  return node;
}

/**
 * Concatenates along an existing `dim`.
 *
 * @example
 * ```ts
 * cat([tensor([1]), tensor([2, 3])], 0); // tensor([1., 2., 3.])
 * ```
 */
export function cat(tensors: readonly Operand[], dim = 0): Tensor {
  const datas = operandList(tensors, 'cat').map((x, i) => baseOf(x, 'cat', `tensors[${i}]`));
  const out = B.cat(datas, dim);
  if (!tensors.some(isTracked)) return constant(out);
  const d = normalizeDim(dim, out.shape.length, 'cat');
  const offsets = [0];
  for (const data of datas) offsets.push(offsets[offsets.length - 1]! + (data.shape.length === 0 ? 0 : data.shape[d] ?? 0));
  const node = joinNode(RULES.CatBackward0, out, tensors);
  node.dim = d;
  node.extra = offsets;
  return attach(out, node);
}

/**
 * Stacks along a new `dim`.
 *
 * @example
 * ```ts
 * stack([tensor([1, 2]), tensor([3, 4])], 0); // shape [2, 2]
 * ```
 */
export function stack(tensors: readonly Operand[], dim = 0): Tensor {
  const datas = operandList(tensors, 'stack').map((x, i) => baseOf(x, 'stack', `tensors[${i}]`));
  const out = B.stack(datas, dim);
  if (!tensors.some(isTracked)) return constant(out);
  const node = joinNode(RULES.StackBackward0, out, tensors);
  node.dim = normalizeDim(dim, out.shape.length, 'stack');
  return attach(out, node);
}

/**
 * Converts to `dtype` (the tensor itself when it already has it). Only
 * float-to-float conversions are differentiable (`ToCopyBackward0`).
 *
 * @example
 * ```ts
 * to(tensor([1, 2]), 'float64');
 * ```
 */
export function to(x: Operand, dtype: B.DType): Tensor {
  const data = baseOf(x, 'to', 'input');
  if (data.dtype === dtype) return x instanceof Tensor ? x : constant(data);
  const out = B.to(data, dtype);
  if (!isTracked(x) || (dtype !== 'float32' && dtype !== 'float64')) return constant(out);
  const [result, node] = withNode(out, x, 'ToCopyBackward0');
  node.extra = data.dtype;
  return result;
}

/**
 * Alias of {@link to} (the tensor package's name).
 *
 * @example
 * ```ts
 * cast(tensor([1.5]), 'float64');
 * ```
 */
export function cast(x: Operand, dtype: B.DType): Tensor {
  return to(x, dtype);
}

/**
 * A tensor sharing `x`'s values, cut from the graph.
 *
 * @example
 * ```ts
 * detach(y).requiresGrad; // false
 * ```
 */
export function detach(x: Tensor): Tensor {
  if (!(x instanceof Tensor)) throw new ValueError('INVALID_ARGUMENT', `detach: 'x' must be a Tensor, got ${B.describeValue(x)}`);
  return x.detach();
}

/*
 * Differentiable views and copies: reshaping, dim moves, indexing, joining,
 * dtype conversion. Views share storage with their input, as in PyTorch.
 * Each op is declared once: its forward, what its node keeps (the type
 * parameter of its `derivative`) and its gradient, next to each other.
 */
import * as B from '@gradlab/tensor';
import { IndexError, ValueError, normalizeDim } from '@gradlab/tensor';
import { gradMode } from '../engine/grad-mode';
import { derivative } from '../engine/node';
import { baseOf, constant, op1, opN, tracks, tracksAny } from '../engine/record';
import type { Operand } from '../operand';
import { Tensor } from '../tensor';
import { selectBackward, sliceBackward } from './backward-ops';
import { sumTo } from './reductions';
import { contiguousCopy, unsafeView, type Sizes, type SqueezedDim } from './view-internals';

type Base = B.Tensor;

function operandList(tensors: readonly Operand[], op: string): readonly Operand[] {
  if (!Array.isArray(tensors)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}(): argument 'tensors' must be an array of Tensors, got ${B.describeValue(tensors)}`);
  }
  return tensors;
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
  if (!tracks(x)) return constant(out);
  if (out.storage === data.storage) return op1(ReshapeAliasBackward0, out, x, { sizes: data.shape });
  // PyTorch copies a tensor that no view can reshape as `_unsafe_view(clone(x))`: the copy is
  // recorded as CloneBackward0 (in x's shape, a view of the same new storage) under UnsafeViewBackward0
  const copy = op1(CloneBackward0, B.reshape(out, data.shape), x, null);
  return unsafeView(copy, shape);
}
export const ReshapeAliasBackward0 = derivative<Sizes>('ReshapeAliasBackward0', {}, (g, s) => reshape(g, s.sizes));

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
  return op1(ViewBackward0, B.view(data, shape), x, { sizes: data.shape });
}
export const ViewBackward0 = derivative<Sizes>('ViewBackward0', {}, (g, s) => reshape(g, s.sizes));

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
    return op1(SqueezeBackward0, out, x, { sizes: data.shape });
  }
  const d = normalizeDim(dim, data.shape.length, 'squeeze');
  return op1(SqueezeBackward1, B.squeeze(data, d), x, { sizes: data.shape, dim: d });
}
export const SqueezeBackward0 = derivative<Sizes>('SqueezeBackward0', {}, (g, s) => reshape(g, s.sizes));
export const SqueezeBackward1 = derivative<SqueezedDim>('SqueezeBackward1', {}, (g, s) =>
  s.sizes[s.dim] === 1 ? unsqueeze(g, s.dim) : g,
);

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
  return op1(UnsqueezeBackward0, B.unsqueeze(data, d), x, { dim: d });
}
export const UnsqueezeBackward0 = derivative<{ dim: number }>('UnsqueezeBackward0', {}, (g, s) => squeeze(g, s.dim));

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
  return op1(TransposeBackward0, B.transpose(data, d0, d1), x, { dim0: d0, dim1: d1 });
}
export const TransposeBackward0 = derivative<{ dim0: number; dim1: number }>('TransposeBackward0', {}, (g, s) =>
  !gradMode.enabled ? new Tensor(B.transpose(g.data, s.dim0, s.dim1)) : transpose(g, s.dim0, s.dim1),
);

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
  return op1(TBackward0, out, x, null);
}
export const TBackward0 = derivative('TBackward0', {}, (g) =>
  !gradMode.enabled && g.data.shape.length === 2 ? new Tensor(B.transpose(g.data, 0, 1)) : t(g),
);

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
  if (!tracks(x)) return constant(out);
  const inverse = new Array<number>(ndim);
  for (let i = 0; i < ndim; i++) inverse[norm[i]!] = i;
  return op1(PermuteBackward0, out, x, { inverse });
}
export const PermuteBackward0 = derivative<{ inverse: readonly number[] }>('PermuteBackward0', {}, (g, s) => permute(g, s.inverse));

/**
 * Moves the dims `source` to `destination` (numbers or lists of one length; a
 * view). Recorded as PyTorch records it, `PermuteBackward0`.
 *
 * @example
 * ```ts
 * movedim(zeros([2, 3, 4]), 0, -1); // shape [3, 4, 2]
 * ```
 */
export function movedim(x: Operand, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  return op1(MovedimBackward, B.movedim(baseOf(x, 'movedim', 'input'), source, destination), x, { source, destination });
}
// the inverse of a move is the move back
export const MovedimBackward = derivative<{ source: number | readonly number[]; destination: number | readonly number[] }>(
  'PermuteBackward0',
  {},
  (g, s) => movedim(g, s.destination, s.source),
);

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
  return op1(ExpandBackward0, B.expand(data, shape), x, { sizes: data.shape });
}
export const ExpandBackward0 = derivative<Sizes>('ExpandBackward0', {}, (g, s) => sumTo(g, s.sizes));

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
  if (!tracks(x)) return constant(out);
  const d = normalizeDim(dim, data.shape.length, 'select');
  return op1(SelectBackward0, out, x, { sizes: data.shape, dim: d, index: index < 0 ? index + data.shape[d]! : index });
}
export const SelectBackward0 = derivative<{ sizes: readonly number[]; dim: number; index: number }>('SelectBackward0', {}, (g, s) =>
  selectBackward(g, s.sizes, s.dim, s.index),
);

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
  if (!tracks(x)) return constant(out);
  const d = normalizeDim(dim, data.shape.length, 'slice');
  const size = data.shape[d]!;
  let begin = start ?? 0;
  if (begin < 0) begin += size;
  begin = Math.min(Math.max(begin, 0), size);
  const length = out.shape[d]!;
  const end = length === 0 ? begin : begin + (length - 1) * step + 1;
  return op1(SliceBackward0, out, x, { sizes: data.shape, dim: d, start: begin, stop: end, step });
}
export const SliceBackward0 = derivative<{ sizes: readonly number[]; dim: number; start: number; stop: number; step: number }>(
  'SliceBackward0',
  {},
  (g, s) => sliceBackward(g, s.sizes, s.dim, s.start, s.stop, s.step),
);

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
 * A copy laid out as PyTorch's `clone()` (a dense view such as a transpose keeps its strides).
 *
 * @example
 * ```ts
 * clone(tensor([1, 2]));
 * ```
 */
export function clone(x: Operand): Tensor {
  return op1(CloneBackward0, B.clone(baseOf(x, 'clone', 'input')), x, null);
}
export const CloneBackward0 = derivative('CloneBackward0', {}, (g) => g);

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
  if (!tracksAny(tensors)) return constant(out);
  const d = normalizeDim(dim, out.shape.length, 'cat');
  const offsets = [0];
  for (const data of datas) offsets.push(offsets[offsets.length - 1]! + (data.shape.length === 0 ? 0 : data.shape[d] ?? 0));
  const legacyEmpty = datas.map((data) => data.shape.length === 1 && data.shape[0] === 0);
  return opN(CatBackward0, out, tensors, { dim: d, offsets, legacyEmpty }, 'exact');
}
// NOTE: PyTorch's cat_tensors_backward gives a 1-D empty input a fresh zeros([0]), not a slice of the
// gradient: it is not connected to the graph (no grad_fn, even with createGraph), as there
export const CatBackward0 = derivative<{ dim: number; offsets: readonly number[]; legacyEmpty: readonly boolean[] }>(
  'CatBackward0',
  { variadic: true },
  (g, s, i) =>
    s.legacyEmpty[i] === true
      ? new Tensor(B.zeros([0], { dtype: g.data.dtype }))
      : narrow(g, s.dim, s.offsets[i]!, s.offsets[i + 1]! - s.offsets[i]!),
);

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
  if (!tracksAny(tensors)) return constant(out);
  return opN(StackBackward0, out, tensors, { dim: normalizeDim(dim, out.shape.length, 'stack') }, 'exact');
}
export const StackBackward0 = derivative<{ dim: number }>('StackBackward0', { variadic: true }, (g, s, i) => select(g, s.dim, i));

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
  if (dtype !== 'float32' && dtype !== 'float64') return constant(out);
  return op1(ToCopyBackward0, out, x, { dtype: data.dtype });
}
export const ToCopyBackward0 = derivative<{ dtype: B.DType }>('ToCopyBackward0', {}, (g, s) => to(g, s.dtype));

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

/*
 * Differentiable indexing by tensors (issue 15): index_select, gather,
 * scatter, scatter_add, take, masked_fill, masked_select, and the ops their
 * gradients are made of (index_add, put, masked_scatter), each declared once
 * with PyTorch 1.13's node name and formula (derivatives.yaml), so that a
 * double backward records what PyTorch records. Index tensors and masks are
 * not differentiable: the nodes keep them (saved, released after backward).
 */
import * as B from '@gradlab/tensor';
import { normalizeDim } from '@gradlab/tensor';
import * as K from '@gradlab/tensor/internal';
import { derivative } from '../engine/node';
import { baseOf, constant, op1, opN, tracks } from '../engine/record';
import { GradientError } from '../errors';
import type { Operand } from '../operand';
import { Tensor } from '../tensor';
import { sum, sumTo } from './reductions';
import { cat, reshape, select, slice, unsqueeze, view } from './views';

type Base = B.Tensor;

function zeros(sizes: readonly number[], like: Tensor): Tensor {
  return new Tensor(B.zeros(sizes, { dtype: like.data.dtype }));
}

/** The base tensor of a non-differentiable tensor argument (an index or a mask). */
function plain(x: Operand, op: string, name: string): Base {
  return baseOf(x, op, name);
}

function dimOf(data: Base, dim: number, op: string): number {
  return normalizeDim(dim, data.shape.length, op);
}

function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** PyTorch's sum_to: a full sum (SumBackward0) for a 0-d target, else a sum over the broadcast dims. */
function reduceTo(t: Tensor, sizes: readonly number[]): Tensor {
  return sizes.length === 0 ? sum(t) : sumTo(t, sizes);
}

/** PyTorch's validate_outputs: a gradient must have the shape of its input (or expand to it). */
function invalidGradient(node: string, index: number, got: readonly number[], expected: readonly number[]): GradientError {
  return new GradientError(
    'GRADIENT_MISMATCH',
    `Function ${node} returned an invalid gradient at index ${index} - got ${B.formatShape(got)} but expected shape compatible with ${B.formatShape(expected)}`,
  );
}

/** What the index-along-a-dim ops keep: the input's sizes, the dim and the index. */
export interface AlongDim {
  sizes: readonly number[];
  dim: number;
  index: Base;
}

/**
 * The entries of `x` at `index` (int32, 1-D or 0-D) along `dim`, as
 * `torch.index_select` (`IndexSelectBackward0`).
 *
 * @example
 * ```ts
 * indexSelect(x, 0, tensor([2, 0], { dtype: 'int32' })); // rows 2 and 0
 * ```
 */
export function indexSelect(x: Operand, dim: number, index: Operand): Tensor {
  const data = baseOf(x, 'index_select', 'x');
  const idx = plain(index, 'index_select', 'index');
  const out = B.indexSelect(data, dim, idx);
  if (!tracks(x)) return constant(out);
  return op1(IndexSelectBackward0, out, x, { sizes: data.shape, dim: dimOf(data, dim, 'index_select'), index: idx });
}
// index_select_backward: zeros(self.sizes()).index_add_(dim, index, grad)
export const IndexSelectBackward0 = derivative<AlongDim>('IndexSelectBackward0', { saves: true }, (g, s) =>
  indexAdd(zeros(s.sizes, g), s.dim, s.index, g),
);

/**
 * `x` with `source` added at `index` along `dim` (PyTorch's out-of-place
 * `index_add`, `IndexAddBackward0`): the gradient of {@link indexSelect}.
 *
 * @example
 * ```ts
 * indexAdd(zeros([3, 2]), 0, tensor([0, 0], { dtype: 'int32' }), ones([2, 2])); // row 0 is [2, 2]
 * ```
 */
export function indexAdd(x: Operand, dim: number, index: Operand, source: Operand): Tensor {
  const data = baseOf(x, 'index_add', 'x');
  const src = baseOf(source, 'index_add', 'source');
  const idx = plain(index, 'index_add', 'index');
  const out = K.indexAdd(data, dim, idx, src);
  return opN(IndexAddBackward0, out, [x, source], { dim: dimOf(data, dim, 'index_add'), index: idx, sourceSizes: src.shape }, 'exact');
}
export const IndexAddBackward0 = derivative<{ dim: number; index: Base; sourceSizes: readonly number[] }>(
  'IndexAddBackward0',
  { saves: true },
  (g) => g,
  (g, s) => {
    const picked = indexSelect(g, s.dim, s.index);
    return shapesEqual(picked.shape, s.sourceSizes) ? picked : reshape(picked, s.sourceSizes);
  },
);

/**
 * `out[i][j] = x[index[i][j]][j]` along `dim` (for `dim = 0`), as `torch.gather`
 * (`GatherBackward0`; repeated indices accumulate in the gradient).
 *
 * @example
 * ```ts
 * gather(logProbs, 1, labels.unsqueeze(1)); // each row's entry at its label
 * ```
 */
export function gather(x: Operand, dim: number, index: Operand): Tensor {
  const data = baseOf(x, 'gather', 'x');
  const idx = plain(index, 'gather', 'index');
  const out = B.gather(data, dim, idx);
  if (!tracks(x)) return constant(out);
  return op1(TorchGatherBackward0, out, x, { sizes: data.shape, dim: dimOf(data, dim, 'gather'), index: idx });
}
// NOTE: recorded as PyTorch's GatherBackward0 (RULES.GatherBackward0 is max/min's double backward,
// a gather of distinct indices): gather_backward is zeros(self.sizes()).scatter_add_(dim, index, grad)
export const TorchGatherBackward0 = derivative<AlongDim>('GatherBackward0', { saves: true }, (g, s) =>
  scatterAdd(zeros(s.sizes, g), s.dim, s.index, g),
);

/** What scatter and scatter_add keep: the dim, the index and the sizes of `src`. */
export interface Scattered {
  dim: number;
  index: Base;
  srcSizes: readonly number[];
}

// src: grad.gather(dim, index), which PyTorch's engine rejects when src is larger than index
function srcGradient(node: string, g: Tensor, s: Scattered): Tensor {
  const picked = gather(g, s.dim, s.index);
  if (!shapesEqual(picked.shape, s.srcSizes)) throw invalidGradient(node, 1, picked.shape, s.srcSizes);
  return picked;
}

/**
 * A copy of `x` with `src` (a tensor or a number) written at `index` along
 * `dim`, as `torch.scatter` (`ScatterBackward0` for a tensor `src`,
 * `ScatterBackward1` for a number). With `{ reduce: 'add' | 'multiply' }` the
 * values combine with the existing ones; as in PyTorch 1.13 that form has no
 * derivative (its backward throws `derivative for aten::scatter is not implemented`).
 *
 * @example
 * ```ts
 * scatter(zeros([2, 3]), 1, tensor([[2], [0]], { dtype: 'int32' }), 5);
 * ```
 */
export function scatter(x: Operand, dim: number, index: Operand, src: Operand, options?: B.ScatterOptions): Tensor {
  const data = baseOf(x, 'scatter', 'x');
  const idx = plain(index, 'scatter', 'index');
  const value = typeof src === 'number' || typeof src === 'boolean' ? src : baseOf(src, 'scatter', 'src');
  const out = B.scatter(data, dim, idx, value, options);
  const d = dimOf(data, dim, 'scatter');
  if (options?.reduce !== undefined) {
    return typeof value === 'object' ? opN(SCATTER_REDUCE, out, [x, src], null, 'exact') : op1(SCATTER_REDUCE, out, x, null);
  }
  if (typeof value !== 'object') return op1(ScatterBackward1, out, x, { dim: d, index: idx });
  return opN(ScatterBackward0, out, [x, src], { dim: d, index: idx, srcSizes: value.shape }, 'exact');
}
export const ScatterBackward0 = derivative<Scattered>(
  'ScatterBackward0',
  { saves: true },
  (g, s) => scatter(g, s.dim, s.index, 0),
  (g, s) => srcGradient('ScatterBackward0', g, s),
);
export const ScatterBackward1 = derivative<{ dim: number; index: Base }>('ScatterBackward1', { saves: true }, (g, s) =>
  scatter(g, s.dim, s.index, 0),
);
function notImplemented(): never {
  throw new GradientError('NOT_DIFFERENTIABLE', 'derivative for aten::scatter is not implemented');
}
// scatter with `reduce`: PyTorch 1.13 records a NotImplemented node that throws at backward
// (not a RULES row: it has no formula to check)
const SCATTER_REDUCE = derivative('torch::autograd::NotImplemented', {}, notImplemented, notImplemented);

/**
 * A copy of `x` with `src` added at `index` along `dim`, as `torch.scatter_add`
 * (`ScatterAddBackward0`).
 *
 * @example
 * ```ts
 * scatterAdd(zeros([3]), 0, tensor([0, 0, 2], { dtype: 'int32' }), tensor([1, 2, 3])); // [3, 0, 3]
 * ```
 */
export function scatterAdd(x: Operand, dim: number, index: Operand, src: Operand): Tensor {
  const data = baseOf(x, 'scatter_add', 'x');
  const idx = plain(index, 'scatter_add', 'index');
  const source = baseOf(src, 'scatter_add', 'src');
  const out = B.scatterAdd(data, dim, idx, source);
  return opN(ScatterAddBackward0, out, [x, src], { dim: dimOf(data, dim, 'scatter_add'), index: idx, srcSizes: source.shape }, 'exact');
}
export const ScatterAddBackward0 = derivative<Scattered>(
  'ScatterAddBackward0',
  { saves: true },
  (g) => g,
  (g, s) => srcGradient('ScatterAddBackward0', g, s),
);

/**
 * The elements of `x` (read as 1-D) at the flat positions `index`, as
 * `torch.take` (`TakeBackward0`).
 *
 * @example
 * ```ts
 * take(tensor([[1, 2], [3, 4]]), tensor([3, 0], { dtype: 'int32' })); // tensor([4., 1.])
 * ```
 */
export function take(x: Operand, index: Operand): Tensor {
  const data = baseOf(x, 'take', 'x');
  const idx = plain(index, 'take', 'index');
  const out = B.take(data, idx);
  if (!tracks(x)) return constant(out);
  return op1(TakeBackward0, out, x, { sizes: data.shape, index: idx });
}
// take_backward: zeros_like(self).put_(index, grad, accumulate=true)
export const TakeBackward0 = derivative<{ sizes: readonly number[]; index: Base }>('TakeBackward0', { saves: true }, (g, s) =>
  put(zeros(s.sizes, g), s.index, g, true),
);

/**
 * `x` with `source` written (or added, `accumulate`) at the flat positions
 * `index`: PyTorch's out-of-place `put` (`PutBackward0`), the gradient of {@link take}.
 *
 * @example
 * ```ts
 * put(zeros([2, 2]), tensor([3], { dtype: 'int32' }), tensor([5]), false); // [[0, 0], [0, 5]]
 * ```
 */
export function put(x: Operand, index: Operand, source: Operand, accumulate = false): Tensor {
  const data = baseOf(x, 'put', 'x');
  const src = baseOf(source, 'put', 'source');
  const idx = plain(index, 'put', 'index');
  const out = K.put(data, idx, src, accumulate);
  return opN(PutBackward0, out, [x, source], { index: idx, accumulate, sourceSizes: src.shape }, 'exact');
}
export const PutBackward0 = derivative<{ index: Base; accumulate: boolean; sourceSizes: readonly number[] }>(
  'PutBackward0',
  { saves: true },
  (g, s) => (s.accumulate ? g : put(g, s.index, zeros(s.sourceSizes, g), false)),
  (g, s) => reshape(take(g, s.index), s.sourceSizes),
);

/**
 * A copy of `x` with `value` (a number, or a 0-d tensor, differentiable) where
 * the bool `mask` is true, as `torch.masked_fill` (`MaskedFillBackward0`, or
 * `MaskedFillBackward1` for a tensor value); `mask` broadcasts with `x`.
 *
 * @example
 * ```ts
 * maskedFill(scores, padding, -Infinity);
 * ```
 */
export function maskedFill(x: Operand, mask: Operand, value: Operand): Tensor {
  const data = baseOf(x, 'masked_fill', 'x');
  const m = plain(mask, 'masked_fill', 'mask');
  const v = typeof value === 'number' || typeof value === 'boolean' ? value : baseOf(value, 'masked_fill', 'value');
  const out = B.maskedFill(data, m, v);
  if (typeof v !== 'object') return opN(MaskedFillBackward0, out, [x], { mask: m }, 'broadcast');
  return opN(MaskedFillBackward1, out, [x, value], { mask: m }, 'broadcast');
}
export const MaskedFillBackward0 = derivative<{ mask: Base }>('MaskedFillBackward0', { saves: true }, (g, s) => maskedFill(g, s.mask, 0));
export const MaskedFillBackward1 = derivative<{ mask: Base }>(
  'MaskedFillBackward1',
  { saves: true },
  (g, s) => maskedFill(g, s.mask, 0),
  // masked_fill_backward: grad.masked_select(mask).sum()
  (g, s) => sum(maskedSelect(g, s.mask)),
);

/**
 * The elements of `x` where the bool `mask` is true (broadcast together), as a
 * 1-D tensor: `torch.masked_select` (`MaskedSelectBackward0`).
 *
 * @example
 * ```ts
 * maskedSelect(x, x.gt(0)); // the positive entries
 * ```
 */
export function maskedSelect(x: Operand, mask: Operand): Tensor {
  const data = baseOf(x, 'masked_select', 'x');
  const m = plain(mask, 'masked_select', 'mask');
  const out = B.maskedSelect(data, m);
  if (!tracks(x)) return constant(out);
  return op1(MaskedSelectBackward0, out, x, { mask: m, sizes: data.shape, shape: B.broadcastShapes(data.shape, m.shape) });
}
// masked_select_backward: zeros(broadcast shape).masked_scatter_(mask, grad), summed to self's shape
export const MaskedSelectBackward0 = derivative<{ mask: Base; sizes: readonly number[]; shape: readonly number[] }>(
  'MaskedSelectBackward0',
  { saves: true },
  (g, s) => {
    const full = maskedScatter(zeros(s.shape, g), s.mask, g);
    return shapesEqual(s.shape, s.sizes) ? full : reduceTo(full, s.sizes);
  },
);

/**
 * A copy of `x` whose elements where `mask` is true are taken in order from
 * `source`: PyTorch's out-of-place `masked_scatter` (`MaskedScatterBackward0`),
 * the gradient of {@link maskedSelect}.
 *
 * @example
 * ```ts
 * maskedScatter(zeros([3]), tensor([true, false, true]), tensor([1, 2])); // [1, 0, 2]
 * ```
 */
export function maskedScatter(x: Operand, mask: Operand, source: Operand): Tensor {
  const data = baseOf(x, 'masked_scatter', 'x');
  const m = plain(mask, 'masked_scatter', 'mask');
  const src = baseOf(source, 'masked_scatter', 'source');
  const out = K.maskedScatter(data, m, src);
  return opN(MaskedScatterBackward0, out, [x, source], { mask: m, sourceSizes: src.shape }, ['broadcast', 'exact']);
}
export const MaskedScatterBackward0 = derivative<{ mask: Base; sourceSizes: readonly number[] }>(
  'MaskedScatterBackward0',
  { saves: true },
  (g, s) => maskedFill(g, s.mask, 0),
  // masked_scatter_backward: grad.masked_select(mask), padded with zeros to source's size
  (g, s) => {
    let picked = maskedSelect(g, s.mask);
    const numel = B.shapeSize(s.sourceSizes);
    const missing = numel - picked.numel();
    if (missing > 0) picked = cat([picked, zeros([missing], g)], 0);
    return view(picked, s.sourceSizes);
  },
);

/**
 * The indices of the non-zero elements of `x` (not differentiable), as
 * `torch.nonzero`: an int32 `[count, ndim]` tensor, or with `{ asTuple: true }`
 * one 1-D tensor per dim.
 *
 * @example
 * ```ts
 * nonzero(tensor([0, 2, 3])); // tensor([[1], [2]], dtype=torch.int32)
 * ```
 */
export function nonzero(x: Operand): Tensor;
export function nonzero(x: Operand, options: B.NonzeroOptions & { asTuple: true }): Tensor[];
export function nonzero(x: Operand, options?: B.NonzeroOptions): Tensor | Tensor[];
export function nonzero(x: Operand, options?: B.NonzeroOptions): Tensor | Tensor[] {
  const out = B.nonzero(baseOf(x, 'nonzero', 'x'), options);
  return Array.isArray(out) ? out.map(constant) : constant(out);
}

/** One entry of an index spec (see `@gradlab/tensor`'s `IndexItem`); a differentiable tensor is read as a constant. */
export type IndexItem = B.IndexItem | Tensor;

/** An index list of `indexPut` / advanced indexing: tensors (int32 or bool) or `null`, arrays of integers as int32 tensors. */
function indexList(indices: readonly (Operand | readonly number[] | null)[], op: string): (Base | null)[] {
  if (!Array.isArray(indices)) {
    throw new B.ValueError('INVALID_ARGUMENT', `${op}: 'indices' must be an array of tensors (or null), got ${B.describeValue(indices)}`);
  }
  return indices.map((t, i) => {
    if (t === null || t === undefined) return null;
    if (Array.isArray(t)) return B.tensor(t as number[], { dtype: 'int32' });
    return plain(t as Operand, op, `indices[${i}]`);
  });
}

function applyView(x: Tensor, step: K.IndexStep): Tensor {
  K.applyStep(x.data, step); // PyTorch's messages for an index out of range
  switch (step.kind) {
    case 'select':
      return select(x, step.dim, step.index);
    case 'slice':
      return slice(x, step.dim, step.start, step.stop, step.step);
    case 'unsqueeze':
      return unsqueeze(x, step.dim);
  }
}

/**
 * PyTorch's `x[...]`: `index(x, 0, '1:', tensor([2, 0], { dtype: 'int32' }))` is
 * `x[0, 1:, [2, 0]]`. Numbers, slices (`sl(start, stop, step)` or strings such
 * as `'1:'`, `'::2'`, `':'`), `null` (None) and `'...'` are views recorded as
 * PyTorch records them (`SelectBackward0`, `SliceBackward0`,
 * `UnsqueezeBackward0`); int32 tensors, arrays of integers and bool masks are
 * then applied together by advanced indexing (`IndexBackward0`), the indexed
 * dims placed as PyTorch places them (where they were when adjacent, else first).
 *
 * @example
 * ```ts
 * index(x, '...', tensor([0, 2], { dtype: 'int32' })); // x[..., [0, 2]]
 * index(x, x.gt(0)); // x[x > 0]
 * ```
 */
export function index(x: Operand, ...spec: IndexItem[]): Tensor {
  const data = baseOf(x, 'index', 'x');
  // index tensors are constants: a differentiable one is read through its data
  const plan = K.planIndex(data.shape.length, spec.map((item) => (item instanceof Tensor ? item.data : item)));
  let out = x instanceof Tensor ? x : constant(data);
  for (const step of plan.steps) out = applyView(out, step);
  if (!plan.indices.some((t) => t !== null)) return out;
  return advancedIndex(out, plan.indices);
}

/** PyTorch's `at::index(x, indices)` (`IndexBackward0`): advanced indexing by tensors, `null` for a whole dim. */
function advancedIndex(x: Tensor, indices: readonly (Base | null)[]): Tensor {
  const out = K.advancedIndex(x.data, indices);
  if (!tracks(x)) return constant(out);
  return op1(IndexBackward0, out, x, { sizes: x.data.shape, indices });
}
// index_backward: at::_index_put_impl_(zeros(self.sizes()), indices, grad, accumulate=true, unsafe=true)
export const IndexBackward0 = derivative<{ sizes: readonly number[]; indices: readonly (Base | null)[] }>(
  'IndexBackward0',
  { saves: true },
  (g, s) => indexPutImpl(zeros(s.sizes, g), s.indices, g),
);

/** What index_put keeps: the indices, `accumulate` and the sizes of `values`. */
export interface IndexPutSaved {
  indices: readonly (Base | null)[];
  accumulate: boolean;
  valuesSizes: readonly number[];
}

// The gradient of IndexBackward0: `_index_put_impl_` with accumulate (IndexPutImplBackward0, index_put's formulas)
function indexPutImpl(x: Tensor, indices: readonly (Base | null)[], values: Tensor): Tensor {
  const out = B.indexPut(x.data, indices, values.data, { accumulate: true });
  return opN(IndexPutImplBackward0, out, [x, values], { indices, accumulate: true, valuesSizes: values.data.shape }, 'exact');
}

/**
 * `torch.index_put(x, indices, values, accumulate)`, out of place (PyTorch's
 * `x[indices] = values` on a copy; `IndexPutBackward0`): `indices` are int32
 * tensors (or arrays of integers), bool masks or `null` for a whole dim, as
 * `at::index_put`; `values` (a tensor or a number) broadcasts to the shape of
 * `x[indices]`; with `{ accumulate: true }` repeated indices add up.
 *
 * @example
 * ```ts
 * indexPut(x, [tensor([0, 2], { dtype: 'int32' })], 0); // rows 0 and 2 zeroed
 * indexPut(zeros([3]), [[0, 0]], tensor(1), { accumulate: true }); // [2, 0, 0]
 * ```
 */
export function indexPut(
  x: Operand,
  indices: readonly (Operand | readonly number[] | null)[],
  values: Operand,
  options?: B.IndexPutOptions,
): Tensor {
  const data = baseOf(x, 'index_put', 'x');
  const list = indexList(indices, 'index_put');
  const v = typeof values === 'number' ? values : baseOf(values, 'index_put', 'values');
  const out = B.indexPut(data, list, v, options);
  const accumulate = options?.accumulate ?? false;
  const valuesSizes = typeof v === 'number' ? [] : v.shape;
  return opN(IndexPutBackward0, out, [x, typeof v === 'number' ? null : values], { indices: list, accumulate, valuesSizes }, 'exact');
}
const indexPutSelf = (g: Tensor, s: IndexPutSaved): Tensor =>
  s.accumulate ? g : indexPut(g, s.indices, zeros(s.valuesSizes, g), { accumulate: false });
const indexPutValues = (g: Tensor, s: IndexPutSaved): Tensor => {
  const picked = advancedIndex(g, s.indices);
  return shapesEqual(picked.shape, s.valuesSizes) ? picked : reduceTo(picked, s.valuesSizes);
};
export const IndexPutBackward0 = derivative<IndexPutSaved>('IndexPutBackward0', { saves: true }, indexPutSelf, indexPutValues);
export const IndexPutImplBackward0 = derivative<IndexPutSaved>('IndexPutImplBackward0', { saves: true }, indexPutSelf, indexPutValues);

/*
 * Differentiable sorting and selection of issue 15: sort, argsort, topk,
 * kthvalue, median, mode. The values' gradient goes back to the selected
 * indices (PyTorch's value_selecting_reduction_backward); median over all
 * elements shares it among the elements equal to the result.
 */
import * as B from '@gradlab/tensor';
import { normalizeDim } from '@gradlab/tensor';
import { derivative } from '../engine/node';
import { baseOf, constant, op1, tracks } from '../engine/record';
import type { Operand } from '../operand';
import { Tensor } from '../tensor';
import { scatterAlong } from './backward-ops';
import { div, where } from './elementwise';
import type { ValuesIndices } from './reductions';

type Base = B.Tensor;

/** What a selection along a dim keeps: the input's shape, the dim, keepdim and the selected indices. */
export interface SelectedAlong {
  sizes: readonly number[];
  dim: number;
  keepdim: boolean;
  indices: Base;
}

const selectBackward = (g: Tensor, s: SelectedAlong): Tensor => scatterAlong(g, s.dim, s.indices, s.sizes, s.keepdim);

function record(
  x: Operand,
  data: Base,
  out: B.ValuesIndices,
  dim: number,
  keepdim: boolean,
  rule: typeof SortBackward0,
  op: string,
): ValuesIndices {
  if (!tracks(x)) return { values: constant(out.values), indices: constant(out.indices) };
  const saved = { sizes: data.shape, dim: data.ndim === 0 ? 0 : normalizeDim(dim, data.ndim, op), keepdim, indices: out.indices };
  return { values: op1(rule, out.values, x, saved), indices: constant(out.indices) };
}

/**
 * The elements sorted along `dim` (default -1) and their int32 indices, as
 * `torch.sort` (NaN last; stable). Records SortBackward0, or SortBackward1
 * when `stable` is given, as PyTorch.
 *
 * @example
 * ```ts
 * sort(tensor([3, 1, 2])).values; // tensor([1., 2., 3.])
 * ```
 */
export function sort(x: Operand, dim = -1, options?: B.SortOptions): ValuesIndices {
  const data = baseOf(x, 'sort', 'input');
  const out = B.sort(data, dim, options);
  return record(x, data, out, dim, true, options?.stable === undefined ? SortBackward0 : SortBackward1, 'sort');
}
export const SortBackward0 = derivative<SelectedAlong>('SortBackward0', { saves: true }, selectBackward);
export const SortBackward1 = derivative<SelectedAlong>('SortBackward1', { saves: true }, selectBackward);

/**
 * The int32 indices that sort `x` along `dim` (not differentiable).
 *
 * @example
 * ```ts
 * argsort(tensor([3, 1, 2])); // tensor([1, 2, 0], dtype=torch.int32)
 * ```
 */
export function argsort(x: Operand, dim = -1, options?: B.SortOptions): Tensor {
  return constant(B.argsort(baseOf(x, 'argsort', 'input'), dim, options));
}

/**
 * The `k` largest (or smallest) elements along `dim` and their int32 indices.
 *
 * @example
 * ```ts
 * topk(tensor([1, 5, 3]), 2).values; // tensor([5., 3.])
 * ```
 */
export function topk(x: Operand, k: number, dim = -1, options?: B.TopkOptions): ValuesIndices {
  const data = baseOf(x, 'topk', 'input');
  return record(x, data, B.topk(data, k, dim, options), dim, true, TopkBackward0, 'topk');
}
export const TopkBackward0 = derivative<SelectedAlong>('TopkBackward0', { saves: true }, selectBackward);

/**
 * The `k`-th smallest element (1-based) along `dim` and its int32 index.
 *
 * @example
 * ```ts
 * kthvalue(tensor([4, 1, 3]), 2).values; // tensor(3.)
 * ```
 */
export function kthvalue(x: Operand, k: number, dim = -1, keepdim = false): ValuesIndices {
  const data = baseOf(x, 'kthvalue', 'input');
  return record(x, data, B.kthvalue(data, k, dim, keepdim), dim, keepdim, KthvalueBackward0, 'kthvalue');
}
export const KthvalueBackward0 = derivative<SelectedAlong>('KthvalueBackward0', { saves: true }, selectBackward);

/**
 * The (lower) median: a 0-d tensor over all elements, whose gradient is
 * shared by the elements equal to it, or `{ values, indices }` along `dim`.
 *
 * @example
 * ```ts
 * median(tensor([4, 1, 3, 2])); // tensor(2.)
 * ```
 */
export function median(x: Operand): Tensor;
export function median(x: Operand, dim: number, keepdim?: boolean): ValuesIndices;
export function median(x: Operand, dim?: number, keepdim = false): Tensor | ValuesIndices {
  const data = baseOf(x, 'median', 'input');
  if (dim === undefined || dim === null) {
    const out = B.median(data);
    if (!tracks(x)) return constant(out);
    return op1(MedianBackward0, out, x, (result) => ({ self: x, result }));
  }
  return record(x, data, B.median(data, dim, keepdim), dim, keepdim, MedianBackward1, 'median');
}
// NOTE: PyTorch's evenly_distribute_backward: every element equal to the median (every NaN when it is NaN)
export const MedianBackward0 = derivative<{ self: Tensor; result: Tensor }>('MedianBackward0', { saves: true }, (g, s) => {
  const self = s.self.data;
  const mask = Number.isNaN(s.result.data.item()) ? B.ne(self, self) : B.eq(self, s.result.data);
  return where(mask, div(g, B.sum(mask).item()), 0);
});
export const MedianBackward1 = derivative<SelectedAlong>('MedianBackward1', { saves: true }, selectBackward);

/**
 * The most frequent value along `dim` (default -1) and the int32 index of its last occurrence.
 *
 * @example
 * ```ts
 * mode(tensor([1, 2, 2, 3])).values; // tensor(2.)
 * ```
 */
export function mode(x: Operand, dim = -1, keepdim = false): ValuesIndices {
  const data = baseOf(x, 'mode', 'input');
  return record(x, data, B.mode(data, dim, keepdim), dim, keepdim, ModeBackward0, 'mode');
}
export const ModeBackward0 = derivative<SelectedAlong>('ModeBackward0', { saves: true }, selectBackward);

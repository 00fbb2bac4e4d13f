/*
 * The views other ops record that are not user-facing: PyTorch's `_unsafe_view`
 * and `squeeze.dims` (matmul's folding and 1-D rule) and the row-major copy
 * `contiguous()`, `retain_grad` and `AccumulateGrad` use. Kept apart from
 * views.ts so that the public index can export that file whole.
 */
import * as B from '@gradlab/tensor';
import { normalizeDim } from '@gradlab/tensor';
import { derivative } from '../engine/node';
import { baseOf, op1 } from '../engine/record';
import type { Operand } from '../operand';
import type { Tensor } from '../tensor';
import { CloneBackward0, reshape, unsqueeze } from './views';

/** What a view keeps to undo itself: the input's shape. */
export interface Sizes {
  sizes: readonly number[];
}

/** What a squeeze of one dim keeps: the input's shape and the dim. */
export interface SqueezedDim {
  sizes: readonly number[];
  dim: number;
}

/** @internal reshape recorded as PyTorch's `_unsafe_view` (matmul's folding). */
export function unsafeView(x: Tensor, shape: readonly number[]): Tensor {
  return op1(UnsafeViewBackward0, B.reshape(x.data, shape), x, { sizes: x.data.shape });
}
export const UnsafeViewBackward0 = derivative<Sizes>('UnsafeViewBackward0', {}, (g, s) => reshape(g, s.sizes));

/** @internal squeeze of one dim recorded as PyTorch's `squeeze.dims` overload (`SqueezeBackward3`, matmul's 1-D rule). */
export function squeezeDims(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.data.shape.length, 'squeeze');
  return op1(SqueezeBackward3, B.squeeze(x.data, d), x, { sizes: x.data.shape, dim: d });
}
export const SqueezeBackward3 = derivative<SqueezedDim>('SqueezeBackward3', {}, (g, s) =>
  s.sizes[s.dim] === 1 ? unsqueeze(g, s.dim) : g,
);

/**
 * @internal a row-major copy recorded as `CloneBackward0` (PyTorch's `clone(memory_format=contiguous)`,
 * what `contiguous()`, `retain_grad` and `AccumulateGrad` use).
 */
export function contiguousCopy(x: Operand): Tensor {
  const data = baseOf(x, 'contiguous', 'input');
  return op1(CloneBackward0, data.isContiguous() ? B.clone(data) : B.contiguous(data), x, null);
}


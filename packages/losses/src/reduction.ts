import type { Tensor } from '@gradlab/autograd';
import { ValueError } from '@gradlab/tensor';

/** How a loss combines its per-element values: PyTorch's `reduction` argument. */
export type Reduction = 'none' | 'mean' | 'sum';

/** Throws unless `reduction` is one of `'none'`, `'mean'`, `'sum'`. */
export function checkReduction(op: string, reduction: unknown): Reduction {
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'reduction' must be 'none', 'mean' or 'sum', got ${String(reduction)}`);
  }
  return reduction;
}

/** Applies a reduction to per-element losses. */
export function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return loss;
  return reduction === 'sum' ? loss.sum() : loss.mean();
}

import type { Tensor } from '@gradlab/autograd';
import { ValueError, formatValue } from '@gradlab/tensor';

import { describeValue } from './labels';

/** How a loss combines its per-element values: PyTorch's `reduction` argument. */
export type Reduction = 'none' | 'mean' | 'sum';

/** Throws unless `reduction` is one of `'none'`, `'mean'`, `'sum'`. */
export function checkReduction(op: string, reduction: unknown): Reduction {
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'reduction' must be 'none', 'mean' or 'sum', got ${formatValue(reduction)}`);
  }
  return reduction;
}

/** Throws unless `options` is undefined or an options object (a number or `null` there is a misuse). */
export function checkOptionsObject(op: string, options: unknown): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'options' must be an object such as { reduction: 'sum' }, got ${describeValue(options)}`);
  }
}

/** Applies a reduction to per-element losses. */
export function reduce(loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'none') return loss;
  return reduction === 'sum' ? loss.sum() : loss.mean();
}

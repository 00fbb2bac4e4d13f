import type { Tensor } from '@gradlab/autograd';

import { checkFloat, checkIgnoreIndex, checkIndexTarget, classLayout, nllLossNd, weightTensor, type ClassWeight } from './class-loss';
import { checkTensor } from './labels';
import { checkOptionsObject, checkReduction, type Reduction } from './reduction';

/** Options of {@link nllLoss}. */
export interface NLLLossOptions {
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
  /** A weight per class (a constant: no gradient flows into it). */
  weight?: ClassWeight;
  /** A target equal to this is skipped (default -100). */
  ignoreIndex?: number;
}

/**
 * Negative log-likelihood of int32 class indices under log-probabilities, like
 * `torch.nn.functional.nll_loss`: `-input[i, target[i]] * weight[target[i]]`,
 * averaged over the total weight of the non-ignored targets for `'mean'`.
 * `crossEntropy(x, t)` equals `nllLoss(logSoftmax(x, 1), t)`.
 *
 * @example
 * ```ts
 * const logProbs = tensor([[-0.1, -2.4], [-1.2, -0.4]], { requiresGrad: true });
 * nllLoss(logProbs, tensor([0, 1], { dtype: 'int32' })); // tensor(0.2500, ...)
 * ```
 */
export function nllLoss(input: Tensor, target: Tensor, options: NLLLossOptions = {}): Tensor {
  const op = 'nllLoss';
  checkOptionsObject(op, options);
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  checkFloat(op, 'input', input);
  const layout = classLayout(op, 'input', input);
  checkTensor(op, 'target', target);
  const ignoreIndex = checkIgnoreIndex(op, options.ignoreIndex ?? -100);
  checkIndexTarget(op, input, target, layout, ignoreIndex);
  return nllLossNd(input, target, {
    weight: weightTensor(op, options.weight, layout.classes, input.dtype),
    ignoreIndex,
    reduction,
  });
}

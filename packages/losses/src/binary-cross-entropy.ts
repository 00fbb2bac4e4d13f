import { where, type Tensor } from '@gradlab/autograd';
import { ShapeError, ValueError } from '@gradlab/tensor';

import { checkFloat, shapeText } from './class-loss';
import { checkSameDType } from './mse-loss';
import { checkReduction, reduce, type Reduction } from './reduction';

/** Options of {@link binaryCrossEntropy}. */
export interface BinaryCrossEntropyOptions {
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
  /** Rescales each element's loss; broadcast against the input. */
  weight?: Tensor;
}

// NOTE: log(x) < -100 exactly when x < e^-100; PyTorch clamps the log there.
const LOG_FLOOR = -100;
const FLOOR_INPUT = Math.exp(LOG_FLOOR);

/** `max(log(x), -100)`, with a finite (zero) gradient where the clamp applies. */
function clampedLog(x: Tensor): Tensor {
  const above = x.gt(FLOOR_INPUT);
  // Routing the clamped elements through log(1) keeps their gradient at 0 instead of 0 * inf = nan.
  return where(above, where(above, x, 1).log(), LOG_FLOOR);
}

/**
 * Binary cross-entropy between probabilities and targets, like
 * `torch.nn.functional.binary_cross_entropy`:
 * `-weight * (target * log(input) + (1 - target) * log(1 - input))`, with each log
 * clamped to `>= -100` as PyTorch does, so inputs of exactly 0 or 1 give a finite
 * loss. `input` must lie in [0, 1] (apply `sigmoid` first) and have the target's shape.
 *
 * NOTE: at inputs of exactly 0 or 1, where the log is clamped, the input gradient
 * of the clamped term is 0; PyTorch instead divides by `max(x (1 - x), 1e-12)`.
 *
 * @example
 * ```ts
 * const p = tensor([0.9, 0.2], { requiresGrad: true });
 * binaryCrossEntropy(p, tensor([1, 0])); // tensor(0.1643, ...)
 * ```
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: BinaryCrossEntropyOptions = {}): Tensor {
  const op = 'binaryCrossEntropy';
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  checkFloat(op, 'input', input);
  checkSameDType(op, input, target);
  if (target.ndim !== input.ndim || target.shape.some((size, d) => size !== input.shape[d])) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `${op}: target of shape ${shapeText(target.shape)} must have the input's shape ${shapeText(input.shape)}`,
    );
  }
  const values = input.data.contiguous();
  const storage = values.storage;
  for (let i = values.offset, end = values.offset + values.numel(); i < end; i++) {
    const v = storage[i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new ValueError(
        'INVALID_VALUE',
        `${op}: all elements of 'input' must be probabilities between 0 and 1, got ${v} (apply sigmoid to logits first)`,
      );
    }
  }
  const positive = target.mul(clampedLog(input));
  const negative = target.neg().add(1).mul(clampedLog(input.neg().add(1)));
  let loss = positive.add(negative).neg();
  if (options.weight !== undefined) loss = loss.mul(options.weight);
  return reduce(loss, reduction);
}

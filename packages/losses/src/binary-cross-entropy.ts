import { fromData, where, type Tensor } from '@gradlab/autograd';
import { Tensor as BaseTensor, ValueError } from '@gradlab/tensor';

import { checkElementwise } from './mse-loss';
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
/** PyTorch's floor on `x (1 - x)` in the gradient's denominator. */
const GRADIENT_EPSILON = 1e-12;

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
 * The input gradient is PyTorch's, `weight * (x - t) / max(x (1 - x), 1e-12)`,
 * also at inputs of exactly 0 or 1 (where it is about ±1e12). The target's
 * gradient is `weight * (log(1 - x) - log(x))` with the logs clamped, so at
 * inputs of exactly 0 or 1 it is ±100 times the weight where PyTorch gives ±inf.
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
  checkElementwise(op, input, target);
  const values = input.data.contiguous();
  const storage = values.storage;
  const count = values.numel();
  const targets = target.data.contiguous();
  // NOTE: PyTorch's gradient is (x - t) / max(x (1 - x), 1e-12). Where x (1 - x) < 1e-12
  // (x = 0, x = 1, or x < 1e-12) the logs' own gradient is infinite or differs, so those
  // elements get their gradient from a zero-valued term, (x - x.detach()) * slope.
  const steep = new Uint8Array(count);
  const slope = input.dtype === 'float64' ? new Float64Array(count) : new Float32Array(count);
  let anySteep = false;
  for (let i = 0; i < count; i++) {
    const v = storage[values.offset + i]!;
    if (!(v >= 0 && v <= 1)) {
      throw new ValueError(
        'INVALID_VALUE',
        `${op}: all elements of 'input' must be probabilities between 0 and 1, got ${v} (apply sigmoid to logits first)`,
      );
    }
    if (v * (1 - v) < GRADIENT_EPSILON) {
      steep[i] = 1;
      slope[i] = (v - targets.storage[targets.offset + i]!) / GRADIENT_EPSILON;
      anySteep = true;
    }
  }
  if (anySteep) {
    const steepMask = fromData(new BaseTensor(steep, input.shape, 'bool'));
    const detached = input.detach();
    const smooth = where(steepMask, detached, input);
    const straightThrough = input.sub(detached).mul(fromData(new BaseTensor(slope, input.shape, input.dtype)));
    let loss = lossTerms(smooth, target).add(straightThrough);
    if (options.weight !== undefined) loss = loss.mul(options.weight);
    return reduce(loss, reduction);
  }
  let loss = lossTerms(input, target);
  if (options.weight !== undefined) loss = loss.mul(options.weight);
  return reduce(loss, reduction);
}

/** `-(t log(x) + (1 - t) log(1 - x))` with both logs clamped at -100. */
function lossTerms(input: Tensor, target: Tensor): Tensor {
  const positive = target.mul(clampedLog(input));
  const negative = target.neg().add(1).mul(clampedLog(input.neg().add(1)));
  return positive.add(negative).neg();
}

import { binaryCrossEntropyOp, Tensor } from '@gradlab/autograd';
import { broadcastShapes, shapesEqual, ShapeError, Tensor as BaseTensor, ValueError } from '@gradlab/tensor';

import { shapeText } from './class-loss';
import { describeValue } from './labels';
import { checkElementwise } from './mse-loss';
import { checkOptionsObject, checkReduction, type Reduction } from './reduction';

/** Options of {@link binaryCrossEntropy}. */
export interface BinaryCrossEntropyOptions {
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
  /** Rescales each element's loss; broadcast against the input. */
  weight?: Tensor;
}

/**
 * Binary cross-entropy between probabilities and targets, like
 * `torch.nn.functional.binary_cross_entropy` in PyTorch 1.13, recorded as one
 * op (`BinaryCrossEntropyBackward0`):
 * `weight * ((t - 1) * max(log(1 - x), -100) - t * max(log(x), -100))`, so inputs
 * of exactly 0 or 1 give a finite loss. `input` must lie in [0, 1] (apply
 * `sigmoid` first) and have the target's shape; `weight` must broadcast to it.
 *
 * The input gradient is PyTorch's, `weight * (x - t) / max(x (1 - x), 1e-12)`,
 * also at inputs of exactly 0 or 1 (where it is about ±1e12); the target's is
 * PyTorch's `-weight * logit(x)`, ±inf at inputs of exactly 0 or 1. The
 * weight takes no gradient (PyTorch refuses a weight that requires grad).
 *
 * @example
 * ```ts
 * const p = tensor([0.9, 0.2], { requiresGrad: true });
 * binaryCrossEntropy(p, tensor([1, 0])); // tensor(0.1643, ...)
 * ```
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, options: BinaryCrossEntropyOptions = {}): Tensor {
  const op = 'binaryCrossEntropy';
  checkOptionsObject(op, options);
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  checkElementwise(op, input, target);
  let weight: BaseTensor | null = null;
  if (options.weight !== undefined && options.weight !== null) {
    const w = options.weight as unknown;
    if (!(w instanceof Tensor)) {
      throw new ValueError('INVALID_ARGUMENT', `${op}: 'weight' must be a Tensor, got ${describeValue(w)}`);
    }
    if (w.requiresGrad) {
      throw new ValueError(
        'INVALID_ARGUMENT',
        `${op}: 'weight' must not require grad (PyTorch: binary_cross_entropy is not differentiable with respect to argument 'weight')`,
      );
    }
    // NOTE: PyTorch multiplies the loss by the weight in place: it must broadcast to the input's shape
    let broadcast: readonly number[];
    try {
      broadcast = broadcastShapes(w.shape, input.shape);
    } catch {
      broadcast = [];
    }
    if (w.ndim > input.ndim || !shapesEqual(broadcast, input.shape)) {
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `${op}: 'weight' of shape ${shapeText(w.shape)} must broadcast to the input's shape ${shapeText(input.shape)}`,
      );
    }
    weight = w.dtype === input.dtype ? w.data : w.data.to(input.dtype);
  }
  return binaryCrossEntropyOp(input, target, weight, reduction);
}

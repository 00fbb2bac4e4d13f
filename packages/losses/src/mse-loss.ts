import { mseLossOp, type Tensor } from '@gradlab/autograd';
import { DTypeError, ShapeError } from '@gradlab/tensor';

import { checkFloat, shapeText } from './class-loss';
import { checkTensor } from './labels';
import { checkOptionsObject, checkReduction, type Reduction } from './reduction';

/** Options of {@link mseLoss}. */
export interface MSELossOptions {
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
}

/**
 * The checks of an elementwise loss (mseLoss, binaryCrossEntropy): a float
 * input, and a target of the same dtype and shape (errors name both).
 */
export function checkElementwise(op: string, input: Tensor, target: Tensor): void {
  checkFloat(op, 'input', input);
  checkSameDType(op, input, target);
  checkSameShape(op, input, target);
}

/** Throws a ShapeError naming both shapes unless input and target have the same shape. */
export function checkSameShape(op: string, input: Tensor, target: Tensor): void {
  if (target.ndim !== input.ndim || target.shape.some((size, d) => size !== input.shape[d])) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `${op}: target of shape ${shapeText(target.shape)} must have the input's shape ${shapeText(input.shape)}`,
    );
  }
}

/** Throws a DTypeError naming both dtypes unless input and target share one. */
export function checkSameDType(op: string, input: Tensor, target: Tensor): void {
  checkTensor(op, 'target', target);
  if (input.dtype !== target.dtype) {
    throw new DTypeError(`${op}: 'target' has dtype ${target.dtype} but 'input' has dtype ${input.dtype}; they must match`);
  }
}

/**
 * Mean squared error, like `torch.nn.functional.mse_loss`: `(input - target)^2`,
 * reduced. Unlike PyTorch, which warns and broadcasts, a target of a different
 * shape throws a ShapeError naming both shapes (broadcasting there is almost
 * always a bug, e.g. `[N, 1]` against `[N]`).
 *
 * @example
 * ```ts
 * const prediction = tensor([2.5, 0.0, 2.0], { requiresGrad: true });
 * mseLoss(prediction, tensor([3.0, -0.5, 2.0])); // tensor(0.1667, ...)
 * ```
 */
export function mseLoss(input: Tensor, target: Tensor, options: MSELossOptions = {}): Tensor {
  const op = 'mseLoss';
  checkOptionsObject(op, options);
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  checkElementwise(op, input, target);
  // one op, as PyTorch records it (MseLossBackward0)
  return mseLossOp(input, target, reduction);
}

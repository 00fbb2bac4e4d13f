import { fromData, type Tensor } from '@gradlab/autograd';
import { DTypeError, ShapeError, Tensor as BaseTensor, ValueError } from '@gradlab/tensor';

import {
  checkFloat,
  checkIgnoreIndex,
  checkSmoothing,
  indexLoss,
  shapeText,
  toRows,
  weightValues,
  type ClassWeight,
} from './class-loss';
import { checkTensor } from './labels';
import { checkReduction, type Reduction } from './reduction';

/** Options of {@link crossEntropy}, PyTorch's keyword arguments in camelCase. */
export interface CrossEntropyOptions {
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: Reduction;
  /** A weight per class (a constant: no gradient flows into it). */
  weight?: ClassWeight;
  /** A class-index target equal to this is skipped (default -100). Index targets only. */
  ignoreIndex?: number;
  /** Mixes the target with the uniform distribution: `(1 - s) * target + s / C`. Default 0. */
  labelSmoothing?: number;
}

/**
 * Cross-entropy between logits and a target, with the semantics of
 * `torch.nn.functional.cross_entropy`: `input` holds unnormalised logits of shape
 * `[C]`, `[N, C]` or `[N, C, d1, ...]`; `target` is either int32 class indices of
 * shape `[]`, `[N]` or `[N, d1, ...]`, or class probabilities with the input's
 * shape. The log-softmax is computed stably, so logits of 1000 give a finite
 * loss and gradient.
 *
 * With probability targets this is `-sum(target * logSoftmax(input, 1)) / N` for
 * `'mean'`: the homework's `-sum(y * log(yHat))` divided by N, where
 * `yHat = softmax(input, 1)` and `y` is the one-hot target.
 *
 * @example
 * ```ts
 * const logits = tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], { requiresGrad: true });
 * const loss = crossEntropy(logits, tensor([0, 2], { dtype: 'int32' }));
 * loss.backward(); // logits.grad = (softmax(logits) - oneHot(target)) / 2
 * ```
 */
export function crossEntropy(input: Tensor, target: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const op = 'crossEntropy';
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const smoothing = options.labelSmoothing ?? 0;
  checkSmoothing(op, smoothing);
  checkFloat(op, 'input', input);
  const { rows, classes, sampleShape } = toRows(op, 'input', input);
  const weight = weightValues(op, options.weight, classes);
  checkTensor(op, 'target', target);
  const logProbs = rows.logSoftmax(1);

  if (target.dtype === 'int32') {
    return indexLoss(op, logProbs, input, target, sampleShape, {
      weight,
      ignoreIndex: checkIgnoreIndex(op, options.ignoreIndex ?? -100),
      labelSmoothing: smoothing,
      reduction,
    });
  }
  if (target.dtype !== input.dtype) {
    throw new DTypeError(
      `${op}: 'target' must be int32 class indices or ${input.dtype} probabilities like 'input', got ${target.dtype}`,
    );
  }
  if (target.ndim !== input.ndim || target.shape.some((size, d) => size !== input.shape[d])) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `${op}: probability target must have the input's shape ${shapeText(input.shape)}, got target of shape ${shapeText(target.shape)}` +
        ` (class-index targets must be int32 of shape ${shapeText(sampleShape)})`,
    );
  }
  if (options.ignoreIndex !== undefined) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'ignoreIndex' is not supported for probability targets`);
  }
  let probabilities = toRows(op, 'target', target).rows;
  if (smoothing > 0) probabilities = probabilities.mul(1 - smoothing).add(smoothing / classes);
  let product = logProbs.mul(probabilities);
  if (weight !== null) {
    const weightTensor = input.dtype === 'float64' ? weight : Float32Array.from(weight);
    product = product.mul(fromData(new BaseTensor(weightTensor, [classes], input.dtype)));
  }
  if (reduction === 'none') return product.sum(1).neg().reshape([...sampleShape]);
  const summed = product.sum().neg();
  if (reduction === 'sum') return summed;
  const count = rows.shape[0]!;
  return count === 0 ? summed.add(Number.NaN) : summed.div(count);
}

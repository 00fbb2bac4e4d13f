import { add, divScalar, fromData, mulScalar, where, type Tensor } from '@gradlab/autograd';
import { DTypeError, ShapeError, Tensor as BaseTensor, ValueError } from '@gradlab/tensor';

import {
  checkFloat,
  checkIgnoreIndex,
  checkIndexTarget,
  checkSmoothing,
  classLayout,
  nllLossNd,
  shapeText,
  weightTensor,
  type ClassLayout,
  type ClassWeight,
} from './class-loss';
import { checkTensor, int32Values } from './labels';
import { checkOptionsObject, checkReduction, type Reduction } from './reduction';

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
  checkOptionsObject(op, options);
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const smoothing = options.labelSmoothing ?? 0;
  checkSmoothing(op, smoothing);
  checkFloat(op, 'input', input);
  const layout = classLayout(op, 'input', input);
  const { classDim, classes, sampleShape } = layout;
  const weight = weightTensor(op, options.weight, classes, input.dtype);
  checkTensor(op, 'target', target);

  if (target.dtype === 'int32') {
    const ignoreIndex = checkIgnoreIndex(op, options.ignoreIndex ?? -100);
    checkIndexTarget(op, input, target, layout, ignoreIndex);
    // as PyTorch: log_softmax over the class dim, then nll_loss_nd (NllLossBackward0 <- LogSoftmaxBackward0)
    const logProbs = input.logSoftmax(classDim);
    const nll = nllLossNd(logProbs, target, { weight, ignoreIndex, reduction });
    if (smoothing === 0) return nll;
    return add(mulScalar(nll, 1 - smoothing), mulScalar(smoothingTerm(logProbs, target, weight, layout, ignoreIndex, reduction), smoothing / classes));
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
  // PyTorch 1.13's cross_entropy for probabilities, term by term
  const logProbs = input.logSoftmax(classDim);
  const probabilities = smoothing > 0 ? mulScalar(target, 1 - smoothing).add(smoothing / classes) : target;
  let product = logProbs.mul(probabilities);
  if (weight !== null) product = product.mul(fromData(classView(weight, input.ndim, classDim)));
  if (reduction === 'none') return product.sum(classDim).neg();
  const summed = product.sum().neg();
  if (reduction === 'sum') return summed;
  // NOTE: PyTorch divides by numel / C, an integer (DivBackward1); an empty input gives NaN
  // (PyTorch: -(input * target).sum().fill_(NAN), so NegBackward0 on top)
  if (input.numel() === 0) return mulScalar(product.sum(), Number.NaN).neg();
  return divScalar(summed, input.numel() / classes);
}

/** A `[C]` weight viewed for broadcasting along the class dim of an input of `ndim` dims (`[1, C, 1, ...]`). */
function classView(weight: BaseTensor, ndim: number, classDim: number): BaseTensor {
  if (ndim === 1) return weight;
  const shape = new Array<number>(ndim).fill(1);
  shape[classDim] = weight.shape[0]!;
  return weight.view(shape);
}

/**
 * The label-smoothing term of PyTorch 1.13's `cross_entropy` for class indices:
 * `-sum(logProbs * weight, classDim)` per sample, 0 where the target is ignored,
 * reduced (the mean divides by the total weight of the kept targets, as nll_loss does).
 */
function smoothingTerm(
  logProbs: Tensor,
  target: Tensor,
  weight: BaseTensor | null,
  layout: ClassLayout,
  ignoreIndex: number,
  reduction: Reduction,
): Tensor {
  const { classDim } = layout;
  const weighted = weight === null ? logProbs : logProbs.mul(fromData(classView(weight, logProbs.ndim, classDim)));
  const ignored = target.eq(ignoreIndex);
  const perSample = where(ignored, 0, weighted.sum(classDim).neg());
  if (reduction === 'none') return perSample;
  if (reduction === 'sum') return perSample.sum();
  const labels = int32Values('crossEntropy', 'target', target);
  let total = 0;
  const w = weight === null ? null : weight.contiguous();
  const round = logProbs.dtype === 'float32' ? Math.fround : (v: number) => v;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label === ignoreIndex) continue;
    total = w === null ? total + 1 : round(total + w.storage[w.offset + label]!);
  }
  return perSample.sum().div(total);
}

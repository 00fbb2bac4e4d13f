import { nllLossOp, Tensor } from '@gradlab/autograd';
import { DTypeError, ShapeError, Tensor as BaseTensor, ValueError, tensor as baseTensor, type DType, formatValue } from '@gradlab/tensor';

import { checkLabels, checkTensor, describeValue, int32Values } from './labels';
import type { Reduction } from './reduction';

/** A per-class weight: a 1-D tensor or plain numbers, one per class. */
export type ClassWeight = Tensor | readonly number[];

const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

export function checkFloat(op: string, argument: string, x: Tensor): void {
  checkTensor(op, argument, x);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DTypeError(`${op}: '${argument}' must be a float32 or float64 tensor, got ${x.dtype}`);
  }
}

/** The class dimension and the shape of a per-sample result for an input of shape `[C]`, `[N, C]` or `[N, C, d1, ...]`. */
export interface ClassLayout {
  /** 0 for an unbatched `[C]` input, else 1. */
  classDim: number;
  classes: number;
  /** Shape of a per-sample result (`[]`, `[N]` or `[N, d1, ...]`). */
  sampleShape: number[];
}

export function classLayout(op: string, argument: string, x: Tensor): ClassLayout {
  if (x.ndim === 0) {
    throw new ShapeError('INVALID_SHAPE', `${op}: '${argument}' must have at least 1 dimension (classes), got shape []`);
  }
  if (x.ndim === 1) return { classDim: 0, classes: x.shape[0]!, sampleShape: [] };
  return { classDim: 1, classes: x.shape[1]!, sampleShape: [x.shape[0]!, ...x.shape.slice(2)] };
}

/** The class weights as a tensor of the input's dtype, checked against the number of classes. */
export function weightTensor(op: string, weight: ClassWeight | undefined, classes: number, dtype: DType): BaseTensor | null {
  if (weight === undefined || weight === null) return null;
  if (!Array.isArray(weight) && !(weight instanceof Tensor)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'weight' must be a 1-D Tensor or an array of numbers, one per class, got ${describeValue(weight)}`);
  }
  const shape = Array.isArray(weight) ? [weight.length] : (weight as Tensor).shape;
  if (shape.length !== 1 || shape[0] !== classes) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `${op}: 'weight' must have shape [${classes}] (one value per class), got shape ${shapeText(shape)}`,
    );
  }
  if (Array.isArray(weight)) {
    (weight as unknown[]).forEach((value, i) => {
      if (typeof value !== 'number') {
        throw new ValueError('INVALID_ARGUMENT', `${op}: 'weight[${i}]' must be a number, got ${describeValue(value)}`);
      }
    });
    return baseTensor(weight as number[], { dtype });
  }
  const data = (weight as Tensor).data;
  return data.dtype === dtype ? data : data.to(dtype);
}

export interface IndexLossOptions {
  weight: BaseTensor | null;
  ignoreIndex: number;
  reduction: Reduction;
}

/** Checks a class-index target against the input: int32, the per-sample shape, labels in range. */
export function checkIndexTarget(op: string, input: Tensor, target: Tensor, layout: ClassLayout, ignoreIndex: number): void {
  const { sampleShape, classes } = layout;
  if (target.ndim !== sampleShape.length || target.shape.some((size, d) => size !== sampleShape[d])) {
    // A one-hot int32 target (oneHot(labels)) has the input's shape: say what to pass instead.
    const oneHotLike = target.ndim === input.ndim && target.shape.every((size, d) => size === input.shape[d]);
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `${op}: input of shape ${shapeText(input.shape)} expects a target of class indices of shape ${shapeText(sampleShape)}` +
        `, got target of shape ${shapeText(target.shape)}` +
        (oneHotLike
          ? ` (a one-hot target? pass the class indices themselves${op === 'crossEntropy' ? `, or the one-hot rows as probabilities with .to('${input.dtype}')` : ''})`
          : ''),
    );
  }
  const labels = int32Values(op, 'target', target);
  checkLabels(op, 'target', labels, target.shape, classes, ignoreIndex);
}

/**
 * PyTorch's `nll_loss_nd` on checked arguments: log-probabilities `[C]`, `[N, C]`
 * and `[N, C, H, W]` go to one NLL op (`NllLossBackward0`, `NllLoss2DBackward0`),
 * which reads only the target entries; other ranks are viewed as `[N, C, 1, -1]`
 * first and the per-sample result viewed back, as PyTorch does.
 */
export function nllLossNd(logProbs: Tensor, target: Tensor, options: IndexLossOptions): Tensor {
  const { weight, ignoreIndex, reduction } = options;
  const ndim = logProbs.ndim;
  const opOptions = { weight, reduction, ignoreIndex };
  if (ndim <= 2 || ndim === 4) return nllLossOp(logProbs, target.data, opOptions);
  const [n, c] = logProbs.shape as [number, number];
  const outSize = [n, ...logProbs.shape.slice(2)];
  const input = logProbs.contiguous();
  const folded = input.numel() > 0 ? input.view([n, c, 1, -1]) : input.view([n, c, 0, 0]);
  const labels = target.data.contiguous();
  const foldedTarget = labels.numel() > 0 ? labels.view([n, 1, -1]) : labels.view([n, 0, 0]);
  const out = nllLossOp(folded, foldedTarget, opOptions);
  return reduction === 'none' ? out.view(outSize) : out;
}

/** Throws unless `ignoreIndex` is an integer (PyTorch's is an int). */
export function checkIgnoreIndex(op: string, ignoreIndex: number): number {
  if (!Number.isInteger(ignoreIndex)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'ignoreIndex' must be an integer class index, got ${formatValue(ignoreIndex)}`);
  }
  return ignoreIndex;
}

/** Throws unless `labelSmoothing` is in [0, 1]. */
export function checkSmoothing(op: string, labelSmoothing: number): void {
  if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'labelSmoothing' must be between 0.0 and 1.0, got ${labelSmoothing}`);
  }
}

export { shapeText };

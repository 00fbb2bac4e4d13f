import { fromData, type Tensor } from '@gradlab/autograd';
import { DTypeError, ShapeError, Tensor as BaseTensor, ValueError } from '@gradlab/tensor';

import { checkLabels, checkTensor, int32Values } from './labels';
import type { Reduction } from './reduction';

/** A per-class weight: a 1-D tensor or plain numbers, one per class. */
export type ClassWeight = Tensor | readonly number[];

const shapeText = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

/** Input of shape `[C]`, `[N, C]` or `[N, C, d1, ...]`, viewed as rows `[M, C]` with the class dimension last. */
export interface ClassRows {
  /** `[M, C]`, class dimension last. */
  rows: Tensor;
  classes: number;
  /** Shape of a per-sample result (`[]`, `[N]` or `[N, d1, ...]`). */
  sampleShape: number[];
}

export function checkFloat(op: string, argument: string, x: Tensor): void {
  checkTensor(op, argument, x);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DTypeError(`${op}: '${argument}' must be a float32 or float64 tensor, got ${x.dtype}`);
  }
}

/** Moves the class dimension (1, or 0 for unbatched input) last and flattens the rest. */
export function toRows(op: string, argument: string, x: Tensor): ClassRows {
  if (x.ndim === 0) {
    throw new ShapeError('INVALID_SHAPE', `${op}: '${argument}' must have at least 1 dimension (classes), got shape []`);
  }
  if (x.ndim === 1) return { rows: x.reshape([1, x.shape[0]!]), classes: x.shape[0]!, sampleShape: [] };
  const classes = x.shape[1]!;
  const sampleShape = [x.shape[0]!, ...x.shape.slice(2)];
  if (x.ndim === 2) return { rows: x, classes, sampleShape };
  const order = [0, ...Array.from({ length: x.ndim - 2 }, (_, i) => i + 2), 1];
  const count = sampleShape.reduce((a, b) => a * b, 1);
  return { rows: x.permute(order).reshape([count, classes]), classes, sampleShape };
}

/** The class weights as plain numbers, checked against the number of classes. */
export function weightValues(op: string, weight: ClassWeight | undefined, classes: number): Float64Array | null {
  if (weight === undefined || weight === null) return null;
  const shape = Array.isArray(weight) ? [weight.length] : (weight as Tensor).shape;
  if (shape.length !== 1 || shape[0] !== classes) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `${op}: 'weight' must have shape [${classes}] (one value per class), got shape ${shapeText(shape)}`,
    );
  }
  if (Array.isArray(weight)) return Float64Array.from(weight as number[]);
  const base = (weight as Tensor).data.contiguous();
  return Float64Array.from(base.storage.subarray(base.offset, base.offset + classes));
}

export interface IndexLossOptions {
  weight: Float64Array | null;
  ignoreIndex: number;
  labelSmoothing: number;
  reduction: Reduction;
}

/**
 * The loss for class-index targets, given log-probabilities `logProbs` `[M, C]`:
 * `-sum_c logProbs[i, c] * A[i, c]`, where the constant `A` holds the target's
 * one-hot row times its weight, plus label smoothing, divided by the total
 * weight for `'mean'`. This is PyTorch's `nll_loss` (and the label-smoothing
 * term of `cross_entropy`) as one multiply and one sum, with no gather.
 */
export function indexLoss(
  op: string,
  logProbs: Tensor,
  input: Tensor,
  target: Tensor,
  sampleShape: readonly number[],
  options: IndexLossOptions,
): Tensor {
  const rows = logProbs.shape[0]!;
  const classes = logProbs.shape[1]!;
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
  checkLabels(op, 'target', labels, target.shape, classes, options.ignoreIndex);
  const { weight, ignoreIndex, labelSmoothing: smoothing, reduction } = options;
  const coefficients = logProbs.dtype === 'float64' ? new Float64Array(rows * classes) : new Float32Array(rows * classes);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const label = labels[i]!;
    if (label === ignoreIndex) continue;
    const base = i * classes;
    total += weight === null ? 1 : weight[label]!;
    if (smoothing > 0) {
      const share = smoothing / classes;
      for (let c = 0; c < classes; c++) coefficients[base + c] = share * (weight === null ? 1 : weight[c]!);
    }
    coefficients[base + label] = coefficients[base + label]! + (1 - smoothing) * (weight === null ? 1 : weight[label]!);
  }
  const weighted = logProbs.mul(fromData(new BaseTensor(coefficients, [rows, classes], logProbs.dtype)));
  if (reduction === 'none') return weighted.sum(1).neg().reshape([...sampleShape]);
  const summed = weighted.sum().neg();
  if (reduction === 'sum') return summed;
  // NOTE: PyTorch divides by the total weight of the non-ignored targets; when every
  // target is ignored that is 0/0 = nan, with zero gradients.
  return total === 0 ? summed.add(Number.NaN) : summed.div(total);
}

/** Throws unless `ignoreIndex` is an integer (PyTorch's is an int). */
export function checkIgnoreIndex(op: string, ignoreIndex: number): number {
  if (!Number.isInteger(ignoreIndex)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'ignoreIndex' must be an integer class index, got ${String(ignoreIndex)}`);
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

import { fromData, tensor, Tensor } from '@gradlab/autograd';
import { Tensor as BaseTensor, ValueError, formatValue } from '@gradlab/tensor';
import { allocate } from '@gradlab/tensor/internal';

import { checkLabels, describeValue, int32Values, labelArray } from './labels';

/** Class labels as plain numbers, nested for more than one dimension. */
export type NestedLabels = number | readonly NestedLabels[];

/**
 * One-hot encoding of integer class labels, like `torch.nn.functional.one_hot`:
 * the output has the labels' shape plus a last dimension of `numClasses`, dtype
 * int32. `numClasses = -1` (the default) means `max(labels) + 1`.
 *
 * Throws a {@link LabelError} naming the value, its position and the valid range
 * for a negative label or one `>= numClasses`; labels that run from 1 to
 * `numClasses` are reported as looking 1-based (subtract 1 first).
 *
 * @example
 * ```ts
 * const labels = tensor([1, 2, 3, 4, 1, 2, 3, 4, 1, 2], { dtype: 'int32' }).sub(1);
 * oneHot(labels); // int32 [10, 4]: [[1, 0, 0, 0], [0, 1, 0, 0], ...]
 * ```
 */
export function oneHot(labels: Tensor | readonly NestedLabels[], numClasses = -1): Tensor {
  if (!Array.isArray(labels) && !(labels instanceof Tensor)) {
    throw new ValueError('INVALID_ARGUMENT', `oneHot: 'labels' must be an int32 tensor or an array of integers, got ${describeValue(labels)}`);
  }
  // NOTE: plain numbers are checked before the int32 conversion, which would truncate 1.5 to 1 and NaN to 0.
  if (Array.isArray(labels)) labelArray('oneHot', labels);
  const input = Array.isArray(labels) ? tensor(labels as number[], { dtype: 'int32' }) : (labels as Tensor);
  const values = int32Values('oneHot', 'labels', input);
  if (!Number.isInteger(numClasses) || numClasses < -1) {
    throw new ValueError('INVALID_ARGUMENT', `oneHot: 'numClasses' must be -1 or a non-negative integer, got ${formatValue(numClasses)}`);
  }
  let classes = numClasses;
  if (classes === -1) {
    if (values.length === 0) {
      throw new ValueError('INVALID_ARGUMENT', 'oneHot: can not infer the number of classes from an empty tensor; pass numClasses');
    }
    let max = -1;
    for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
    // Negative labels are reported by checkLabels below.
    classes = Math.max(max + 1, 0);
  }
  checkLabels('oneHot', 'label', values, input.shape, classes);
  // allocate() gives a ShapeError for a size no tensor can have (oneHot(labels, 2 ** 31)), as zeros does
  const out = allocate('int32', values.length * classes, 'oneHot') as Int32Array;
  for (let i = 0; i < values.length; i++) out[i * classes + values[i]!] = 1;
  return fromData(new BaseTensor(out, [...input.shape, classes], 'int32'));
}

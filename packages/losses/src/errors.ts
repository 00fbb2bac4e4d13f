import { brandError, GradlabError } from '@gradlab/tensor';

/**
 * A class label outside `[0, numClasses)`, thrown by {@link oneHot},
 * {@link crossEntropy} and {@link nllLoss}. It names the offending value, its
 * position in the label tensor and the valid range; when the labels run from 1
 * to `numClasses` it says they look 1-based and suggests subtracting 1.
 *
 * @example
 * ```ts
 * try { oneHot(tensor([1, 2, 3, 4], { dtype: 'int32' }), 4); }
 * catch (e) { if (e instanceof LabelError) console.log(e.value, e.position); } // 4 [3]
 * ```
 */
export class LabelError extends GradlabError {
  declare readonly code: 'INVALID_LABEL';
  /** The offending label. */
  readonly value: number;
  /** Its index in the label tensor, one entry per dimension. */
  readonly position: readonly number[];
  /** The number of classes the labels were checked against. */
  readonly numClasses: number;

  constructor(message: string, value: number, position: readonly number[], numClasses: number) {
    super('INVALID_LABEL', message);
    this.value = value;
    this.position = position;
    this.numClasses = numClasses;
  }
}

brandError(LabelError, 'LabelError');

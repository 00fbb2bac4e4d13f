import type { Tensor } from '@gradlab/autograd';
import { Module } from '@gradlab/nn';

import { checkSmoothing, type ClassWeight } from './class-loss';
import { binaryCrossEntropy, type BinaryCrossEntropyOptions } from './binary-cross-entropy';
import { crossEntropy, type CrossEntropyOptions } from './cross-entropy';
import { mseLoss, type MSELossOptions } from './mse-loss';
import { nllLoss, type NLLLossOptions } from './nll-loss';
import { checkOptionsObject, checkReduction, type Reduction } from './reduction';

/**
 * What the loss modules share: their options, copied and checked when the
 * module is made (a bad `reduction` fails at `new`, not at the first batch).
 */
export abstract class LossModule<Options extends { reduction?: Reduction; labelSmoothing?: number }> extends Module<[Tensor, Tensor], Tensor> {
  readonly options: Options;

  constructor(name: string, options: Options) {
    super();
    checkOptionsObject(name, options);
    checkReduction(name, options.reduction ?? 'mean');
    if (options.labelSmoothing !== undefined) checkSmoothing(name, options.labelSmoothing);
    this.options = { ...options };
  }
}

/**
 * {@link crossEntropy} as a module, like `torch.nn.CrossEntropyLoss`.
 *
 * @example
 * ```ts
 * const criterion = new CrossEntropyLoss({ labelSmoothing: 0.1 });
 * const loss = criterion.call(model.call(x), labels);
 * ```
 */
export class CrossEntropyLoss extends LossModule<CrossEntropyOptions> {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'CrossEntropyLoss';

  constructor(options: CrossEntropyOptions = {}) {
    super('CrossEntropyLoss', options);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return crossEntropy(input, target, this.options);
  }
}

/**
 * {@link nllLoss} as a module, like `torch.nn.NLLLoss`.
 *
 * @example
 * ```ts
 * const loss = new NLLLoss().call(logSoftmax(logits, 1), labels);
 * ```
 */
export class NLLLoss extends LossModule<NLLLossOptions> {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'NLLLoss';

  constructor(options: NLLLossOptions = {}) {
    super('NLLLoss', options);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return nllLoss(input, target, this.options);
  }
}

/**
 * {@link mseLoss} as a module, like `torch.nn.MSELoss`.
 *
 * @example
 * ```ts
 * const loss = new MSELoss().call(prediction, target);
 * ```
 */
export class MSELoss extends LossModule<MSELossOptions> {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'MSELoss';

  constructor(options: MSELossOptions = {}) {
    super('MSELoss', options);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return mseLoss(input, target, this.options);
  }
}

/**
 * {@link binaryCrossEntropy} as a module, like `torch.nn.BCELoss`.
 *
 * @example
 * ```ts
 * const loss = new BCELoss().call(logits.sigmoid(), targets);
 * ```
 */
export class BCELoss extends LossModule<BinaryCrossEntropyOptions> {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'BCELoss';

  constructor(options: BinaryCrossEntropyOptions = {}) {
    super('BCELoss', options);
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, this.options);
  }
}

export type { ClassWeight };

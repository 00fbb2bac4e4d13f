import type { Tensor } from '@gradlab/autograd';
import { Module } from '@gradlab/nn';

import type { ClassWeight } from './class-loss';
import { binaryCrossEntropy, type BinaryCrossEntropyOptions } from './binary-cross-entropy';
import { crossEntropy, type CrossEntropyOptions } from './cross-entropy';
import { mseLoss, type MSELossOptions } from './mse-loss';
import { nllLoss, type NLLLossOptions } from './nll-loss';

/**
 * {@link crossEntropy} as a module, like `torch.nn.CrossEntropyLoss`.
 *
 * @example
 * ```ts
 * const criterion = new CrossEntropyLoss({ labelSmoothing: 0.1 });
 * const loss = criterion.call(model.call(x), labels);
 * ```
 */
export class CrossEntropyLoss extends Module<[Tensor, Tensor], Tensor> {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'CrossEntropyLoss';
  readonly options: CrossEntropyOptions;

  constructor(options: CrossEntropyOptions = {}) {
    super();
    this.options = { ...options };
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
export class NLLLoss extends Module<[Tensor, Tensor], Tensor> {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'NLLLoss';
  readonly options: NLLLossOptions;

  constructor(options: NLLLossOptions = {}) {
    super();
    this.options = { ...options };
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
export class MSELoss extends Module<[Tensor, Tensor], Tensor> {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'MSELoss';
  readonly options: MSELossOptions;

  constructor(options: MSELossOptions = {}) {
    super();
    this.options = { ...options };
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
export class BCELoss extends Module<[Tensor, Tensor], Tensor> {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'BCELoss';
  readonly options: BinaryCrossEntropyOptions;

  constructor(options: BinaryCrossEntropyOptions = {}) {
    super();
    this.options = { ...options };
  }

  forward(input: Tensor, target: Tensor): Tensor {
    return binaryCrossEntropy(input, target, this.options);
  }
}

export type { ClassWeight };

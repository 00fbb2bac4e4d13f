/**
 * `@gradlab/losses`: one-hot labels and loss functions with PyTorch's
 * semantics, built on `@gradlab/autograd`.
 *
 * @packageDocumentation
 */
export { oneHot, type NestedLabels } from './one-hot';
export { LabelError } from './errors';
export { crossEntropy, type CrossEntropyOptions } from './cross-entropy';
export { nllLoss, type NLLLossOptions } from './nll-loss';
export { binaryCrossEntropy, type BinaryCrossEntropyOptions } from './binary-cross-entropy';
export { mseLoss, type MSELossOptions } from './mse-loss';
export { BCELoss, CrossEntropyLoss, MSELoss, NLLLoss, type ClassWeight } from './modules';
export type { Reduction } from './reduction';

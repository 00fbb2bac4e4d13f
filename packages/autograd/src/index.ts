/**
 * `@gradlab/autograd`: reverse-mode automatic differentiation with PyTorch's
 * semantics on top of `@gradlab/tensor`: differentiable tensors, `backward`,
 * `grad`, higher-order derivatives, hooks, `noGrad`, `gradcheck`.
 *
 * @example
 * ```ts
 * import { tensor, log, exp, sin } from '@gradlab/autograd';
 * const x = tensor([1, 2, -1, 3, 5], { requiresGrad: true });
 * const [x1, x2, x3, x4, x5] = [x.at(0), x.at(1), x.at(2), x.at(3), x.at(4)];
 * const y = log(exp(x1.mul(x2)).pow(2).add(sin(x3.add(x4).add(x5)).mul(x5)));
 * y.backward();
 * console.log(String(x.grad)); // tensor([3.7730, 1.8865, 0.0651, 0.0651, 0.0765])
 * console.log(String(y));      // tensor(4.0584, grad_fn=<LogBackward0>)
 * ```
 *
 * @packageDocumentation
 */

export { Tensor } from './tensor';
export type { BackwardOptions, TensorHook, RemovableHandle } from './tensor';
export { Node, AccumulateGrad } from './engine/node';
export type { Rule, GradFormula, Edge } from './engine/node';
export { RULES } from './rules';
export type { Operand } from './operand';
export { GradientError } from './errors';
export type { GradientErrorCode } from './errors';
export { noGrad, enableGrad, isGradEnabled, setGradEnabled } from './engine/grad-mode';
export { backward, grad } from './engine/backward';
export type { GradOptions } from './engine/backward';
export { gradcheck, gradgradcheck } from './gradcheck';
export type { GradcheckOptions } from './gradcheck';

export {
  tensor,
  fromData,
  zeros,
  ones,
  empty,
  full,
  zerosLike,
  onesLike,
  fullLike,
  emptyLike,
  randLike,
  randnLike,
  arange,
  linspace,
  eye,
  rand,
  randn,
  randint,
} from './creation';
export type { TensorOptions, RandomTensorOptions } from './creation';

// every op of these files, and its declaration under its node name (the RULES row)
export * from './ops/elementwise';
export { sum, mean, prod, max, min, argmax, argmin, softmax, logSoftmax, sumTo } from './ops/reductions';
export type { ValuesIndices } from './ops/reductions';
export { matmul, mm, addmm, bmm, dot, mv } from './ops/linalg';
export { nllLossOp, mseLossOp, binaryCrossEntropyOp, mulScalar, divScalar } from './ops/losses';
export type { LossReduction, NllLossOpOptions } from './ops/losses';
export * from './ops/views';

// Re-exported from @gradlab/tensor so that one import serves a notebook port.
export {
  GradlabError,
  ShapeError,
  DTypeError,
  IndexError,
  ValueError,
  Generator,
  manualSeed,
  defaultGenerator,
  formatTensor,
  Tensor as BaseTensor,
} from '@gradlab/tensor';
export type { AddmmOptions, DType, NestedArray, Scalar, TypedArray } from '@gradlab/tensor';

// indexing (issue 15)
export { randperm } from './creation';
export { indexSelect, gather, scatter, scatterAdd, take, maskedFill, maskedSelect, nonzero, index, indexPut } from './ops/indexing';
export { sl } from '@gradlab/tensor';
export type { ScatterOptions, ScatterReduce, NonzeroOptions, IndexPutOptions, Slice } from '@gradlab/tensor';
export type { IndexItem } from './ops/indexing';

// shapes (issue 15)
export { split, chunk, unbind, flip, roll, repeat, tile, repeatInterleave, tril, triu, diag, diagonal, trace, outer, kron } from './ops/shapes';
export { pad, tensordot, einsum } from './ops/shapes';
export type { PadMode, PadOptions } from '@gradlab/tensor';

// reductions (issue 15)
export { variance, variance as var, std, logsumexp, amax, amin, all, any, norm, cumsum, cumprod } from './ops/statistics';
export { VarBackward0, StdBackward0, LogsumexpBackward0, AmaxBackward0, AminBackward0, NormBackward1, CumsumBackward0, CumprodBackward0 } from './ops/statistics';
export type { Dims, VarOptions, NormOrder } from '@gradlab/tensor';
export { sort, argsort, topk, kthvalue, median, mode } from './ops/sorting';
export { SortBackward0, SortBackward1, TopkBackward0, KthvalueBackward0, MedianBackward0, MedianBackward1, ModeBackward0 } from './ops/sorting';
export type { SortOptions, TopkOptions } from '@gradlab/tensor';

/**
 * `@gradlab/nn`: neural-network modules with PyTorch's semantics, names and
 * printing, built on `@gradlab/autograd`.
 *
 * @packageDocumentation
 */
export { Module, type AnyModule, type LoadStateDictResult, type StateDict } from './module';
export { Parameter } from './parameter';
export { ModuleError, type ModuleErrorCode } from './errors';
export { Linear, type LinearOptions } from './linear';
export { Flatten, Identity, LeakyReLU, LogSoftmax, ReLU, Softmax } from './activation';
export { Sequential, type TensorModule } from './sequential';
export { ModuleList } from './module-list';
export {
  constant_,
  fanInAndFanOut,
  kaimingUniform_,
  ones_,
  uniform_,
  xavierUniform_,
  zeros_,
  type InitOptions,
} from './init';
export { clipGradNorm_, clipGradValue_, type ClipGradNormOptions, type TensorOrTensors } from './clip-grad';
// data (issue 16): torch.utils.data
export {
  BatchSampler,
  ConcatDataset,
  DataLoader,
  defaultCollate,
  randomSplit,
  RandomSampler,
  SequentialSampler,
  Subset,
  TensorDataset,
  type Collated,
  type DataLoaderOptions,
  type Dataset,
  type RandomSamplerOptions,
  type RandomSplitOptions,
  type Sampler,
} from './data/index';
// activations (issue 16)
export { ELU, GELU, Sigmoid, SiLU, Softplus, Tanh, Unflatten } from './activation';

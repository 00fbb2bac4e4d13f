export { ConcatDataset, TensorDataset, Subset, type Dataset } from './dataset';
export { BatchSampler, RandomSampler, SequentialSampler, type RandomSamplerOptions, type Sampler } from './sampler';
export { defaultCollate, type Collated } from './collate';
export { DataLoader, type DataLoaderOptions } from './dataloader';
export { randomSplit, type RandomSplitOptions } from './random-split';

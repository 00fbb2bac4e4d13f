export { LRScheduler, type SchedulerGroup, type SchedulerStateDict } from './lr-scheduler';
export { StepLR, type StepLROptions } from './step-lr';
export { MultiStepLR, type MultiStepLROptions } from './multi-step-lr';
export { ExponentialLR, type ExponentialLROptions } from './exponential-lr';
export { CosineAnnealingLR, type CosineAnnealingLROptions } from './cosine-annealing-lr';
export { LinearLR, type LinearLROptions } from './linear-lr';
export { OneCycleLR, type OneCycleLROptions, type OneCyclePhase } from './one-cycle-lr';
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from './reduce-lr-on-plateau';
export { LambdaLR, type LambdaLROptions, type LrLambda } from './lambda-lr';

import type { Optimizer } from '../optimizer';
import { checkInteger, checkNumber, lastEpochOption, LRScheduler, type SchedulerStateDict } from './lr-scheduler';

/** Options of {@link StepLR}. */
export interface StepLROptions {
  /** Epochs between decays (required). */
  /** Epochs between decays. */
  stepSize: number;
  /** Factor of each decay (default 0.1). */
  gamma?: number;
  /** -1 starts the schedule; larger resumes it (default -1). */
  lastEpoch?: number;
}

/**
 * Multiplies each group's learning rate by `gamma` every `stepSize` epochs,
 * as `torch.optim.lr_scheduler.StepLR`.
 *
 * @example
 * ```ts
 * const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 }); // 0.05 until epoch 30, 0.005 until 60, ...
 * ```
 */
export class StepLR extends LRScheduler {
  stepSize: number;
  /** Factor of each decay. */
  gamma: number;

  constructor(optimizer: Optimizer<object>, options: StepLROptions) {
    super('StepLR', optimizer, lastEpochOption('StepLR', options));
    checkInteger('StepLR', 'stepSize', options.stepSize, 1);
    this.stepSize = options.stepSize;
    this.gamma = options.gamma ?? 0.1;
    checkNumber('StepLR', 'gamma', this.gamma);
    this.initialStep();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return this.groups.map((group) => group.lr);
    return this.groups.map((group) => group.lr * this.gamma);
  }

  protected ownState(): SchedulerStateDict {
    return { stepSize: this.stepSize, gamma: this.gamma };
  }

  protected restoreOwnState(state: SchedulerStateDict): void {
    this.stepSize = state.stepSize as number;
    this.gamma = state.gamma as number;
  }
}

import type { Optimizer } from '../optimizer';
import { checkNumber, lastEpochOption, LRScheduler, type SchedulerStateDict } from './lr-scheduler';

/** Options of {@link ExponentialLR}. */
export interface ExponentialLROptions {
  /** Factor applied every epoch (required). */
  /** Factor applied every epoch. */
  gamma: number;
  /** -1 starts the schedule; larger resumes it (default -1). */
  lastEpoch?: number;
}

/**
 * Multiplies each group's learning rate by `gamma` every epoch, as
 * `torch.optim.lr_scheduler.ExponentialLR`.
 *
 * @example
 * ```ts
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.9 });
 * ```
 */
export class ExponentialLR extends LRScheduler {
  gamma: number;

  constructor(optimizer: Optimizer<object>, options: ExponentialLROptions) {
    super('ExponentialLR', optimizer, lastEpochOption('ExponentialLR', options));
    checkNumber('ExponentialLR', 'gamma', options.gamma);
    this.gamma = options.gamma;
    this.initialStep();
  }

  protected getLr(): number[] {
    if (this.lastEpoch === 0) return this.groups.map((group) => group.lr);
    return this.groups.map((group) => group.lr * this.gamma);
  }

  protected ownState(): SchedulerStateDict {
    return { gamma: this.gamma };
  }

  protected restoreOwnState(state: SchedulerStateDict): void {
    this.gamma = state.gamma as number;
  }
}

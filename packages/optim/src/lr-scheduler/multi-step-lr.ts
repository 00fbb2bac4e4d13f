import { ValueError } from '@gradlab/tensor';

import { describeValue, type Optimizer } from '../optimizer';
import { checkNumber, lastEpochOption, LRScheduler, type SchedulerStateDict } from './lr-scheduler';

/** Options of {@link MultiStepLR}. */
export interface MultiStepLROptions {
  /** Epochs at which to decay; a milestone given twice decays twice (required). */
  milestones: Iterable<number>;
  /** Factor of each decay (default 0.1). */
  gamma?: number;
  /** -1 starts the schedule; larger resumes it (default -1). */
  lastEpoch?: number;
}

/**
 * Multiplies each group's learning rate by `gamma` at each milestone epoch, as
 * `torch.optim.lr_scheduler.MultiStepLR` (whose milestones are a `Counter`: the
 * state keeps `{ epoch: count }`).
 *
 * @example
 * ```ts
 * const scheduler = new MultiStepLR(optimizer, { milestones: [30, 80] }); // 0.05, then 0.005 at 30, 0.0005 at 80
 * ```
 */
export class MultiStepLR extends LRScheduler {
  /** Milestone epochs and how many times each was given (PyTorch's `Counter`). */
  milestones: Record<number, number>;
  /** Factor of each decay. */
  gamma: number;

  constructor(optimizer: Optimizer<object>, options: MultiStepLROptions) {
    super('MultiStepLR', optimizer, lastEpochOption('MultiStepLR', options));
    const list = options.milestones;
    if (typeof list !== 'object' || list === null || !(Symbol.iterator in list)) {
      throw new ValueError('INVALID_ARGUMENT', `MultiStepLR: 'milestones' must be an iterable of integers, got ${describeValue(list)}`);
    }
    this.milestones = {};
    for (const milestone of list) {
      if (!Number.isInteger(milestone)) {
        throw new ValueError('INVALID_ARGUMENT', `MultiStepLR: 'milestones' must be integers, got ${describeValue(milestone)}`);
      }
      this.milestones[milestone] = (this.milestones[milestone] ?? 0) + 1;
    }
    this.gamma = options.gamma ?? 0.1;
    checkNumber('MultiStepLR', 'gamma', this.gamma);
    this.initialStep();
  }

  protected getLr(): number[] {
    const count = this.milestones[this.lastEpoch];
    if (count === undefined) return this.groups.map((group) => group.lr);
    return this.groups.map((group) => group.lr * this.gamma ** count);
  }

  protected ownState(): SchedulerStateDict {
    return { milestones: this.milestones, gamma: this.gamma };
  }

  protected restoreOwnState(state: SchedulerStateDict): void {
    this.milestones = state.milestones as Record<number, number>;
    this.gamma = state.gamma as number;
  }
}

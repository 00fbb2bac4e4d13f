import { ValueError } from '@gradlab/tensor';

import type { Optimizer } from '../optimizer';
import { checkInteger, checkNumber, lastEpochOption, LRScheduler, type SchedulerStateDict } from './lr-scheduler';

/** Options of {@link LinearLR}. */
export interface LinearLROptions {
  /** Factor of the first epoch, in (0, 1] (default 1/3). */
  startFactor?: number;
  /** Factor reached after `totalIters` epochs, in [0, 1] (default 1). */
  endFactor?: number;
  /** Epochs of the ramp (default 5). */
  totalIters?: number;
  /** -1 starts the schedule; larger resumes it (default -1). */
  lastEpoch?: number;
}

/**
 * Scales each group's learning rate by a factor going linearly from
 * `startFactor` to `endFactor` over `totalIters` epochs, then keeps it, as
 * `torch.optim.lr_scheduler.LinearLR` (a warm-up with the defaults).
 *
 * @example
 * ```ts
 * const warmup = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 10 });
 * ```
 */
export class LinearLR extends LRScheduler {
  /** Factor of the first epoch. */
  startFactor: number;
  /** Factor after `totalIters` epochs. */
  endFactor: number;
  /** Epochs of the ramp. */
  totalIters: number;

  constructor(optimizer: Optimizer<object>, options: LinearLROptions = {}) {
    super('LinearLR', optimizer, lastEpochOption('LinearLR', options));
    const startFactor = options.startFactor ?? 1 / 3;
    const endFactor = options.endFactor ?? 1;
    checkNumber('LinearLR', 'startFactor', startFactor);
    checkNumber('LinearLR', 'endFactor', endFactor);
    if (startFactor > 1 || startFactor < 0) {
      throw new ValueError('INVALID_ARGUMENT', `LinearLR: Starting multiplicative factor expected to be between 0 and 1, got startFactor ${startFactor}`);
    }
    if (startFactor === 0) {
      // NOTE: PyTorch 1.13 accepts 0 and then divides by zero in its first step (ZeroDivisionError)
      throw new ValueError('INVALID_ARGUMENT', 'LinearLR: startFactor 0 divides by zero in the chainable update (PyTorch 1.13 raises ZeroDivisionError at the first step); use a small positive factor');
    }
    if (endFactor > 1 || endFactor < 0) {
      throw new ValueError('INVALID_ARGUMENT', `LinearLR: Ending multiplicative factor expected to be between 0 and 1, got endFactor ${endFactor}`);
    }
    const totalIters = options.totalIters ?? 5;
    checkInteger('LinearLR', 'totalIters', totalIters, 1);
    this.startFactor = startFactor;
    this.endFactor = endFactor;
    this.totalIters = totalIters;
    this.initialStep();
  }

  protected getLr(): number[] {
    const { lastEpoch, startFactor, endFactor, totalIters } = this;
    const groups = this.groups;
    if (lastEpoch === 0) return groups.map((group) => group.lr * startFactor);
    if (lastEpoch > totalIters) return groups.map((group) => group.lr);
    return groups.map((group) => group.lr * (1 + (endFactor - startFactor) / (totalIters * startFactor + (lastEpoch - 1) * (endFactor - startFactor))));
  }

  protected ownState(): SchedulerStateDict {
    return { startFactor: this.startFactor, endFactor: this.endFactor, totalIters: this.totalIters };
  }

  protected restoreOwnState(state: SchedulerStateDict): void {
    this.startFactor = state.startFactor as number;
    this.endFactor = state.endFactor as number;
    this.totalIters = state.totalIters as number;
  }
}

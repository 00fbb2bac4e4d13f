import { ValueError } from '@gradlab/tensor';

import { describeValue, type Optimizer } from '../optimizer';
import { checkNumber, lastEpochOption, LRScheduler, type SchedulerStateDict } from './lr-scheduler';

/** Options of {@link CosineAnnealingLR}. */
export interface CosineAnnealingLROptions {
  /** Half the period, in epochs (PyTorch's `T_max`; required). */
  /** Half the period, in epochs (`T_max`). */
  tMax: number;
  /** The lowest learning rate (PyTorch's `eta_min`; default 0). */
  etaMin?: number;
  /** -1 starts the schedule; larger resumes it (default -1). */
  lastEpoch?: number;
}

/**
 * Anneals each group's learning rate from its initial value to `etaMin` along
 * half a cosine over `tMax` epochs, then back up (SGDR without restarts), with
 * PyTorch 1.13's chainable recurrence (`torch.optim.lr_scheduler.CosineAnnealingLR`).
 *
 * @example
 * ```ts
 * const scheduler = new CosineAnnealingLR(optimizer, { tMax: 50, etaMin: 1e-5 });
 * ```
 */
export class CosineAnnealingLR extends LRScheduler {
  tMax: number;
  /** The lowest learning rate (`eta_min`). */
  etaMin: number;

  constructor(optimizer: Optimizer<object>, options: CosineAnnealingLROptions) {
    super('CosineAnnealingLR', optimizer, lastEpochOption('CosineAnnealingLR', options));
    if (!(typeof options.tMax === 'number' && options.tMax > 0 && Number.isFinite(options.tMax))) {
      throw new ValueError('INVALID_ARGUMENT', `CosineAnnealingLR: 'tMax' must be a number > 0, got ${describeValue(options.tMax)}`);
    }
    this.tMax = options.tMax;
    this.etaMin = options.etaMin ?? 0;
    checkNumber('CosineAnnealingLR', 'etaMin', this.etaMin);
    this.initialStep();
  }

  protected getLr(): number[] {
    const { lastEpoch, tMax, etaMin } = this;
    const groups = this.groups;
    if (lastEpoch === 0) return groups.map((group) => group.lr);
    if (this.stepCount === 1 && lastEpoch > 0) {
      return this.baseLrs.map((baseLr) => etaMin + ((baseLr - etaMin) * (1 + Math.cos((lastEpoch * Math.PI) / tMax))) / 2);
    }
    if ((lastEpoch - 1 - tMax) % (2 * tMax) === 0) {
      return groups.map((group, i) => group.lr + ((this.baseLrs[i]! - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2);
    }
    return groups.map(
      (group) => ((1 + Math.cos((Math.PI * lastEpoch) / tMax)) / (1 + Math.cos((Math.PI * (lastEpoch - 1)) / tMax))) * (group.lr - etaMin) + etaMin,
    );
  }

  protected ownState(): SchedulerStateDict {
    return { tMax: this.tMax, etaMin: this.etaMin };
  }

  protected restoreOwnState(state: SchedulerStateDict): void {
    this.tMax = state.tMax as number;
    this.etaMin = state.etaMin as number;
  }
}

import { ValueError } from '@gradlab/tensor';

import { describeValue, type Optimizer } from '../optimizer';
import { checkNumber, lastEpochOption, LRScheduler, perGroup, type SchedulerStateDict } from './lr-scheduler';

/** Options of {@link OneCycleLR}, PyTorch's keyword arguments in camelCase. */
export interface OneCycleLROptions {
  /** The peak learning rate, one for all groups or one per group (required). */
  maxLr: number | readonly number[];
  /** Steps in the cycle; or give `epochs` and `stepsPerEpoch`. */
  totalSteps?: number;
  epochs?: number;
  stepsPerEpoch?: number;
  /** Fraction of the cycle spent increasing the learning rate (default 0.3). */
  pctStart?: number;
  /** `'cos'` (default) or `'linear'`. */
  annealStrategy?: 'cos' | 'linear';
  /** Cycle the momentum (SGD's `momentum`, Adam's `betas[0]`) inversely (default true). */
  cycleMomentum?: boolean;
  /** Lowest momentum (default 0.85). */
  baseMomentum?: number | readonly number[];
  /** Highest momentum (default 0.95). */
  maxMomentum?: number | readonly number[];
  /** `initialLr = maxLr / divFactor` (default 25). */
  divFactor?: number;
  /** `minLr = initialLr / finalDivFactor` (default 1e4). */
  finalDivFactor?: number;
  /** Three phases (up, down to initialLr, then to minLr) instead of two (default false). */
  threePhase?: boolean;
  /** -1 starts the schedule; larger resumes it (default -1). */
  lastEpoch?: number;
}

/** One phase of the cycle: where it ends, and the group keys it anneals between. */
export interface OneCyclePhase {
  endStep: number;
  startLr: string;
  endLr: string;
  startMomentum: string;
  endMomentum: string;
}

/**
 * The 1cycle policy, as `torch.optim.lr_scheduler.OneCycleLR`: the learning
 * rate rises from `maxLr / divFactor` to `maxLr` over `pctStart` of the cycle,
 * then falls to `initialLr / finalDivFactor` (with `threePhase`, back to the
 * initial rate first), while the momentum moves the other way. Step it after
 * every batch. The groups get PyTorch's keys `initialLr`, `maxLr`, `minLr`,
 * `maxMomentum`, `baseMomentum`.
 *
 * @example
 * ```ts
 * const scheduler = new OneCycleLR(optimizer, { maxLr: 0.01, epochs: 10, stepsPerEpoch: batches });
 * ```
 */
export class OneCycleLR extends LRScheduler {
  /** Steps in the cycle. */
  totalSteps: number;
  /** The two or three phases, as PyTorch's `_schedule_phases`. */
  schedulePhases: OneCyclePhase[];
  /** Whether the momentum cycles. */
  cycleMomentum: boolean;
  /** Whether the momentum is Adam's `betas[0]` rather than `momentum`. */
  useBeta1 = false;
  /** How each phase anneals (PyTorch keeps the function, `anneal_func`). */
  annealStrategy: 'cos' | 'linear';

  constructor(optimizer: Optimizer<object>, options: OneCycleLROptions) {
    const lastEpoch = lastEpochOption('OneCycleLR', options);
    OneCycleLR.#prepare(optimizer, options, lastEpoch);
    super('OneCycleLR', optimizer, lastEpoch);
    this.totalSteps = OneCycleLR.#totalSteps(options);
    const pctStart = options.pctStart ?? 0.3;
    const total = this.totalSteps;
    this.schedulePhases = options.threePhase
      ? [
          { endStep: pctStart * total - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: 2 * pctStart * total - 2, startLr: 'maxLr', endLr: 'initialLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
          { endStep: total - 1, startLr: 'initialLr', endLr: 'minLr', startMomentum: 'maxMomentum', endMomentum: 'maxMomentum' },
        ]
      : [
          { endStep: pctStart * total - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: total - 1, startLr: 'maxLr', endLr: 'minLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
        ];
    this.annealStrategy = options.annealStrategy ?? 'cos';
    this.cycleMomentum = options.cycleMomentum ?? true;
    if (this.cycleMomentum) this.useBeta1 = 'betas' in optimizer.defaults;
    this.initialStep();
  }

  static #totalSteps(options: OneCycleLROptions): number {
    const positive = (argument: string, value: unknown) => {
      if (!(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
        throw new ValueError('INVALID_ARGUMENT', `OneCycleLR: Expected positive integer ${argument}, but got ${describeValue(value)}`);
      }
      return value;
    };
    if (options.totalSteps === undefined && options.epochs === undefined && options.stepsPerEpoch === undefined) {
      throw new ValueError('INVALID_ARGUMENT', 'OneCycleLR: You must define either totalSteps OR (epochs AND stepsPerEpoch)');
    }
    if (options.totalSteps !== undefined) return positive('totalSteps', options.totalSteps);
    return positive('epochs', options.epochs) * positive('stepsPerEpoch', options.stepsPerEpoch);
  }

  /** Checks the options and, for a fresh schedule, writes the groups' keys (PyTorch does this before `super().__init__`). */
  static #prepare(optimizer: Optimizer<object>, options: OneCycleLROptions, lastEpoch: number): void {
    if (!(typeof optimizer === 'object' && optimizer !== null && Array.isArray((optimizer as { paramGroups?: unknown }).paramGroups))) return; // the base constructor reports it
    OneCycleLR.#totalSteps(options);
    const pctStart = options.pctStart ?? 0.3;
    if (!(typeof pctStart === 'number' && pctStart >= 0 && pctStart <= 1)) {
      throw new ValueError('INVALID_ARGUMENT', `OneCycleLR: Expected float between 0 and 1 pctStart, but got ${describeValue(pctStart)}`);
    }
    const strategy = options.annealStrategy ?? 'cos';
    if (strategy !== 'cos' && strategy !== 'linear') {
      throw new ValueError('INVALID_ARGUMENT', `OneCycleLR: annealStrategy must by one of 'cos' or 'linear', instead got ${describeValue(strategy)}`);
    }
    const divFactor = options.divFactor ?? 25;
    const finalDivFactor = options.finalDivFactor ?? 1e4;
    checkNumber('OneCycleLR', 'divFactor', divFactor);
    checkNumber('OneCycleLR', 'finalDivFactor', finalDivFactor);
    const groups = optimizer.paramGroups as unknown as Record<string, unknown>[];
    const maxLrs = perGroup('OneCycleLR', 'maxLr', options.maxLr, groups.length);
    if (lastEpoch === -1) {
      groups.forEach((group, i) => {
        group.initialLr = maxLrs[i]! / divFactor;
        group.maxLr = maxLrs[i]!;
        group.minLr = (group.initialLr as number) / finalDivFactor;
      });
    }
    if (options.cycleMomentum ?? true) {
      if (!('momentum' in optimizer.defaults) && !('betas' in optimizer.defaults)) {
        throw new ValueError('INVALID_ARGUMENT', 'OneCycleLR: optimizer must support momentum with `cycleMomentum` option enabled');
      }
      const useBeta1 = 'betas' in optimizer.defaults;
      const maxMomentums = perGroup('OneCycleLR', 'maxMomentum', options.maxMomentum ?? 0.95, groups.length);
      const baseMomentums = perGroup('OneCycleLR', 'baseMomentum', options.baseMomentum ?? 0.85, groups.length);
      if (lastEpoch === -1) {
        groups.forEach((group, i) => {
          if (useBeta1) group.betas = [maxMomentums[i]!, ...(group.betas as number[]).slice(1)];
          else group.momentum = maxMomentums[i]!;
          group.maxMomentum = maxMomentums[i]!;
          group.baseMomentum = baseMomentums[i]!;
        });
      }
    }
  }

  #anneal(start: number, end: number, pct: number): number {
    if (this.annealStrategy === 'cos') return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
    return (end - start) * pct + start;
  }

  protected getLr(): number[] {
    const stepNumber = this.lastEpoch;
    if (stepNumber > this.totalSteps) {
      throw new ValueError('INVALID_ARGUMENT', `OneCycleLR: Tried to step ${stepNumber + 1} times. The specified number of total steps is ${this.totalSteps}`);
    }
    return this.groups.map((group) => {
      let startStep = 0;
      let lr = 0;
      let momentum = 0;
      for (const [i, phase] of this.schedulePhases.entries()) {
        const endStep = phase.endStep;
        if (stepNumber <= endStep || i === this.schedulePhases.length - 1) {
          const pct = (stepNumber - startStep) / (endStep - startStep);
          lr = this.#anneal(group[phase.startLr] as number, group[phase.endLr] as number, pct);
          if (this.cycleMomentum) momentum = this.#anneal(group[phase.startMomentum] as number, group[phase.endMomentum] as number, pct);
          break;
        }
        startStep = phase.endStep;
      }
      if (this.cycleMomentum) {
        if (this.useBeta1) group.betas = [momentum, ...(group.betas as number[]).slice(1)];
        else group.momentum = momentum;
      }
      return lr;
    });
  }

  protected ownState(): SchedulerStateDict {
    return {
      totalSteps: this.totalSteps,
      schedulePhases: this.schedulePhases,
      cycleMomentum: this.cycleMomentum,
      ...(this.cycleMomentum ? { useBeta1: this.useBeta1 } : {}),
      annealStrategy: this.annealStrategy,
    };
  }

  protected restoreOwnState(state: SchedulerStateDict): void {
    this.totalSteps = state.totalSteps as number;
    this.schedulePhases = state.schedulePhases as OneCyclePhase[];
    this.cycleMomentum = state.cycleMomentum as boolean;
    this.useBeta1 = (state.useBeta1 as boolean | undefined) ?? false;
    this.annealStrategy = state.annealStrategy as 'cos' | 'linear';
  }
}

import { Tensor } from '@gradlab/autograd';
import { ValueError } from '@gradlab/tensor';

import { describeValue, type Optimizer } from '../optimizer';
import { checkInteger, checkLoadedState, checkNumber, checkOptimizer, perGroup, schedulerGroups, type SchedulerStateDict } from './lr-scheduler';

/** Options of {@link ReduceLROnPlateau}, PyTorch's keyword arguments in camelCase. */
export interface ReduceLROnPlateauOptions {
  /** `'min'`: the metric should fall (a loss; default); `'max'`: rise (an accuracy). */
  mode?: 'min' | 'max';
  /** Factor of each reduction, < 1 (default 0.1). */
  factor?: number;
  /** Epochs without improvement to tolerate before reducing (default 10). */
  patience?: number;
  /** How much better counts as better (default 1e-4). */
  threshold?: number;
  /** `'rel'`: `best * (1 -/+ threshold)` (default); `'abs'`: `best -/+ threshold`. */
  thresholdMode?: 'rel' | 'abs';
  /** Epochs to wait after a reduction before counting again (default 0). */
  cooldown?: number;
  /** Lower bound of the learning rate, one for all groups or one per group (default 0). */
  minLr?: number | readonly number[];
  /** A reduction smaller than this is skipped (default 1e-8). */
  eps?: number;
}

/**
 * Reduces the learning rate by `factor` when a metric stops improving for
 * `patience` epochs, as `torch.optim.lr_scheduler.ReduceLROnPlateau`:
 * `step(metric)` after each validation.
 *
 * @example
 * ```ts
 * const scheduler = new ReduceLROnPlateau(optimizer, { patience: 5 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(validationLoss()); }
 * ```
 */
export class ReduceLROnPlateau {
  /** The optimizer whose groups' `lr` this scheduler reduces. */
  readonly optimizer: Optimizer<object>;
  /** Factor of each reduction. */
  factor: number;
  /** Lower bound of each group's learning rate. */
  minLrs: number[];
  /** Epochs without improvement tolerated. */
  patience: number;
  /** Epochs to wait after a reduction. */
  cooldown: number;
  /** Epochs of cooldown left. */
  cooldownCounter = 0;
  /** Whether the metric should fall or rise. */
  mode: 'min' | 'max';
  /** How much better counts as better. */
  threshold: number;
  /** Relative or absolute threshold. */
  thresholdMode: 'rel' | 'abs';
  /** The best metric so far (starts at `modeWorse`, +/-Infinity as PyTorch's `inf`). */
  best: number;
  /** Epochs since the last improvement. */
  numBadEpochs = 0;
  /** The worst value for the mode (+/-Infinity). */
  modeWorse: number;
  /** Reductions smaller than this are skipped. */
  eps: number;
  /** Steps taken. */
  lastEpoch = 0;
  #lastLr: number[];

  constructor(optimizer: Optimizer<object>, options: ReduceLROnPlateauOptions = {}) {
    const name = 'ReduceLROnPlateau';
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new ValueError('INVALID_ARGUMENT', `${name}: 'options' must be an object, got ${describeValue(options)}`);
    }
    const factor = options.factor ?? 0.1;
    checkNumber(name, 'factor', factor);
    if (factor >= 1) throw new ValueError('INVALID_ARGUMENT', `${name}: Factor should be < 1.0, got factor ${factor}`);
    checkOptimizer(name, optimizer);
    this.optimizer = optimizer;
    this.factor = factor;
    const groups = schedulerGroups(optimizer).length;
    if (Array.isArray(options.minLr) && options.minLr.length !== groups) {
      throw new ValueError('INVALID_ARGUMENT', `${name}: expected ${groups} min_lrs, got ${options.minLr.length}`);
    }
    this.minLrs = perGroup(name, 'minLr', options.minLr ?? 0, groups);
    this.patience = options.patience ?? 10;
    checkInteger(name, 'patience', this.patience, 0);
    this.cooldown = options.cooldown ?? 0;
    checkInteger(name, 'cooldown', this.cooldown, 0);
    this.threshold = options.threshold ?? 1e-4;
    checkNumber(name, 'threshold', this.threshold);
    this.eps = options.eps ?? 1e-8;
    checkNumber(name, 'eps', this.eps);
    this.mode = options.mode ?? 'min';
    this.thresholdMode = options.thresholdMode ?? 'rel';
    this.modeWorse = this.#initIsBetter();
    this.best = this.modeWorse;
    // NOTE: PyTorch has no _last_lr before the first step (get_last_lr() raises); here it is the groups' rates
    this.#lastLr = schedulerGroups(optimizer).map((group) => group.lr);
  }

  #initIsBetter(): number {
    if (this.mode !== 'min' && this.mode !== 'max') {
      throw new ValueError('INVALID_ARGUMENT', `ReduceLROnPlateau: mode ${describeValue(this.mode)} is unknown! (expected 'min' or 'max')`);
    }
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs') {
      throw new ValueError('INVALID_ARGUMENT', `ReduceLROnPlateau: threshold mode ${describeValue(this.thresholdMode)} is unknown! (expected 'rel' or 'abs')`);
    }
    return this.mode === 'min' ? Infinity : -Infinity;
  }

  /** Whether the scheduler waits after a reduction. */
  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }

  #isBetter(a: number, best: number): boolean {
    if (this.mode === 'min' && this.thresholdMode === 'rel') return a < best * (1 - this.threshold);
    if (this.mode === 'min') return a < best - this.threshold;
    if (this.thresholdMode === 'rel') return a > best * (this.threshold + 1);
    return a > best + this.threshold;
  }

  /** Takes the epoch's metric (a number or a one-element tensor) and reduces the learning rates if it has stalled. */
  step(metrics: number | Tensor): void {
    let current: number;
    if (typeof metrics === 'number') current = metrics;
    else if (metrics instanceof Tensor && metrics.numel() === 1) current = metrics.item();
    else {
      throw new ValueError('INVALID_ARGUMENT', `ReduceLROnPlateau.step: 'metrics' must be a number or a one-element Tensor, got ${describeValue(metrics)}`);
    }
    this.lastEpoch += 1;
    if (this.#isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else {
      this.numBadEpochs += 1;
    }
    if (this.inCooldown) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      this.#reduceLr();
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this.#lastLr = schedulerGroups(this.optimizer).map((group) => group.lr);
  }

  #reduceLr(): void {
    schedulerGroups(this.optimizer).forEach((group, i) => {
      const oldLr = group.lr;
      const newLr = Math.max(oldLr * this.factor, this.minLrs[i]!);
      if (oldLr - newLr > this.eps) group.lr = newLr;
    });
  }

  /** The learning rates after the last step, one per group. */
  getLastLr(): number[] {
    return [...this.#lastLr];
  }

  /** PyTorch's `state_dict()` entries in camelCase; `best` and `modeWorse` may be +/-Infinity. */
  stateDict(): SchedulerStateDict {
    return structuredClone({
      factor: this.factor,
      minLrs: this.minLrs,
      patience: this.patience,
      cooldown: this.cooldown,
      cooldownCounter: this.cooldownCounter,
      mode: this.mode,
      threshold: this.threshold,
      thresholdMode: this.thresholdMode,
      best: this.best,
      numBadEpochs: this.numBadEpochs,
      modeWorse: this.modeWorse,
      eps: this.eps,
      lastEpoch: this.lastEpoch,
      lastLr: this.#lastLr,
    });
  }

  /**
   * Restores what `stateDict()` saved. `modeWorse` is recomputed from `mode`, as
   * PyTorch's `load_state_dict` does, and a `best` of `null` (what JSON.stringify
   * writes for Infinity) is read as the mode's worst value.
   */
  loadStateDict(stateDict: SchedulerStateDict): void {
    const state = structuredClone(checkLoadedState('ReduceLROnPlateau', this.stateDict(), withInfinities(stateDict)));
    const previous = { mode: this.mode, thresholdMode: this.thresholdMode };
    this.mode = state.mode as 'min' | 'max';
    this.thresholdMode = state.thresholdMode as 'rel' | 'abs';
    try {
      this.#initIsBetter();
    } catch (error) {
      Object.assign(this, previous);
      throw error;
    }
    this.factor = state.factor as number;
    this.minLrs = state.minLrs as number[];
    this.patience = state.patience as number;
    this.cooldown = state.cooldown as number;
    this.cooldownCounter = state.cooldownCounter as number;
    this.threshold = state.threshold as number;
    this.best = state.best as number;
    this.numBadEpochs = state.numBadEpochs as number;
    this.modeWorse = this.#initIsBetter();
    this.eps = state.eps as number;
    this.lastEpoch = state.lastEpoch as number;
    this.#lastLr = state.lastLr as number[];
  }
}

/** A state that went through JSON: `null` where the state held +/-Infinity (`best` before any step, `modeWorse`). */
function withInfinities(state: SchedulerStateDict): SchedulerStateDict {
  if (typeof state !== 'object' || state === null) return state;
  const worst = state.mode === 'max' ? -Infinity : Infinity;
  return {
    ...state,
    ...(state.best === null ? { best: worst } : {}),
    ...(state.modeWorse === null ? { modeWorse: worst } : {}),
  };
}

import { ValueError } from '@gradlab/tensor';

import { describeValue, Optimizer } from '../optimizer';

/** A parameter group as a scheduler sees it: `lr`, and the keys schedulers add (`initialLr`, `maxLr`, ...). */
export type SchedulerGroup = Record<string, unknown> & { lr: number };

/** What a scheduler's `stateDict()` returns: PyTorch's `state_dict()` entries with camelCase keys. */
export type SchedulerStateDict = Record<string, unknown>;

/** The optimizer's groups as the scheduler writes them. */
export function schedulerGroups(optimizer: Optimizer<object>): SchedulerGroup[] {
  return optimizer.paramGroups as unknown as SchedulerGroup[];
}

/** Throws unless `optimizer` is a gradlab optimizer (PyTorch: `TypeError: X is not an Optimizer`). */
export function checkOptimizer(name: string, optimizer: unknown): asserts optimizer is Optimizer<object> {
  if (!(optimizer instanceof Optimizer)) {
    throw new ValueError('INVALID_ARGUMENT', `${name}: 'optimizer' must be an Optimizer (SGD, Adam, ...), got ${describeValue(optimizer)}`);
  }
}

/** Throws unless `value` is a finite number. */
export function checkNumber(name: string, argument: string, value: unknown): asserts value is number {
  if (!(typeof value === 'number' && Number.isFinite(value))) {
    throw new ValueError('INVALID_ARGUMENT', `${name}: '${argument}' must be a finite number, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is an integer >= `min`. */
export function checkInteger(name: string, argument: string, value: unknown, min: number): asserts value is number {
  if (!(typeof value === 'number' && Number.isInteger(value) && value >= min)) {
    const expected = min === 1 ? 'a positive integer' : `an integer >= ${min}`;
    throw new ValueError('INVALID_ARGUMENT', `${name}: '${argument}' must be ${expected}, got ${describeValue(value)}`);
  }
}

/** One value per parameter group: a number repeated, or an array with one entry per group (PyTorch's `_format_param`). */
export function perGroup(name: string, argument: string, value: unknown, groups: number): number[] {
  const values = Array.isArray(value) ? [...(value as unknown[])] : Array.from({ length: groups }, () => value);
  if (values.length !== groups) {
    throw new ValueError('INVALID_ARGUMENT', `${name}: expected ${groups} values for ${argument}, got ${values.length}`);
  }
  values.forEach((v, i) => checkNumber(name, Array.isArray(value) ? `${argument}[${i}]` : argument, v));
  return values as number[];
}

/**
 * Checks a loaded state against the current one: the same keys, and each
 * value of the same kind (number, string, boolean, array of as many entries, object).
 */
export function checkLoadedState(name: string, current: SchedulerStateDict, loaded: unknown, ignored: readonly string[] = []): SchedulerStateDict {
  if (typeof loaded !== 'object' || loaded === null || Array.isArray(loaded)) {
    throw new ValueError('INVALID_ARGUMENT', `${name}.loadStateDict: expected what stateDict() returns, an object, got ${describeValue(loaded)}`);
  }
  const state = loaded as SchedulerStateDict;
  for (const key of Object.keys(state)) {
    if (!(key in current) && !ignored.includes(key)) {
      throw new ValueError('INVALID_ARGUMENT', `${name}.loadStateDict: unexpected key '${key}' (expected ${Object.keys(current).join(', ')})`);
    }
  }
  for (const [key, value] of Object.entries(current)) {
    if (!(key in state)) throw new ValueError('INVALID_ARGUMENT', `${name}.loadStateDict: missing key '${key}'`);
    const got = state[key];
    const kind = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);
    const lengthDiffers = Array.isArray(value) && Array.isArray(got) && key !== 'schedulePhases' && got.length !== value.length;
    if (kind(got) !== kind(value) || lengthDiffers) {
      const expected = Array.isArray(value) ? `an array of ${value.length}` : `a ${kind(value)}`;
      throw new ValueError('INVALID_ARGUMENT', `${name}.loadStateDict: '${key}' must be ${expected}, got ${Array.isArray(got) ? `an array of ${got.length}` : describeValue(got)}`);
    }
  }
  return state;
}

/**
 * The base of the epoch-based schedulers, like PyTorch 1.13's `_LRScheduler`:
 * the constructor records each group's `initialLr` and takes the first step
 * (epoch 0); every `step()` advances `lastEpoch` and writes the new learning
 * rates into the optimizer's groups, in PyTorch's chainable form (each rate
 * from the previous one), so the sequence matches PyTorch's to the last bit
 * where the arithmetic is the same.
 *
 * @example
 * ```ts
 * const scheduler = new StepLR(optimizer, { stepSize: 30 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(); }
 * ```
 */
export abstract class LRScheduler {
  /** The optimizer whose groups' `lr` this scheduler writes. */
  readonly optimizer: Optimizer<object>;
  /** Each group's `initialLr`. */
  baseLrs: number[];
  /** The index of the last epoch (0 after the constructor). */
  lastEpoch: number;
  /** How many times `step()` ran, the constructor's included. */
  protected stepCount = 0;
  /** The learning rates the last step wrote. */
  protected lastLr: number[] = [];
  readonly #name: string;

  /**
   * @param lastEpoch -1 starts the schedule; a larger value resumes it and
   *   needs every group's `initialLr` (PyTorch's `last_epoch`).
   */
  constructor(name: string, optimizer: Optimizer<object>, lastEpoch = -1) {
    this.#name = name;
    checkOptimizer(name, optimizer);
    checkInteger(name, 'lastEpoch', lastEpoch, -1);
    this.optimizer = optimizer;
    const groups = schedulerGroups(optimizer);
    if (lastEpoch === -1) {
      for (const group of groups) if (group.initialLr === undefined) group.initialLr = group.lr;
    } else {
      groups.forEach((group, i) => {
        if (group.initialLr === undefined) {
          throw new ValueError('INVALID_ARGUMENT', `${name}: param 'initialLr' is not specified in paramGroups[${i}] when resuming an optimizer`);
        }
      });
    }
    this.baseLrs = groups.map((group) => group.initialLr as number);
    this.lastEpoch = lastEpoch;
  }

  /** The scheduler's name for messages (`'StepLR'`), kept through minification. */
  protected get schedulerName(): string {
    return this.#name;
  }

  /** The optimizer's groups. */
  protected get groups(): SchedulerGroup[] {
    return schedulerGroups(this.optimizer);
  }

  /** PyTorch's `_initial_step`: a subclass calls it last in its constructor, once its own fields are set. */
  protected initialStep(): void {
    this.stepCount = 0;
    this.step();
  }

  /** The learning rates for `lastEpoch`, from the groups' current ones (PyTorch's chainable `get_lr`). */
  protected abstract getLr(): number[];

  /** The subclass's own state entries, PyTorch's attributes in camelCase. */
  protected abstract ownState(): SchedulerStateDict;

  /** Restores the subclass's own entries from a checked state. */
  protected abstract restoreOwnState(state: SchedulerStateDict): void;

  /** Advances one epoch (or one batch, for OneCycleLR) and writes the new learning rates. */
  step(): void {
    this.stepCount += 1;
    this.lastEpoch += 1;
    const values = this.getLr();
    const groups = this.groups;
    groups.forEach((group, i) => {
      group.lr = values[i]!;
    });
    this.lastLr = groups.map((group) => group.lr);
  }

  /** The learning rates the last step wrote, one per group (PyTorch's `get_last_lr()`). */
  getLastLr(): number[] {
    return [...this.lastLr];
  }

  /** The state PyTorch's `state_dict()` holds, keys in camelCase (`baseLrs`, `lastEpoch`, `stepCount`, `lastLr`, ...). */
  stateDict(): SchedulerStateDict {
    return structuredClone({ ...this.ownState(), baseLrs: this.baseLrs, lastEpoch: this.lastEpoch, stepCount: this.stepCount, lastLr: this.lastLr });
  }

  /** Restores what `stateDict()` saved; the optimizer's state (its groups' `lr`) is restored by the optimizer's own `loadStateDict`. */
  loadStateDict(stateDict: SchedulerStateDict): void {
    const state = structuredClone(checkLoadedState(this.#name, this.stateDict(), stateDict, this.ignoredStateKeys()));
    this.restoreOwnState(state);
    this.baseLrs = state.baseLrs as number[];
    this.lastEpoch = state.lastEpoch as number;
    this.stepCount = state.stepCount as number;
    this.lastLr = state.lastLr as number[];
  }

  /** Keys `loadStateDict` accepts and ignores. */
  protected ignoredStateKeys(): readonly string[] {
    return [];
  }
}

/** Throws unless `options` is an options object; returns its `lastEpoch` (default -1). */
export function lastEpochOption(name: string, options: unknown): number {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValueError('INVALID_ARGUMENT', `${name}: 'options' must be an object, got ${describeValue(options)}`);
  }
  return (options as { lastEpoch?: number }).lastEpoch ?? -1;
}

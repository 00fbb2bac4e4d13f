import { enableGrad, fromData, Tensor } from '@gradlab/autograd';
import { Tensor as BaseTensor, ValueError, type TypedArray, formatValue } from '@gradlab/tensor';

/** A parameter group as given to an optimizer: its parameters and any options overriding the defaults. */
export type ParamGroupInput<Options> = { params: Iterable<Tensor> } & Partial<Options>;

/** A parameter group as the optimizer holds it: parameters and the full options. */
export type ParamGroup<Options> = Options & { params: Tensor[] };

/** One parameter's state: numbers (`step`) and float arrays as long as the parameter (`expAvg`). */
export type ParamState = Record<string, number | TypedArray>;

/** What `stateDict()` returns: state by parameter index, and the groups with parameter indices. */
export interface OptimizerStateDict<Options> {
  state: Record<number, Record<string, number | Tensor>>;
  paramGroups: (Options & { params: number[] })[];
}

/**
 * A parameter's values as its contiguous storage. Optimizers update this
 * in place, without recording a graph, as PyTorch does under `no_grad`.
 */
export function parameterValues(op: string, parameter: Tensor): { values: TypedArray; offset: number; count: number } {
  const base = parameter.data;
  if (!base.isContiguous()) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: can only optimize contiguous parameters, got shape [${base.shape.join(', ')}] with strides [${base.strides.join(', ')}]`);
  }
  return { values: base.storage, offset: base.offset, count: base.numel() };
}

/** A gradient's values in row-major order, as `[storage, offset]`. */
export function gradientValues(gradient: Tensor): [TypedArray, number] {
  const base = gradient.data.isContiguous() ? gradient.data : gradient.data.contiguous();
  return [base.storage, base.offset];
}

/** A zero-filled array of the parameter's dtype. */
export function zerosFor(parameter: Tensor): TypedArray {
  const count = parameter.numel();
  return parameter.dtype === 'float64' ? new Float64Array(count) : new Float32Array(count);
}

/**
 * The base of every optimizer, like `torch.optim.Optimizer`: parameter groups
 * with per-group options, per-parameter state, `zeroGrad()`, `step()`, and a
 * `stateDict()` that `loadStateDict()` restores.
 *
 * @example
 * ```ts
 * const optimizer = new SGD([{ params: model.layers.at(0).parameters(), lr: 0.01 }, { params: head }], { lr: 0.1 });
 * ```
 */
export abstract class Optimizer<Options extends object> {
  /** The options of groups that do not override them. */
  readonly defaults: Options;
  /** The parameter groups, each with its full options (change `lr` here to schedule it). */
  readonly paramGroups: ParamGroup<Options>[] = [];
  /** Per-parameter state, created on the first step. */
  readonly state = new Map<Tensor, ParamState>();
  readonly #name: string;

  constructor(name: string, params: Iterable<Tensor> | Iterable<ParamGroupInput<Options>>, defaults: Options) {
    if (typeof name !== 'string') {
      throw new ValueError('INVALID_ARGUMENT', `Optimizer: 'name' must be a string (a subclass passes its own name), got ${describeValue(name)}`);
    }
    this.#name = name;
    this.defaults = defaults;
    const list = iterableArray(name, 'params', params);
    if (list.length === 0) throw new ValueError('INVALID_ARGUMENT', `${name}: optimizer got an empty parameter list`);
    if (list.some(isGroup) && !list.every(isGroup)) {
      throw new ValueError('INVALID_ARGUMENT', `${name}: 'params' must be all Tensors or all parameter groups { params, ...options }, not a mix`);
    }
    const groups = isGroup(list[0]) ? (list as ParamGroupInput<Options>[]) : [{ params: list as Tensor[] } as unknown as ParamGroupInput<Options>];
    for (const group of groups) this.addParamGroup(group);
  }

  /** The optimizer's name for messages (`'SGD'`), kept through minification. */
  protected get optimizerName(): string {
    return this.#name;
  }

  /** Checks one group's options; throws a ValueError naming the bad one. */
  protected abstract validate(options: Options): void;

  /** Adds a parameter group (e.g. layers unfrozen later), filling unspecified options from the defaults. */
  addParamGroup(group: ParamGroupInput<Options>): void {
    if (typeof group !== 'object' || group === null || Array.isArray(group)) {
      throw new ValueError('INVALID_ARGUMENT', `${this.#name}.addParamGroup: 'group' must be an object { params, ...options }, got ${describeValue(group)}`);
    }
    const params = iterableArray(this.#name, "a parameter group's 'params'", group.params);
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    for (const [index, parameter] of params.entries()) {
      if (!(parameter instanceof Tensor)) {
        const hint = parameter instanceof BaseTensor ? ' (a @gradlab/tensor Tensor: use a Parameter, or fromData(x, true))' : '';
        throw new ValueError(
          'INVALID_ARGUMENT',
          `${this.#name}: optimizer can only optimize Tensors, but params[${index}] is ${describeValue(parameter)}${hint}`,
        );
      }
      if (!parameter.isLeaf) throw new ValueError('INVALID_ARGUMENT', `${this.#name}: can't optimize a non-leaf Tensor`);
      if (seen.has(parameter)) {
        throw new ValueError('INVALID_ARGUMENT', `${this.#name}: some parameters appear in more than one parameter group`);
      }
      seen.add(parameter);
      parameterValues(this.#name, parameter);
    }
    const full = { ...this.defaults, ...group, params } as ParamGroup<Options>;
    this.validate(full);
    this.paramGroups.push(full);
  }

  /**
   * Resets the gradients of every parameter: to zeros by default, as PyTorch
   * 1.13 (`set_to_none=False`), or to `null` with `setToNone = true`.
   */
  zeroGrad(setToNone = false): void {
    for (const group of this.paramGroups) {
      for (const parameter of group.params) {
        if (parameter.grad === null) continue;
        if (setToNone) parameter.grad = null;
        else parameter.grad = fromData(new BaseTensor(zerosFor(parameter), parameter.shape, parameter.dtype));
      }
    }
  }

  /** Updates every parameter that has a gradient, one group at a time. */
  protected abstract update(group: ParamGroup<Options>): void;

  /**
   * One optimisation step. A `closure` that recomputes the loss (under grad
   * mode) may be given; its loss is returned.
   */
  step(closure?: () => Tensor | number): Tensor | number | undefined {
    const loss = closure === undefined ? undefined : enableGrad(closure);
    // Options may have been changed by hand (a schedule writing paramGroups[i].lr): a NaN there
    // would silently turn every parameter into NaN.
    for (const group of this.paramGroups) this.validate(group);
    for (const group of this.paramGroups) this.update(group);
    return loss;
  }

  /** The state (copied) and the groups' options, parameters replaced by their index. */
  stateDict(): OptimizerStateDict<Options> {
    const index = new Map<Tensor, number>();
    const paramGroups = this.paramGroups.map((group) => {
      const { params, ...options } = group;
      return { ...(structuredClone(options) as Options), params: params.map((p) => index.set(p, index.size).get(p)!) };
    });
    const state: Record<number, Record<string, number | Tensor>> = {};
    for (const [parameter, entries] of this.state) {
      const saved: Record<string, number | Tensor> = {};
      for (const [key, value] of Object.entries(entries)) {
        saved[key] = typeof value === 'number' ? value : fromData(new BaseTensor(value.slice(), parameter.shape, parameter.dtype));
      }
      state[index.get(parameter)!] = saved;
    }
    return { state, paramGroups };
  }

  /** Restores what `stateDict()` saved, for an optimizer over the same parameters in the same order. */
  loadStateDict(stateDict: OptimizerStateDict<Options>): void {
    const groupsValid = (groups: unknown): boolean =>
      Array.isArray(groups) && groups.every((g) => typeof g === 'object' && g !== null && Array.isArray((g as { params?: unknown }).params));
    if (typeof stateDict !== 'object' || stateDict === null || typeof stateDict.state !== 'object' || stateDict.state === null || !groupsValid(stateDict.paramGroups)) {
      throw new ValueError(
        'INVALID_ARGUMENT',
        `${this.#name}.loadStateDict: expected what stateDict() returns, { state, paramGroups: [{ params: [ids], ...options }] }, got ${describeValue(stateDict)}`,
      );
    }
    const saved = stateDict.paramGroups;
    if (saved.length !== this.paramGroups.length) {
      throw new ValueError('INVALID_ARGUMENT', `${this.#name}: loaded state dict has ${saved.length} parameter groups, the optimizer has ${this.paramGroups.length}`);
    }
    const byIndex = new Map<number, Tensor>();
    saved.forEach((group, g) => {
      const current = this.paramGroups[g]!;
      if (group.params.length !== current.params.length) {
        throw new ValueError(
          'INVALID_ARGUMENT',
          `${this.#name}: loaded state dict contains a parameter group of ${group.params.length} parameters that doesn't match the size of optimizer's group (${current.params.length})`,
        );
      }
      group.params.forEach((id, i) => byIndex.set(id, current.params[i]!));
    });
    const state = new Map<Tensor, ParamState>();
    for (const [id, entries] of Object.entries(stateDict.state)) {
      const parameter = byIndex.get(Number(id));
      if (parameter === undefined) throw new ValueError('INVALID_ARGUMENT', `${this.#name}: loaded state refers to unknown parameter ${id}`);
      const restored: ParamState = {};
      for (const [key, value] of Object.entries(entries)) {
        if (typeof value === 'number') {
          restored[key] = value;
          continue;
        }
        if (value.numel() !== parameter.numel()) {
          throw new ValueError('INVALID_ARGUMENT', `${this.#name}: state '${key}' of parameter ${id} has ${value.numel()} elements, the parameter has ${parameter.numel()}`);
        }
        const array = zerosFor(parameter);
        const source = (value.dtype === parameter.dtype ? value.data : value.data.to(parameter.dtype)).contiguous();
        array.set(source.storage.subarray(source.offset, source.offset + array.length));
        restored[key] = array;
      }
      state.set(parameter, restored);
    }
    const restoredGroups = saved.map((group, g) => {
      const { params: _ids, ...options } = group;
      const full = { ...this.paramGroups[g]!, ...structuredClone(options) } as ParamGroup<Options>;
      this.validate(full);
      return full;
    });
    restoredGroups.forEach((group, g) => Object.assign(this.paramGroups[g]!, group));
    this.state.clear();
    for (const [parameter, entries] of state) this.state.set(parameter, entries);
  }
}

function isGroup(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'params' in value && !('data' in value);
}

/** A value for an error message: `string '0.1'`, `undefined`, `Function`, `3`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `string '${value}'`;
  if (typeof value === 'function') return 'a function';
  return formatValue(value);
}

/** The items of an iterable argument, or a ValueError like PyTorch's TypeError for `params`. */
function iterableArray(op: string, argument: string, value: unknown): unknown[] {
  if (typeof value === 'object' && value !== null && !(value instanceof Tensor) && Symbol.iterator in value) {
    return [...(value as Iterable<unknown>)];
  }
  const hint = typeof value === 'function' ? ' (call it: model.parameters())' : value instanceof Tensor ? ' (wrap it in an array: [x])' : '';
  throw new ValueError(
    'INVALID_ARGUMENT',
    `${op}: ${argument.startsWith('a ') ? argument : `'${argument}'`} must be an iterable of Tensors or of parameter groups { params, ...options }, got ${describeValue(value)}${hint}`,
  );
}

/**
 * Throws unless `value` is a finite number >= 0. `label` is PyTorch's name in
 * its message (`learning rate`), `argument` the option (`lr`).
 */
export function checkNonNegative(op: string, label: string, value: number, argument: string): void {
  if (!(typeof value === 'number' && value >= 0 && Number.isFinite(value))) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: invalid ${label}: ${describeValue(value)} ('${argument}' must be a finite number >= 0)`);
  }
}

/** Throws unless `value` is a finite number. */
export function checkFinite(op: string, argument: string, value: number): void {
  if (!(typeof value === 'number' && Number.isFinite(value))) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: '${argument}' must be a finite number, got ${describeValue(value)}`);
  }
}

/** Throws unless `value` is a boolean (a string `'false'` would otherwise count as true). */
export function checkBoolean(op: string, argument: string, value: unknown): void {
  if (typeof value !== 'boolean') {
    throw new ValueError('INVALID_ARGUMENT', `${op}: '${argument}' must be a boolean, got ${describeValue(value)}`);
  }
}

/** Throws unless `options` is an options object; returns nothing to spread. */
export function checkOptionsObject(op: string, options: unknown): Record<string, never> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'options' must be an object such as { lr: 0.1 }, got ${describeValue(options)}`);
  }
  return {};
}

/** Throws unless `betas` is a pair of numbers in [0, 1), with PyTorch's message for a bad one. */
export function checkBetas(op: string, betas: unknown): void {
  if (!Array.isArray(betas) || betas.length !== 2) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'betas' must be a pair [beta1, beta2], got ${Array.isArray(betas) ? `${betas.length} values` : describeValue(betas)}`);
  }
  betas.forEach((beta: unknown, i) => {
    if (!(typeof beta === 'number' && beta >= 0 && beta < 1)) {
      throw new ValueError('INVALID_ARGUMENT', `${op}: invalid beta parameter at index ${i}: ${describeValue(beta)} (expected 0 <= beta < 1)`);
    }
  });
}

/** The betas option as a fresh pair (a caller's array is not kept). */
export function betasOption(betas: [number, number] | undefined): [number, number] {
  return (Array.isArray(betas) ? [...betas] : (betas ?? [0.9, 0.999])) as [number, number];
}

/** The state array `key` of a parameter, created with zeros (or `fill`) when missing. */
export function stateArray(state: ParamState, key: string, parameter: Tensor, fill = 0): TypedArray {
  let array = state[key];
  if (array === undefined) {
    array = zerosFor(parameter);
    if (fill !== 0) array.fill(fill);
    state[key] = array;
  }
  return array as TypedArray;
}

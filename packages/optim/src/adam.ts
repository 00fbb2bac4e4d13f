import type { Tensor } from '@gradlab/autograd';
import { type TypedArray, markModified } from '@gradlab/tensor';

import {
  betasOption,
  checkBetas,
  checkBoolean,
  checkOptionsObject,
  checkNonNegative,
  gradientValues,
  Optimizer,
  parameterValues,
  zerosFor,
  type ParamGroup,
  type ParamGroupInput,
} from './optimizer';

/** Options of {@link Adam} and {@link AdamW}, PyTorch's keyword arguments in camelCase. */
export interface AdamOptions {
  /** Learning rate (default 1e-3). */
  lr: number;
  /** Decay rates of the first and second moment averages (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator (default 1e-8). */
  eps: number;
  /** Adam: L2 penalty added to the gradient (default 0). AdamW: decoupled decay (default 1e-2). */
  weightDecay: number;
  /** Use the maximum of past second moments (AMSGrad; default false). */
  amsgrad: boolean;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

abstract class AdamBase extends Optimizer<AdamOptions> {
  readonly #decoupled: boolean;

  constructor(
    name: string,
    decoupled: boolean,
    params: Iterable<Tensor> | Iterable<ParamGroupInput<AdamOptions>>,
    options: Partial<AdamOptions>,
  ) {
    super(name, params, {
      ...checkOptionsObject(name, options),
      lr: options.lr ?? 1e-3,
      betas: betasOption(options.betas),
      eps: options.eps ?? 1e-8,
      weightDecay: options.weightDecay ?? (decoupled ? 1e-2 : 0),
      amsgrad: options.amsgrad ?? false,
      maximize: options.maximize ?? false,
    });
    this.#decoupled = decoupled;
  }

  protected validate(options: AdamOptions): void {
    const name = this.optimizerName;
    checkNonNegative(name, 'learning rate', options.lr, 'lr');
    checkNonNegative(name, 'epsilon value', options.eps, 'eps');
    checkNonNegative(name, 'weight_decay value', options.weightDecay, 'weightDecay');
    checkBetas(name, options.betas);
    checkBoolean(name, 'amsgrad', options.amsgrad);
    checkBoolean(name, 'maximize', options.maximize);
  }

  protected update(group: ParamGroup<AdamOptions>): void {
    const { lr, eps, weightDecay, amsgrad, maximize } = group;
    const [beta1, beta2] = group.betas;
    const sign = maximize ? -1 : 1;
    const decay = this.#decoupled ? 1 - lr * weightDecay : 1;
    const l2 = this.#decoupled ? 0 : weightDecay;
    for (const parameter of group.params) {
      if (parameter.grad === null) continue;
      const { values: p, offset, count } = parameterValues(this.optimizerName, parameter);
      const [g, gradOffset] = gradientValues(parameter.grad);
      let state = this.state.get(parameter);
      if (state === undefined) {
        state = { step: 0, expAvg: zerosFor(parameter), expAvgSq: zerosFor(parameter) };
        if (amsgrad) state.maxExpAvgSq = zerosFor(parameter);
        this.state.set(parameter, state);
      }
      if (amsgrad && state.maxExpAvgSq === undefined) state.maxExpAvgSq = zerosFor(parameter);
      const step = (state.step as number) + 1;
      state.step = step;
      const m = state.expAvg as TypedArray;
      const v = state.expAvgSq as TypedArray;
      const vMax = amsgrad ? (state.maxExpAvgSq as TypedArray) : v;
      const stepSize = lr / (1 - beta1 ** step);
      const correction2Sqrt = Math.sqrt(1 - beta2 ** step);
      adamKernel(p, offset, g, gradOffset, m, v, vMax, count, beta1, beta2, stepSize, correction2Sqrt, eps, sign, decay, l2, amsgrad);
      // an in-place write, as PyTorch's param.addcdiv_: a graph that saved the old values can no longer backpropagate
      markModified(parameter.data);
    }
  }
}

/**
 * The elementwise Adam update, kept in its own small function so the JIT
 * compiles one stable, monomorphic loop.
 */
function adamKernel(
  p: TypedArray,
  offset: number,
  g: TypedArray,
  gradOffset: number,
  m: TypedArray,
  v: TypedArray,
  vMax: TypedArray,
  count: number,
  beta1: number,
  beta2: number,
  stepSize: number,
  correction2Sqrt: number,
  eps: number,
  sign: number,
  decay: number,
  l2: number,
  amsgrad: boolean,
): void {
  for (let i = 0; i < count; i++) {
    // AdamW decays the weight itself, before the moments (PyTorch's order).
    const param = p[offset + i]! * decay;
    // NOTE: the L2 term only when non-zero, as PyTorch (`0 * p` is NaN for an infinite p)
    const grad = l2 === 0 ? sign * g[gradOffset + i]! : sign * g[gradOffset + i]! + l2 * param;
    const mean = beta1 * m[i]! + (1 - beta1) * grad;
    m[i] = mean;
    v[i] = beta2 * v[i]! + (1 - beta2) * grad * grad;
    if (amsgrad && v[i]! > vMax[i]!) vMax[i] = v[i]!;
    const denominator = Math.sqrt(vMax[i]!) / correction2Sqrt + eps;
    p[offset + i] = param - (stepSize * m[i]!) / denominator;
  }
}

/**
 * Adam with PyTorch's update (`torch.optim.Adam`): `g = grad + weightDecay * p`,
 * `m = b1 m + (1 - b1) g`, `v = b2 v + (1 - b2) g^2`,
 * `p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)` (AMSGrad: the running max of `v`).
 *
 * @example
 * ```ts
 * const optimizer = new Adam(model.parameters(), { lr: 1e-2 });
 * optimizer.zeroGrad(); loss.backward(); optimizer.step();
 * ```
 */
export class Adam extends AdamBase {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupInput<AdamOptions>>, options: Partial<AdamOptions> = {}) {
    super('Adam', false, params, options);
  }
}

/**
 * AdamW with PyTorch's update (`torch.optim.AdamW`): Adam whose weight decay
 * is decoupled from the gradient, `p *= 1 - lr * weightDecay` before the Adam
 * step. The default `weightDecay` is 1e-2.
 *
 * @example
 * ```ts
 * const optimizer = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.05 });
 * ```
 */
export class AdamW extends AdamBase {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupInput<AdamOptions>>, options: Partial<AdamOptions> = {}) {
    super('AdamW', true, params, options);
  }
}

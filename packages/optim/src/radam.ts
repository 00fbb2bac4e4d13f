import type { Tensor } from '@gradlab/autograd';
import { markModified, type TypedArray } from '@gradlab/tensor';

import {
  betasOption,
  checkBetas,
  checkNonNegative,
  checkOptionsObject,
  gradientValues,
  Optimizer,
  parameterValues,
  stateArray,
  type ParamGroup,
  type ParamGroupInput,
} from './optimizer';

/** Options of {@link RAdam}, PyTorch 1.13's keyword arguments in camelCase (1.13 has no `maximize` here). */
export interface RAdamOptions {
  /** Learning rate (default 1e-3). */
  lr: number;
  /** Decay rates of the first and second moment averages (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
}

/**
 * RAdam with PyTorch 1.13's update (`torch.optim.RAdam`): Adam's moments, and
 * while the variance estimate is unreliable (`rho_t <= 5`, the first steps) a
 * plain momentum step `p -= lr m / (1 - b1^t)`; after, the rectified Adam step
 * `p -= lr m / (1 - b1^t) * sqrt(1 - b2^t) / (sqrt(v) + eps) * rect`.
 * (`foreach` is accepted and ignored.)
 *
 * @example
 * ```ts
 * const optimizer = new RAdam(model.parameters(), { lr: 1e-3 });
 * ```
 */
export class RAdam extends Optimizer<RAdamOptions> {
  constructor(
    params: Iterable<Tensor> | Iterable<ParamGroupInput<RAdamOptions>>,
    options: Partial<RAdamOptions> & { foreach?: boolean | null } = {},
  ) {
    super('RAdam', params, {
      ...checkOptionsObject('RAdam', options),
      lr: options.lr ?? 1e-3,
      betas: betasOption(options.betas),
      eps: options.eps ?? 1e-8,
      weightDecay: options.weightDecay ?? 0,
    });
  }

  protected validate(options: RAdamOptions): void {
    checkNonNegative('RAdam', 'learning rate', options.lr, 'lr');
    checkNonNegative('RAdam', 'epsilon value', options.eps, 'eps');
    checkBetas('RAdam', options.betas);
    checkNonNegative('RAdam', 'weight_decay value', options.weightDecay, 'weightDecay');
  }

  protected update(group: ParamGroup<RAdamOptions>): void {
    const { lr, eps, weightDecay } = group;
    const [beta1, beta2] = group.betas;
    for (const parameter of group.params) {
      if (parameter.grad === null) continue;
      const { values: p, offset, count } = parameterValues('RAdam', parameter);
      const [g, gradOffset] = gradientValues(parameter.grad);
      let state = this.state.get(parameter);
      if (state === undefined) this.state.set(parameter, (state = { step: 0 }));
      const expAvg = stateArray(state, 'expAvg', parameter);
      const expAvgSq = stateArray(state, 'expAvgSq', parameter);
      const step = (state.step as number) + 1;
      state.step = step;
      const biasCorrection1 = 1 - beta1 ** step;
      const biasCorrection2 = 1 - beta2 ** step;
      // the length of the approximated simple moving average, and its limit
      const rhoInf = 2 / (1 - beta2) - 1;
      const rhoT = rhoInf - (2 * step * beta2 ** step) / biasCorrection2;
      const rect = rhoT > 5 ? Math.sqrt(((rhoT - 4) * (rhoT - 2) * rhoInf) / ((rhoInf - 4) * (rhoInf - 2) * rhoT)) : 0;
      radamKernel(p, offset, g, gradOffset, count, expAvg, expAvgSq, beta1, beta2, biasCorrection1, Math.sqrt(biasCorrection2), lr, rect, eps, weightDecay);
      markModified(parameter.data);
    }
  }
}

function radamKernel(
  p: TypedArray,
  offset: number,
  g: TypedArray,
  gradOffset: number,
  count: number,
  expAvg: TypedArray,
  expAvgSq: TypedArray,
  beta1: number,
  beta2: number,
  biasCorrection1: number,
  biasCorrection2Sqrt: number,
  lr: number,
  rect: number,
  eps: number,
  weightDecay: number,
): void {
  for (let i = 0; i < count; i++) {
    const grad = weightDecay === 0 ? g[gradOffset + i]! : g[gradOffset + i]! + weightDecay * p[offset + i]!;
    expAvg[i] = beta1 * expAvg[i]! + (1 - beta1) * grad;
    expAvgSq[i] = beta2 * expAvgSq[i]! + (1 - beta2) * grad * grad;
    const corrected = expAvg[i]! / biasCorrection1;
    // rect 0 marks the un-rectified steps (rho_t <= 5), where PyTorch skips the adaptive term
    p[offset + i] =
      rect === 0 ? p[offset + i]! - corrected * lr : p[offset + i]! - ((corrected * lr * biasCorrection2Sqrt) / (Math.sqrt(expAvgSq[i]!) + eps)) * rect;
  }
}

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

/** Options of {@link NAdam}, PyTorch 1.13's keyword arguments in camelCase (1.13 has no `maximize` here). */
export interface NAdamOptions {
  /** Learning rate (default 2e-3). */
  lr: number;
  /** Decay rates of the first and second moment averages (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to the denominator (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** The momentum schedule's decay, `mu_t = b1 (1 - 0.5 * 0.96^(t momentumDecay))` (default 4e-3). */
  momentumDecay: number;
}

/**
 * NAdam with PyTorch 1.13's update (`torch.optim.NAdam`), Adam with Nesterov
 * momentum: `mu_t = b1 (1 - 0.5 * 0.96^(t momentumDecay))`, `muProduct *= mu_t`,
 * `denom = sqrt(v / (1 - b2^t)) + eps`,
 * `p -= lr (1 - mu_t) / (1 - muProduct) g / denom + lr mu_{t+1} / (1 - muProduct mu_{t+1}) m / denom`.
 * (`foreach` is accepted and ignored.)
 *
 * @example
 * ```ts
 * const optimizer = new NAdam(model.parameters(), { lr: 2e-3 });
 * ```
 */
export class NAdam extends Optimizer<NAdamOptions> {
  constructor(
    params: Iterable<Tensor> | Iterable<ParamGroupInput<NAdamOptions>>,
    options: Partial<NAdamOptions> & { foreach?: boolean | null } = {},
  ) {
    super('NAdam', params, {
      ...checkOptionsObject('NAdam', options),
      lr: options.lr ?? 2e-3,
      betas: betasOption(options.betas),
      eps: options.eps ?? 1e-8,
      weightDecay: options.weightDecay ?? 0,
      momentumDecay: options.momentumDecay ?? 4e-3,
    });
  }

  protected validate(options: NAdamOptions): void {
    checkNonNegative('NAdam', 'learning rate', options.lr, 'lr');
    checkNonNegative('NAdam', 'epsilon value', options.eps, 'eps');
    checkBetas('NAdam', options.betas);
    checkNonNegative('NAdam', 'weight_decay value', options.weightDecay, 'weightDecay');
    checkNonNegative('NAdam', 'momentum_decay value', options.momentumDecay, 'momentumDecay');
  }

  protected update(group: ParamGroup<NAdamOptions>): void {
    const { lr, eps, weightDecay, momentumDecay } = group;
    const [beta1, beta2] = group.betas;
    for (const parameter of group.params) {
      if (parameter.grad === null) continue;
      const { values: p, offset, count } = parameterValues('NAdam', parameter);
      const [g, gradOffset] = gradientValues(parameter.grad);
      let state = this.state.get(parameter);
      if (state === undefined) this.state.set(parameter, (state = { step: 0, muProduct: 1 }));
      const expAvg = stateArray(state, 'expAvg', parameter);
      const expAvgSq = stateArray(state, 'expAvgSq', parameter);
      const step = (state.step as number) + 1;
      state.step = step;
      const mu = beta1 * (1 - 0.5 * 0.96 ** (step * momentumDecay));
      const muNext = beta1 * (1 - 0.5 * 0.96 ** ((step + 1) * momentumDecay));
      // NOTE: PyTorch keeps mu_product in a float32 scalar tensor (torch.tensor(1.)): each product with a
      // Python float casts the float to float32 and rounds the result to float32.
      const muProduct = Math.fround((state.muProduct as number) * Math.fround(mu));
      state.muProduct = muProduct;
      const muProductNext = Math.fround(Math.fround(muProduct * Math.fround(mu)) * Math.fround(muNext));
      const gradScale = (lr * (1 - mu)) / (1 - muProduct);
      const avgScale = (lr * muNext) / (1 - muProductNext);
      nadamKernel(p, offset, g, gradOffset, count, expAvg, expAvgSq, beta1, beta2, 1 - beta2 ** step, gradScale, avgScale, eps, weightDecay);
      markModified(parameter.data);
    }
  }
}

function nadamKernel(
  p: TypedArray,
  offset: number,
  g: TypedArray,
  gradOffset: number,
  count: number,
  expAvg: TypedArray,
  expAvgSq: TypedArray,
  beta1: number,
  beta2: number,
  biasCorrection2: number,
  gradScale: number,
  avgScale: number,
  eps: number,
  weightDecay: number,
): void {
  for (let i = 0; i < count; i++) {
    const grad = weightDecay === 0 ? g[gradOffset + i]! : g[gradOffset + i]! + weightDecay * p[offset + i]!;
    expAvg[i] = beta1 * expAvg[i]! + (1 - beta1) * grad;
    expAvgSq[i] = beta2 * expAvgSq[i]! + (1 - beta2) * grad * grad;
    const denominator = Math.sqrt(expAvgSq[i]! / biasCorrection2) + eps;
    p[offset + i] = p[offset + i]! - (gradScale * grad) / denominator - (avgScale * expAvg[i]!) / denominator;
  }
}

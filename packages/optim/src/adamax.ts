import type { Tensor } from '@gradlab/autograd';
import { markModified, type TypedArray } from '@gradlab/tensor';

import {
  betasOption,
  checkBetas,
  checkBoolean,
  checkNonNegative,
  checkOptionsObject,
  gradientValues,
  Optimizer,
  parameterValues,
  stateArray,
  type ParamGroup,
  type ParamGroupInput,
} from './optimizer';

/** Options of {@link Adamax}, PyTorch's keyword arguments in camelCase. */
export interface AdamaxOptions {
  /** Learning rate (default 2e-3). */
  lr: number;
  /** Decay rates of the first moment and of the infinity norm (default [0.9, 0.999]). */
  betas: [number, number];
  /** Added to |g| in the infinity norm (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/**
 * Adamax with PyTorch 1.13's update (`torch.optim.Adamax`), Adam with the
 * infinity norm: `g = grad + weightDecay * p`, `m = b1 m + (1 - b1) g`,
 * `u = max(b2 u, |g| + eps)`, `p -= lr / (1 - b1^t) * m / u`. (`foreach` is accepted and ignored.)
 *
 * @example
 * ```ts
 * const optimizer = new Adamax(model.parameters(), { lr: 2e-3 });
 * ```
 */
export class Adamax extends Optimizer<AdamaxOptions> {
  constructor(
    params: Iterable<Tensor> | Iterable<ParamGroupInput<AdamaxOptions>>,
    options: Partial<AdamaxOptions> & { foreach?: boolean | null } = {},
  ) {
    super('Adamax', params, {
      ...checkOptionsObject('Adamax', options),
      lr: options.lr ?? 2e-3,
      betas: betasOption(options.betas),
      eps: options.eps ?? 1e-8,
      weightDecay: options.weightDecay ?? 0,
      maximize: options.maximize ?? false,
    });
  }

  protected validate(options: AdamaxOptions): void {
    checkNonNegative('Adamax', 'learning rate', options.lr, 'lr');
    checkNonNegative('Adamax', 'epsilon value', options.eps, 'eps');
    checkBetas('Adamax', options.betas);
    checkNonNegative('Adamax', 'weight_decay value', options.weightDecay, 'weightDecay');
    checkBoolean('Adamax', 'maximize', options.maximize);
  }

  protected update(group: ParamGroup<AdamaxOptions>): void {
    const { lr, eps, weightDecay, maximize } = group;
    const [beta1, beta2] = group.betas;
    for (const parameter of group.params) {
      if (parameter.grad === null) continue;
      const { values: p, offset, count } = parameterValues('Adamax', parameter);
      const [g, gradOffset] = gradientValues(parameter.grad);
      let state = this.state.get(parameter);
      if (state === undefined) this.state.set(parameter, (state = { step: 0 }));
      const expAvg = stateArray(state, 'expAvg', parameter);
      const expInf = stateArray(state, 'expInf', parameter);
      const step = (state.step as number) + 1;
      state.step = step;
      const clr = lr / (1 - beta1 ** step);
      adamaxKernel(p, offset, g, gradOffset, count, expAvg, expInf, beta1, beta2, clr, eps, weightDecay, maximize ? -1 : 1);
      markModified(parameter.data);
    }
  }
}

function adamaxKernel(
  p: TypedArray,
  offset: number,
  g: TypedArray,
  gradOffset: number,
  count: number,
  expAvg: TypedArray,
  expInf: TypedArray,
  beta1: number,
  beta2: number,
  clr: number,
  eps: number,
  weightDecay: number,
  sign: number,
): void {
  for (let i = 0; i < count; i++) {
    const grad = weightDecay === 0 ? sign * g[gradOffset + i]! : sign * g[gradOffset + i]! + weightDecay * p[offset + i]!;
    expAvg[i] = beta1 * expAvg[i]! + (1 - beta1) * grad;
    // NOTE: torch.amax propagates NaN, and so does Math.max
    expInf[i] = Math.max(beta2 * expInf[i]!, Math.abs(grad) + eps);
    p[offset + i] = p[offset + i]! - (clr * expAvg[i]!) / expInf[i]!;
  }
}

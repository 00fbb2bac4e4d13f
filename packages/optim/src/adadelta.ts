import type { Tensor } from '@gradlab/autograd';
import { markModified, ValueError, type TypedArray } from '@gradlab/tensor';

import {
  checkBoolean,
  checkNonNegative,
  checkOptionsObject,
  describeValue,
  gradientValues,
  Optimizer,
  parameterValues,
  stateArray,
  type ParamGroup,
  type ParamGroupInput,
} from './optimizer';

/** Options of {@link Adadelta}, PyTorch's keyword arguments in camelCase. */
export interface AdadeltaOptions {
  /** Scale of the delta (default 1). */
  lr: number;
  /** Decay of the running averages, in [0, 1] (default 0.9). */
  rho: number;
  /** Added inside both square roots (default 1e-6). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/**
 * Adadelta with PyTorch 1.13's update (`torch.optim.Adadelta`):
 * `g = grad + weightDecay * p`, `v = rho v + (1 - rho) g^2`,
 * `delta = sqrt(u + eps) / sqrt(v + eps) * g`, `u = rho u + (1 - rho) delta^2`,
 * `p -= lr delta`. (`foreach` is accepted and ignored.)
 *
 * @example
 * ```ts
 * const optimizer = new Adadelta(model.parameters(), { rho: 0.95 });
 * ```
 */
export class Adadelta extends Optimizer<AdadeltaOptions> {
  constructor(
    params: Iterable<Tensor> | Iterable<ParamGroupInput<AdadeltaOptions>>,
    options: Partial<AdadeltaOptions> & { foreach?: boolean | null } = {},
  ) {
    super('Adadelta', params, {
      ...checkOptionsObject('Adadelta', options),
      lr: options.lr ?? 1,
      rho: options.rho ?? 0.9,
      eps: options.eps ?? 1e-6,
      weightDecay: options.weightDecay ?? 0,
      maximize: options.maximize ?? false,
    });
  }

  protected validate(options: AdadeltaOptions): void {
    checkNonNegative('Adadelta', 'learning rate', options.lr, 'lr');
    if (!(typeof options.rho === 'number' && options.rho >= 0 && options.rho <= 1)) {
      throw new ValueError('INVALID_ARGUMENT', `Adadelta: invalid rho value: ${describeValue(options.rho)} ('rho' must be in [0, 1])`);
    }
    checkNonNegative('Adadelta', 'epsilon value', options.eps, 'eps');
    checkNonNegative('Adadelta', 'weight_decay value', options.weightDecay, 'weightDecay');
    checkBoolean('Adadelta', 'maximize', options.maximize);
  }

  protected update(group: ParamGroup<AdadeltaOptions>): void {
    const { lr, rho, eps, weightDecay, maximize } = group;
    for (const parameter of group.params) {
      if (parameter.grad === null) continue;
      const { values: p, offset, count } = parameterValues('Adadelta', parameter);
      const [g, gradOffset] = gradientValues(parameter.grad);
      let state = this.state.get(parameter);
      if (state === undefined) this.state.set(parameter, (state = { step: 0 }));
      const squareAvg = stateArray(state, 'squareAvg', parameter);
      const accDelta = stateArray(state, 'accDelta', parameter);
      state.step = (state.step as number) + 1;
      adadeltaKernel(p, offset, g, gradOffset, count, squareAvg, accDelta, lr, rho, eps, weightDecay, maximize ? -1 : 1);
      markModified(parameter.data);
    }
  }
}

function adadeltaKernel(
  p: TypedArray,
  offset: number,
  g: TypedArray,
  gradOffset: number,
  count: number,
  squareAvg: TypedArray,
  accDelta: TypedArray,
  lr: number,
  rho: number,
  eps: number,
  weightDecay: number,
  sign: number,
): void {
  for (let i = 0; i < count; i++) {
    const grad = weightDecay === 0 ? sign * g[gradOffset + i]! : sign * g[gradOffset + i]! + weightDecay * p[offset + i]!;
    squareAvg[i] = rho * squareAvg[i]! + (1 - rho) * grad * grad;
    const delta = (Math.sqrt(accDelta[i]! + eps) / Math.sqrt(squareAvg[i]! + eps)) * grad;
    accDelta[i] = rho * accDelta[i]! + (1 - rho) * delta * delta;
    p[offset + i] = p[offset + i]! - lr * delta;
  }
}

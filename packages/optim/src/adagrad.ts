import type { Tensor } from '@gradlab/autograd';
import { markModified, type TypedArray } from '@gradlab/tensor';

import {
  checkBoolean,
  checkNonNegative,
  checkOptionsObject,
  gradientValues,
  Optimizer,
  parameterValues,
  stateArray,
  type ParamGroup,
  type ParamGroupInput,
  type ParamState,
} from './optimizer';

/** Options of {@link Adagrad}, PyTorch's keyword arguments in camelCase. */
export interface AdagradOptions {
  /** Learning rate (default 1e-2). */
  lr: number;
  /** Learning-rate decay per step: `lr / (1 + (step - 1) * lrDecay)` (default 0). */
  lrDecay: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Starting value of the sum of squared gradients (default 0). */
  initialAccumulatorValue: number;
  /** Added to the denominator (default 1e-10). */
  eps: number;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/**
 * Adagrad with PyTorch 1.13's update (`torch.optim.Adagrad`):
 * `g = grad + weightDecay * p`, `clr = lr / (1 + (step - 1) lrDecay)`,
 * `sum += g^2`, `p -= clr g / (sqrt(sum) + eps)`. As PyTorch, every parameter's
 * state (`step` 0, `sum` filled with the constructor's `initialAccumulatorValue`) exists from the
 * constructor on. (`foreach` is accepted and ignored.)
 *
 * @example
 * ```ts
 * const optimizer = new Adagrad(model.parameters(), { lr: 0.1, lrDecay: 1e-3 });
 * ```
 */
export class Adagrad extends Optimizer<AdagradOptions> {
  constructor(
    params: Iterable<Tensor> | Iterable<ParamGroupInput<AdagradOptions>>,
    options: Partial<AdagradOptions> & { foreach?: boolean | null } = {},
  ) {
    super('Adagrad', params, {
      ...checkOptionsObject('Adagrad', options),
      lr: options.lr ?? 1e-2,
      lrDecay: options.lrDecay ?? 0,
      weightDecay: options.weightDecay ?? 0,
      initialAccumulatorValue: options.initialAccumulatorValue ?? 0,
      eps: options.eps ?? 1e-10,
      maximize: options.maximize ?? false,
    });
    // NOTE: as PyTorch 1.13, the sum starts at the constructor's initialAccumulatorValue, not the group's
    for (const group of this.paramGroups) {
      for (const parameter of group.params) this.#initialState(parameter);
    }
  }

  #initialState(parameter: Tensor): ParamState {
    let state = this.state.get(parameter);
    if (state === undefined) {
      state = { step: 0 };
      stateArray(state, 'sum', parameter, this.defaults.initialAccumulatorValue);
      this.state.set(parameter, state);
    }
    return state;
  }

  protected validate(options: AdagradOptions): void {
    checkNonNegative('Adagrad', 'learning rate', options.lr, 'lr');
    checkNonNegative('Adagrad', 'lr_decay value', options.lrDecay, 'lrDecay');
    checkNonNegative('Adagrad', 'weight_decay value', options.weightDecay, 'weightDecay');
    checkNonNegative('Adagrad', 'initial_accumulator_value value', options.initialAccumulatorValue, 'initialAccumulatorValue');
    checkNonNegative('Adagrad', 'epsilon value', options.eps, 'eps');
    checkBoolean('Adagrad', 'maximize', options.maximize);
  }

  protected update(group: ParamGroup<AdagradOptions>): void {
    const { lr, lrDecay, weightDecay, eps, maximize } = group;
    for (const parameter of group.params) {
      if (parameter.grad === null) continue;
      const { values: p, offset, count } = parameterValues('Adagrad', parameter);
      const [g, gradOffset] = gradientValues(parameter.grad);
      // a group added later (addParamGroup) gets its state on its first step
      const state = this.#initialState(parameter);
      const step = (state.step as number) + 1;
      state.step = step;
      const clr = lr / (1 + (step - 1) * lrDecay);
      adagradKernel(p, offset, g, gradOffset, count, state.sum as TypedArray, clr, eps, weightDecay, maximize ? -1 : 1);
      markModified(parameter.data);
    }
  }
}

function adagradKernel(
  p: TypedArray,
  offset: number,
  g: TypedArray,
  gradOffset: number,
  count: number,
  sum: TypedArray,
  clr: number,
  eps: number,
  weightDecay: number,
  sign: number,
): void {
  for (let i = 0; i < count; i++) {
    const grad = weightDecay === 0 ? sign * g[gradOffset + i]! : sign * g[gradOffset + i]! + weightDecay * p[offset + i]!;
    sum[i] = sum[i]! + grad * grad;
    p[offset + i] = p[offset + i]! - (clr * grad) / (Math.sqrt(sum[i]!) + eps);
  }
}

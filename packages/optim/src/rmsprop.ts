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
} from './optimizer';

/** Options of {@link RMSprop}, PyTorch's keyword arguments in camelCase. */
export interface RMSpropOptions {
  /** Learning rate (default 1e-2). */
  lr: number;
  /** Smoothing constant of the squared-gradient average (default 0.99). */
  alpha: number;
  /** Added to the denominator (default 1e-8). */
  eps: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Momentum factor (default 0). */
  momentum: number;
  /** Normalise by the estimated variance instead of the second moment (default false). */
  centered: boolean;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/**
 * RMSprop with PyTorch 1.13's update (`torch.optim.RMSprop`):
 * `g = grad + weightDecay * p`, `v = alpha v + (1 - alpha) g^2`; centered:
 * `gAvg = alpha gAvg + (1 - alpha) g` and `avg = sqrt(v - gAvg^2) + eps`, else
 * `avg = sqrt(v) + eps`; with momentum `buf = momentum buf + g / avg`, `p -= lr buf`,
 * else `p -= lr g / avg`. (`foreach` is accepted and ignored.)
 *
 * @example
 * ```ts
 * const optimizer = new RMSprop(model.parameters(), { lr: 1e-3, momentum: 0.9 });
 * optimizer.zeroGrad(); loss.backward(); optimizer.step();
 * ```
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(
    params: Iterable<Tensor> | Iterable<ParamGroupInput<RMSpropOptions>>,
    options: Partial<RMSpropOptions> & { foreach?: boolean | null } = {},
  ) {
    super('RMSprop', params, {
      ...checkOptionsObject('RMSprop', options),
      lr: options.lr ?? 1e-2,
      alpha: options.alpha ?? 0.99,
      eps: options.eps ?? 1e-8,
      weightDecay: options.weightDecay ?? 0,
      momentum: options.momentum ?? 0,
      centered: options.centered ?? false,
      maximize: options.maximize ?? false,
    });
  }

  protected validate(options: RMSpropOptions): void {
    checkNonNegative('RMSprop', 'learning rate', options.lr, 'lr');
    checkNonNegative('RMSprop', 'epsilon value', options.eps, 'eps');
    checkNonNegative('RMSprop', 'momentum value', options.momentum, 'momentum');
    checkNonNegative('RMSprop', 'weight_decay value', options.weightDecay, 'weightDecay');
    checkNonNegative('RMSprop', 'alpha value', options.alpha, 'alpha');
    checkBoolean('RMSprop', 'centered', options.centered);
    checkBoolean('RMSprop', 'maximize', options.maximize);
  }

  protected update(group: ParamGroup<RMSpropOptions>): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
    for (const parameter of group.params) {
      if (parameter.grad === null) continue;
      const { values: p, offset, count } = parameterValues('RMSprop', parameter);
      const [g, gradOffset] = gradientValues(parameter.grad);
      let state = this.state.get(parameter);
      if (state === undefined) this.state.set(parameter, (state = { step: 0 }));
      const squareAvg = stateArray(state, 'squareAvg', parameter);
      // NOTE: as PyTorch, the buffers exist only when the option is on (they are created on first use).
      const buffer = momentum > 0 ? stateArray(state, 'momentumBuffer', parameter) : null;
      const gradAvg = centered ? stateArray(state, 'gradAvg', parameter) : null;
      state.step = (state.step as number) + 1;
      rmspropKernel(p, offset, g, gradOffset, count, squareAvg, gradAvg, buffer, lr, alpha, eps, weightDecay, momentum, maximize ? -1 : 1);
      markModified(parameter.data);
    }
  }
}

function rmspropKernel(
  p: TypedArray,
  offset: number,
  g: TypedArray,
  gradOffset: number,
  count: number,
  squareAvg: TypedArray,
  gradAvg: TypedArray | null,
  buffer: TypedArray | null,
  lr: number,
  alpha: number,
  eps: number,
  weightDecay: number,
  momentum: number,
  sign: number,
): void {
  for (let i = 0; i < count; i++) {
    // NOTE: the decay only when non-zero, as PyTorch (`0 * p` is NaN for an infinite p)
    const grad = weightDecay === 0 ? sign * g[gradOffset + i]! : sign * g[gradOffset + i]! + weightDecay * p[offset + i]!;
    squareAvg[i] = alpha * squareAvg[i]! + (1 - alpha) * grad * grad;
    let avg: number;
    if (gradAvg !== null) {
      gradAvg[i] = alpha * gradAvg[i]! + (1 - alpha) * grad;
      avg = Math.sqrt(squareAvg[i]! - gradAvg[i]! * gradAvg[i]!) + eps;
    } else {
      avg = Math.sqrt(squareAvg[i]!) + eps;
    }
    if (buffer !== null) {
      buffer[i] = momentum * buffer[i]! + grad / avg;
      p[offset + i] = p[offset + i]! - lr * buffer[i]!;
    } else {
      p[offset + i] = p[offset + i]! - (lr * grad) / avg;
    }
  }
}

import type { Tensor } from '@gradlab/autograd';
import { ValueError, type TypedArray, markModified } from '@gradlab/tensor';

import {
  checkBoolean,
  checkOptionsObject,
  checkFinite,
  checkNonNegative,
  gradientValues,
  Optimizer,
  parameterValues,
  type ParamGroup,
  type ParamGroupInput,
} from './optimizer';

/** Options of {@link SGD}, PyTorch's keyword arguments in camelCase. */
export interface SGDOptions {
  /** Learning rate (required). */
  lr: number;
  /** Momentum factor (default 0). */
  momentum: number;
  /** Dampening of the momentum (default 0). */
  dampening: number;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay: number;
  /** Nesterov momentum (default false; needs momentum > 0 and dampening 0). */
  nesterov: boolean;
  /** Maximise the objective instead (default false). */
  maximize: boolean;
}

/**
 * Stochastic gradient descent with PyTorch's update (`torch.optim.SGD`):
 * `g = grad + weightDecay * p`; with momentum, `buf = g` on the first step and
 * `buf = momentum * buf + (1 - dampening) * g` after; `g = nesterov ? g + momentum * buf : buf`;
 * `p -= lr * g`.
 *
 * @example
 * ```ts
 * const optimizer = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
 * optimizer.zeroGrad(); loss.backward(); optimizer.step();
 * ```
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Iterable<Tensor> | Iterable<ParamGroupInput<SGDOptions>>, options: Partial<SGDOptions> & { lr?: number } = {}) {
    super('SGD', params, {
      ...checkOptionsObject('SGD', options),
      // NOTE: undefined marks the missing lr (SGD has no default in PyTorch); an explicit NaN is an invalid one.
      lr: options.lr as number,
      momentum: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      weightDecay: options.weightDecay ?? 0,
      nesterov: options.nesterov ?? false,
      maximize: options.maximize ?? false,
    });
  }

  protected validate(options: SGDOptions): void {
    if (options.lr === undefined) throw new ValueError('INVALID_ARGUMENT', "SGD: 'lr' is required (SGD has no default learning rate)");
    checkNonNegative('SGD', 'learning rate', options.lr, 'lr');
    checkNonNegative('SGD', 'momentum value', options.momentum, 'momentum');
    checkFinite('SGD', 'dampening', options.dampening);
    checkNonNegative('SGD', 'weight_decay value', options.weightDecay, 'weightDecay');
    checkBoolean('SGD', 'nesterov', options.nesterov);
    checkBoolean('SGD', 'maximize', options.maximize);
    if (options.nesterov && (options.momentum <= 0 || options.dampening !== 0)) {
      throw new ValueError('INVALID_ARGUMENT', 'SGD: Nesterov momentum requires a momentum and zero dampening');
    }
  }

  protected update(group: ParamGroup<SGDOptions>): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    const sign = maximize ? -1 : 1;
    for (const parameter of group.params) {
      if (parameter.grad === null) continue;
      const { values: p, offset, count } = parameterValues('SGD', parameter);
      const [g, gradOffset] = gradientValues(parameter.grad);
      // an in-place write, as PyTorch's param.add_: a graph that saved the old values can no longer backpropagate
      markModified(parameter.data);
      if (momentum === 0) {
        sgdKernel(p, offset, g, gradOffset, count, lr, weightDecay, sign);
        continue;
      }
      let state = this.state.get(parameter);
      const first = state === undefined || state.momentumBuffer === undefined;
      if (state === undefined) this.state.set(parameter, (state = {}));
      if (first) state.momentumBuffer = parameter.dtype === 'float64' ? new Float64Array(count) : new Float32Array(count);
      const buffer = state.momentumBuffer as TypedArray;
      sgdMomentumKernel(p, offset, g, gradOffset, buffer, count, lr, weightDecay, sign, momentum, dampening, nesterov, first);
    }
  }
}

// The elementwise updates live in small functions so the JIT compiles stable, monomorphic loops.

// NOTE: as PyTorch, the decay is added only when it is non-zero: `0 * p` is NaN for an infinite p.

function sgdKernel(p: TypedArray, offset: number, g: TypedArray, gradOffset: number, count: number, lr: number, weightDecay: number, sign: number): void {
  for (let i = 0; i < count; i++) {
    const d = weightDecay === 0 ? sign * g[gradOffset + i]! : sign * g[gradOffset + i]! + weightDecay * p[offset + i]!;
    p[offset + i] = p[offset + i]! - lr * d;
  }
}

function sgdMomentumKernel(
  p: TypedArray,
  offset: number,
  g: TypedArray,
  gradOffset: number,
  buffer: TypedArray,
  count: number,
  lr: number,
  weightDecay: number,
  sign: number,
  momentum: number,
  dampening: number,
  nesterov: boolean,
  first: boolean,
): void {
  for (let i = 0; i < count; i++) {
    const d = weightDecay === 0 ? sign * g[gradOffset + i]! : sign * g[gradOffset + i]! + weightDecay * p[offset + i]!;
    buffer[i] = first ? d : momentum * buffer[i]! + (1 - dampening) * d;
    // NOTE: read back the stored (rounded) buffer, as PyTorch's float32 buffer would be.
    const step = nesterov ? d + momentum * buffer[i]! : buffer[i]!;
    p[offset + i] = p[offset + i]! - lr * step;
  }
}

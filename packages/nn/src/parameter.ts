import { Tensor } from '@gradlab/autograd';
import { Tensor as BaseTensor, ValueError } from '@gradlab/tensor';

import { describeValue } from './check';

/**
 * A tensor that a {@link Module} owns and trains: a leaf with
 * `requiresGrad = true`, found by `parameters()` when assigned to a module
 * property. Like `torch.nn.Parameter`.
 *
 * @example
 * ```ts
 * class Scale extends Module {
 *   factor = new Parameter(ones([1]));
 *   forward(x: Tensor) { return x.mul(this.factor); }
 * }
 * ```
 */
export class Parameter extends Tensor {
  /** @internal the last `Module.parameters()` walk that listed this parameter. */
  _walkEpoch = 0;

  /**
   * Wraps `data` (a gradlab tensor, differentiable or not), sharing its storage
   * like PyTorch. A non-contiguous view (a transpose) is copied once, because
   * optimizers and `loadStateDict` write parameters in place as flat arrays.
   */
  constructor(data: Tensor | BaseTensor, requiresGrad = true) {
    if (!(data instanceof Tensor) && !(data instanceof BaseTensor)) {
      throw new ValueError('INVALID_ARGUMENT', `Parameter: 'data' must be a tensor (of @gradlab/autograd or @gradlab/tensor), got ${describeValue(data)}`);
    }
    const base = data instanceof Tensor ? data.data : data;
    super(base.isContiguous() ? base : base.contiguous(), requiresGrad);
  }

  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}

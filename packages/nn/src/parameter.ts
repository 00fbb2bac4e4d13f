import { Tensor } from '@gradlab/autograd';
import type { Tensor as BaseTensor } from '@gradlab/tensor';

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
  /** Wraps `data` (a gradlab tensor, differentiable or not) without copying. */
  constructor(data: Tensor | BaseTensor, requiresGrad = true) {
    super(data instanceof Tensor ? data.data : data, requiresGrad);
  }

  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}

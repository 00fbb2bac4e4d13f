import type { Tensor as BaseTensor, Scalar } from '@gradlab/tensor';
import type { Tensor } from './tensor';

/**
 * What autograd ops accept: a differentiable tensor, a plain `@gradlab/tensor`
 * tensor (a constant), or a JS number/boolean.
 */
export type Operand = Tensor | BaseTensor | Scalar;

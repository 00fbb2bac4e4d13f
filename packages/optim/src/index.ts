/**
 * `@gradlab/optim`: optimizers with PyTorch's update formulas, updating
 * parameters in place without recording a graph.
 *
 * @packageDocumentation
 */
export {
  Optimizer,
  type OptimizerStateDict,
  type ParamGroup,
  type ParamGroupInput,
  type ParamState,
} from './optimizer';
export { SGD, type SGDOptions } from './sgd';
export { Adam, AdamW, type AdamOptions } from './adam';

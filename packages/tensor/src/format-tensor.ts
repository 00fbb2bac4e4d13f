import { formatValues } from './format';
import { DTypeError, ValueError, describeValue } from './errors';
import { Tensor, isForeignTensor } from './tensor';

/**
 * PyTorch's repr of a tensor, e.g. `tensor([3.7730, 1.8865])`, with optional
 * `suffixes` appended after the `dtype=` suffix the way PyTorch appends
 * `grad_fn=<...>` or `requires_grad=True`.
 *
 * @example
 * ```ts
 * formatTensor(tensor([1, 2])); // 'tensor([1., 2.])'
 * formatTensor(tensor(4.0584), ['grad_fn=<LogBackward0>']); // 'tensor(4.0584, grad_fn=<LogBackward0>)'
 * ```
 */
export function formatTensor(t: Tensor, suffixes?: readonly string[]): string {
  if (!(t instanceof Tensor || isForeignTensor(t))) throw new DTypeError(`formatTensor: 't' must be a Tensor, got ${describeValue(t)}`);
  if (suffixes !== undefined && !(Array.isArray(suffixes) && suffixes.every((s) => typeof s === 'string'))) {
    throw new ValueError('INVALID_ARGUMENT', `formatTensor: 'suffixes' must be an array of strings, got ${describeValue(suffixes)}`);
  }
  return formatValues(t.dataSync(), t.shape, t.dtype, suffixes);
}

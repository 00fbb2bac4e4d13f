import { Tensor } from '@gradlab/autograd';
import { formatValue, isTensor, ValueError, type Tensor as BaseTensor } from '@gradlab/tensor';

/** What serialize takes: names (PyTorch's `layers.0.weight`) to tensors, differentiable or not (`model.stateDict()`). */
export type TensorDict = Readonly<Record<string, Tensor | BaseTensor>>;

/** The values of a tensor of either package (or of another copy of them). */
export function baseOf(op: string, key: string, value: unknown): BaseTensor {
  if (value instanceof Tensor) return value.data;
  if (isTensor(value)) return value;
  const data = typeof value === 'object' && value !== null ? (value as { data?: unknown }).data : undefined;
  if (isTensor(data)) return data;
  throw new ValueError('INVALID_ARGUMENT', `${op}: '${key}' must be a Tensor, got ${describe(value)}`);
}

/** A value for an error message: `string 'x'`, `3`, `undefined`, `Array`. */
export function describe(value: unknown): string {
  return typeof value === 'string' ? `string '${value}'` : formatValue(value);
}

import { Tensor } from '@gradlab/autograd';
import { Tensor as BaseTensor, ValueError, formatValue } from '@gradlab/tensor';

/** A value for an error message: `string '5'`, `undefined`, `Array`, `3`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `string '${value}'`;
  return formatValue(value);
}

/**
 * Throws a ValueError naming the module unless `input` is a differentiable
 * tensor (a plain array or a `@gradlab/tensor` tensor would otherwise fail deep
 * inside an op with a TypeError).
 */
export function checkTensorInput(op: string, input: unknown, argument = 'input'): asserts input is Tensor {
  if (input instanceof Tensor) return;
  const hint =
    input instanceof BaseTensor
      ? ' (a @gradlab/tensor Tensor: wrap it with fromData() from @gradlab/autograd)'
      : Array.isArray(input)
        ? ' (make one with tensor(...) from @gradlab/autograd)'
        : '';
  throw new ValueError('INVALID_ARGUMENT', `${op}: '${argument}' must be a Tensor, got ${describeValue(input)}${hint}`);
}

/** Throws a ValueError unless `value` is an integer (a dimension such as Softmax's `dim`). */
export function checkInteger(op: string, argument: string, value: unknown): asserts value is number {
  if (!Number.isInteger(value)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: '${argument}' must be an integer, got ${describeValue(value)}`);
  }
}

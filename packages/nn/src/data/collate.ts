import { stack, tensor, Tensor } from '@gradlab/autograd';
import { Tensor as BaseTensor, ValueError } from '@gradlab/tensor';

import { describeValue } from '../check';

/** What {@link defaultCollate} makes of a batch of `T`s: tensors and numbers become one tensor, tuples and objects are collated per entry. */
export type Collated<T> = T extends Tensor | BaseTensor | number | boolean
  ? Tensor
  : T extends string
    ? string[]
    : T extends readonly unknown[]
      ? { -readonly [K in keyof T]: Collated<T[K]> }
      : T extends object
        ? { -readonly [K in keyof T]: Collated<T[K]> }
        : never;

/**
 * PyTorch's `default_collate`: stacks tensors along a new dimension 0 (`stack(batch, 0)`); turns
 * numbers into a tensor (int32 when every number is an integer, float64 when the first is not, as
 * PyTorch makes int64 of Python ints and float64 of Python floats; float32 for integers mixed with
 * fractions, `torch.tensor`'s inference), booleans into a bool tensor, keeps strings as an array,
 * and collates tuples (arrays) and plain objects entry by entry.
 *
 * @example
 * ```ts
 * const [x, y] = defaultCollate([[tensor([1, 2]), 0], [tensor([3, 4]), 1]]);
 * x.toArray(); // [[1, 2], [3, 4]]
 * y.toArray(); // [0, 1] (int32)
 * ```
 */
export function defaultCollate<T>(batch: readonly T[]): Collated<T> {
  return collate(batch as readonly unknown[]) as Collated<T>;
}

function collate(batch: readonly unknown[]): unknown {
  if (!Array.isArray(batch) || batch.length === 0) {
    throw new ValueError('INVALID_ARGUMENT', `defaultCollate: 'batch' must be a non-empty array of samples, got ${describeValue(batch)}`);
  }
  const elem = batch[0];
  if (elem instanceof Tensor || elem instanceof BaseTensor) {
    return stack(batch.map((x, i) => same(x, i, (v) => v instanceof Tensor || v instanceof BaseTensor, 'a Tensor') as Tensor), 0);
  }
  if (typeof elem === 'number') {
    const numbers = batch.map((x, i) => same(x, i, (v) => typeof v === 'number', 'a number') as number);
    if (!Number.isInteger(elem)) return tensor(numbers, { dtype: 'float64' });
    const ints = numbers.every((x) => Number.isInteger(x));
    return tensor(numbers, { dtype: ints ? 'int32' : 'float32' });
  }
  if (typeof elem === 'boolean') {
    return tensor(batch.map((x, i) => same(x, i, (v) => typeof v === 'boolean', 'a boolean') as boolean));
  }
  if (typeof elem === 'string') return batch.map((x, i) => same(x, i, (v) => typeof v === 'string', 'a string'));
  if (Array.isArray(elem)) {
    const size = elem.length;
    batch.forEach((x, i) => {
      if (!Array.isArray(x) || x.length !== size) {
        if (!Array.isArray(x)) same(x, i, () => false, 'an array');
        throw new ValueError('INVALID_ARGUMENT', 'each element in list of batch should be of equal size');
      }
    });
    return elem.map((_, j) => collate(batch.map((x) => (x as unknown[])[j])));
  }
  if (typeof elem === 'object' && elem !== null && Object.getPrototypeOf(elem) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(elem)) {
      out[key] = collate(
        batch.map((x, i) => {
          const record = same(x, i, (v) => typeof v === 'object' && v !== null, 'an object') as Record<string, unknown>;
          if (!(key in record)) throw new ValueError('INVALID_ARGUMENT', `defaultCollate: 'batch[${i}]' has no key '${key}'`);
          return record[key];
        }),
      );
    }
    return out;
  }
  throw new ValueError(
    'INVALID_ARGUMENT',
    `default_collate: batch must contain tensors, numbers, booleans, strings, arrays or plain objects; found ${describeValue(elem)}`,
  );
}

function same(value: unknown, i: number, test: (v: unknown) => boolean, what: string): unknown {
  if (!test(value)) {
    throw new ValueError('INVALID_ARGUMENT', `defaultCollate: 'batch[${i}]' must be ${what} like 'batch[0]', got ${describeValue(value)}`);
  }
  return value;
}

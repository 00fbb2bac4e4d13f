import { defaultGenerator, Generator, randperm, ValueError } from '@gradlab/tensor';

import { describeValue } from '../check';
import { checkDataset, Subset, type Dataset } from './dataset';
import { checkGenerator } from './sampler';

/** Options of {@link randomSplit}. */
export interface RandomSplitOptions {
  /** The generator of the permutation; default `defaultGenerator`, as PyTorch. */
  generator?: Generator;
}

/** Python's `math.isclose(a, b)` (relative tolerance 1e-9, no absolute tolerance). */
function isClose(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * `torch.utils.data.random_split`: splits `dataset` into non-overlapping {@link Subset}s of the given
 * lengths, the slices of one `randperm(total, { generator })`, so the same seed gives PyTorch 1.13's
 * split. Lengths that sum to 1 (as `math.isclose(sum, 1) and sum <= 1`) are fractions: each split
 * gets `floor(fraction * length)` samples and the remainder goes one by one, round-robin, from the
 * first split (PyTorch also warns about an empty split; gradlab does not).
 *
 * @example
 * ```ts
 * const [train, test] = randomSplit(new TensorDataset(arange(10)), [3, 7], { generator: new Generator(42) });
 * train.indices; // [2, 6, 1], as random_split(range(10), [3, 7], generator=torch.Generator().manual_seed(42))
 * randomSplit(new TensorDataset(arange(30)), [0.3, 0.3, 0.4]).map((s) => s.length); // [9, 9, 12]
 * ```
 */
export function randomSplit<T>(dataset: Dataset<T>, lengths: readonly number[], options: RandomSplitOptions = {}): Subset<T>[] {
  checkDataset('randomSplit', dataset);
  if (!Array.isArray(lengths) || !lengths.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new ValueError('INVALID_ARGUMENT', `randomSplit: 'lengths' must be an array of numbers, got ${describeValue(lengths)}`);
  }
  const { generator } = options;
  checkGenerator('randomSplit', generator);
  // NOTE: Python's sum() adds left to right, as reduce does here; the comparison must see the same float.
  const total = lengths.reduce((a, b) => a + b, 0);
  let sizes: number[];
  if (isClose(total, 1) && total <= 1) {
    sizes = lengths.map((fraction, i) => {
      if (fraction < 0 || fraction > 1) throw new ValueError('INVALID_ARGUMENT', `Fraction at index ${i} is not between 0 and 1`);
      return Math.floor(dataset.length * fraction);
    });
    const remainder = dataset.length - sizes.reduce((a, b) => a + b, 0);
    for (let i = 0; i < remainder; i++) sizes[i % sizes.length]! += 1;
  } else {
    lengths.forEach((length, i) => {
      if (!Number.isInteger(length) || length < 0) {
        throw new ValueError(
          'INVALID_ARGUMENT',
          `randomSplit: 'lengths[${i}]' must be a non-negative integer (or every length a fraction, summing to 1), got ${describeValue(length)}`,
        );
      }
    });
    sizes = [...lengths];
  }
  const sum = sizes.reduce((a, b) => a + b, 0);
  if (sum !== dataset.length) throw new ValueError('INVALID_ARGUMENT', 'Sum of input lengths does not equal the length of the input dataset!');
  const indices = randperm(sum, { generator: generator ?? defaultGenerator }).toArray() as number[];
  let offset = 0;
  return sizes.map((size) => {
    const subset = new Subset(dataset, indices.slice(offset, offset + size));
    offset += size;
    return subset;
  });
}

import { defaultGenerator, Generator, randperm, ValueError } from '@gradlab/tensor';

import { describeValue } from '../check';

/**
 * A sampler, `torch.utils.data.Sampler`: an iterable of dataset indices with a `length`.
 * Each iteration (`for ... of`) is a new pass; a random sampler draws a fresh order each time.
 */
export interface Sampler<T = number> extends Iterable<T> {
  readonly length: number;
}

/**
 * A seed drawn as `torch.empty((), dtype=torch.int64).random_(generator=generator).item()`:
 * a 64-bit draw (two 32-bit words, the first high) modulo 2^63.
 */
export function drawSeed(generator: Generator): bigint {
  const high = BigInt(generator.nextUint32());
  const low = BigInt(generator.nextUint32());
  return ((high << 32n) | low) % (1n << 63n);
}

export function checkGenerator(op: string, generator: unknown): asserts generator is Generator | undefined {
  if (generator !== undefined && !(generator instanceof Generator)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'generator' must be a Generator, got ${describeValue(generator)}`);
  }
}

function checkSize(op: string, value: unknown): number {
  if (typeof value !== 'object' || value === null || !Number.isInteger((value as { length?: unknown }).length)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'dataSource' must have an integer 'length', got ${describeValue(value)}`);
  }
  return (value as { length: number }).length;
}

/**
 * `torch.utils.data.SequentialSampler`: `0, 1, ..., length - 1`.
 *
 * @example
 * ```ts
 * [...new SequentialSampler({ length: 3 })]; // [0, 1, 2]
 * ```
 */
export class SequentialSampler implements Sampler {
  readonly dataSource: { readonly length: number };
  constructor(dataSource: { readonly length: number }) {
    checkSize('SequentialSampler', dataSource);
    this.dataSource = dataSource;
  }
  get length(): number {
    return this.dataSource.length;
  }
  *[Symbol.iterator](): Iterator<number> {
    const n = this.dataSource.length;
    for (let i = 0; i < n; i++) yield i;
  }
}

/** Options of {@link RandomSampler}. */
export interface RandomSamplerOptions {
  /** Draw with replacement (`torch.randint`) instead of permutations. Default false. */
  replacement?: boolean;
  /** How many indices a pass yields; default the data set's length. */
  numSamples?: number;
  /** The generator of the orders; without one, each pass seeds a new generator from the default one, as PyTorch. */
  generator?: Generator;
}

/**
 * `torch.utils.data.RandomSampler`: each pass yields `randperm(n, { generator })` (PyTorch 1.13's
 * order for the same seed). Without a generator, each pass seeds a fresh generator from a 64-bit
 * draw of `defaultGenerator` (`torch.empty((), dtype=torch.int64).random_()`), as PyTorch does, so
 * `manualSeed(s)` gives PyTorch's orders too.
 *
 * @example
 * ```ts
 * [...new RandomSampler({ length: 5 }, { generator: new Generator(0) })]; // [4, 0, 1, 3, 2]
 * ```
 */
export class RandomSampler implements Sampler {
  readonly dataSource: { readonly length: number };
  readonly replacement: boolean;
  readonly generator: Generator | undefined;
  private readonly requested: number | undefined;

  constructor(dataSource: { readonly length: number }, options: RandomSamplerOptions = {}) {
    checkSize('RandomSampler', dataSource);
    const { replacement = false, numSamples, generator } = options;
    if (typeof replacement !== 'boolean') {
      throw new ValueError(
        'INVALID_ARGUMENT',
        `replacement should be a boolean value, but got replacement=${describeValue(replacement)}`,
      );
    }
    checkGenerator('RandomSampler', generator);
    this.dataSource = dataSource;
    this.replacement = replacement;
    this.generator = generator;
    this.requested = numSamples;
    if (numSamples !== undefined && (!Number.isInteger(numSamples) || numSamples <= 0)) {
      throw new ValueError(
        'INVALID_ARGUMENT',
        `num_samples should be a positive integer value, but got num_samples=${describeValue(numSamples)}`,
      );
    }
    if (numSamples === undefined && this.length <= 0) {
      throw new ValueError('INVALID_ARGUMENT', `num_samples should be a positive integer value, but got num_samples=${this.length}`);
    }
  }

  /** `numSamples`, or the data set's current length. */
  get numSamples(): number {
    return this.requested ?? this.dataSource.length;
  }

  get length(): number {
    return this.numSamples;
  }

  *[Symbol.iterator](): Iterator<number> {
    const n = this.dataSource.length;
    let generator = this.generator;
    if (generator === undefined) generator = new Generator(drawSeed(defaultGenerator));
    const count = this.numSamples;
    if (this.replacement) {
      // torch.randint(high=n, dtype=int64) with n < 2^32: one 32-bit draw modulo n per index.
      for (let i = 0; i < count; i++) yield generator.nextUint32() % n;
      return;
    }
    for (let pass = 0; pass < Math.floor(count / n); pass++) yield* permutation(n, generator);
    yield* permutation(n, generator).slice(0, count % n);
  }
}

function permutation(n: number, generator: Generator): number[] {
  return randperm(n, { generator }).toArray() as number[];
}

/**
 * `torch.utils.data.BatchSampler`: groups a sampler's indices into batches of `batchSize`; the last,
 * shorter batch is kept unless `dropLast`.
 *
 * @example
 * ```ts
 * [...new BatchSampler(new SequentialSampler({ length: 5 }), 2, false)]; // [[0, 1], [2, 3], [4]]
 * ```
 */
export class BatchSampler implements Sampler<number[]> {
  readonly sampler: Sampler;
  readonly batchSize: number;
  readonly dropLast: boolean;

  constructor(sampler: Sampler, batchSize: number, dropLast: boolean) {
    checkBatchSize(batchSize);
    if (typeof dropLast !== 'boolean') {
      throw new ValueError('INVALID_ARGUMENT', `dropLast should be a boolean value, but got dropLast=${describeValue(dropLast)}`);
    }
    this.sampler = sampler;
    this.batchSize = batchSize;
    this.dropLast = dropLast;
  }

  get length(): number {
    const n = this.sampler.length;
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  *[Symbol.iterator](): Iterator<number[]> {
    let batch: number[] = [];
    for (const index of this.sampler) {
      batch.push(index);
      if (batch.length === this.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0 && !this.dropLast) yield batch;
  }
}

export function checkBatchSize(batchSize: unknown): asserts batchSize is number {
  if (typeof batchSize !== 'number' || !Number.isInteger(batchSize) || batchSize <= 0) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `batchSize should be a positive integer value, but got batchSize=${describeValue(batchSize)}`,
    );
  }
}

import { defaultGenerator, Generator, ValueError } from '@gradlab/tensor';

import { describeValue } from '../check';
import { defaultCollate, type Collated } from './collate';
import { checkDataset, type Dataset } from './dataset';
import { BatchSampler, checkBatchSize, checkGenerator, drawSeed, RandomSampler, SequentialSampler, type Sampler } from './sampler';

/** Options of {@link DataLoader}. */
export interface DataLoaderOptions<T, B> {
  /** Samples per batch. Default 1. */
  batchSize?: number;
  /** A new random order every pass (a {@link RandomSampler}). Default false. */
  shuffle?: boolean;
  /** Drops the last batch when it is shorter than `batchSize`. Default false. */
  dropLast?: boolean;
  /** The generator of the shuffled orders (and of the seed each pass draws, as PyTorch); default `defaultGenerator`. */
  generator?: Generator;
  /** Turns a list of samples into a batch; default {@link defaultCollate} (or the data set's `getBatch`). */
  collate?: (samples: T[]) => B;
  /** The order of the samples, instead of `shuffle`. */
  sampler?: Sampler;
  /** The batches' indices, instead of `batchSize`, `shuffle`, `sampler` and `dropLast`. */
  batchSampler?: Sampler<number[]>;
}

/**
 * `torch.utils.data.DataLoader` (single process): iterates over a data set in batches.
 *
 * Each `for ... of` is one epoch. As PyTorch 1.13, an epoch starts by drawing a 64-bit seed from
 * `generator` (or `defaultGenerator`; PyTorch's `_base_seed` for workers), then, with `shuffle`,
 * draws the epoch's order `randperm(n, { generator })`; without a generator the order comes from a
 * generator seeded by a draw of `defaultGenerator`. So for the same seed the batches, and the state
 * the generators are left in, are PyTorch's. Without `collate`, a data set with `getBatch` (such as
 * {@link TensorDataset}) gathers each batch at once with `indexSelect`.
 *
 * @example
 * ```ts
 * const data = new TensorDataset(arange(10), arange(10).mul(2));
 * const loader = new DataLoader(data, { batchSize: 4, shuffle: true, generator: new Generator(0) });
 * loader.length; // 3
 * for (const [x, y] of loader) console.log(x.toArray(), y.toArray()); // [3, 7, 5, 2] [6, 14, 10, 4] ...
 * ```
 */
export class DataLoader<T, B = Collated<T>> implements Iterable<B> {
  readonly dataset: Dataset<T>;
  readonly batchSize: number | undefined;
  readonly dropLast: boolean;
  readonly generator: Generator | undefined;
  readonly sampler: Sampler | undefined;
  readonly batchSampler: Sampler<number[]>;
  private readonly collate: ((samples: T[]) => B) | undefined;

  constructor(dataset: Dataset<T>, options: DataLoaderOptions<T, B> = {}) {
    checkDataset('DataLoader', dataset);
    if (typeof options !== 'object' || options === null) {
      throw new ValueError('INVALID_ARGUMENT', `DataLoader: 'options' must be an object, got ${describeValue(options)}`);
    }
    const { batchSize = 1, shuffle = false, dropLast = false, generator, collate, sampler, batchSampler } = options;
    checkGenerator('DataLoader', generator);
    if (typeof shuffle !== 'boolean') {
      throw new ValueError('INVALID_ARGUMENT', `DataLoader: 'shuffle' must be a boolean, got ${describeValue(shuffle)}`);
    }
    if (collate !== undefined && typeof collate !== 'function') {
      throw new ValueError('INVALID_ARGUMENT', `DataLoader: 'collate' must be a function, got ${describeValue(collate)}`);
    }
    if (sampler !== undefined && shuffle) throw new ValueError('INVALID_ARGUMENT', 'sampler option is mutually exclusive with shuffle');
    this.dataset = dataset;
    this.generator = generator;
    this.collate = collate;
    if (batchSampler !== undefined) {
      if (batchSize !== 1 || shuffle || sampler !== undefined || dropLast) {
        throw new ValueError(
          'INVALID_ARGUMENT',
          'batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast',
        );
      }
      this.batchSize = undefined;
      this.dropLast = false;
      this.sampler = undefined;
      this.batchSampler = batchSampler;
    } else {
      checkBatchSize(batchSize);
      const order = sampler ?? (shuffle ? new RandomSampler(dataset, { generator }) : new SequentialSampler(dataset));
      this.batchSize = batchSize;
      this.dropLast = dropLast;
      this.sampler = order;
      this.batchSampler = new BatchSampler(order, batchSize, dropLast);
    }
  }

  /** The number of batches of an epoch (`len(loader)`). */
  get length(): number {
    return this.batchSampler.length;
  }

  /** Starts an epoch: draws the epoch's seed now (as PyTorch's `iter(loader)`), the order at the first batch. */
  [Symbol.iterator](): Iterator<B> {
    drawSeed(this.generator ?? defaultGenerator);
    return this.batches();
  }

  private *batches(): Generator_<B> {
    const dataset = this.dataset;
    const collate = this.collate;
    for (const indices of this.batchSampler) {
      if (collate === undefined && typeof dataset.getBatch === 'function') {
        yield dataset.getBatch(indices) as unknown as B;
      } else {
        const samples = indices.map((i) => dataset.get(i));
        yield collate === undefined ? (defaultCollate(samples) as unknown as B) : collate(samples);
      }
    }
  }
}

// `Generator` names gradlab's random generator here; this is the iterator type of a generator function.
type Generator_<T> = globalThis.Generator<T, void, undefined>;

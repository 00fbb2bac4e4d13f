import { arange, tensor, Tensor } from '@gradlab/autograd';
import { defaultGenerator, Generator, manualSeed, rand, ShapeError, ValueError } from '@gradlab/tensor';
import { loadFixture } from '@gradlab/testing';
import { describe, expect, it } from 'vitest';

import { DataLoader, RandomSampler, randomSplit, TensorDataset } from '../src/index';

interface LoaderCase {
  seed: number; n: number; batch_size: number; drop_last: boolean; shuffle: boolean; generator: boolean;
  length: number; epochs: number[][][]; after: number[];
}
interface SamplerCase {
  seed: number; n: number; generator: boolean; replacement?: boolean; num_samples?: number | null; orders: number[][]; after: number[];
}
interface SplitCase { seed: number; n: number; lengths: number[]; generator: boolean; subsets: number[][]; after: number[] }
interface Fixture {
  loader: LoaderCase[]; sampler: SamplerCase[]; random_split: SplitCase[];
  errors: Record<string, { type: string; message: string }>;
  collate: { x: number[][]; y: number[]; batches: { x: number[][]; y: number[] }[] };
}

const fixture = loadFixture<Fixture>(import.meta.url, 'data.json');

/** The next three float64 draws, as torch.rand(3, dtype=torch.float64, generator=g). */
function after(generator: Generator): number[] {
  return rand([3], { dtype: 'float64', generator }).toArray() as number[];
}

describe('DataLoader draws the batches of PyTorch 1.13 for the same seed', () => {
  it.each(fixture.loader.map((c) => [
    `n=${c.n} batchSize=${c.batch_size} dropLast=${c.drop_last} shuffle=${c.shuffle} ${c.generator ? 'generator' : 'manualSeed'}(${c.seed})`, c,
  ] as const))('%s', (_, c) => {
    let generator: Generator;
    let loader: DataLoader<[Tensor]>;
    const options = { batchSize: c.batch_size, shuffle: c.shuffle, dropLast: c.drop_last };
    if (c.generator) {
      generator = new Generator(c.seed);
      loader = new DataLoader(new TensorDataset(arange(c.n)), { ...options, generator });
    } else {
      manualSeed(c.seed);
      generator = defaultGenerator;
      loader = new DataLoader(new TensorDataset(arange(c.n)), options);
    }
    expect(loader.length).toBe(c.length);
    const epochs = c.epochs.map(() => [...loader].map((batch) => batch[0]!.toArray()));
    expect(epochs).toEqual(c.epochs);
    expect(after(generator)).toEqual(c.after);
  });
});

describe('RandomSampler yields torch.randperm orders, one per pass', () => {
  it.each(fixture.sampler.map((c) => [
    `n=${c.n} replacement=${c.replacement ?? false} numSamples=${c.num_samples ?? 'n'} ${c.generator ? 'generator' : 'manualSeed'}(${c.seed})`, c,
  ] as const))('%s', (_, c) => {
    let generator: Generator;
    let sampler: RandomSampler;
    if (c.generator) {
      generator = new Generator(c.seed);
      sampler = new RandomSampler({ length: c.n }, { generator, replacement: c.replacement ?? false, numSamples: c.num_samples ?? undefined });
      expect(sampler.length).toBe(c.orders[0]!.length);
    } else {
      manualSeed(c.seed);
      generator = defaultGenerator;
      sampler = new RandomSampler({ length: c.n });
    }
    expect(c.orders.map(() => [...sampler])).toEqual(c.orders);
    expect(after(generator)).toEqual(c.after);
  });
});

describe('randomSplit gives random_split of PyTorch 1.13', () => {
  it.each(fixture.random_split.map((c) => [`n=${c.n} lengths=[${c.lengths.join(', ')}] ${c.generator ? 'generator' : 'manualSeed'}(${c.seed})`, c] as const))(
    '%s',
    (_, c) => {
      const dataset = new TensorDataset(arange(c.n));
      let generator: Generator;
      let subsets;
      if (c.generator) {
        generator = new Generator(c.seed);
        subsets = randomSplit(dataset, c.lengths, { generator });
      } else {
        manualSeed(c.seed);
        generator = defaultGenerator;
        subsets = randomSplit(dataset, c.lengths);
      }
      expect(subsets.map((s) => s.indices)).toEqual(c.subsets);
      expect(subsets.map((s) => s.length)).toEqual(c.subsets.map((s) => s.length));
      // the subsets read the parent's samples, one by one and as a batch
      subsets.forEach((s, k) => {
        if (s.length === 0) return;
        expect(s.get(0)[0]!.item()).toBe(c.subsets[k]![0]);
        expect(s.getBatch!([...s.indices.keys()])[0]!.toArray()).toEqual(c.subsets[k]);
      });
      expect(after(generator)).toEqual(c.after);
    },
  );
});

describe('default collate of (x, y) samples', () => {
  const { x, y, batches } = fixture.collate;
  const data = new TensorDataset(tensor(x), tensor(y, { dtype: 'int32' }));

  it('stacks the rows of each tensor along a new dim 0, through the gather', () => {
    const loader = new DataLoader(data, { batchSize: 4, shuffle: true, generator: new Generator(3) });
    const got = [...loader].map(([bx, by]) => ({ x: bx!.toArray(), y: by!.toArray() }));
    expect(got).toEqual(batches);
    const [bx, by] = [...loader][0]!;
    expect(bx!.shape).toEqual([4, 2]);
    expect(bx!.dtype).toBe('float32');
    expect(by!.dtype).toBe('int32');
  });

  it('a collate function receives the samples and gives the same batch as the gather', () => {
    const samples: unknown[][] = [];
    const loader = new DataLoader(data, {
      batchSize: 4,
      shuffle: true,
      generator: new Generator(3),
      collate: (s) => {
        samples.push(s);
        return s.map(([xi, yi]) => [xi!.toArray(), yi!.item()] as const);
      },
    });
    const got = [...loader];
    expect(samples.map((s) => s.length)).toEqual([4, 2]);
    expect(got.map((b) => b.map((s) => s[0]))).toEqual(batches.map((b) => b.x));
    expect(got.map((b) => b.map((s) => s[1]))).toEqual(batches.map((b) => b.y));
  });
});

describe("errors, PyTorch's wording", () => {
  const { errors } = fixture;
  it('batchSize <= 0, not an integer', () => {
    expect(errors.batch_size_zero!.type).toBe('ValueError');
    const wording = errors.batch_size_zero!.message.replaceAll('batch_size', 'batchSize');
    expect(() => new DataLoader(new TensorDataset(arange(3)), { batchSize: 0 })).toThrow(ValueError);
    expect(() => new DataLoader(new TensorDataset(arange(3)), { batchSize: 0 })).toThrow(wording);
    expect(() => new DataLoader(new TensorDataset(arange(3)), { batchSize: 1.5 })).toThrow('but got batchSize=1.5');
  });
  it('randomSplit: lengths not summing, fractions out of [0, 1], negative or fractional lengths', () => {
    const data = new TensorDataset(arange(10));
    expect(() => randomSplit(data, [3, 3])).toThrow(ValueError);
    expect(() => randomSplit(data, [3, 3])).toThrow(errors.split_sum!.message);
    expect(() => randomSplit(data, [1.5, -0.5])).toThrow(errors.split_fraction!.message);
    expect(() => randomSplit(data, [-1, 11])).toThrow("randomSplit: 'lengths[0]' must be a non-negative integer");
    expect(() => randomSplit(data, [2.5, 7.5])).toThrow("'lengths[0]' must be a non-negative integer");
  });
  it('TensorDataset: size mismatch, not tensors; DataLoader: bad options', () => {
    expect(() => new TensorDataset(arange(3), arange(4))).toThrow(ShapeError);
    expect(() => new TensorDataset(arange(3), arange(4))).toThrow('Size mismatch between tensors');
    expect(() => new TensorDataset([1, 2] as never)).toThrow("TensorDataset: 'tensors[0]' must be a Tensor, got Array");
    const data = new TensorDataset(arange(3));
    expect(() => new DataLoader(data, { shuffle: 1 as never })).toThrow("DataLoader: 'shuffle' must be a boolean");
    expect(() => new DataLoader(data, { dropLast: 'yes' as never })).toThrow('dropLast should be a boolean value');
    expect(() => new DataLoader(data, { generator: 42 as never })).toThrow("DataLoader: 'generator' must be a Generator, got 42");
    expect(() => new DataLoader(data, { shuffle: true, sampler: new RandomSampler(data) })).toThrow(
      'sampler option is mutually exclusive with shuffle',
    );
    expect(() => new DataLoader({ length: 2 } as never)).toThrow("DataLoader: 'dataset' must be a Dataset");
    expect(() => data.get(3)).toThrow('index 3 is out of bounds for dimension 0 with size 3');
    expect(() => data.getBatch([0, 3])).toThrow('index 3 is out of bounds for dimension 0 with size 3');
  });
});

import { arange, tensor, zeros } from '@gradlab/autograd';
import { Generator, IndexError, Tensor as BaseTensor, ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { defaultCollate } from './collate';
import { DataLoader } from './dataloader';
import { ConcatDataset, Subset, TensorDataset, type Dataset } from './dataset';
import { randomSplit } from './random-split';
import { BatchSampler, RandomSampler, SequentialSampler } from './sampler';

describe('defaultCollate', () => {
  it('stacks tensors along a new dim 0, and tuples of tensors entry by entry', () => {
    const [x, y] = defaultCollate([
      [tensor([1, 2]), tensor(0, { dtype: 'int32' })],
      [tensor([3, 4]), tensor(1, { dtype: 'int32' })],
    ]);
    expect(x!.shape).toEqual([2, 2]);
    expect(x!.toArray()).toEqual([[1, 2], [3, 4]]);
    expect(y!.dtype).toBe('int32');
    expect(y!.toArray()).toEqual([0, 1]);
  });

  it('numbers: int32 for integers, float64 when the first is not, float32 for a mix; booleans; strings', () => {
    expect(defaultCollate([1, 2, 3]).dtype).toBe('int32');
    expect(defaultCollate([1.5, 2]).dtype).toBe('float64');
    expect(defaultCollate([1.5, 2]).toArray()).toEqual([1.5, 2]);
    expect(defaultCollate([1, 2.5]).dtype).toBe('float32');
    expect(defaultCollate([true, false]).dtype).toBe('bool');
    expect(defaultCollate(['a', 'b'])).toEqual(['a', 'b']);
  });

  it('plain objects per key, and base tensors', () => {
    const batch = defaultCollate([{ x: tensor([1]), label: 3 }, { x: tensor([2]), label: 4 }]);
    expect(batch.x.toArray()).toEqual([[1], [2]]);
    expect(batch.label.toArray()).toEqual([3, 4]);
    const base = defaultCollate([new BaseTensor(new Float32Array([1, 2]), [2], 'float32'), new BaseTensor(new Float32Array([3, 4]), [2], 'float32')]);
    expect(base.toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it('typed errors for empty batches, unequal tuples, mixed kinds and unknown values', () => {
    expect(() => defaultCollate([])).toThrow(ValueError);
    expect(() => defaultCollate([[1, 2], [3]])).toThrow('each element in list of batch should be of equal size');
    expect(() => defaultCollate([1, 'a'] as never[])).toThrow("defaultCollate: 'batch[1]' must be a number like 'batch[0]', got string 'a'");
    expect(() => defaultCollate([null])).toThrow('default_collate: batch must contain tensors');
    expect(() => defaultCollate([{ a: 1 }, { b: 2 }] as never[])).toThrow("'batch[1]' has no key 'a'");
    expect(() => defaultCollate([tensor([1, 2]), tensor([1, 2, 3])])).toThrow('stack expects each tensor to be equal size');
  });
});

describe('TensorDataset and Subset', () => {
  it('get(i) is the tuple of rows (views), negative indices from the end', () => {
    const data = new TensorDataset(tensor([[1, 2], [3, 4], [5, 6]]), tensor([7, 8, 9], { dtype: 'int32' }));
    expect(data.length).toBe(3);
    expect(data.get(-1).map((t) => t.toArray())).toEqual([[5, 6], 9]);
    expect(() => data.get(-4)).toThrow(IndexError);
    expect(() => data.get(0.5)).toThrow("TensorDataset: an index must be an integer, got 0.5");
  });

  it('a batch is one indexSelect per tensor, differentiable as PyTorch', () => {
    const x = tensor([[1, 2], [3, 4], [5, 6]], { requiresGrad: true });
    const [bx] = new TensorDataset(x).getBatch([2, 0, 2]);
    expect(bx!.gradFn!.name).toBe('IndexSelectBackward0');
    bx!.sum().backward();
    expect(x.grad!.toArray()).toEqual([[1, 1], [0, 0], [2, 2]]);
  });

  it('a Subset of a Subset maps indices through both, one by one and as a batch', () => {
    const data = new TensorDataset(arange(10).mul(10));
    const inner = new Subset(data, [9, 8, 7, 6, 5]);
    const outer = new Subset(inner, [4, 0, -1]);
    expect(outer.length).toBe(3);
    expect(outer.get(0)[0]!.item()).toBe(50);
    expect(outer.getBatch!([0, 1, 2])[0]!.toArray()).toEqual([50, 90, 50]);
    expect(() => outer.get(3)).toThrow('list index out of range');
    expect(() => new Subset(data, [0.5])).toThrow("Subset: 'indices' must be an array of integers");
  });

  it('a Subset of a Dataset without getBatch has none, and the loader collates its samples', () => {
    const squares: Dataset<number> = { length: 5, get: (i) => i * i };
    const s = new Subset(squares, [4, 3]);
    expect(s.getBatch).toBeUndefined();
    expect([...new DataLoader(s, { batchSize: 2 })].map((b) => b.toArray())).toEqual([[16, 9]]);
  });
});

describe('samplers and DataLoader options', () => {
  it('SequentialSampler, BatchSampler with and without dropLast', () => {
    expect([...new SequentialSampler({ length: 3 })]).toEqual([0, 1, 2]);
    const sampler = new SequentialSampler({ length: 5 });
    expect([...new BatchSampler(sampler, 2, false)]).toEqual([[0, 1], [2, 3], [4]]);
    expect([...new BatchSampler(sampler, 2, true)]).toEqual([[0, 1], [2, 3]]);
    expect(new BatchSampler(sampler, 2, false).length).toBe(3);
    expect(new BatchSampler(sampler, 2, true).length).toBe(2);
    expect(() => new BatchSampler(sampler, true as never, false)).toThrow('batchSize should be a positive integer value, but got batchSize=true');
  });

  it('RandomSampler options are checked with PyTorch wording', () => {
    expect(() => new RandomSampler({ length: 3 }, { numSamples: 0 })).toThrow('num_samples should be a positive integer value, but got num_samples=0');
    expect(() => new RandomSampler({ length: 0 })).toThrow('num_samples should be a positive integer value, but got num_samples=0');
    expect(() => new RandomSampler({ length: 3 }, { replacement: 1 as never })).toThrow('replacement should be a boolean value');
  });

  it('a sampler or a batchSampler replaces shuffle and batchSize', () => {
    const data = new TensorDataset(arange(6));
    const sampler = new SequentialSampler({ length: 4 });
    expect([...new DataLoader(data, { sampler, batchSize: 3 })].map((b) => b[0]!.toArray())).toEqual([[0, 1, 2], [3]]);
    const batchSampler = [[5, 0], [1]];
    const loader = new DataLoader(data, { batchSampler: Object.assign(batchSampler, { length: 2 }) });
    expect(loader.length).toBe(2);
    expect([...loader].map((b) => b[0]!.toArray())).toEqual([[5, 0], [1]]);
    expect(() => new DataLoader(data, { batchSampler: Object.assign([[0]], { length: 1 }), batchSize: 2 })).toThrow(
      'batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast',
    );
  });

  it('each pass is a new epoch with a new order; an empty data set gives no batch', () => {
    const loader = new DataLoader(new TensorDataset(arange(8)), { batchSize: 8, shuffle: true, generator: new Generator(1) });
    const [a] = [...loader];
    const [b] = [...loader];
    expect(a![0]!.toArray()).not.toEqual(b![0]!.toArray());
    expect([...a![0]!.toArray() as number[]].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect([...new DataLoader(new TensorDataset(zeros([0, 2])), { batchSize: 2 })]).toEqual([]);
  });

  it('randomSplit of lengths summing to 1 with integers is a fraction split, as PyTorch', () => {
    const [all] = randomSplit(new TensorDataset(arange(5)), [1], { generator: new Generator(6) });
    expect(all!.length).toBe(5);
    expect(() => randomSplit(new TensorDataset(arange(5)), [2, 3], { generator: {} as never })).toThrow("randomSplit: 'generator' must be a Generator");
  });
});

describe('ConcatDataset', () => {
  it("indexes the parts one after the other, negative indices and errors as PyTorch's", () => {
    const both = new ConcatDataset([new TensorDataset(arange(3)), new TensorDataset(arange(0)), new TensorDataset(arange(10, 12))]);
    expect(both.length).toBe(5);
    expect(both.cumulativeSizes).toEqual([3, 3, 5]);
    expect([0, 1, 2, 3, 4, -1, -5].map((i) => both.get(i)[0]!.item())).toEqual([0, 1, 2, 10, 11, 11, 0]);
    expect(() => both.get(-6)).toThrow('absolute value of index should not exceed dataset length');
    expect(() => both.get(5)).toThrow(IndexError);
    expect(() => both.get(5)).toThrow('list index out of range');
    expect(() => new ConcatDataset([])).toThrow('datasets should not be an empty iterable');
    expect(() => new ConcatDataset([{}] as never)).toThrow("ConcatDataset: 'dataset' must be a Dataset");
    const loader = new DataLoader(both, { batchSize: 2 });
    expect([...loader].map((b) => b[0]!.toArray())).toEqual([[0, 1], [2, 10], [11]]);
  });
});

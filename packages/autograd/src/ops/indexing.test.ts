import { describe, expect, it } from 'vitest';
import { GradientError, index, indexPut, indexSelect, randn, scatter, scatterAdd, tensor } from '../index';
import { indexAdd, maskedScatter, put } from './indexing';

const ids = (data: unknown) => tensor(data as number[], { dtype: 'int32' });

describe('indexing gradients: what PyTorch 1.13 refuses, gradlab refuses', () => {
  it('a src larger than the index gets the engine error of PyTorch at backward', () => {
    const x = randn([3, 4], { requiresGrad: true });
    const src = randn([3, 4], { requiresGrad: true });
    const y = scatterAdd(x, 1, ids([[1, 0], [2, 3]]), src);
    expect(() => y.sum().backward()).toThrow(
      'Function ScatterAddBackward0 returned an invalid gradient at index 1 - got [2, 2] but expected shape compatible with [3, 4]',
    );
  });
  it('scatter with reduce has no derivative', () => {
    const x = randn([3, 4], { requiresGrad: true });
    const y = scatter(x, 0, ids([[1, 1, 0, 0]]), randn([1, 4]), { reduce: 'add' });
    expect(y.gradFn?.name).toBe('torch::autograd::NotImplemented');
    expect(() => y.sum().backward()).toThrow(GradientError);
    expect(() => y.sum().backward()).toThrow('derivative for aten::scatter is not implemented');
  });
  it('saved indices are released after backward (a second backward throws)', () => {
    const x = randn([3, 2], { requiresGrad: true });
    const y = indexSelect(x, 0, ids([2, 0])).sum();
    y.backward();
    expect(() => y.backward()).toThrow(GradientError);
  });
  it('gradients of repeated indices accumulate', () => {
    const x = randn([3], { requiresGrad: true });
    index(x, ids([0, 0, 2])).sum().backward();
    expect(x.grad!.toArray()).toEqual([2, 0, 1]);
    const v = tensor([1, 2], { requiresGrad: true });
    indexPut(randn([4]), [ids([1, 3])], v).sum().backward();
    expect(v.grad!.toArray()).toEqual([1, 1]);
  });
});

describe('indexing with a source of another dtype: PyTorch 1.13 raises, so does gradlab (no cast)', () => {
  it('scatterAdd, scatter, indexPut, indexAdd, put and maskedScatter', () => {
    const x = randn([3], { requiresGrad: true });
    const src = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    expect(() => scatterAdd(x, 0, ids([0, 2]), src)).toThrow('scatter(): Expected self.dtype to be equal to src.dtype');
    expect(() => scatter(x, 0, ids([0, 2]), src)).toThrow('scatter(): Expected self.dtype to be equal to src.dtype');
    expect(() => indexPut(x, [ids([0, 2])], src)).toThrow(
      'Index put requires the source and destination dtypes match, got Float for the destination and Double for the source.',
    );
    expect(() => indexAdd(x, 0, ids([0, 2]), src)).toThrow('index_add_(): self (Float) and source (Double) must have the same scalar type');
    expect(() => put(x, ids([0, 2]), src, true)).toThrow(
      'put_(): self and source expected to have the same dtype, but got self.dtype = Float and source.dtype = Double',
    );
    expect(() => maskedScatter(x, tensor([true, false, true]), src)).toThrow(
      'masked_scatter: expected self and source to have same dtypes but gotFloat and Double',
    );
  });
});

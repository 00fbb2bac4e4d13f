import { describe, expect, it } from 'vitest';
import { arange, ones, tensor, zeros } from './creation';
import { IndexError, ShapeError, ValueError } from './errors';
import { cat, stack } from './join';
import { reshape } from './views';

describe('cat', () => {
  it('basic: along dim 0 and dim 1', () => {
    const a = tensor([[1, 2]]);
    const b = tensor([[3, 4], [5, 6]]);
    expect(cat([a, b]).toArray()).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(cat([b, b], 1).toArray()).toEqual([[3, 4, 3, 4], [5, 6, 5, 6]]);
    expect(cat([b, b], -1).shape).toEqual([2, 4]);
  });

  it('strided inputs and a middle dim', () => {
    const x = reshape(arange(8), [2, 2, 2]);
    const y = cat([x, x.mT], 1);
    expect(y.shape).toEqual([2, 4, 2]);
    expect(y.toArray()).toEqual([
      [[0, 1], [2, 3], [0, 2], [1, 3]],
      [[4, 5], [6, 7], [4, 6], [5, 7]],
    ]);
  });

  it('promotes dtypes and skips 1-D empty tensors as PyTorch does', () => {
    const y = cat([tensor([1, 2], { dtype: 'int32' }), tensor([0.5])]);
    expect(y.dtype).toBe('float32');
    expect(y.toArray()).toEqual([1, 2, 0.5]);
    expect(cat([zeros([0]), ones([2, 3])]).shape).toEqual([2, 3]);
    expect(cat([tensor([true]), tensor([false])]).dtype).toBe('bool');
  });

  it('errors', () => {
    expect(() => cat([zeros([2, 2]), zeros([3, 3])], 1)).toThrow(
      'Sizes of tensors must match except in dimension 1. Expected size 2 but got size 3 for tensor number 1 in the list.',
    );
    expect(() => cat([zeros([2]), zeros([2, 3])])).toThrow('Tensors must have same number of dimensions: got 1 and 2');
    expect(() => cat([tensor(1)])).toThrow('zero-dimensional tensor (at position 0) cannot be concatenated');
    expect(() => cat([])).toThrow(ValueError);
    expect(() => cat([zeros([2])], 1)).toThrow(IndexError);
  });
});

describe('stack', () => {
  it('basic: a new dim at any position', () => {
    const a = tensor([1, 2]);
    const b = tensor([3, 4]);
    expect(stack([a, b]).toArray()).toEqual([[1, 2], [3, 4]]);
    expect(stack([a, b], 1).toArray()).toEqual([[1, 3], [2, 4]]);
    expect(stack([a, b], -1).shape).toEqual([2, 2]);
    expect(stack([tensor(1), tensor(2)]).toArray()).toEqual([1, 2]);
  });

  it('errors: unequal shapes', () => {
    expect(() => stack([zeros([2, 3]), zeros([2, 4])])).toThrow(
      'stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [2, 4] at entry 1',
    );
    expect(() => stack([zeros([2, 3]), zeros([2, 4])])).toThrow(ShapeError);
  });
});

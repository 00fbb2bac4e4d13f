import { describe, expect, it } from 'vitest';
import { arange, tensor, zeros } from './creation';
import { DTypeError, IndexError } from './errors';
import { argmax, argmin, max, mean, min, prod, sum } from './reduce';

const x24 = (): ReturnType<typeof arange> => arange(24).reshape(2, 3, 4).float();

describe('sum / mean / prod', () => {
  it('basic: all dims and one dim, with keepdim', () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(sum(x).item()).toBe(10);
    expect(sum(x).shape).toEqual([]);
    expect(sum(x, 0).toArray()).toEqual([4, 6]);
    expect(sum(x, 1, true).toArray()).toEqual([[3], [7]]);
    expect(prod(x, 1).toArray()).toEqual([2, 12]);
    expect(mean(x, -1).toArray()).toEqual([1.5, 3.5]);
    expect(mean(x).item()).toBe(2.5);
  });

  it('lists of dims, negative dims, keepdim (values from PyTorch 1.13)', () => {
    expect(sum(x24(), [0, 2]).toArray()).toEqual([60, 92, 124]);
    expect(mean(x24(), [-1, 0], true).toArray()).toEqual([[[7.5], [11.5], [15.5]]]);
    expect(sum(x24(), [0, 1, 2]).item()).toBe(276);
    expect(sum(x24(), []).item()).toBe(276);
  });

  it('strided inputs reduce over the logical dims', () => {
    const p = x24().permute(2, 0, 1);
    expect(sum(p, 1).toArray()).toEqual([
      [12, 20, 28],
      [14, 22, 30],
      [16, 24, 32],
      [18, 26, 34],
    ]);
    expect(sum(tensor([[1, 2], [3, 4]]).T, 1).toArray()).toEqual([4, 6]);
    expect(sum(tensor([1]).expand(5)).item()).toBe(5);
  });

  it('dtypes: int32/bool sum and prod to int32 with wrap-around; float64 kept', () => {
    const b = tensor([[true, false], [true, true]]);
    expect(sum(b, 1).dtype).toBe('int32');
    expect(sum(b, 1).toArray()).toEqual([1, 2]);
    expect(prod(tensor([[2, 3], [4, 5]], { dtype: 'int32' })).item()).toBe(120);
    expect(sum(tensor([2147483647, 1], { dtype: 'int32' })).item()).toBe(-2147483648);
    expect(prod(tensor([65536, 65536], { dtype: 'int32' })).item()).toBe(0);
    expect(sum(tensor([0.1, 0.2], { dtype: 'float64' })).item()).toBe(0.1 + 0.2);
  });

  it('empty reductions: sum 0, prod 1, mean NaN', () => {
    expect(sum(zeros([0])).item()).toBe(0);
    expect(prod(zeros([0])).item()).toBe(1);
    expect(mean(zeros([0])).item()).toBeNaN();
    expect(sum(zeros([2, 0]), 1).toArray()).toEqual([0, 0]);
  });

  it('propagates NaN and infinities', () => {
    expect(sum(tensor([1, Number.NaN])).item()).toBeNaN();
    expect(sum(tensor([Infinity, -Infinity])).item()).toBeNaN();
    expect(mean(tensor([Infinity, 1])).item()).toBe(Infinity);
  });

  it('0-d tensors accept dim 0 and -1', () => {
    expect(sum(tensor(3), 0).item()).toBe(3);
    expect(sum(tensor(3), -1, true).shape).toEqual([]);
  });

  it('errors: bad dims, duplicate dims, mean of integers', () => {
    expect(() => sum(zeros([2, 3]), 2)).toThrow('sum: Dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => sum(zeros([2, 3]), [0, 0])).toThrow('sum: dim 0 appears multiple times in the list of dims');
    expect(() => mean(tensor([1], { dtype: 'int32' }))).toThrow(
      'mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: int32',
    );
    expect(() => mean(tensor([1], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => sum(zeros([2]), 0, 1 as never)).toThrow(DTypeError);
  });
});

describe('max / min / argmax / argmin', () => {
  it('basic: over everything gives a 0-d tensor', () => {
    const x = tensor([[1, 5], [7, 2]]);
    expect(max(x).item()).toBe(7);
    expect(min(x).item()).toBe(1);
    expect(max(x).shape).toEqual([]);
    expect(argmax(x).item()).toBe(2);
    expect(argmin(x).item()).toBe(0);
    expect(argmax(x).dtype).toBe('int32');
  });

  it('along a dim: values and int32 indices, keepdim', () => {
    const x = tensor([[1, 5], [7, 2]]);
    const r = max(x, 1);
    expect(r.values.toArray()).toEqual([5, 7]);
    expect(r.indices.toArray()).toEqual([1, 0]);
    expect(r.indices.dtype).toBe('int32');
    const k = min(x, 0, true);
    expect(k.values.toArray()).toEqual([[1, 2]]);
    expect(k.indices.toArray()).toEqual([[0, 1]]);
    expect(argmax(x, 0).toArray()).toEqual([1, 0]);
    expect(argmin(x, -1, true).toArray()).toEqual([[0], [1]]);
    expect(argmax(x, null, true).shape).toEqual([1, 1]);
  });

  it('ties give the first index (PyTorch)', () => {
    expect(argmax(tensor([1, 3, 3])).item()).toBe(1);
    expect(max(tensor([[1, 5], [5, 1]]), 1).indices.toArray()).toEqual([1, 0]);
    expect(argmin(tensor([2, 0, 0, 2])).item()).toBe(1);
  });

  it('NaN is the max and the min, first NaN wins (PyTorch)', () => {
    const x = tensor([1, 3, Number.NaN, 3, Number.NaN]);
    expect(max(x).item()).toBeNaN();
    const r = max(x, 0);
    expect(r.values.item()).toBeNaN();
    expect(r.indices.item()).toBe(2);
    expect(argmax(tensor([Number.NaN, 1, Number.NaN])).item()).toBe(0);
    expect(argmin(tensor([2, Number.NaN, 1])).item()).toBe(1);
    expect(min(tensor([2, Number.NaN, 1]), 0).indices.item()).toBe(1);
  });

  it('strided input, int32 and bool dtypes, 0-d input', () => {
    const t = tensor([[1, 9], [8, 2]]).T; // [[1, 8], [9, 2]]
    expect(max(t, 1).values.toArray()).toEqual([8, 9]);
    expect(argmax(t).item()).toBe(2);
    expect(max(tensor([3, -1], { dtype: 'int32' })).dtype).toBe('int32');
    expect(max(tensor([false, true])).toArray()).toBe(true);
    const s = max(tensor(3), 0);
    expect(s.values.item()).toBe(3);
    expect(s.indices.item()).toBe(0);
  });

  it('errors: empty inputs, bad dims, a list of dims', () => {
    expect(() => max(zeros([0]))).toThrow(/max\(\): Expected reduction dim to be specified for input.numel\(\) == 0/);
    expect(() => max(zeros([2, 0]), 1)).toThrow('max(): Expected reduction dim 1 to have non-zero size.');
    expect(() => argmin(zeros([0]))).toThrow(IndexError);
    expect(() => min(zeros([2]), 1)).toThrow(IndexError);
    expect(() => max(zeros([2]), [0] as never)).toThrow(IndexError);
  });
});

/*
 * The issue-15 sorting and selection kernels on their own (values from PyTorch 1.13;
 * the full fixture set runs in packages/autograd/test/reduce.golden.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { arange, reshape, tensor } from './index';
import { argsort, kthvalue, median, mode, sort, topk } from './sorting';
import { IndexError } from './errors';

const x = tensor([3, NaN, 1, 2, -0.5, 0.25, NaN, 5]);
const m = reshape(arange(12), [3, 4]);

describe('sort, argsort, topk', () => {
  it('NaN last ascending, first descending, in their order', () => {
    expect(sort(x).indices.toArray()).toEqual([4, 5, 2, 3, 0, 7, 1, 6]);
    expect(sort(x, 0, { descending: true }).indices.toArray()).toEqual([1, 6, 7, 0, 3, 2, 5, 4]);
    expect(argsort(tensor([2, 1, 2, 1], { dtype: 'int32' }), -1, { stable: true }).toArray()).toEqual([1, 3, 0, 2]);
  });
  it('along dim 0 of a matrix', () => {
    expect(sort(m, 0, { descending: true }).values.toArray()).toEqual([[8, 9, 10, 11], [4, 5, 6, 7], [0, 1, 2, 3]]);
    expect(topk(m, 2, 0).indices.toArray()).toEqual([[2, 2, 2, 2], [1, 1, 1, 1]]);
    expect(topk(x, 3).indices.toArray()).toEqual([1, 6, 7]);
  });
  it('k out of range', () => {
    expect(() => topk(x, 9)).toThrow(IndexError);
    expect(() => topk(x, 9)).toThrow('selected index k out of range');
    expect(() => kthvalue(x, 0)).toThrow('kthvalue(): selected number k out of range for dimension 0');
  });
});

describe('kthvalue, median, mode', () => {
  it('kthvalue and the lower median', () => {
    expect(kthvalue(tensor([4, 1, 3]), 2).values.item()).toBe(3);
    expect(median(tensor([4, 1, 3, 2])).item()).toBe(2);
    expect(median(tensor([4, 1, 3, 2]), 0).indices.item()).toBe(3);
    expect(median(x).item()).toBeNaN();
    expect(median(tensor([[1, NaN], [2, 3]]), 1).indices.toArray()).toEqual([1, 0]);
    expect(median(m, 1, true).values.toArray()).toEqual([[1], [5], [9]]);
  });
  it('mode: most frequent, smallest on equal counts, last occurrence', () => {
    expect(mode(tensor([1, 2, 2, 3, 3, 1, 1, 2])).indices.item()).toBe(6);
    const t = mode(tensor([3, 2, 2, 3]));
    expect([t.values.item(), t.indices.item()]).toEqual([2, 2]);
    expect(() => mode(reshape(tensor([]), [0, 2]), 0)).toThrow('mode(): Expected reduction dim 0 to have non-zero size.');
  });
});

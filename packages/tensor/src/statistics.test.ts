/*
 * The issue-15 reduction and scan kernels on their own (values from PyTorch 1.13;
 * the full fixture set runs in packages/autograd/test/reduce.golden.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { arange, permute, reshape, tensor } from './index';
import { all, amax, amin, any, cumprod, cumsum, logsumexp, norm, std, variance } from './statistics';
import { DTypeError, IndexError } from './errors';

const x = tensor([[1, 2, 3], [4, 5, 7]], { dtype: 'float64' });
// a non-contiguous input: arange(24).reshape(2, 3, 4).permute(2, 0, 1)
const strided = permute(reshape(arange(24, { dtype: 'float64' }), [2, 3, 4]), [2, 0, 1]);

describe('var and std', () => {
  it('basic, over a dim, correction 0 with keepdim', () => {
    expect(variance(x).item()).toBeCloseTo(4.666666666666667, 14);
    expect(variance(x, 1).toArray()).toEqual([1, 2.333333333333334].map((v) => expect.closeTo(v, 14)));
    expect(std(x, 0, { correction: 0, keepdim: true }).toArray()).toEqual([[1.5, 1.5, 2]]);
  });
  it('a list of dims of a strided input', () => {
    expect(variance(strided, [0, 2]).toArray()).toEqual([13, 13]);
  });
  it('rejects integers with PyTorch message', () => {
    expect(() => variance(tensor([1, 2], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => std(tensor([1, 2], { dtype: 'int32' }))).toThrow('std and var only support floating point and complex dtypes');
  });
  it('one element with correction 1 is NaN', () => {
    expect(Number.isNaN(variance(tensor([3])).item() as number)).toBe(true);
  });
});

describe('logsumexp, amax, amin, all, any, norm', () => {
  it('logsumexp is stable for large inputs', () => {
    expect(logsumexp(tensor([1000, 1000], { dtype: 'float64' }), 0).item()).toBeCloseTo(1000.6931471805599, 12);
    expect(logsumexp(tensor([1, 2], { dtype: 'int32' }), 0).dtype).toBe('float32');
  });
  it('amax/amin over a list, all dims, errors on empty dims', () => {
    expect(amax(strided, [1]).toArray()).toEqual([[12, 16, 20], [13, 17, 21], [14, 18, 22], [15, 19, 23]]);
    expect(amin(x).item()).toBe(1);
    expect(amax(tensor([1, NaN, 3]), 0).item()).toBeNaN();
    expect(() => amax(reshape(tensor([]), [0, 3]), 0)).toThrow(IndexError);
    expect(() => amax(reshape(tensor([]), [0, 3]), 0)).toThrow('amax(): Expected reduction dim 0 to have non-zero size.');
  });
  it('all/any give bool, NaN is true', () => {
    const y = tensor([[0, NaN], [1, 2]]);
    expect(all(y, 1).toArray()).toEqual([false, true]);
    expect(any(y).dtype).toBe('bool');
    expect(all(tensor([])).toArray()).toBe(true);
    expect(any(tensor([])).toArray()).toBe(false);
  });
  it('norm for several orders', () => {
    expect(norm(x).item()).toBeCloseTo(10.198039027185569, 13);
    expect(norm(x, 3, 1).toArray()).toEqual([3.3019272488946263, 8.102839019043893].map((v) => expect.closeTo(v, 13)));
    expect(norm(x, 0.5).item()).toBeCloseTo(121.61862917901489, 11);
    expect(norm(x, Infinity, 1).toArray()).toEqual([3, 7]);
    expect(norm(x, -Infinity).item()).toBe(1);
    expect(norm(tensor([0, 2, 0]), 0).item()).toBe(1);
    expect(() => norm(tensor([1], { dtype: 'int32' }))).toThrow('norm(): input dtype should be either floating point or complex. Got Int instead.');
  });
});

describe('cumsum and cumprod', () => {
  it('along a dim, int32 kept, bool to int32', () => {
    expect(cumprod(tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'int32' }), 1).toArray()).toEqual([[1, 2, 6], [4, 20, 120]]);
    expect(cumsum(x, 0).toArray()).toEqual([[1, 2, 3], [5, 7, 10]]);
    expect(cumsum(tensor([true, true, false]), 0).dtype).toBe('int32');
  });
  it('a strided input along a middle dim', () => {
    expect(Array.from(cumsum(strided, 1).dataSync()).slice(0, 8)).toEqual([0, 4, 8, 12, 20, 28, 1, 5]);
  });
  it('a dim out of range is an IndexError', () => {
    expect(() => cumsum(x, 2)).toThrow(IndexError);
  });
});

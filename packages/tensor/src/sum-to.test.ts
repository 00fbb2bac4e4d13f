import { describe, expect, it } from 'vitest';
import { arange, ones, tensor } from './creation';
import { ShapeError } from './errors';
import { sumTo } from './sum-to';

describe('sumTo', () => {
  it('basic: sums leading dims and broadcast size-1 dims', () => {
    expect(sumTo(ones([2, 3]), [3]).toArray()).toEqual([2, 2, 2]);
    expect(sumTo(ones([2, 3]), [2, 1]).toArray()).toEqual([[3], [3]]);
    expect(sumTo(ones([2, 3]), [1, 3]).toArray()).toEqual([[2, 2, 2]]);
    expect(sumTo(ones([4, 2, 3]), []).item()).toBe(24);
    expect(sumTo(arange(6).reshape(2, 3).float(), [1]).toArray()).toEqual([15]);
  });

  it('returns the same tensor when the shape already matches', () => {
    const x = tensor([[1, 2]]);
    expect(sumTo(x, [1, 2])).toBe(x);
  });

  it('inverts broadcasting for every broadcast of [3, 1] to [2, 3, 4]', () => {
    const g = ones([2, 3, 4]);
    const r = sumTo(g, [3, 1]);
    expect(r.shape).toEqual([3, 1]);
    expect(r.toArray()).toEqual([[8], [8], [8]]);
  });

  it('errors: shapes that do not broadcast', () => {
    expect(() => sumTo(ones([2, 3]), [4])).toThrow("sumTo: shape [4] does not broadcast to the tensor's shape [2, 3]");
    expect(() => sumTo(ones([3]), [2, 3])).toThrow(ShapeError);
  });
});

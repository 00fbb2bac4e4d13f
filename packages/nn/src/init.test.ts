import { zeros } from '@gradlab/autograd';
import { Generator, ShapeError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { constant_, fanInAndFanOut, kaimingUniform_, ones_, uniform_, xavierUniform_, zeros_ } from './init';

const values = (x: { data: { storage: ArrayLike<number> } }) => Array.from(x.data.storage);

describe('init', () => {
  it('fanInAndFanOut follows PyTorch for weights and convolution kernels', () => {
    expect(fanInAndFanOut([11, 5])).toEqual({ fanIn: 5, fanOut: 11 });
    expect(fanInAndFanOut([8, 3, 2, 2])).toEqual({ fanIn: 12, fanOut: 32 });
    expect(() => fanInAndFanOut([4])).toThrow(ShapeError);
  });

  it('uniform_ stays in [low, high) and is reproducible', () => {
    const a = uniform_(zeros([1000]), -2, 3, { generator: new Generator(5) });
    const b = uniform_(zeros([1000]), -2, 3, { generator: new Generator(5) });
    expect(values(a).every((v) => v >= -2 && v < 3)).toBe(true);
    expect(values(a)).toEqual(values(b));
  });

  it('kaimingUniform_ with a = sqrt(5) is U(-1/sqrt(fanIn), 1/sqrt(fanIn))', () => {
    const w = kaimingUniform_(zeros([200, 25]), { a: Math.sqrt(5), generator: new Generator(0) });
    const largest = Math.max(...values(w).map(Math.abs));
    expect(largest).toBeLessThanOrEqual(0.2);
    expect(largest).toBeGreaterThan(0.19);
  });

  it('xavierUniform_ uses sqrt(6 / (fanIn + fanOut))', () => {
    const w = xavierUniform_(zeros([30, 30]), { generator: new Generator(0) });
    expect(Math.max(...values(w).map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 60));
  });

  it('constant_, zeros_ and ones_ fill in place', () => {
    const x = zeros([3]);
    expect(constant_(x, 0.5)).toBe(x);
    expect(values(x)).toEqual([0.5, 0.5, 0.5]);
    expect(values(ones_(x))).toEqual([1, 1, 1]);
    expect(values(zeros_(x))).toEqual([0, 0, 0]);
  });
});

import { describe, expect, it } from 'vitest';

import { expectAllClose, finiteScale, isClose } from './close';

describe('isClose', () => {
  it("agrees with torch.isclose(a, e, rtol=1e-5, atol=1e-8, equal_nan=True) (PyTorch 1.13, float64)", () => {
    const actual = [1, 1 + 1e-5, 1 + 2e-5, Number.NaN, Number.POSITIVE_INFINITY, 0, 1e-9];
    const expected = [1, 1, 1, Number.NaN, Number.POSITIVE_INFINITY, -0, 0];
    expect(actual.map((a, i) => isClose(a, expected[i]!, { rtol: 1e-5, atol: 1e-8 }))).toEqual([true, true, false, true, true, true, true]);
  });

  it('needs non-finite values to match exactly', () => {
    expect(isClose(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, { atol: Infinity })).toBe(false);
    expect(isClose(Number.NaN, 1, { atol: 10 })).toBe(false);
    expect(isClose(1, Number.NaN, { atol: 10 })).toBe(false);
  });

  it('measures rtol against |expected| only, unless symmetric', () => {
    expect(isClose(2, 1, { rtol: 0.6 })).toBe(false); // |2 - 1| > 0.6 * 1
    expect(isClose(2, 1, { rtol: 0.6, symmetric: true })).toBe(true); // <= 0.6 * 2
  });

  it('adds scaleRtol times the scale, and floors the magnitude rtol applies to', () => {
    expect(isClose(0.001, 0, { scaleRtol: 1e-3 }, 1)).toBe(true);
    expect(isClose(0.0011, 0, { scaleRtol: 1e-3 }, 1)).toBe(false);
    expect(isClose(1e-13, 0, { rtol: 1e-12, floor: 1 })).toBe(true);
    expect(isClose(2e-12, 0, { rtol: 1e-12, floor: 1 })).toBe(false);
  });

  it('checks the sign of zeros only when asked', () => {
    expect(isClose(-0, 0)).toBe(true);
    expect(isClose(-0, 0, { signedZero: true })).toBe(false);
    expect(isClose(0, 0, { signedZero: true })).toBe(true);
  });
});

describe('expectAllClose', () => {
  it('takes the scale from the largest finite expected magnitude', () => {
    expect(finiteScale([1, -4, Number.NaN, Number.NEGATIVE_INFINITY])).toBe(4);
    expect(() => expectAllClose([0.004, 3], [0, 3], { scaleRtol: 1e-3 }, 'x')).toThrow(/x\[0\]: got 0.004, expected 0/);
    expectAllClose([0.002, 3], [0, 3], { scaleRtol: 1e-3 }, 'x');
  });

  it('fails on a length mismatch', () => {
    expect(() => expectAllClose([1], [1, 2], {}, 'y')).toThrow(/y: length/);
  });
});

import { describe, expect, it } from 'vitest';
import { parse } from './parser';
import { finiteDifferences } from './finite-diff';

describe('finiteDifferences', () => {
  it('approximates smooth derivatives to near machine precision', () => {
    const [a, b] = finiteDifferences(parse('x1 * sin(x2)'), [3, 0.5]);
    expect(a!.value).toBeCloseTo(Math.sin(0.5), 12);
    expect(b!.value).toBeCloseTo(3 * Math.cos(0.5), 12);
    expect(a!.error).toBeLessThan(1e-10);
  });

  it('handles large magnitudes with a relative step', () => {
    const [d] = finiteDifferences(parse('exp(x1)'), [20]);
    expect(Math.abs(d!.value - Math.exp(20)) / Math.exp(20)).toBeLessThan(1e-9);
  });

  it('gives the mean of the one-sided slopes at a kink, where it cannot check anything (findKinks flags these)', () => {
    const [d] = finiteDifferences(parse('relu(x1)'), [0]);
    expect(d!.value).toBeCloseTo(0.5, 12);
  });

  it('gives a large error estimate where the steps never settle', () => {
    const [d] = finiteDifferences(parse('sin(1 / x1)'), [1e-4]);
    expect(d!.error).toBeGreaterThan(1);
  });
});

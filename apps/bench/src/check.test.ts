import { describe, expect, it } from 'vitest';
import { checkProbes } from './check';

const expected = new Map([
  ['loss', new Float64Array([2.5])],
  ['grad', new Float64Array([1, -0.5, 0, 1e-3])],
]);

describe('checkProbes', () => {
  it('accepts float32 rounding of the reference', () => {
    const result = checkProbes(expected, (name) => Float64Array.from(expected.get(name)!, Math.fround));
    expect(result.ok).toBe(true);
    expect(result.maxScaledError).toBeLessThan(1e-7);
  });

  it('rejects a wrong value, naming the probe and the element', () => {
    const result = checkProbes(expected, (name) => (name === 'grad' ? new Float64Array([1, -0.5, 1e-3, 1e-3]) : expected.get(name)!));
    expect(result.ok).toBe(false);
    expect(result.message).toContain('grad[2]');
    expect(result.message).toContain('1 of 4 values off');
  });

  it('rejects NaN, a missing probe and a wrong length', () => {
    expect(checkProbes(expected, (name) => (name === 'loss' ? new Float64Array([NaN]) : expected.get(name)!)).ok).toBe(false);
    expect(checkProbes(expected, (name) => (name === 'loss' ? null : expected.get(name)!)).message).toBe('loss: missing');
    expect(checkProbes(expected, (name) => (name === 'grad' ? new Float64Array(3) : expected.get(name)!)).message).toBe('grad: 3 values, expected 4');
  });
});

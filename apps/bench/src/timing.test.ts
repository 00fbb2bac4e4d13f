import { describe, expect, it } from 'vitest';
import { measure, summarize } from './timing';

describe('summarize', () => {
  it('gives median, min and max for odd and even counts', () => {
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
  });

  it('refuses an empty list', () => {
    expect(() => summarize([])).toThrow('no samples');
  });
});

describe('measure', () => {
  it('warms up, then times the planned repeats', () => {
    let calls = 0;
    const timing = measure(() => void calls++, { warmupSeconds: 0, minWarmupIterations: 2, repeats: 4, repeatSeconds: 0.001, budgetSeconds: 10, clock: 'wall' });
    expect(timing.warmupIterations).toBe(2);
    expect(timing.samples).toHaveLength(4);
    expect(calls).toBe(2 + 4 * timing.iterationsPerRepeat);
  });
});

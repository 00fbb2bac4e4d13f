import { describe, expect, it } from 'vitest';
import * as B from './index';
import { softmaxBackwardData, thresholdBackward } from './backward-kernels';

describe('fused backward kernels', () => {
  it('thresholdBackward keeps the gradient where the result is positive or NaN', () => {
    expect(thresholdBackward(B.tensor([1, 2, 3, 4]), B.tensor([0, -1, 2, NaN])).toArray()).toEqual([0, 0, 3, 4]);
  });

  it('softmaxBackwardData handles any dim', () => {
    const y = B.softmax(B.tensor([[1, 2], [3, 5]]), 0);
    const g = B.tensor([[1, 0], [0, 0]]);
    const out = softmaxBackwardData(g, y, 0).toArray() as number[][];
    const y00 = (y.toArray() as number[][])[0]![0]!;
    expect(out[0]![0]).toBeCloseTo(y00 * (1 - y00), 6);
    expect(out[0]![1]).toBe(0);
  });
});

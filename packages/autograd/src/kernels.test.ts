import { describe, expect, it } from 'vitest';
import * as B from '@gradlab/tensor';
import { embed, embedSelect, gather, scatter, softmaxBackwardData, thresholdBackward } from './kernels';

describe('kernels', () => {
  it('embed writes a strided source at start:step along a dim', () => {
    const src = B.transpose(B.tensor([[1, 2], [3, 4]]), 0, 1); // [[1, 3], [2, 4]], non-contiguous
    expect(embed(src, [2, 5], 1, 1, 2).toArray()).toEqual([
      [0, 1, 0, 3, 0],
      [0, 2, 0, 4, 0],
    ]);
  });

  it('embedSelect writes a source without the dim at an index', () => {
    expect(embedSelect(B.tensor([7, 8]), [2, 3], 1, 2).toArray()).toEqual([
      [0, 0, 7],
      [0, 0, 8],
    ]);
    expect(embedSelect(B.tensor(5), [3], 0, 1).toArray()).toEqual([0, 5, 0]);
  });

  it('scatter and gather along a dim are inverses', () => {
    const indices = B.tensor([[2], [0]], { dtype: 'int32' });
    const s = scatter(B.tensor([[5], [6]]), 1, indices, [2, 3]);
    expect(s.toArray()).toEqual([
      [0, 0, 5],
      [6, 0, 0],
    ]);
    expect(gather(s, 1, indices).toArray()).toEqual([[5], [6]]);
  });

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

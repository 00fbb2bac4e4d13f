import { describe, expect, it } from 'vitest';
import * as B from './index';
import { embed, embedSelect, gather, scatter } from './gather-scatter';

describe('index kernels', () => {
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
});

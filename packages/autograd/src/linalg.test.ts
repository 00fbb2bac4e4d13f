import { describe, expect, it } from 'vitest';
import { bmm, dot, matmul, mm, mv, ones, sum, tensor, zeros } from './index';

describe('matmul', () => {
  it('records the nodes PyTorch records for each combination of ranks', () => {
    const r = (shape: number[]) => ones(shape, { requiresGrad: true });
    const cases: [number[], number[], string, number[]][] = [
      [[3], [3], 'DotBackward0', []],
      [[2, 3], [3], 'MvBackward0', [2]],
      [[3], [3, 4], 'SqueezeBackward3', [4]],
      [[2, 3], [3, 4], 'MmBackward0', [2, 4]],
      [[5, 2, 3], [3, 4], 'UnsafeViewBackward0', [5, 2, 4]],
      [[5, 2, 3], [3], 'UnsafeViewBackward0', [5, 2]],
      [[2, 3], [5, 3, 4], 'CloneBackward0', [5, 2, 4]],
      [[3], [5, 3, 4], 'UnsafeViewBackward0', [5, 4]],
      [[2, 1, 2, 3], [4, 3, 2], 'UnsafeViewBackward0', [2, 4, 2, 2]],
    ];
    for (const [a, b, name, shape] of cases) {
      const y = matmul(r(a), r(b));
      expect(y.gradFn!.name, `${a} @ ${b}`).toBe(name);
      expect([...y.shape], `${a} @ ${b}`).toEqual(shape);
    }
  });

  it('gradients of a batched, broadcast product sum over the broadcast batch', () => {
    const a = ones([2, 1, 2, 3], { requiresGrad: true });
    const b = ones([4, 3, 2], { requiresGrad: true });
    sum(matmul(a, b)).backward();
    // every element of a meets 4 batches x 2 columns; every element of b meets 2 x 2 rows
    expect((a.grad!.toArray() as number[][][][]).flat(3).every((v) => v === 8)).toBe(true);
    expect((b.grad!.toArray() as number[][][]).flat(2).every((v) => v === 4)).toBe(true);
  });

  it('without grad it is the base matmul', () => {
    expect(matmul(tensor([[1, 2]]), tensor([[3], [4]])).toArray()).toEqual([[11]]);
    expect(mm(zeros([2, 3]), zeros([3, 1])).requiresGrad).toBe(false);
  });

  it('dot, mv, bmm check their ranks', () => {
    expect(() => dot(ones([2, 2]), ones([2]))).toThrow('1D tensors expected, but got 2D and 1D tensors');
    expect(() => mv(ones([2]), ones([2]))).toThrow();
    expect(bmm(ones([2, 1, 3]), ones([2, 3, 1])).toArray()).toEqual([[[3]], [[3]]]);
  });
});

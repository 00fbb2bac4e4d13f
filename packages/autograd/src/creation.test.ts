import { describe, expect, it } from 'vitest';
import * as B from '@gradlab/tensor';
import {
  arange, empty, eye, fromData, full, fullLike, Generator, linspace, ones, onesLike, rand, randint, randn, tensor,
  zeros, zerosLike,
} from './index';

describe('factories', () => {
  it('make leaves that require grad on request', () => {
    for (const t of [
      tensor([1, 2], { requiresGrad: true }),
      zeros([2], { requiresGrad: true }),
      ones([2], { requiresGrad: true }),
      empty([2], { requiresGrad: true }),
      full([2], 3.5, { requiresGrad: true }),
      arange(0, 2, 1, { dtype: 'float32', requiresGrad: true }),
      linspace(0, 1, 3, { requiresGrad: true }),
      eye(2, { requiresGrad: true }),
      rand([2], { requiresGrad: true }),
      randn([2], { requiresGrad: true }),
    ]) {
      expect(t.requiresGrad).toBe(true);
      expect(t.isLeaf).toBe(true);
    }
    expect(zeros([2]).requiresGrad).toBe(false);
  });

  it('pass dtype and generator through to @gradlab/tensor', () => {
    expect(tensor([1, 2], { dtype: 'float64' }).dtype).toBe('float64');
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(arange(5).dtype).toBe('int32');
    expect(eye(2, 3).shape).toEqual([2, 3]);
    const a = randn([3], { generator: new Generator(5) }).toArray();
    const b = B.randn([3], { generator: new B.Generator(5) }).toArray();
    expect(a).toEqual(b);
    expect(randint(0, 4, [10]).dtype).toBe('int32');
    expect(randint(4, [3]).shape).toEqual([3]);
  });

  it('like-factories take the shape and dtype of a tensor', () => {
    const x = tensor([[1, 2]], { dtype: 'float64', requiresGrad: true });
    expect(zerosLike(x).toArray()).toEqual([[0, 0]]);
    expect(onesLike(x).dtype).toBe('float64');
    expect(fullLike(x, 7).toArray()).toEqual([[7, 7]]);
    expect(zerosLike(x).requiresGrad).toBe(false);
  });

  it('fromData wraps without copying; tensor() copies', () => {
    const base = B.tensor([1, 2, 3]);
    const wrapped = fromData(base, true);
    expect(wrapped.data).toBe(base);
    expect(wrapped.requiresGrad).toBe(true);
    const copied = tensor(wrapped);
    expect(copied.data.storage).not.toBe(base.storage);
    expect(copied.toArray()).toEqual([1, 2, 3]);
  });
});

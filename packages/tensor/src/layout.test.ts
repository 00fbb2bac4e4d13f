import { describe, expect, it } from 'vitest';
import { add, mul } from './binary';
import { cast } from './cast';
import { clamp } from './clamp';
import { arange, ones } from './creation';
import { ShapeError } from './errors';
import { denseStrides, elementwiseOrder, isNonOverlappingAndDense } from './layout';
import { exp } from './unary';
import { clone, contiguous, view } from './views';
import { where } from './where';

// Strides PyTorch 1.13 gives the same calls (x = torch.ones(2, 3)).
describe('result layouts follow PyTorch (they decide whether view works)', () => {
  const x = ones([2, 3]);

  it('elementwise results are dense in the order of the operands\' strides', () => {
    expect(add(x.T, 1).strides).toEqual([1, 3]);
    expect(exp(x.T).strides).toEqual([1, 3]);
    expect(add(x.T, x.T).strides).toEqual([1, 3]);
    expect(add(x.T, ones([3, 2])).strides).toEqual([1, 3]); // the first operand decides
    expect(add(ones([3, 2]), x.T).strides).toEqual([2, 1]);
    expect(add(x.slice(1, 0, null, 2), 1).strides).toEqual([2, 1]);
    expect(add(ones([4, 1, 3]).permute(2, 1, 0), 1).strides).toEqual([1, 3, 3]);
    expect(where(x.T.gt(0), x.T, 0).strides).toEqual([1, 3]);
    expect(clamp(x.T, 0, 1).strides).toEqual([1, 3]);
    expect(mul(x.T.unsqueeze(0).expand([4, 3, 2]), 2).strides).toEqual([6, 1, 3]);
  });

  it('clone and to keep a dense view\'s strides (preserve_format); contiguous is row-major', () => {
    expect(clone(x.T).strides).toEqual([1, 3]);
    expect(cast(x.T, 'float64').strides).toEqual([1, 3]);
    expect(clone(x.slice(1, 0, null, 2)).strides).toEqual([2, 1]);
    expect(contiguous(x.T).strides).toEqual([2, 1]);
  });

  it('so x.T.add(1).view(6) raises, as in PyTorch, and reshape copies', () => {
    expect(() => view(add(x.T, 1), [6])).toThrow(ShapeError);
    expect(() => view(clone(x.T), [6])).toThrow(ShapeError);
    expect(add(arange(6).reshape(2, 3).T, 0).reshape(6).toArray()).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('the helpers', () => {
    expect(elementwiseOrder([3, 2], [[1, 3]])).toEqual([1, 0]);
    expect(elementwiseOrder([2, 3], [[3, 1], [0, 1]])).toBeNull();
    expect(denseStrides([3, 2], [1, 0])).toEqual([1, 3]);
    expect(isNonOverlappingAndDense([3, 2], [1, 3])).toBe(true);
    expect(isNonOverlappingAndDense([2, 2], [4, 1])).toBe(false);
  });
});

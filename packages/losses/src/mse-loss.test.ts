import { tensor } from '@gradlab/autograd';
import { DTypeError, ShapeError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { mseLoss } from './mse-loss';

describe('mseLoss', () => {
  it('basic, each reduction', () => {
    const a = tensor([2.5, 0, 2]);
    const b = tensor([3, -0.5, 2]);
    expect(mseLoss(a, b).item()).toBeCloseTo(0.5 / 3, 6);
    expect(mseLoss(a, b, { reduction: 'sum' }).item()).toBeCloseTo(0.5, 6);
    expect(mseLoss(a, b, { reduction: 'none' }).toArray()).toEqual([0.25, 0.25, 0]);
  });

  it('throws instead of broadcasting [N, 1] against [N], naming both shapes', () => {
    expect(() => mseLoss(tensor([[1], [2]]), tensor([1, 2]))).toThrow(ShapeError);
    expect(() => mseLoss(tensor([[1], [2]]), tensor([1, 2]))).toThrow(
      "mseLoss: target of shape [2] must have the input's shape [2, 1]",
    );
  });

  it('names both dtypes on a dtype mismatch', () => {
    expect(() => mseLoss(tensor([1]), tensor([1], { dtype: 'float64' }))).toThrow(DTypeError);
    expect(() => mseLoss(tensor([1]), tensor([1], { dtype: 'float64' }))).toThrow('float64');
  });
});

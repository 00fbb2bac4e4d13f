import { describe, expect, it } from 'vitest';
import { IndexError, ShapeError } from './errors';
import { broadcastShapes, broadcastStrides, checkShape, contiguousStrides, inferShape, normalizeDim, reductionMask } from './shape';

describe('shape helpers', () => {
  it('contiguousStrides treats size-0/1 dims like PyTorch', () => {
    expect(contiguousStrides([2, 3, 4])).toEqual([12, 4, 1]);
    expect(contiguousStrides([])).toEqual([]);
    expect(contiguousStrides([2, 0, 3])).toEqual([3, 3, 1]);
  });

  it('broadcasting', () => {
    expect(broadcastShapes([2, 1], [3])).toEqual([2, 3]);
    expect(broadcastShapes([], [4, 1])).toEqual([4, 1]);
    expect(broadcastShapes([5, 1, 0], [3, 1])).toEqual([5, 3, 0]);
    expect(broadcastStrides([3], [1], [2, 3])).toEqual([0, 1]);
    expect(broadcastStrides([2, 1], [1, 1], [2, 4])).toEqual([1, 0]);
  });

  it('errors: PyTorch message for shapes that do not broadcast', () => {
    expect(() => broadcastShapes([2, 3], [4])).toThrow(
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    );
    // PyTorch reports the last mismatching dim
    expect(() => broadcastShapes([4, 3, 4], [3, 3, 2])).toThrow(
      'The size of tensor a (4) must match the size of tensor b (2) at non-singleton dimension 2',
    );
    try {
      broadcastShapes([2, 3], [4]);
    } catch (e) {
      expect(e).toBeInstanceOf(ShapeError);
      expect((e as ShapeError).code).toBe('SHAPE_MISMATCH');
    }
  });

  it('normalizeDim wraps negative dims and reports the valid range', () => {
    expect(normalizeDim(-1, 3)).toBe(2);
    expect(normalizeDim(0, 0)).toBe(0);
    expect(normalizeDim(-1, 0)).toBe(0);
    expect(() => normalizeDim(2, 2, 'sum')).toThrow('sum: Dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => normalizeDim(1.5, 2)).toThrow(IndexError);
  });

  it('reductionMask: lists, negative dims, duplicates', () => {
    expect(reductionMask(undefined, 2, 'sum')).toEqual([true, true]);
    expect(reductionMask([0, -1], 3, 'sum')).toEqual([true, false, true]);
    expect(reductionMask([], 2, 'sum')).toEqual([true, true]);
    expect(() => reductionMask([0, -2], 2, 'sum')).toThrow('sum: dim 0 appears multiple times in the list of dims');
  });

  it('inferShape resolves -1 and rejects sizes that do not fit', () => {
    expect(inferShape([2, -1], 6)).toEqual([2, 3]);
    expect(inferShape([-1], 0)).toEqual([0]);
    expect(() => inferShape([2, 4], 6)).toThrow("shape '[2, 4]' is invalid for input of size 6");
    expect(() => inferShape([-1, -1], 6)).toThrow('only one dimension can be inferred');
    expect(() => inferShape([4, -1], 6)).toThrow(ShapeError);
  });

  it('checkShape rejects negative and fractional sizes', () => {
    expect(checkShape(3, 'zeros')).toEqual([3]);
    expect(() => checkShape([2, -1], 'zeros')).toThrow(/zeros: 'shape' must contain non-negative integers/);
    expect(() => checkShape([1.5], 'ones')).toThrow(ShapeError);
  });
});

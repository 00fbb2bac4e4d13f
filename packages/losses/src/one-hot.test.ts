import { tensor } from '@gradlab/autograd';
import { DTypeError, ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { LabelError } from './errors';
import { oneHot } from './one-hot';

const int = (data: number[]) => tensor(data, { dtype: 'int32' });

describe('oneHot', () => {
  it('basic: infers max + 1 classes', () => {
    const y = oneHot(int([0, 2, 1]));
    expect(y.dtype).toBe('int32');
    expect(y.toArray()).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0]]);
    expect(y.requiresGrad).toBe(false);
  });

  it('accepts plain arrays', () => {
    expect(oneHot([1, 0], 3).toArray()).toEqual([[0, 1, 0], [1, 0, 0]]);
  });

  it('1-based labels without numClasses give an extra, empty first column (as PyTorch)', () => {
    expect(oneHot(int([1, 2])).shape).toEqual([2, 3]);
  });

  it('throws a LabelError for a label >= numClasses, naming value, position and range', () => {
    expect(() => oneHot(int([0, 1, 3]), 3)).toThrow(
      'oneHot: label 3 at position [2] is out of range for 3 classes; valid labels are 0 to 2',
    );
  });

  it('does not call labels 1-based when they do not run from 1 to numClasses', () => {
    try {
      oneHot(int([2, 3]), 3);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LabelError);
      expect((error as LabelError).message).not.toContain('1-based');
    }
  });

  it('names 2-D positions', () => {
    expect(() => oneHot(tensor([[0, 1], [5, 0]], { dtype: 'int32' }), 2)).toThrow('label 5 at position [1, 0]');
  });

  it('rejects float labels, an empty tensor without numClasses and a bad numClasses', () => {
    expect(() => oneHot(tensor([0, 1]))).toThrow(DTypeError);
    expect(() => oneHot(int([]))).toThrow(ValueError);
    expect(() => oneHot(int([0]), -2)).toThrow(ValueError);
  });
});

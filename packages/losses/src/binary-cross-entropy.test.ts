import { tensor } from '@gradlab/autograd';
import { ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { binaryCrossEntropy } from './binary-cross-entropy';

describe('binaryCrossEntropy', () => {
  it('basic', () => {
    expect(binaryCrossEntropy(tensor([0.9, 0.2]), tensor([1, 0])).item()).toBeCloseTo(
      -(Math.log(0.9) + Math.log(0.8)) / 2,
      6,
    );
  });

  it('clamps log at -100, so probabilities of exactly 0 and 1 give a finite loss', () => {
    expect(binaryCrossEntropy(tensor([0, 1]), tensor([1, 0]), { reduction: 'none' }).toArray()).toEqual([100, 100]);
    expect(Math.abs(binaryCrossEntropy(tensor([0, 1]), tensor([0, 1])).item())).toBe(0);
  });

  it('rejects inputs outside [0, 1] and NaN, suggesting sigmoid', () => {
    expect(() => binaryCrossEntropy(tensor([1.5]), tensor([1]))).toThrow(ValueError);
    expect(() => binaryCrossEntropy(tensor([-0.5]), tensor([1]))).toThrow('apply sigmoid to logits first');
    expect(() => binaryCrossEntropy(tensor([Number.NaN]), tensor([1]))).toThrow(ValueError);
  });

  it('needs the same shapes', () => {
    expect(() => binaryCrossEntropy(tensor([[0.5], [0.5]]), tensor([1, 0]))).toThrow('[2, 1]');
  });
});

import { describe, expect, it } from 'vitest';

import { BCELoss, CrossEntropyLoss, crossEntropy, MSELoss, NLLLoss } from '../src/index';
import { loadFixture, toTensor } from '@gradlab/testing';

interface ReprCase {
  name: string;
  repr: string;
}

describe('loss modules', () => {
  it("print like PyTorch's", () => {
    const reprs = loadFixture<ReprCase[]>(import.meta.url, 'repr.json');
    const get = (name: string) => reprs.find((c) => c.name === name)!.repr;
    expect(new CrossEntropyLoss().toString()).toBe(get('cross_entropy_loss'));
    expect(new NLLLoss().toString()).toBe(get('nll_loss'));
    expect(new MSELoss().toString()).toBe(get('mse_loss'));
    expect(new BCELoss().toString()).toBe(get('bce_loss'));
  });

  it('call the functional form with their options', () => {
    const logits = toTensor({ shape: [2, 3], dtype: 'float32', data: [1, 2, 3, 0.5, -1, 2] });
    const target = toTensor({ shape: [2], dtype: 'int32', data: [2, 0] });
    const options = { labelSmoothing: 0.2, weight: [1, 2, 3], reduction: 'sum' as const };
    expect(new CrossEntropyLoss(options).call(logits, target).item()).toBe(crossEntropy(logits, target, options).item());
    expect(new CrossEntropyLoss().parameters()).toEqual([]);
  });
});

import { tensor } from '@gradlab/autograd';
import { DTypeError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { crossEntropy } from './cross-entropy';
import { LabelError } from './errors';
import { nllLoss } from './nll-loss';

const labels = tensor([0, 1], { dtype: 'int32' });

describe('nllLoss', () => {
  it('basic: the mean of -input[i, target[i]]', () => {
    expect(nllLoss(tensor([[-0.1, -2.4], [-1.2, -0.4]]), labels).item()).toBeCloseTo(0.25, 6);
  });

  it('weights normalise the mean by the total weight of the targets', () => {
    const loss = nllLoss(tensor([[-1, -2], [-3, -4]]), labels, { weight: [1, 3] });
    expect(loss.item()).toBeCloseTo((1 * 1 + 3 * 4) / 4, 6);
  });

  it('equals crossEntropy after logSoftmax', () => {
    const logits = tensor([[1, 2, 3], [3, 2, 1]]);
    const target = tensor([2, 1], { dtype: 'int32' });
    expect(nllLoss(logits.logSoftmax(1), target).item()).toBeCloseTo(crossEntropy(logits, target).item(), 6);
  });

  it('every target ignored: nan with reduction mean, 0 with sum (as PyTorch)', () => {
    const input = tensor([[-1, -2]], { requiresGrad: true });
    const loss = nllLoss(input, tensor([1], { dtype: 'int32' }), { ignoreIndex: 1 });
    expect(loss.item()).toBeNaN();
    loss.backward();
    expect((input.grad!.toArray() as number[][])[0]!.map(Math.abs)).toEqual([0, 0]);
    expect(Math.abs(nllLoss(input, tensor([1], { dtype: 'int32' }), { ignoreIndex: 1, reduction: 'sum' }).item())).toBe(0);
  });

  it('rejects float targets and labels out of range', () => {
    expect(() => nllLoss(tensor([[-1, -2]]), tensor([1]))).toThrow(DTypeError);
    expect(() => nllLoss(tensor([[-1, -2]]), tensor([2], { dtype: 'int32' }))).toThrow(LabelError);
  });
});

import { tensor } from '@gradlab/autograd';
import { DTypeError, ShapeError, ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { crossEntropy } from './cross-entropy';
import { LabelError } from './errors';
import { oneHot } from './one-hot';

const logits = () => tensor([[2, 0.5, -1], [0.1, 0.2, 3], [1, 1, 1]], { requiresGrad: true });
const labels = tensor([0, 2, 1], { dtype: 'int32' });

describe('crossEntropy', () => {
  it('a zero loss of one sample is +0, as PyTorch (atan2 of it with a negative x is pi, not -pi)', () => {
    // differential seed 62927: cross_entropy(tanh([True]), 0, reduction='none', label_smoothing=0.2)
    const loss = crossEntropy(tensor([true]).tanh(), tensor(0, { dtype: 'int32' }), { reduction: 'none', labelSmoothing: 0.2 });
    expect(Object.is(loss.item(), 0)).toBe(true);
    expect(loss.atan2(tensor(-4, { dtype: 'int32' })).item()).toBe(Math.fround(Math.PI));
    expect(Object.is(crossEntropy(tensor([1.5]), tensor(0, { dtype: 'int32' }), { reduction: 'none' }).item(), 0)).toBe(true);
  });

  it("equals the homework's -sum(y * log(softmax(logits))) with reduction 'sum'", () => {
    const x = logits();
    const homework = oneHot(labels, 3).mul(x.softmax(1).log()).sum().neg();
    expect(crossEntropy(x, labels, { reduction: 'sum' }).item()).toBeCloseTo(homework.item(), 5);
    expect(crossEntropy(x, labels).item()).toBeCloseTo(homework.item() / 3, 5);
  });

  it('gradient: (softmax - onehot) / N', () => {
    const x = logits();
    crossEntropy(x, labels).backward();
    const expected = x.softmax(1).sub(oneHot(labels, 3)).div(3).toArray() as number[][];
    (x.grad!.toArray() as number[][]).forEach((row, i) => row.forEach((g, j) => expect(g).toBeCloseTo(expected[i]![j]!, 6)));
  });

  it('is finite for logits of 1000', () => {
    const x = tensor([[1000, 0, -1000]], { requiresGrad: true });
    const loss = crossEntropy(x, tensor([2], { dtype: 'int32' }));
    expect(loss.item()).toBe(2000);
    loss.backward();
    expect((x.grad!.toArray() as number[][])[0]).toEqual([1, 0, -1]);
  });

  it('names both shapes when the target does not fit', () => {
    expect(() => crossEntropy(logits(), tensor([0, 1], { dtype: 'int32' }))).toThrow(
      'crossEntropy: input of shape [3, 3] expects a target of class indices of shape [3], got target of shape [2]',
    );
    expect(() => crossEntropy(logits(), tensor([[0.5, 0.5]]))).toThrow(ShapeError);
    expect(() => crossEntropy(logits(), tensor([[0.5, 0.5]]))).toThrow('[3, 3]');
  });

  it('rejects a probability target of another dtype and integer logits', () => {
    expect(() => crossEntropy(logits(), tensor([[1, 0, 0]], { dtype: 'float64' }).expand([3, 3]))).toThrow(DTypeError);
    expect(() => crossEntropy(tensor([[1, 2]], { dtype: 'int32' }), tensor([0], { dtype: 'int32' }))).toThrow(DTypeError);
  });

  it('throws a LabelError for a target out of range, unless it is ignoreIndex', () => {
    expect(() => crossEntropy(logits(), tensor([0, 3, 1], { dtype: 'int32' }))).toThrow(LabelError);
    expect(() => crossEntropy(logits(), tensor([0, 3, 1], { dtype: 'int32' }))).toThrow(
      'crossEntropy: target 3 at position [1] is out of range for 3 classes; valid targets are 0 to 2 (or ignoreIndex = -100)',
    );
    expect(Number.isFinite(crossEntropy(logits(), tensor([0, 7, 1], { dtype: 'int32' }), { ignoreIndex: 7 }).item())).toBe(true);
  });

  it('validates reduction, labelSmoothing and weight', () => {
    expect(() => crossEntropy(logits(), labels, { reduction: 'avg' as 'mean' })).toThrow(ValueError);
    expect(() => crossEntropy(logits(), labels, { labelSmoothing: 1.5 })).toThrow(
      "crossEntropy: 'labelSmoothing' must be between 0.0 and 1.0, got 1.5",
    );
    expect(() => crossEntropy(logits(), labels, { weight: [1, 2] })).toThrow(
      "crossEntropy: 'weight' must have shape [3] (one value per class), got shape [2]",
    );
  });

  it('rejects ignoreIndex with probability targets', () => {
    expect(() => crossEntropy(logits(), logits().softmax(1).detach(), { ignoreIndex: 0 })).toThrow(ValueError);
  });
});

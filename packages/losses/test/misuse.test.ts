import { rand, tensor } from '@gradlab/autograd';
import { DTypeError, ShapeError, ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';
import { thrownError } from '@gradlab/testing';

import { binaryCrossEntropy, crossEntropy, CrossEntropyLoss, LabelError, MSELoss, mseLoss, nllLoss, oneHot } from '../src/index';

const int = (data: number[]) => tensor(data, { dtype: 'int32' });

/** The error `fn` throws (fails the test when it does not throw). */
const thrown = (fn: () => unknown) => thrownError(fn);

describe('oneHot misuse', () => {
  it('a negative label names value, position and range', () => {
    const error = thrown(() => oneHot(int([0, -1, 2])));
    expect(error).toBeInstanceOf(LabelError);
    expect(error.message).toBe('oneHot: label -1 at position [1] is negative; valid labels are 0 to 2 for 3 classes');
  });

  it('a label >= numClasses names value, position and range', () => {
    expect(thrown(() => oneHot(int([0, 5, 2]), 4)).message).toBe(
      'oneHot: label 5 at position [1] is out of range for 4 classes; valid labels are 0 to 3',
    );
  });

  it("1-based labels (the homework's 1..4) are recognised, with the fix", () => {
    const error = thrown(() => oneHot([1, 2, 3, 4, 1, 2], 4)) as LabelError;
    expect(error).toBeInstanceOf(LabelError);
    expect(error.message).toContain('The labels run from 1 to 4: they look 1-based; subtract 1 first (labels.sub(1))');
    expect([error.value, error.position, error.numClasses]).toEqual([4, [3], 4]);
  });

  it('non-integer plain labels throw instead of being truncated to int32', () => {
    expect(thrown(() => oneHot([0, 1.5, 2])).message).toBe('oneHot: label 1.5 at position [1] is not an integer class index');
    expect(thrown(() => oneHot([0, Number.NaN])).message).toBe('oneHot: label NaN at position [1] is not an integer class index');
    expect(thrown(() => oneHot([[0, 1], [2, 0.5]])).message).toBe('oneHot: label 0.5 at position [1, 1] is not an integer class index');
    expect(thrown(() => oneHot([0, 1.5, 2]))).toBeInstanceOf(LabelError);
  });

  it('float-dtype labels say whether .int() is the fix', () => {
    const whole = thrown(() => oneHot(tensor([0, 1, 2])));
    expect(whole).toBeInstanceOf(DTypeError);
    expect(whole.message).toBe(
      "oneHot: 'labels' must be an int32 tensor of class indices, got float32 (its values are whole numbers: convert it with labels.int())",
    );
    expect(thrown(() => oneHot(tensor([0, 1.5, 2]))).message).toBe(
      "oneHot: 'labels' must be an int32 tensor of class indices, got float32, whose label 1.5 at position [1] is not a class index",
    );
  });

  it('something that is not labels at all', () => {
    const error = thrown(() => oneHot('abc' as never));
    expect(error).toBeInstanceOf(ValueError);
    expect(error.message).toBe("oneHot: 'labels' must be an int32 tensor or an array of integers, got string 'abc'");
  });
});

describe('loss misuse names both shapes or dtypes', () => {
  const logits = rand([4, 3]);

  it('crossEntropy: index target of the wrong shape, probability target of the wrong shape', () => {
    const index = thrown(() => crossEntropy(logits, int([0, 1, 2])));
    expect(index).toBeInstanceOf(ShapeError);
    expect(index.message).toBe(
      'crossEntropy: input of shape [4, 3] expects a target of class indices of shape [4], got target of shape [3]',
    );
    expect(thrown(() => crossEntropy(logits, rand([4, 2]))).message).toBe(
      "crossEntropy: probability target must have the input's shape [4, 3], got target of shape [4, 2] (class-index targets must be int32 of shape [4])",
    );
  });

  it('crossEntropy and nllLoss: a one-hot int32 target says what to pass instead', () => {
    expect(thrown(() => crossEntropy(logits, oneHot(int([0, 1, 2, 1]), 3))).message).toBe(
      'crossEntropy: input of shape [4, 3] expects a target of class indices of shape [4], got target of shape [4, 3]' +
        " (a one-hot target? pass the class indices themselves, or the one-hot rows as probabilities with .to('float32'))",
    );
    expect(thrown(() => nllLoss(logits, oneHot(int([0, 1, 2, 1]), 3))).message).toContain(
      '(a one-hot target? pass the class indices themselves)',
    );
    const probabilities = crossEntropy(logits, oneHot(int([0, 1, 2, 1]), 3).to('float32'));
    expect(probabilities.item()).toBeCloseTo(crossEntropy(logits, int([0, 1, 2, 1])).item(), 6);
  });

  it('crossEntropy: dtypes, 1-based targets, a non-integer ignoreIndex, non-tensors', () => {
    expect(thrown(() => crossEntropy(logits, rand([4, 3], { dtype: 'float64' })))).toBeInstanceOf(DTypeError);
    expect(thrown(() => crossEntropy(logits, int([1, 2, 3, 3]))).message).toContain('they look 1-based');
    expect(thrown(() => crossEntropy(logits, int([0, 1, 2, 0]), { ignoreIndex: 1.5 })).message).toBe(
      "crossEntropy: 'ignoreIndex' must be an integer class index, got 1.5",
    );
    expect(thrown(() => crossEntropy(logits, [0, 1, 2, 1] as never)).message).toBe(
      "crossEntropy: 'target' must be a Tensor, got Array (make one with tensor(...))",
    );
    expect(thrown(() => crossEntropy([[1, 2]] as never, int([0]))).message).toBe(
      "crossEntropy: 'input' must be a Tensor, got Array (make one with tensor(...))",
    );
  });

  it('nllLoss: a float target of whole numbers suggests .int()', () => {
    expect(thrown(() => nllLoss(tensor([[-1, -2]]), tensor([1]))).message).toBe(
      "nllLoss: 'target' must be an int32 tensor of class indices, got float32 (its values are whole numbers: convert it with target.int())",
    );
  });

  it('mseLoss and binaryCrossEntropy name both shapes and both dtypes', () => {
    expect(thrown(() => mseLoss(rand([4, 1]), rand([4]))).message).toBe(
      "mseLoss: target of shape [4] must have the input's shape [4, 1]",
    );
    expect(thrown(() => mseLoss(rand([4]), int([1, 2, 3, 4]))).message).toBe(
      "mseLoss: 'target' has dtype int32 but 'input' has dtype float32; they must match",
    );
    expect(thrown(() => binaryCrossEntropy(tensor([0.5, 0.2]), tensor([1]))).message).toBe(
      "binaryCrossEntropy: target of shape [1] must have the input's shape [2]",
    );
    expect(thrown(() => mseLoss(rand([2]), 3 as never))).toBeInstanceOf(ValueError);
  });
});

describe('loss modules check their options when made', () => {
  it('a bad reduction or label smoothing fails at new, not at the first batch', () => {
    expect(thrown(() => new CrossEntropyLoss({ reduction: 'avg' as never })).message).toBe(
      "CrossEntropyLoss: 'reduction' must be 'none', 'mean' or 'sum', got avg",
    );
    expect(thrown(() => new CrossEntropyLoss({ labelSmoothing: 2 })).message).toBe(
      "CrossEntropyLoss: 'labelSmoothing' must be between 0.0 and 1.0, got 2",
    );
    expect(thrown(() => new MSELoss({ reduction: 'mean ' as never }))).toBeInstanceOf(ValueError);
    expect(new CrossEntropyLoss({ reduction: 'sum' }).toString()).toBe('CrossEntropyLoss()');
  });
});

import { describe, expect, it } from 'vitest';
import { tensor } from './creation';
import { DTypeError, IndexError } from './errors';
import { logSoftmax, softmax } from './softmax';

describe('softmax / logSoftmax', () => {
  it('basic (values from PyTorch 1.13)', () => {
    expect(softmax(tensor([[1, 2, 3], [1000, 1000, 1000]]), 1).toArray()).toEqual([
      [0.09003057330846786, 0.2447284758090973, 0.6652409434318542],
      [0.3333333432674408, 0.3333333432674408, 0.3333333432674408],
    ]);
    expect(logSoftmax(tensor([1, 2, 3], { dtype: 'float64' }), 0).toArray()).toEqual([
      -2.4076059644443806, -1.4076059644443804, -0.4076059644443804,
    ]);
  });

  it('reads views in place: an offset row, a transpose and a slice give the values of their copies', () => {
    const x = tensor([[0.5, -1, 2], [3, 0.25, -4], [1, 1, 7]]);
    for (const view of [x.at(1), x.at(2), x.T, x.T.at(1), x.narrow(0, 1, 2)]) {
      for (const dim of view.ndim === 1 ? [0] : [0, 1]) {
        expect(softmax(view, dim).toArray()).toEqual(softmax(view.clone(), dim).toArray());
        expect(logSoftmax(view, dim).toArray()).toEqual(logSoftmax(view.clone(), dim).toArray());
      }
    }
    expect(softmax(x.at(1), 0).toArray()).not.toEqual(softmax(x.at(0), 0).toArray());
  });

  it('stable for logits of 1000 (no overflow to NaN)', () => {
    expect(softmax(tensor([1000, 0, -Infinity]), 0).toArray()).toEqual([1, 0, 0]);
    expect(logSoftmax(tensor([1000, 0, -Infinity]), 0).toArray()).toEqual([0, -1000, -Infinity]);
  });

  it('along a non-last dim and a strided input', () => {
    const x = tensor([[0, 0], [Math.log(3), 0]]);
    const s = softmax(x, 0).toArray() as number[][];
    expect(s[0]![0]).toBeCloseTo(0.25, 6);
    expect(s[1]![0]).toBeCloseTo(0.75, 6);
    expect(s[0]![1]).toBe(0.5);
    expect(softmax(x.T, 1).toArray()).toEqual(softmax(x, 0).T.toArray());
  });

  it('rows of -inf, +inf or NaN give NaN as PyTorch', () => {
    for (const row of [[-Infinity, -Infinity], [Infinity, 0], [Number.NaN, 0]]) {
      const s = softmax(tensor(row), 0).toArray() as number[];
      expect(s.every(Number.isNaN)).toBe(true);
      const l = logSoftmax(tensor(row), 0).toArray() as number[];
      expect(l.every(Number.isNaN)).toBe(true);
    }
  });

  it('0-d and empty tensors', () => {
    expect(softmax(tensor(5), 0).item()).toBe(1);
    expect(softmax(tensor([[]]), 1).shape).toEqual([1, 0]);
  });

  it('errors: integer input, bad dim', () => {
    expect(() => softmax(tensor([1], { dtype: 'int32' }), 0)).toThrow(DTypeError);
    expect(() => logSoftmax(tensor([1]), 1)).toThrow(IndexError);
  });
});

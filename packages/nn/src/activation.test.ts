import { tensor } from '@gradlab/autograd';
import { IndexError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { Flatten, Identity, LeakyReLU, LogSoftmax, pythonFloat, ReLU, Softmax } from './activation';

describe('pythonFloat', () => {
  it('Flatten() of a 0-d tensor raises as PyTorch 1.13 (dims of a 0-d tensor are -1 and 0); Flatten(0) works', () => {
    expect(() => new Flatten().call(tensor(1, { requiresGrad: true }))).toThrow(IndexError);
    expect(new Flatten(0).call(tensor(1, { requiresGrad: true })).shape).toEqual([1]);
  });

  it("writes numbers as Python's repr(float)", () => {
    expect(pythonFloat(0.01)).toBe('0.01');
    expect(pythonFloat(1)).toBe('1.0');
    expect(pythonFloat(-2)).toBe('-2.0');
    expect(pythonFloat(0.0001)).toBe('0.0001');
    expect(pythonFloat(1e-5)).toBe('1e-05');
    expect(pythonFloat(2.5e-7)).toBe('2.5e-07');
    expect(pythonFloat(1e16)).toBe('1e+16');
    expect(pythonFloat(0)).toBe('0.0');
  });
});

describe('activation modules', () => {
  const x = tensor([[-2, 0, 3]]);

  it('basic', () => {
    expect(new ReLU().call(x).toArray()).toEqual([[0, 0, 3]]);
    expect(new LeakyReLU(0.5).call(x).toArray()).toEqual([[-1, 0, 3]]);
    expect(new Identity().call(x)).toBe(x);
    expect(new Flatten(0).call(x).shape).toEqual([3]);
  });

  it('softmax rows sum to 1 and logSoftmax stays finite for logits of 1000', () => {
    const probabilities = new Softmax(1).call(tensor([[1000, 0, -1000]])).toArray() as number[][];
    expect(probabilities[0]).toEqual([1, 0, 0]);
    const logs = new LogSoftmax(-1).call(tensor([[1000, 0, -1000]])).toArray() as number[][];
    expect(logs[0]).toEqual([0, -1000, -2000]);
  });

  it('print their arguments', () => {
    expect(new LeakyReLU().toString()).toBe('LeakyReLU(negative_slope=0.01)');
    expect(new LeakyReLU(1e-5).toString()).toBe('LeakyReLU(negative_slope=1e-05)');
    expect(new Softmax(-1).toString()).toBe('Softmax(dim=-1)');
    expect(new Flatten(0, 2).toString()).toBe('Flatten(start_dim=0, end_dim=2)');
  });
});

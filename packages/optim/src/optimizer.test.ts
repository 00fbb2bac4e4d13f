import { tensor, type Tensor } from '@gradlab/autograd';
import { ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { Adam, AdamW } from './adam';
import { SGD } from './sgd';

const leaf = (data: number[]) => tensor(data, { requiresGrad: true });

/** Sets `grad` of each parameter by backpropagating sum(p * g). */
function setGrads(pairs: [Tensor, number[]][]): void {
  let total: Tensor | null = null;
  for (const [parameter, grad] of pairs) {
    const term = parameter.mul(tensor(grad)).sum();
    total = total === null ? term : total.add(term);
  }
  total!.backward();
}

describe('Optimizer', () => {
  it('a second backward on a kept graph after step() throws (the weights it saved changed), as PyTorch', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    const x = tensor([3, 4], { requiresGrad: true });
    const loss = x.mul(w).sum();
    loss.backward(undefined, { retainGraph: true });
    const optimizer = new SGD([w], { lr: 0.1 });
    optimizer.step();
    expect(w._version).toBe(1);
    expect(() => loss.backward()).toThrow(/modified by an inplace operation/);
  });

  it('basic SGD step: p -= lr * grad', () => {
    const p = leaf([1, 2]);
    const optimizer = new SGD([p], { lr: 0.5 });
    setGrads([[p, [1, -2]]]);
    optimizer.step();
    expect(p.toArray()).toEqual([0.5, 3]);
    expect(p.gradFn).toBeNull();
    expect(p.isLeaf).toBe(true);
  });

  it('skips parameters without a gradient', () => {
    const p = leaf([1]);
    const q = leaf([1]);
    const optimizer = new Adam([p, q], { lr: 0.1 });
    setGrads([[p, [1]]]);
    optimizer.step();
    expect(q.toArray()).toEqual([1]);
    expect(optimizer.state.has(q)).toBe(false);
    expect((p.toArray() as number[])[0]).toBeCloseTo(0.9, 6);
  });

  it('zeroGrad() zeroes gradients by default (PyTorch 1.13) and clears them with setToNone', () => {
    const p = leaf([1, 2]);
    const optimizer = new SGD([p], { lr: 0.1 });
    setGrads([[p, [3, 4]]]);
    optimizer.zeroGrad();
    expect(p.grad!.toArray()).toEqual([0, 0]);
    optimizer.zeroGrad(true);
    expect(p.grad).toBeNull();
  });

  it('uses per-group options, and a changed lr takes effect', () => {
    const p = leaf([1]);
    const q = leaf([1]);
    const optimizer = new SGD([{ params: [p] }, { params: [q], lr: 1 }], { lr: 0.1 });
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1, 1]);
    setGrads([[p, [1]], [q, [1]]]);
    optimizer.step();
    expect((p.toArray() as number[])[0]).toBeCloseTo(0.9, 6);
    expect(q.toArray()).toEqual([0]);
    optimizer.paramGroups[0]!.lr = 0;
    optimizer.step();
    expect((p.toArray() as number[])[0]).toBeCloseTo(0.9, 6);
  });

  it('returns the closure loss', () => {
    const p = leaf([2]);
    const optimizer = new SGD([p], { lr: 0.25 });
    const loss = optimizer.step(() => {
      optimizer.zeroGrad();
      const value = p.mul(p).sum();
      value.backward();
      return value;
    }) as Tensor;
    expect(loss.item()).toBe(4);
    expect(p.toArray()).toEqual([1]);
  });

  it('rejects misuse with named arguments', () => {
    const p = leaf([1]);
    expect(() => new SGD([], { lr: 0.1 })).toThrow('SGD: optimizer got an empty parameter list');
    expect(() => new SGD([p])).toThrow("SGD: 'lr' is required");
    expect(() => new SGD([p], { lr: -1 })).toThrow('SGD: invalid learning rate: -1');
    expect(() => new SGD([p], { lr: 0.1, nesterov: true })).toThrow('Nesterov momentum requires a momentum and zero dampening');
    expect(() => new SGD([{ params: [p] }, { params: [p] }], { lr: 0.1 })).toThrow('more than one parameter group');
    expect(() => new SGD([p.mul(2)], { lr: 0.1 })).toThrow("can't optimize a non-leaf Tensor");
    expect(() => new Adam([p], { betas: [0.9, 1] })).toThrow('Adam: invalid beta parameter at index 1: 1');
    expect(() => new AdamW([p], { eps: -1 })).toThrow(ValueError);
  });

  it('accepts frozen parameters (requiresGrad false) and leaves them alone', () => {
    const frozen = tensor([1, 2]);
    const trained = leaf([1]);
    const optimizer = new SGD([frozen, trained], { lr: 1 });
    setGrads([[trained, [1]]]);
    optimizer.step();
    expect(frozen.toArray()).toEqual([1, 2]);
    expect(trained.toArray()).toEqual([0]);
  });

  it('AdamW defaults to weightDecay 1e-2, Adam to 0', () => {
    expect(new AdamW([leaf([1])]).defaults.weightDecay).toBe(0.01);
    expect(new Adam([leaf([1])]).defaults.weightDecay).toBe(0);
  });

  it('stateDict() copies the state, so later steps do not change it', () => {
    const p = leaf([1, 2]);
    const optimizer = new SGD([p], { lr: 0.1, momentum: 0.9 });
    setGrads([[p, [1, 1]]]);
    optimizer.step();
    const saved = optimizer.stateDict();
    const buffer = (saved.state[0]!.momentumBuffer as Tensor).toArray();
    optimizer.step();
    expect((saved.state[0]!.momentumBuffer as Tensor).toArray()).toEqual(buffer);
    expect(saved.paramGroups[0]).toMatchObject({ lr: 0.1, momentum: 0.9, params: [0] });
  });

  it('loadStateDict() rejects a state dict of another shape', () => {
    const optimizer = new SGD([leaf([1]), leaf([2])], { lr: 0.1 });
    const other = new SGD([leaf([1])], { lr: 0.1 });
    expect(() => optimizer.loadStateDict(other.stateDict())).toThrow(ValueError);
  });
});

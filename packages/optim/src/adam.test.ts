import { tensor, type Tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { Adam, AdamW } from './adam';

function withGrad(values: number[], grad: number[]): Tensor {
  const p = tensor(values, { requiresGrad: true });
  p.mul(tensor(grad)).sum().backward();
  return p;
}

const first = (t: Tensor) => (t.toArray() as number[])[0]!;

describe('Adam', () => {
  it('weightDecay 0 adds nothing, so an infinite parameter stays infinite (PyTorch 1.13: [inf, 0.9])', () => {
    for (const make of [(p: Tensor) => new Adam([p], { lr: 0.1 }), (p: Tensor) => new AdamW([p], { lr: 0.1, weightDecay: 0 })]) {
      const p = tensor([Infinity, 1], { requiresGrad: true });
      p.grad = tensor([1, 1]);
      make(p).step();
      expect(p.toArray()).toEqual([Infinity, Math.fround(0.9)]);
    }
  });

  it('the first step moves each weight by lr against the sign of its gradient', () => {
    const p = withGrad([0, 0], [3, -0.001]);
    new Adam([p], { lr: 0.1 }).step();
    const [a, b] = p.toArray() as number[];
    expect(a).toBeCloseTo(-0.1, 6);
    expect(b).toBeCloseTo(0.1, 4);
  });

  it('counts steps per parameter and keeps both moments', () => {
    const p = withGrad([0], [2]);
    const optimizer = new Adam([p], { betas: [0.5, 0.75] });
    optimizer.step();
    optimizer.step();
    const state = optimizer.state.get(p)!;
    expect(state.step).toBe(2);
    expect(Array.from(state.expAvg as Float32Array)).toEqual([1.5]); // 0.5 * 1 + 0.5 * 2
    expect(Array.from(state.expAvgSq as Float32Array)).toEqual([1.75]); // 0.75 * 1 + 0.25 * 4
  });

  it('amsgrad keeps the running maximum of the second moment', () => {
    const p = withGrad([0], [4]);
    const optimizer = new Adam([p], { amsgrad: true, betas: [0.9, 0.5] });
    optimizer.step(); // v = 8
    p.grad = tensor([0]);
    optimizer.step(); // v = 4, max stays 8
    const state = optimizer.state.get(p)!;
    expect(Array.from(state.expAvgSq as Float32Array)).toEqual([4]);
    expect(Array.from(state.maxExpAvgSq as Float32Array)).toEqual([8]);
  });
});

describe('AdamW', () => {
  it('decays the weight by lr * weightDecay even with a zero gradient', () => {
    const p = withGrad([2], [0]);
    new AdamW([p], { lr: 0.1, weightDecay: 0.5 }).step();
    expect(first(p)).toBeCloseTo(2 * (1 - 0.05), 6);
  });

  it('differs from Adam with the same weightDecay (decoupled, not L2)', () => {
    const a = withGrad([2], [1]);
    const b = withGrad([2], [1]);
    new Adam([a], { lr: 0.1, weightDecay: 0.5 }).step();
    new AdamW([b], { lr: 0.1, weightDecay: 0.5 }).step();
    expect(first(a)).toBeCloseTo(1.9, 6); // L2 only changes the gradient, and the first step is lr * sign
    expect(first(b)).toBeCloseTo(2 * 0.95 - 0.1, 6);
  });
});

import { tensor, type Tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { SGD } from './sgd';

function withGrad(values: number[], grad: number[], dtype: 'float32' | 'float64' = 'float32'): Tensor {
  const p = tensor(values, { requiresGrad: true, dtype });
  p.mul(tensor(grad, { dtype })).sum().backward();
  return p;
}

const close = (t: Tensor) => (t.toArray() as number[]).map((v) => Number(v.toFixed(6)));

describe('SGD', () => {
  it('momentum: the buffer starts as the first gradient, then buf = m * buf + (1 - dampening) * g', () => {
    const p = withGrad([0], [1]);
    const optimizer = new SGD([p], { lr: 1, momentum: 0.5, dampening: 0.5 });
    optimizer.step(); // buf = 1
    expect(close(p)).toEqual([-1]);
    optimizer.step(); // buf = 0.5 * 1 + 0.5 * 1 = 1
    expect(close(p)).toEqual([-2]);
    expect(Array.from(optimizer.state.get(p)!.momentumBuffer as Float32Array)).toEqual([1]);
  });

  it('nesterov: step = g + momentum * buf', () => {
    const p = withGrad([0], [1]);
    const optimizer = new SGD([p], { lr: 1, momentum: 0.5, nesterov: true });
    optimizer.step(); // buf = 1, step = 1 + 0.5
    expect(close(p)).toEqual([-1.5]);
  });

  it('weight decay adds weightDecay * p to the gradient', () => {
    const p = withGrad([2], [0]);
    new SGD([p], { lr: 0.5, weightDecay: 0.1 }).step();
    expect(close(p)).toEqual([1.9]);
  });

  it('weightDecay 0 adds nothing, so an infinite parameter stays infinite (PyTorch 1.13: [inf, 0.9])', () => {
    for (const options of [{ lr: 0.1 }, { lr: 0.1, momentum: 0.9 }]) {
      const p = tensor([Infinity, 1], { requiresGrad: true });
      p.grad = tensor([1, 1]);
      new SGD([p], options).step();
      expect(p.toArray()).toEqual([Infinity, Math.fround(0.9)]);
    }
  });

  it('maximize ascends', () => {
    const p = withGrad([0], [1]);
    new SGD([p], { lr: 0.1, maximize: true }).step();
    expect(close(p)).toEqual([0.1]);
  });

  it('updates float64 parameters in float64', () => {
    const p = withGrad([1], [1e-12], 'float64');
    new SGD([p], { lr: 1 }).step();
    expect(p.dtype).toBe('float64');
    expect((p.toArray() as number[])[0]).toBe(1 - 1e-12);
  });
});

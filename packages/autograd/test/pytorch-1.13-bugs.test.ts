/*
 * Where PyTorch 1.13's answer is not the derivative (found by the differential test; see the
 * README's "Where PyTorch 1.13 is wrong"): gradlab's answer, checked by finite differences.
 */
import { describe, expect, it } from 'vitest';

import { clamp, grad, gradcheck, gradgradcheck, pow, prod, tensor, type Tensor } from '../src/index';

const f64 = (values: number[], shape?: number[]): Tensor => {
  const t = tensor(values, { dtype: 'float64', requiresGrad: true });
  return shape === undefined ? t : t.reshape(shape).detach().requiresGrad_();
};

describe('PyTorch 1.13 bugs gradlab does not copy', () => {
  it('clamp with tensor bounds broadcasting past the input: PyTorch raises in backward, gradlab sums back', () => {
    const x = f64([-1.4282]);
    const low = tensor([[1.3776], [1.5477]], { dtype: 'float64', requiresGrad: true });
    const high = f64([-1.5788]);
    const y = clamp(x, low, high);
    expect(y.shape).toEqual([2, 1]);
    y.sum().backward();
    expect(x.grad!.shape).toEqual([1]);
    expect(gradcheck((a: Tensor, b: Tensor) => clamp(a, b, tensor([[0.3], [0.9]], { dtype: 'float64' })), [f64([0.5]), f64([0.1, 0.7], [2, 1])])).toBe(true);
  });

  it('prod with two zeros keeps its second derivative (PyTorch 1.13 drops it): d2/dx0dx1 of prod([0, 0, 2]) is 2', () => {
    const x = f64([0, 0, 2]);
    const [first] = grad(prod(x), [x], { createGraph: true });
    expect(first!.requiresGrad).toBe(true);
    const [second] = grad(first!.select(0, 0), [x]);
    expect(second!.toArray()).toEqual([0, 2, 0]);
    expect(gradgradcheck((a: Tensor) => prod(a), [f64([0, 0, 2, 3])])).toBe(true);
  });

  it('pow(x, false) has gradient 0 at x = 0 (PyTorch 1.13: NaN)', () => {
    const x = f64([-1, 0, 2]);
    pow(x, false).sum().backward();
    expect(x.grad!.toArray()).toEqual([0, 0, 0]);
  });
});

describe('nll_loss of a non-contiguous 4-d input (PyTorch 1.13: "grad_input must be contiguous")', () => {
  it('has the derivative as its gradient', async () => {
    const { nllLossOp } = await import('../src/index');
    const B = await import('@gradlab/tensor');
    const target = B.tensor([[[0, 2]], [[1, 1]]], { dtype: 'int32' }); // [2, 1, 2]
    const input = tensor(Array.from({ length: 12 }, (_, i) => Math.sin(i)), { dtype: 'float64' }).reshape([2, 2, 1, 3]);
    const permuted = input.permute([0, 3, 2, 1]).detach().requiresGrad_(); // [2, 3, 1, 2], not contiguous
    expect(permuted.isContiguous()).toBe(false);
    expect(gradcheck((x: Tensor) => nllLossOp(x, target), [permuted])).toBe(true);
  });
});

// shapes (issue 15)
describe('trace of a tall matrix (PyTorch 1.13: its trace_backward fills every (cols + 1)-th element)', () => {
  it('has the identity as its gradient', async () => {
    const { trace } = await import('../src/index');
    const x = f64(Array.from({ length: 15 }, (_, i) => Math.cos(i)), [5, 3]);
    trace(x).backward();
    // PyTorch 1.13 gives 1 also at (4, 0), element 12 of arange(0, 15, 4)
    expect(x.grad!.toArray()).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0], [0, 0, 0]]);
    expect(gradcheck((a: Tensor) => trace(a), [x])).toBe(true);
  });
});

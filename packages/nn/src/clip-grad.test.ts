import { tensor } from '@gradlab/autograd';
import { ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { clipGradNorm_, clipGradValue_ } from './clip-grad';

const withGrad = (grad: number[]) => {
  const p = tensor(grad.map(() => 0), { requiresGrad: true });
  p.grad = tensor(grad);
  return p;
};

describe('clipGradNorm_', () => {
  it('basic: scales to maxNorm and returns the norm before clipping', () => {
    const p = withGrad([3, 4]);
    const total = clipGradNorm_(p, 1);
    expect(total.item()).toBe(5);
    expect(total.shape).toEqual([]);
    const [a, b] = p.grad!.toArray() as number[];
    expect(a).toBeCloseTo(0.6, 6);
    expect(b).toBeCloseTo(0.8, 6);
  });

  it('treats all gradients as one vector, and skips parameters without one', () => {
    const p = withGrad([3]);
    const q = withGrad([4]);
    const none = tensor([1], { requiresGrad: true });
    expect(clipGradNorm_([p, none, q], 10).item()).toBe(5);
    expect(p.grad!.toArray()).toEqual([3]); // below maxNorm: the scale is clamped to 1
  });

  it('no gradients: a zero norm, as PyTorch', () => {
    expect(clipGradNorm_([tensor([1], { requiresGrad: true })], 1).item()).toBe(0);
  });

  it('propagates NaN by default; errorIfNonfinite throws without touching the gradients', () => {
    const p = withGrad([Number.NaN, 1]);
    expect(() => clipGradNorm_(p, 1, { errorIfNonfinite: true })).toThrow(ValueError);
    expect(() => clipGradNorm_(p, 1, { errorIfNonfinite: true })).toThrow('The total norm of order 2 for gradients from `parameters` is non-finite');
    expect((p.grad!.toArray() as number[])[1]).toBe(1);
    expect(Number.isNaN(clipGradNorm_(p, 1).item())).toBe(true);
  });

  it('writes in place: the version counter moves', () => {
    const p = withGrad([3, 4]);
    const before = p.grad!._version;
    clipGradNorm_(p, 1);
    expect(p.grad!._version).toBe(before + 1);
  });

  it('rejects misuse', () => {
    expect(() => clipGradNorm_((() => []) as never, 1)).toThrow(/^clipGradNorm_: 'parameters' must be a Tensor or an iterable of Tensors, got .* \(call it: model.parameters\(\)\)$/);
    expect(() => clipGradNorm_([1 as never], 1)).toThrow("clipGradNorm_: 'parameters' must hold Tensors, but item 0 is 1");
    expect(() => clipGradNorm_(withGrad([1]), '1' as never)).toThrow("clipGradNorm_: 'maxNorm' must be a number, got string '1'");
    expect(() => clipGradNorm_(withGrad([1]), 1, { normType: 'inf' as never })).toThrow("'normType' must be a number (Infinity for the max norm)");
  });
});

describe('clipGradValue_', () => {
  it('clamps each gradient to [-clipValue, clipValue], keeping NaN', () => {
    const p = withGrad([-3, 0.25, 2, Number.NaN]);
    clipGradValue_([p], 1);
    expect(p.grad!.toArray()).toEqual([-1, 0.25, 1, Number.NaN]);
  });
});

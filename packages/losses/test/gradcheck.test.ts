import { gradcheck, gradgradcheck, randn, tensor, type Tensor } from '@gradlab/autograd';
import { Generator } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { binaryCrossEntropy, crossEntropy, mseLoss, nllLoss } from '../src/index';

const generator = new Generator(3);
const f64 = (shape: number[]) => randn(shape, { dtype: 'float64', generator, requiresGrad: true });
const labels = tensor([0, 3, 1, 3, 2], { dtype: 'int32' });

describe('loss gradients against finite differences (float64)', () => {
  it('crossEntropy with class indices, weight, ignoreIndex and label smoothing', () => {
    const options = { weight: [0.5, 2, 1, 3], ignoreIndex: 2, labelSmoothing: 0.2 };
    expect(gradcheck((x: Tensor) => crossEntropy(x, labels, options), [f64([5, 4])])).toBe(true);
    expect(gradcheck((x: Tensor) => crossEntropy(x, labels, { ...options, reduction: 'none' }), [f64([5, 4])])).toBe(true);
  });

  it('crossEntropy with probability targets, for input and target', () => {
    const target = f64([5, 4]);
    expect(gradcheck((x: Tensor, t: Tensor) => crossEntropy(x, t, { labelSmoothing: 0.1, weight: [1, 2, 3, 4] }), [f64([5, 4]), target])).toBe(true);
  });

  it('crossEntropy has second derivatives (createGraph)', () => {
    expect(gradgradcheck((x: Tensor) => crossEntropy(x, labels, { labelSmoothing: 0.1 }), [f64([5, 4])])).toBe(true);
  });

  it('crossEntropy on [N, C, d] input', () => {
    const target = tensor([[0, 2], [1, 1]], { dtype: 'int32' });
    expect(gradcheck((x: Tensor) => crossEntropy(x, target, { reduction: 'sum' }), [f64([2, 3, 2])])).toBe(true);
  });

  it('nllLoss and mseLoss', () => {
    expect(gradcheck((x: Tensor) => nllLoss(x, labels, { weight: [1, 2, 3, 4] }), [f64([5, 4])])).toBe(true);
    expect(gradcheck((a: Tensor, b: Tensor) => mseLoss(a, b), [f64([3, 2]), f64([3, 2])])).toBe(true);
  });

  it('binaryCrossEntropy inside (0, 1), for input and target', () => {
    const input = tensor([0.1, 0.4, 0.8, 0.95], { dtype: 'float64', requiresGrad: true });
    const target = tensor([0, 0.5, 1, 0.2], { dtype: 'float64', requiresGrad: true });
    expect(gradcheck((x: Tensor, t: Tensor) => binaryCrossEntropy(x, t), [input, target], { eps: 1e-7 })).toBe(true);
  });

  it('second derivatives of nllLoss, mseLoss and binaryCrossEntropy follow derivatives.yaml', () => {
    expect(gradgradcheck((x: Tensor) => nllLoss(x.logSoftmax(1), labels, { weight: [1, 2, 3, 4] }), [f64([5, 4])])).toBe(true);
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      expect(gradgradcheck((a: Tensor, b: Tensor) => mseLoss(a, b, { reduction }), [f64([3, 2]), f64([3, 2])])).toBe(true);
      const input = tensor([0.1, 0.4, 0.8, 0.95], { dtype: 'float64', requiresGrad: true });
      const target = tensor([0, 0.5, 1, 0.2], { dtype: 'float64', requiresGrad: true });
      const weight = tensor([1, 2, 0.5, 1], { dtype: 'float64' });
      expect(gradgradcheck((x: Tensor, t: Tensor) => binaryCrossEntropy(x, t, { reduction, weight }), [input, target], null, { eps: 1e-7, atol: 1e-4 })).toBe(true);
    }
  });
});

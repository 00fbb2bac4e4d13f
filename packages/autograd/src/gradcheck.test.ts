import { describe, expect, it } from 'vitest';
import * as B from '@gradlab/tensor';
import { DTypeError } from '@gradlab/tensor';
import { GradientError, gradcheck, gradgradcheck, mul, sin, tensor, Tensor } from './index';

const x64 = () => tensor([0.3, -1.2, 2.0], { dtype: 'float64', requiresGrad: true });

describe('gradcheck', () => {
  it('passes a correct gradient', () => {
    expect(gradcheck((x) => mul(sin(x), x), [x64()])).toBe(true);
  });

  it('catches a wrong gradient (a hook that doubles it)', () => {
    const wrong = (x: Tensor) => {
      const y = sin(x);
      y.registerHook((g) => mul(g, 2));
      return y;
    };
    expect(() => gradcheck(wrong, [x64()])).toThrow(GradientError);
    expect(gradcheck(wrong, [x64()], { raiseException: false })).toBe(false);
    try {
      gradcheck(wrong, [x64()]);
    } catch (e) {
      expect((e as GradientError).code).toBe('GRADCHECK_FAILED');
      expect((e as Error).message).toMatch(/^Jacobian mismatch for output 0 with respect to input 0/);
    }
  });

  it('catches a wrong second derivative', () => {
    // the first derivative is right, but its own graph is cut: d/dx of it is 0
    const cut = (x: Tensor) => {
      const y = sin(x);
      y.registerHook((g) => new Tensor(B.mul(g.data, B.cos(x.data))).div(B.cos(x.data)));
      return y;
    };
    expect(gradcheck(cut, [x64()])).toBe(true);
    expect(() => gradgradcheck(cut, [x64()])).toThrow(GradientError);
  });

  it('needs float64 inputs', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(() => gradcheck((a) => sin(a), [x])).toThrow(DTypeError);
  });

  it('treats inputs that do not require grad as constants', () => {
    const c = tensor([1, 2, 3], { dtype: 'float64' });
    expect(gradcheck((x, k) => mul(x, k!), [x64(), c])).toBe(true);
  });

  it('uses PyTorch default tolerances: a 1e-4 relative error passes, 1e-2 fails', () => {
    const scaled = (factor: number) => (x: Tensor) => {
      const y = mul(x, 3);
      y.registerHook((g) => mul(g, factor));
      return y;
    };
    expect(gradcheck(scaled(1 + 1e-4), [x64()])).toBe(true);
    expect(gradcheck(scaled(1 + 1e-2), [x64()], { raiseException: false })).toBe(false);
  });
});

/*
 * The edge semantics of the elementwise gradients, one named case each
 * (the golden tests check the same points against PyTorch's numbers).
 */
import { describe, expect, it } from 'vitest';
import {
  abs, add, clamp, div, leakyRelu, log, maximum, minimum, mul, pow, relu, selu, sqrt, sub, sum, tensor, Tensor, where,
} from '../index';

function gradOf(f: (x: Tensor) => Tensor, values: number[]): number[] {
  const x = tensor(values, { dtype: 'float64', requiresGrad: true });
  sum(f(x)).backward();
  return x.grad!.toArray() as number[];
}

describe('elementwise gradients at the edges', () => {
  it("ReLU'(0) = 0, decided on the result", () => {
    expect(gradOf(relu, [-1, 0, 2])).toEqual([0, 0, 1]);
  });

  it("LeakyReLU'(0) = the slope", () => {
    expect(gradOf((x) => leakyRelu(x, 0.01), [-1, 0, 2])).toEqual([0.01, 0.01, 1]);
  });

  it("abs'(0) = 0", () => {
    expect(gradOf(abs, [-2, 0, 3])).toEqual([-1, 0, 1]);
  });

  it("sqrt'(0) = inf, sqrt'(-1) = NaN", () => {
    const [a, b, c] = gradOf(sqrt, [0, -1, 4]);
    expect(a).toBe(Infinity);
    expect(b).toBeNaN();
    expect(c).toBe(0.25);
  });

  it("log'(0) = inf", () => {
    expect(gradOf(log, [0])).toEqual([Infinity]);
  });

  it('x ** 2 at 0 is 0; x ** 0.5 at 0 is inf; x ** 0 is 0 even at NaN', () => {
    expect(gradOf((x) => pow(x, 2), [0])).toEqual([0]);
    expect(gradOf((x) => pow(x, 0.5), [0])).toEqual([Infinity]);
    expect(gradOf((x) => pow(x, 0), [0, NaN, Infinity])).toEqual([0, 0, 0]);
  });

  it('d/dy 0 ** y is 0 for y >= 0 (not 0 * -inf), and -inf for y < 0', () => {
    const y = tensor([0, 2, -1], { dtype: 'float64', requiresGrad: true });
    sum(pow(0, y)).backward();
    const [a, b, c] = y.grad!.toArray() as number[];
    expect(a).toBe(0);
    expect(b).toBe(0);
    expect(c).toBe(-Infinity); // result inf * log(0) = inf * -inf
  });

  it('division by zero follows IEEE arithmetic', () => {
    const a = tensor([1, -1, 0], { dtype: 'float64', requiresGrad: true });
    const b = tensor([0, 0, 0], { dtype: 'float64', requiresGrad: true });
    sum(div(a, b)).backward();
    expect(a.grad!.toArray()).toEqual([Infinity, Infinity, Infinity]);
    const gb = b.grad!.toArray() as number[];
    expect(gb[0]).toBe(-Infinity);
    expect(gb[1]).toBe(Infinity);
    expect(gb[2]).toBeNaN();
  });

  it('propagates NaN', () => {
    expect(gradOf((x) => mul(x, x), [NaN])[0]).toBeNaN();
  });

  it('clamp passes the gradient at its bounds, not outside, and not at NaN', () => {
    expect(gradOf((x) => clamp(x, -1, 1), [-2, -1, 0, 1, 2, NaN])).toEqual([0, 1, 1, 1, 0, 0]);
  });

  it('maximum/minimum split ties in halves; NaN sends the gradient to both sides', () => {
    const a = tensor([1, 2, 3, NaN], { dtype: 'float64', requiresGrad: true });
    const b = tensor([2, 2, 1, 0], { dtype: 'float64', requiresGrad: true });
    sum(maximum(a, b)).backward();
    expect(a.grad!.toArray()).toEqual([0, 0.5, 1, 1]);
    expect(b.grad!.toArray()).toEqual([1, 0.5, 0, 1]);
    a.grad = null;
    b.grad = null;
    sum(minimum(a, b)).backward();
    expect(a.grad!.toArray()).toEqual([1, 0.5, 0, 1]);
    expect(b.grad!.toArray()).toEqual([0, 0.5, 1, 1]);
  });

  it('un-broadcasts the gradient of each input to its shape', () => {
    const a = tensor([[1], [2], [3]], { requiresGrad: true });
    const b = tensor([10, 20], { requiresGrad: true });
    sum(mul(add(a, b), 1)).backward();
    expect(a.grad!.toArray()).toEqual([[2], [2], [2]]);
    expect(b.grad!.toArray()).toEqual([3, 3]);
  });

  it('number operands: 2 - x and 2 / x', () => {
    expect(gradOf((x) => sub(2, x), [1, 5])).toEqual([-1, -1]);
    expect(gradOf((x) => div(2, x), [1, 2])).toEqual([-2, -0.5]);
  });

  it("SELU'(NaN) is the scale, as PyTorch's scalar elu_backward (x <= 0 ? ... : grad * scale) at every position", () => {
    // PyTorch 1.13's SIMD kernel gives NaN in whole chunks (16 float32 / 8 float64 elements on AVX2)
    for (const n of [1, 15, 16, 48]) {
      const x = tensor(new Array<number>(n).fill(NaN), { requiresGrad: true });
      sum(selu(x)).backward();
      expect((x.grad!.toArray() as number[]).every((g) => g === Math.fround(1.0507009873554805))).toBe(true);
    }
  });
  it('where routes the gradient by the condition', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { requiresGrad: true });
    sum(where(tensor([true, false]), a, b)).backward();
    expect(a.grad!.toArray()).toEqual([1, 0]);
    expect(b.grad!.toArray()).toEqual([0, 1]);
  });
});

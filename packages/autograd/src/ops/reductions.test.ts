import { describe, expect, it } from 'vitest';
import { logSoftmax, max, mean, min, prod, softmax, sum, sumTo, tensor, Tensor } from '../index';

function gradOf(f: (x: Tensor) => Tensor, values: number[] | number[][]): unknown {
  const x = tensor(values, { dtype: 'float64', requiresGrad: true });
  sum(f(x)).backward();
  return x.grad!.toArray();
}

describe('reduction gradients', () => {
  it('a 0-d tensor reduced over dim 0 or -1 gets gradient 1, as in PyTorch 1.13', () => {
    const reductions: [string, (x: Tensor) => Tensor][] = [
      ['sum(0)', (x) => sum(x, 0)],
      ['sum(-1, true)', (x) => sum(x, -1, true)],
      ['mean(0)', (x) => mean(x, 0)],
      ['mean(0, true)', (x) => mean(x, 0, true)],
      ['mean([-1])', (x) => mean(x, [-1])],
      ['max(0).values', (x) => max(x, 0).values],
      ['max(0, true).values', (x) => max(x, 0, true).values],
      ['min(-1).values', (x) => min(x, -1).values],
      ['prod(0)', (x) => prod(x, 0)],
    ];
    for (const [name, f] of reductions) {
      const x = tensor(2.5, { dtype: 'float64', requiresGrad: true });
      const y = f(x);
      expect(y.shape, name).toEqual([]);
      y.backward();
      expect(x.grad!.toArray(), name).toBe(1);
    }
  });

  it('max(0) of a 0-d tensor has a second derivative (0) instead of a shape error', () => {
    const x = tensor(2.5, { dtype: 'float64', requiresGrad: true });
    const y = max(x.mul(x), 0).values;
    y.backward(undefined, { createGraph: true });
    expect(x.grad!.item()).toBe(5);
  });

  it('max() shares the gradient evenly among ties', () => {
    expect(gradOf((x) => max(x), [1, 3, 3, 2])).toEqual([0, 0.5, 0.5, 0]);
    expect(gradOf((x) => min(x), [1, 1, 1, 2])).toEqual([1 / 3, 1 / 3, 1 / 3, 0]);
  });

  it('max() of NaNs gives the gradient to the NaNs', () => {
    expect(gradOf((x) => max(x), [1, NaN, 3, NaN])).toEqual([0, 0.5, 0, 0.5]);
  });

  it('max(dim) gives it all to the returned index (the first of ties)', () => {
    expect(gradOf((x) => max(x, 1).values, [[1, 3, 3], [2, 2, 1]])).toEqual([
      [0, 1, 0],
      [1, 0, 0],
    ]);
  });

  it('prod backward with a zero is linear: 1e5 elements well under a second (was 39 s), PyTorch\'s bits', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => (i === 500 ? 0 : 1 + (i % 7) * 1e-6));
    const x = tensor(values, { requiresGrad: true, dtype: 'float64' });
    const start = performance.now();
    prod(x).backward();
    expect(performance.now() - start).toBeLessThan(1000);
    // PyTorch 1.13 (prod_safe_zeros_backward's cumprods) gives exactly this
    expect(x.grad!.data.storage[500]).toBe(1.349847131376986);
    expect(x.grad!.data.storage[499]).toBe(0);
  });

  it('prod with zeros uses the products of the other elements', () => {
    expect(gradOf((x) => prod(x), [2, 0, 3])).toEqual([0, 6, 0]);
    expect(gradOf((x) => prod(x), [2, 0, 0])).toEqual([0, 0, 0]);
    expect(gradOf((x) => prod(x, 1), [[2, 0, 3], [1, 2, 4]])).toEqual([
      [0, 6, 0],
      [8, 4, 2],
    ]);
  });

  it('an empty list of dims reduces over all of them, as PyTorch 1.13', () => {
    expect(gradOf((x) => mean(x, []), [[1, 2], [3, 4]])).toEqual([
      [0.25, 0.25],
      [0.25, 0.25],
    ]);
    expect(gradOf((x) => sum(x, []), [1, 2])).toEqual([1, 1]);
  });

  it('mean divides by the number of reduced elements', () => {
    expect(gradOf((x) => mean(x, 0), [[1, 2], [3, 4]])).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
  });

  it('softmax and logSoftmax of logits of 1000 have finite gradients', () => {
    const x = tensor([[1000, 0, -1000]], { dtype: 'float64', requiresGrad: true });
    const w = tensor([[1, 2, 3]], { dtype: 'float64' });
    sum(softmax(x, 1).mul(w)).backward();
    expect((x.grad!.toArray() as number[][])[0]!.every(Number.isFinite)).toBe(true);
    x.grad = null;
    sum(logSoftmax(x, 1).mul(w)).backward();
    const g = (x.grad!.toArray() as number[][])[0]!;
    expect(g[0]).toBeCloseTo(1 - 6, 12);
    expect(g[1]).toBeCloseTo(2, 12);
  });

  it('sumTo is the inverse of broadcasting', () => {
    expect(gradOf((x) => sumTo(x, [1, 2]).mul(tensor([[1, 10]], { dtype: 'float64' })), [[1, 2], [3, 4]])).toEqual([
      [1, 10],
      [1, 10],
    ]);
  });
});

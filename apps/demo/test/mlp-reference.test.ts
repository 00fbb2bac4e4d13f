/**
 * The float64 reference of Ex 2 is itself checked against PyTorch, so that a
 * disagreement with the demo can only mean the demo is wrong.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mlpReference, type Matrix } from './mlp-reference';

interface TorchCase {
  seed: number;
  x: Matrix;
  oneHot: Matrix;
  weights: Matrix[];
  output: Matrix;
  loss: number;
  grads: Matrix[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/ex2-torch.json', import.meta.url), 'utf8')) as {
  cases: TorchCase[];
};

function maxRelativeGap(actual: Matrix, expected: Matrix): number {
  const scale = Math.max(...expected.flat().map(Math.abs));
  return Math.max(...actual.flat().map((value, index) => Math.abs(value - expected.flat()[index]!))) / scale;
}

describe('mlpReference', () => {
  it.each(fixture.cases.map((c) => [c.seed, c] as const))('reproduces PyTorch (float32) for seed %i', (_, torchCase) => {
    const reference = mlpReference(torchCase.x, torchCase.weights, torchCase.oneHot);
    expect(maxRelativeGap(reference.output, torchCase.output)).toBeLessThan(1e-6);
    expect(Math.abs(reference.loss - torchCase.loss) / torchCase.loss).toBeLessThan(1e-6);
    reference.grads.forEach((grad, layer) => expect(maxRelativeGap(grad, torchCase.grads[layer]!)).toBeLessThan(1e-5));
  });

  it('gives p - y at the logits: a single linear layer on one point', () => {
    // logits = W x with W = [[1, 0], [0, 1]], x = [ln 3, 0]: p = [0.75, 0.25].
    const reference = mlpReference([[Math.log(3), 0]], [[[1, 0], [0, 1]]], [[1, 0]]);
    expect(reference.output[0]![0]).toBeCloseTo(0.75, 12);
    expect(reference.loss).toBeCloseTo(-Math.log(0.75), 12);
    // dW = (p - y) x^T
    expect(reference.grads[0]![0]![0]).toBeCloseTo(-0.25 * Math.log(3), 12);
    expect(reference.grads[0]![1]![0]).toBeCloseTo(0.25 * Math.log(3), 12);
    expect(reference.grads[0]![0]![1]).toBe(0);
  });
});

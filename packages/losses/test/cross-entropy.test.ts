import type { Tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { binaryCrossEntropy, crossEntropy, mseLoss, nllLoss, type Reduction } from '../src/index';
import { expectClose, loadFixture, toTensor, type FixtureTensor } from './fixture';

interface LossCase {
  name: string;
  input: FixtureTensor;
  target: FixtureTensor;
  options: {
    reduction?: Reduction;
    weight?: FixtureTensor;
    ignore_index?: number;
    label_smoothing?: number;
  };
  output: FixtureTensor;
  upstream: FixtureTensor;
  grad_input: FixtureTensor;
  grad_target: FixtureTensor | null;
  forward_only?: boolean;
}

type LossFunction = (input: Tensor, target: Tensor, options: Record<string, unknown>) => Tensor;

function options(fixture: LossCase): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (fixture.options.reduction !== undefined) out.reduction = fixture.options.reduction;
  if (fixture.options.weight !== undefined) out.weight = toTensor(fixture.options.weight);
  if (fixture.options.ignore_index !== undefined) out.ignoreIndex = fixture.options.ignore_index;
  if (fixture.options.label_smoothing !== undefined) out.labelSmoothing = fixture.options.label_smoothing;
  return out;
}

function check(fn: LossFunction, fixture: LossCase): void {
  const input = toTensor(fixture.input, true);
  const differentiableTarget = fixture.grad_target !== null;
  const target = toTensor(fixture.target, differentiableTarget);
  const loss = fn(input, target, options(fixture));
  expectClose(loss, fixture.output, 'loss');
  if (fixture.forward_only === true) return;
  loss.backward(toTensor(fixture.upstream));
  expectClose(input.grad, fixture.grad_input, 'grad input');
  if (differentiableTarget) expectClose(target.grad, fixture.grad_target!, 'grad target');
}

const suites: [string, string, LossFunction][] = [
  ['crossEntropy', 'cross_entropy.json', crossEntropy as LossFunction],
  ['nllLoss', 'nll_loss.json', nllLoss as LossFunction],
  ['binaryCrossEntropy', 'binary_cross_entropy.json', binaryCrossEntropy as LossFunction],
  ['mseLoss', 'mse_loss.json', mseLoss as LossFunction],
];

for (const [name, file, fn] of suites) {
  describe(`${name} against PyTorch`, () => {
    const cases = loadFixture<LossCase[]>(file);
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_, fixture) => check(fn, fixture));
  });
}

describe('binaryCrossEntropy at probabilities of exactly 0 and 1', () => {
  it('gives finite input gradients (PyTorch divides by max(x (1 - x), 1e-12) instead)', () => {
    const cases = loadFixture<LossCase[]>('binary_cross_entropy.json').filter((c) => c.forward_only === true);
    expect(cases.length).toBe(2);
    for (const fixture of cases) {
      const input = toTensor(fixture.input, true);
      const loss = binaryCrossEntropy(input, toTensor(fixture.target), options(fixture));
      loss.backward(toTensor(fixture.upstream));
      const grads = input.grad!.toArray() as number[];
      expect(grads.every(Number.isFinite)).toBe(true);
      // The unclamped element (0.5 against 1) still matches PyTorch.
      expect(grads[4]).toBeCloseTo(Number(fixture.grad_input.data[4]), 5);
    }
  });
});

import type { Tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { binaryCrossEntropy, crossEntropy, mseLoss, nllLoss, type Reduction } from '../src/index';
import { expectFixtureClose, loadFixture, num, toTensor, type FixtureTensor } from '@gradlab/testing';

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
  expectFixtureClose(loss, fixture.output, 'loss');
  loss.backward(toTensor(fixture.upstream));
  expectFixtureClose(input.grad, fixture.grad_input, 'grad input');
  if (!differentiableTarget) return;
  // PyTorch's target gradient, -logit(x), is unclamped: +-inf at x = 0 or 1, and so is gradlab's
  expectFixtureClose(target.grad, fixture.grad_target!, 'grad target');
}

const suites: [string, string, LossFunction][] = [
  ['crossEntropy', 'cross_entropy.json', crossEntropy as LossFunction],
  ['nllLoss', 'nll_loss.json', nllLoss as LossFunction],
  ['binaryCrossEntropy', 'binary_cross_entropy.json', binaryCrossEntropy as LossFunction],
  ['mseLoss', 'mse_loss.json', mseLoss as LossFunction],
];

for (const [name, file, fn] of suites) {
  describe(`${name} against PyTorch`, () => {
    const cases = loadFixture<LossCase[]>(import.meta.url, file);
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_, fixture) => check(fn, fixture));
  });
}

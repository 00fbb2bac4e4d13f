import { zeros } from '@gradlab/autograd';
import { IndexError, ShapeError, ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { ELU, GELU, Sigmoid, SiLU, Softplus, Tanh, Unflatten, type TensorModule } from '../src/index';
import { expectFixtureClose, loadFixture, toTensor, type FixtureTensor } from '@gradlab/testing';

interface ActivationCase {
  name: string; repr: string; x: FixtureTensor; output: FixtureTensor; upstream: FixtureTensor; grad_x: FixtureTensor; grad_fn: string;
}

const modules: Record<string, () => TensorModule> = {
  tanh: () => new Tanh(),
  sigmoid: () => new Sigmoid(),
  gelu: () => new GELU(),
  gelu_tanh: () => new GELU('tanh'),
  silu: () => new SiLU(),
  softplus: () => new Softplus(),
  softplus_beta_threshold: () => new Softplus(0.5, 10),
  softplus_wide: () => new Softplus(),
  elu: () => new ELU(),
  'elu_0.5': () => new ELU(0.5),
  tanh_float64: () => new Tanh(),
  unflatten: () => new Unflatten(1, [2, 5]),
  'unflatten_-1': () => new Unflatten(-1, [2, -1]),
  unflatten_0: () => new Unflatten(0, [2, 2]),
};

const cases = loadFixture<ActivationCase[]>(import.meta.url, 'activations_issue16.json');

describe('activation modules of issue 16 against PyTorch 1.13', () => {
  it('covers every fixture case', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(modules).sort());
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: repr, output, grad_fn and input gradient', (name, fixture) => {
    const module = modules[name]!();
    expect(module.toString()).toBe(fixture.repr);
    const x = toTensor(fixture.x, true);
    const output = module.call(x);
    expectFixtureClose(output, fixture.output, 'output');
    expect(output.gradFn!.name).toBe(fixture.grad_fn);
    output.backward(toTensor(fixture.upstream));
    expectFixtureClose(x.grad, fixture.grad_x, 'grad x');
  });

  it('typed errors with PyTorch wording', () => {
    expect(() => new GELU('exact' as never)).toThrow(ValueError);
    expect(() => new GELU('exact' as never)).toThrow('approximate argument must be either none or tanh.');
    expect(() => new Unflatten(1, [2, 4]).call(zeros([3, 10]))).toThrow(ShapeError);
    expect(() => new Unflatten(1, [2, 4]).call(zeros([3, 10]))).toThrow(
      "unflatten: Provided sizes [2, 4] don't multiply up to the size of dim 1 (10) in the input tensor",
    );
    expect(() => new Unflatten(2, [2, 5]).call(zeros([3, 10]))).toThrow(IndexError);
    expect(() => new Unflatten(2, [2, 5]).call(zeros([3, 10]))).toThrow('Dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => new Unflatten(1, [-1, -1])).toThrow('only one dimension can be inferred');
    expect(() => new Unflatten(1, [])).toThrow("Unflatten: 'unflattenedSize' must be a non-empty array");
    expect(() => new Softplus(Number.NaN)).toThrow("Softplus: 'beta' must be a finite number, got NaN");
    expect(() => new ELU('1' as never)).toThrow("ELU: 'alpha' must be a finite number, got string '1'");
    expect(() => new Tanh().call([1, 2] as never)).toThrow("Tanh: 'input' must be a Tensor");
    expect(String(new Unflatten(0, [3]))).toBe('Unflatten(dim=0, unflattened_size=(3,))');
  });
});

import { describe, expect, it } from 'vitest';

import { Flatten, Identity, LeakyReLU, LogSoftmax, ReLU, Softmax, type TensorModule } from '../src/index';
import { expectFixtureClose, loadFixture, toTensor, type FixtureTensor } from '@gradlab/testing';

interface ActivationCase {
  name: string;
  repr: string;
  x: FixtureTensor;
  output: FixtureTensor;
  upstream: FixtureTensor;
  grad_x: FixtureTensor;
}

const modules: Record<string, () => TensorModule> = {
  relu: () => new ReLU(),
  leaky_relu_default: () => new LeakyReLU(),
  'leaky_relu_0.2': () => new LeakyReLU(0.2),
  softmax_dim1: () => new Softmax(1),
  softmax_dim0: () => new Softmax(0),
  log_softmax_dim1: () => new LogSoftmax(1),
  'log_softmax_dim-1_large': () => new LogSoftmax(-1),
  softmax_dim1_large: () => new Softmax(1),
  flatten_default: () => new Flatten(),
  flatten_0_1: () => new Flatten(0, 1),
  identity: () => new Identity(),
};

const cases = loadFixture<ActivationCase[]>(import.meta.url, 'activations.json');

describe('activation modules against PyTorch', () => {
  it('covers every fixture case', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(modules).sort());
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: repr, output and input gradient', (name, fixture) => {
    const module = modules[name]!();
    expect(module.toString()).toBe(fixture.repr);
    const x = toTensor(fixture.x, true);
    const output = module.call(x);
    expectFixtureClose(output, fixture.output, 'output');
    output.backward(toTensor(fixture.upstream));
    expectFixtureClose(x.grad, fixture.grad_x, 'grad x');
  });
});

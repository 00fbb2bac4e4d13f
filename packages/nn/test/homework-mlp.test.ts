import type { Tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { Linear, Module, ReLU, Sequential, Softmax } from '../src/index';
import { expectFixtureClose, loadFixture, num, toBase, toTensor, type FixtureTensor } from '@gradlab/testing';

/** The homework's network (Ex 2), as the nn README shows it. */
class MyMLP extends Module {
  layers: Sequential;

  constructor(bias = true) {
    super();
    this.layers = new Sequential(
      new Linear(5, 11, { bias }),
      new ReLU(),
      new Linear(11, 16, { bias }),
      new ReLU(),
      new Linear(16, 13, { bias }),
      new ReLU(),
      new Linear(13, 8, { bias }),
      new ReLU(),
      new Linear(8, 4, { bias }),
      new Softmax(1),
    );
  }

  forward(x: Tensor): Tensor {
    return this.layers.forward(x);
  }
}

interface HomeworkCase {
  bias: boolean;
  state_dict: Record<string, FixtureTensor>;
  x: FixtureTensor;
  onehot: FixtureTensor;
  output: FixtureTensor;
  loss: number;
  grads: Record<string, FixtureTensor>;
  named_parameters: string[];
  state_dict_keys: string[];
  named_modules: string[];
  repr: string;
}

const cases = loadFixture<HomeworkCase[]>(import.meta.url, 'homework_mlp.json');

describe.each(cases.map((c) => [c.bias ? 'bias=True' : 'bias=False', c] as const))('homework MyMLP (%s) against PyTorch', (_, fixture) => {
  const build = (): MyMLP => {
    const model = new MyMLP(fixture.bias);
    model.loadStateDict(Object.fromEntries(Object.entries(fixture.state_dict).map(([k, v]) => [k, toBase(v)])));
    return model;
  };

  it('names parameters, state_dict keys and modules as PyTorch', () => {
    const model = build();
    expect(model.namedParameters().map(([name]) => name)).toEqual(fixture.named_parameters);
    expect(Object.keys(model.stateDict())).toEqual(fixture.state_dict_keys);
    expect(model.namedModules().map(([name]) => name)).toEqual(fixture.named_modules);
  });

  it('prints like print(model)', () => {
    expect(build().toString()).toBe(fixture.repr);
  });

  it('forward output, loss -sum(y * log(yHat)) and every parameter gradient match', () => {
    const model = build();
    const output = model.call(toTensor(fixture.x));
    expectFixtureClose(output, fixture.output, 'output');
    const loss = toTensor(fixture.onehot).mul(output.log()).sum().neg();
    expect(loss.item()).toBeCloseTo(num(fixture.loss), 4);
    expect(Math.abs(loss.item() - num(fixture.loss)) / num(fixture.loss)).toBeLessThan(1e-5);
    loss.backward();
    for (const [name, parameter] of model.namedParameters()) expectFixtureClose(parameter.grad, fixture.grads[name]!, `grad ${name}`);
  });
});

import { describe, expect, it } from 'vitest';

import {
  Flatten,
  Identity,
  LeakyReLU,
  Linear,
  LogSoftmax,
  ModuleList,
  ReLU,
  Sequential,
  Softmax,
  type AnyModule,
} from '../src/index';
import { loadFixture } from '@gradlab/testing';

interface ReprCase {
  name: string;
  repr: string;
  named_parameters: string[];
  state_dict_keys: string[];
  named_modules: string[];
  children: string[];
}

const build: Record<string, () => AnyModule> = {
  linear: () => new Linear(5, 11),
  linear_no_bias: () => new Linear(5, 11, { bias: false }),
  relu: () => new ReLU(),
  leaky_relu: () => new LeakyReLU(),
  'leaky_relu_0.2': () => new LeakyReLU(0.2),
  softmax: () => new Softmax(1),
  log_softmax: () => new LogSoftmax(-1),
  flatten: () => new Flatten(),
  flatten_0_2: () => new Flatten(0, 2),
  identity: () => new Identity(),
  empty_sequential: () => new Sequential(),
  nested_sequential: () =>
    new Sequential(
      new Flatten(),
      new Sequential(new Linear(4, 3), new LeakyReLU(0.1)),
      new Identity(),
      new Linear(3, 2, { bias: false }),
      new LogSoftmax(1),
    ),
  module_list: () => new ModuleList([new Linear(4, 3), new ReLU(), new Linear(3, 2, { bias: false })]),
};

// The loss modules' cases are checked in @gradlab/losses.
const cases = loadFixture<ReprCase[]>(import.meta.url, 'repr.json').filter((c) => c.name in build);

describe('module repr and names against PyTorch', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (name, fixture) => {
    const module = build[name]!();
    expect(module.toString()).toBe(fixture.repr);
    expect(String(module)).toBe(fixture.repr);
    expect(module.namedParameters().map(([key]) => key)).toEqual(fixture.named_parameters);
    expect(Object.keys(module.stateDict())).toEqual(fixture.state_dict_keys);
    expect(module.namedModules().map(([key]) => key)).toEqual(fixture.named_modules);
    expect(module.namedChildren().map(([key]) => key)).toEqual(fixture.children);
  });
});

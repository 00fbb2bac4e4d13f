import { fromData, type Tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { Adadelta, Adagrad, Adam, Adamax, AdamW, NAdam, RAdam, RMSprop, SGD, type Optimizer } from '../src/index';
import { expectFixtureClose, loadFixture, toBase, toTensor, type FixtureTensor } from '@gradlab/testing';

type Name = 'w' | 'b' | 'v';

interface Step {
  loss: number;
  grads: Record<Name, FixtureTensor>;
  params: Record<Name, FixtureTensor>;
}

interface TrajectoryCase {
  name: string;
  optimizer: 'SGD' | 'Adam' | 'AdamW' | 'RMSprop' | 'Adagrad' | 'Adadelta' | 'Adamax' | 'NAdam' | 'RAdam';
  groups: { params: Name[]; options: Record<string, unknown> }[];
  steps: Step[];
  state: Record<string, Record<string, number | FixtureTensor>>;
  param_groups: Record<string, unknown>[];
}

interface Trajectories {
  x: FixtureTensor;
  y: FixtureTensor;
  init: Record<Name, FixtureTensor>;
  cases: TrajectoryCase[];
}

const fixture = loadFixture<Trajectories>(import.meta.url, 'trajectories.json');
const x = toTensor(fixture.x);
const y = toTensor(fixture.y);

const camel = (key: string): string => key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function parameters(): Record<Name, Tensor> {
  return {
    w: fromData(toBase(fixture.init.w), true),
    b: fromData(toBase(fixture.init.b), true),
    v: fromData(toBase(fixture.init.v), true),
  };
}

function build(testCase: TrajectoryCase, params: Record<Name, Tensor>): Optimizer<object> {
  const groups = testCase.groups.map((group) => ({
    params: group.params.map((name) => params[name]),
    ...Object.fromEntries(Object.entries(group.options).map(([k, v]) => [camel(k), v])),
  }));
  // SGD has no default learning rate; every SGD group here sets one.
  if (testCase.optimizer === 'SGD') return new SGD(groups, { lr: Number.NaN }) as unknown as Optimizer<object>;
  const classes = { Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam } as const;
  const OptimizerClass = classes[testCase.optimizer] as unknown as new (groups: unknown) => Optimizer<object>;
  return new OptimizerClass(groups);
}

/** mean((x @ w + b - y) ** 2) + 0.1 * sum(v ** 2) */
function loss(params: Record<Name, Tensor>): Tensor {
  const residual = x.matmul(params.w).add(params.b).sub(y);
  return residual.mul(residual).mean().add(params.v.mul(params.v).sum().mul(0.1));
}

function runSteps(optimizer: Optimizer<object>, params: Record<Name, Tensor>, steps: Step[]): void {
  for (const [index, step] of steps.entries()) {
    optimizer.zeroGrad();
    const value = loss(params);
    expect(Math.abs(value.item() - step.loss) / Math.abs(step.loss), `loss at step ${index}`).toBeLessThan(1e-5);
    value.backward();
    for (const name of ['w', 'b', 'v'] as const) expectFixtureClose(params[name].grad, step.grads[name], `step ${index} grad ${name}`);
    optimizer.step();
    for (const name of ['w', 'b', 'v'] as const) expectFixtureClose(params[name], step.params[name], `step ${index} ${name}`);
  }
}

describe.each(fixture.cases.map((c) => [c.name, c] as const))('%s against PyTorch', (_, testCase) => {
  it('follows the trajectory step by step', () => {
    const params = parameters();
    runSteps(build(testCase, params), params, testCase.steps);
  });

  it('ends with the same state and groups', () => {
    const params = parameters();
    const optimizer = build(testCase, params);
    runSteps(optimizer, params, testCase.steps);
    const saved = optimizer.stateDict();
    for (const [index, expected] of Object.entries(testCase.state)) {
      // PyTorch keeps {momentum_buffer: None} for plain SGD; we keep no entry.
      const state = saved.state[Number(index)] ?? {};
      expect(Object.keys(state).map(snake).sort()).toEqual(Object.keys(expected).sort());
      for (const [key, value] of Object.entries(expected)) {
        if (typeof value === 'number') expect(state[camel(key)]).toBe(value);
        else expectFixtureClose(state[camel(key)] as Tensor, value, `state ${index}.${key}`);
      }
    }
    saved.paramGroups.forEach((group, g) => {
      const expected = testCase.param_groups[g]!;
      expect(group.params).toEqual(expected.params);
      for (const [key, value] of Object.entries(group)) {
        if (key !== 'params') expect(value, `group ${g} ${key}`).toEqual(expected[snake(key)]);
      }
    });
  });

  it('resumes from stateDict() halfway', () => {
    const first = parameters();
    const optimizer = build(testCase, first);
    runSteps(optimizer, first, testCase.steps.slice(0, 3));
    const saved = optimizer.stateDict();
    // A fresh optimizer over copies of the parameters, restored from the saved state.
    const second = parameters();
    for (const name of ['w', 'b', 'v'] as const) second[name].data.storage.set(first[name].data.storage);
    const restored = build(testCase, second);
    restored.loadStateDict(saved);
    runSteps(restored, second, testCase.steps.slice(3));
  });
});

import { tensor, type Tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import {
  Adam,
  CosineAnnealingLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  MultiStepLR,
  OneCycleLR,
  ReduceLROnPlateau,
  SGD,
  StepLR,
  type LrLambda,
  type Optimizer,
} from '../src/index';
import { expectAllClose, loadFixture, num } from '@gradlab/testing';

type Json = number | string | boolean | null | Json[] | { [key: string]: Json };

interface SchedulerCase {
  name: string;
  scheduler: string;
  optimizer: 'SGD' | 'Adam';
  lrs: number[];
  options: Record<string, Json>;
  steps: number;
  expected_lrs: number[][];
  expected_momentum?: number[][];
  metrics?: number[];
  lambdas?: string[];
  initial_lrs?: number[];
  state_dict: Record<string, Json>;
  param_groups: Record<string, Json>[];
}

const fixture = loadFixture<{ cases: SchedulerCase[] }>(import.meta.url, 'lr_schedulers.json');

// the generator's LambdaLR functions, under the same names
const LAMBDAS: Record<string, LrLambda> = {
  pow095: (epoch) => 0.95 ** epoch,
  warmup5: (epoch) => Math.min(1, (epoch + 1) / 5),
  every3: (epoch) => 0.5 ** Math.floor(epoch / 3),
};

const camel = (key: string): string => (key === 'T_max' ? 'tMax' : key.replace(/^_/, '').replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));

/** PyTorch's value in gradlab's terms: camelCase keys (and group-key names in OneCycleLR's phases), "inf" as Infinity. */
function translate(value: Json, key = ''): unknown {
  if (typeof value === 'string') return key.endsWith('Lr') || key.endsWith('Momentum') ? camel(value) : ['inf', '-inf', 'nan'].includes(value) ? num(value) : value;
  if (Array.isArray(value)) return value.map((v) => translate(v, key));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [key === 'milestones' ? k : camel(k), translate(v, key === 'milestones' ? '' : camel(k))]));
  return value;
}

type Scheduler = { step(metric?: number | Tensor): void; getLastLr(): number[]; stateDict(): Record<string, unknown>; loadStateDict(s: Record<string, unknown>): void };

function build(testCase: SchedulerCase): { optimizer: Optimizer<object>; params: Tensor[]; scheduler: Scheduler } {
  const params = testCase.lrs.map(() => tensor([0, 0], { requiresGrad: true }));
  // a resumed schedule (lastEpoch > -1) needs each group's initialLr, as PyTorch
  const groups = params.map((p, i) => ({ params: [p], lr: testCase.lrs[i]!, ...(testCase.initial_lrs ? { initialLr: testCase.initial_lrs[i]! } : {}) }));
  const optimizer = (testCase.optimizer === 'SGD' ? new SGD(groups, { lr: testCase.lrs[0]!, momentum: 0.9 }) : new Adam(groups, { lr: testCase.lrs[0]! })) as unknown as Optimizer<object>;
  const options = translate(testCase.options) as never;
  const make: Record<string, () => Scheduler> = {
    StepLR: () => new StepLR(optimizer, options),
    MultiStepLR: () => new MultiStepLR(optimizer, options),
    ExponentialLR: () => new ExponentialLR(optimizer, options),
    CosineAnnealingLR: () => new CosineAnnealingLR(optimizer, options),
    LinearLR: () => new LinearLR(optimizer, options),
    OneCycleLR: () => new OneCycleLR(optimizer, options),
    ReduceLROnPlateau: () => new ReduceLROnPlateau(optimizer, options) as unknown as Scheduler,
    LambdaLR: () => {
      const fns = testCase.lambdas!.map((n) => LAMBDAS[n]!);
      return new LambdaLR(optimizer, { lrLambda: fns.length === 1 ? fns[0]! : fns });
    },
  };
  return { optimizer, params, scheduler: make[testCase.scheduler]!() };
}

/** Python's and V8's cos/pow may differ in the last bit; everything else is the same double arithmetic. */
function expectNumbers(actual: readonly number[], expected: readonly number[], label: string): void {
  expectAllClose(actual, expected, { rtol: 1e-14, floor: 1 }, label);
}

function run(testCase: SchedulerCase, from: number, to: number, built: ReturnType<typeof build>, withOptimizerStep = true): void {
  const { optimizer, params, scheduler } = built;
  const momentum = () => optimizer.paramGroups.map((g) => { const group = g as unknown as { betas?: number[]; momentum: number }; return group.betas?.[0] ?? group.momentum; });
  for (let i = from; i < to; i++) {
    if (withOptimizerStep) {
      for (const p of params) p.grad = tensor([1, 1]);
      optimizer.step();
    }
    if (testCase.metrics) scheduler.step(testCase.metrics[i]!);
    else scheduler.step();
    expectNumbers(scheduler.getLastLr(), testCase.expected_lrs[i + 1]!, `lr after step ${i + 1}`);
    expectNumbers(optimizer.paramGroups.map((g) => (g as unknown as { lr: number }).lr), testCase.expected_lrs[i + 1]!, `group lr after step ${i + 1}`);
    if (testCase.expected_momentum) expectNumbers(momentum(), testCase.expected_momentum[i + 1]!, `momentum after step ${i + 1}`);
  }
}

describe.each(fixture.cases.map((c) => [c.name, c] as const))('%s against PyTorch 1.13', (_, testCase) => {
  it('gives the same learning rate after construction and every step', () => {
    const built = build(testCase);
    expectNumbers(built.scheduler.getLastLr(), testCase.expected_lrs[0]!, 'lr after construction');
    // the optimizer's step in between is what training does; the last one would see OneCycleLR's final (negative) lr
    run(testCase, 0, testCase.steps - 1, built);
    run(testCase, testCase.steps - 1, testCase.steps, built, false);
  });

  it("ends with PyTorch's state_dict (camelCase) and the groups' scheduler keys", () => {
    const built = build(testCase);
    run(testCase, 0, testCase.steps, built, false);
    const state = built.scheduler.stateDict();
    const expected = translate(testCase.state_dict) as Record<string, unknown>;
    const extra = Object.keys(state).filter((k) => !(k in expected));
    // annealStrategy stands for PyTorch's anneal_func (a method), lrLambdas is PyTorch's [None, ...]
    expect(extra.filter((k) => k !== 'annealStrategy' && k !== 'lrLambdas')).toEqual([]);
    for (const [key, value] of Object.entries(expected)) {
      if (Array.isArray(value) && typeof value[0] === 'number') expectNumbers(state[key] as number[], value as number[], `state ${key}`);
      else expect(state[key], `state ${key}`).toEqual(value);
    }
    testCase.param_groups.forEach((pytorchGroup, g) => {
      const group = built.optimizer.paramGroups[g] as unknown as Record<string, unknown>;
      for (const key of ['initial_lr', 'max_lr', 'min_lr', 'max_momentum', 'base_momentum', 'lr', 'momentum', 'betas']) {
        if (!(key in pytorchGroup)) continue;
        const want = translate(pytorchGroup[key]!) as number | number[];
        expectNumbers([group[camel(key)] as number].flat(), [want].flat(), `group ${g} ${key}`);
      }
    });
  });

  it('resumes from stateDict() halfway (scheduler and optimizer state)', () => {
    const half = Math.floor(testCase.steps / 2);
    const first = build(testCase);
    run(testCase, 0, half, first, false);
    const schedulerState = first.scheduler.stateDict();
    const optimizerState = first.optimizer.stateDict();
    const second = build(testCase);
    second.optimizer.loadStateDict(optimizerState);
    second.scheduler.loadStateDict(schedulerState);
    run(testCase, half, testCase.steps, second, false);
  });
});

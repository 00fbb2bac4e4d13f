import { tensor } from '@gradlab/autograd';
import { ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';
import { thrownError } from '@gradlab/testing';

import { Adagrad, CosineAnnealingLR, ExponentialLR, LambdaLR, LinearLR, MultiStepLR, OneCycleLR, ReduceLROnPlateau, SGD, StepLR } from '../src/index';

const thrown = (fn: () => unknown): string => thrownError(fn, ValueError).message;
const sgd = (groups = 1) =>
  new SGD(
    Array.from({ length: groups }, () => ({ params: [tensor([1], { requiresGrad: true })] })),
    { lr: 0.1, momentum: 0.9 },
  );

describe('schedulers reject misuse with a ValueError naming the scheduler and the option', () => {
  it('not an optimizer, not an options object', () => {
    expect(thrown(() => new StepLR({} as never, { stepSize: 1 }))).toBe("StepLR: 'optimizer' must be an Optimizer (SGD, Adam, ...), got Object");
    expect(thrown(() => new ExponentialLR(sgd(), undefined as never))).toBe("ExponentialLR: 'options' must be an object, got undefined");
    expect(thrown(() => new ReduceLROnPlateau([] as never))).toContain("ReduceLROnPlateau: 'optimizer' must be an Optimizer");
  });

  it('bad hyperparameters', () => {
    expect(thrown(() => new StepLR(sgd(), { stepSize: 0 }))).toBe("StepLR: 'stepSize' must be a positive integer, got 0");
    expect(thrown(() => new MultiStepLR(sgd(), { milestones: [1.5] }))).toBe("MultiStepLR: 'milestones' must be integers, got 1.5");
    expect(thrown(() => new ExponentialLR(sgd(), { gamma: Number.NaN }))).toBe("ExponentialLR: 'gamma' must be a finite number, got NaN");
    expect(thrown(() => new CosineAnnealingLR(sgd(), { tMax: 0 }))).toBe("CosineAnnealingLR: 'tMax' must be a number > 0, got 0");
    expect(thrown(() => new LinearLR(sgd(), { startFactor: 2 }))).toBe('LinearLR: Starting multiplicative factor expected to be between 0 and 1, got startFactor 2');
    expect(thrown(() => new LinearLR(sgd(), { endFactor: -1 }))).toBe('LinearLR: Ending multiplicative factor expected to be between 0 and 1, got endFactor -1');
    expect(thrown(() => new LambdaLR(sgd(2), { lrLambda: [() => 1] }))).toBe('LambdaLR: Expected 2 lr_lambdas, but got 1');
    expect(thrown(() => new LambdaLR(sgd(), { lrLambda: 0.5 as never }))).toContain("LambdaLR: 'lrLambda' must be a function");
    expect(thrown(() => new ReduceLROnPlateau(sgd(), { factor: 1 }))).toBe('ReduceLROnPlateau: Factor should be < 1.0, got factor 1');
    expect(thrown(() => new ReduceLROnPlateau(sgd(), { mode: 'up' as never }))).toBe("ReduceLROnPlateau: mode string 'up' is unknown! (expected 'min' or 'max')");
    expect(thrown(() => new ReduceLROnPlateau(sgd(), { thresholdMode: 'x' as never }))).toContain('threshold mode');
    expect(thrown(() => new ReduceLROnPlateau(sgd(2), { minLr: [0] }))).toBe('ReduceLROnPlateau: expected 2 min_lrs, got 1');
    expect(thrown(() => new ReduceLROnPlateau(sgd()).step('0.5' as never))).toContain("'metrics' must be a number or a one-element Tensor");
  });

  it("OneCycleLR's checks, in PyTorch's words", () => {
    expect(thrown(() => new OneCycleLR(sgd(), { maxLr: 1 }))).toBe('OneCycleLR: You must define either totalSteps OR (epochs AND stepsPerEpoch)');
    expect(thrown(() => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 0 }))).toBe('OneCycleLR: Expected positive integer totalSteps, but got 0');
    expect(thrown(() => new OneCycleLR(sgd(), { maxLr: 1, epochs: 2 }))).toBe('OneCycleLR: Expected positive integer stepsPerEpoch, but got undefined');
    expect(thrown(() => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 5, pctStart: 1.5 }))).toBe('OneCycleLR: Expected float between 0 and 1 pctStart, but got 1.5');
    expect(thrown(() => new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 5, annealStrategy: 'exp' as never }))).toBe(
      "OneCycleLR: annealStrategy must by one of 'cos' or 'linear', instead got string 'exp'",
    );
    expect(thrown(() => new OneCycleLR(sgd(), { maxLr: [1, 2], totalSteps: 5 }))).toBe('OneCycleLR: expected 1 values for maxLr, got 2');
    const adagrad = new Adagrad([tensor([1], { requiresGrad: true })]);
    expect(thrown(() => new OneCycleLR(adagrad as never, { maxLr: 1, totalSteps: 5 }))).toBe('OneCycleLR: optimizer must support momentum with `cycleMomentum` option enabled');
    const scheduler = new OneCycleLR(sgd(), { maxLr: 1, totalSteps: 2 });
    scheduler.step();
    scheduler.step();
    expect(thrown(() => scheduler.step())).toBe('OneCycleLR: Tried to step 4 times. The specified number of total steps is 2');
  });

  it('resuming (lastEpoch > -1) needs initialLr in every group, as PyTorch', () => {
    expect(thrown(() => new StepLR(sgd(), { stepSize: 2, lastEpoch: 3 }))).toBe("StepLR: param 'initialLr' is not specified in paramGroups[0] when resuming an optimizer");
  });

  it('loadStateDict rejects unknown, missing and mistyped entries without changing the scheduler', () => {
    const scheduler = new StepLR(sgd(), { stepSize: 2 });
    const good = scheduler.stateDict();
    expect(thrown(() => scheduler.loadStateDict({ ...good, extra: 1 }))).toContain("StepLR.loadStateDict: unexpected key 'extra'");
    const { gamma: _gamma, ...missing } = good;
    expect(thrown(() => scheduler.loadStateDict(missing))).toBe("StepLR.loadStateDict: missing key 'gamma'");
    expect(thrown(() => scheduler.loadStateDict({ ...good, baseLrs: [0.1, 0.2] }))).toBe("StepLR.loadStateDict: 'baseLrs' must be an array of 1, got an array of 2");
    expect(scheduler.stateDict()).toEqual(good);
  });
});

describe('LRScheduler', () => {
  it('writes initialLr into the groups and keeps it in the optimizer state dict, as PyTorch', () => {
    const optimizer = sgd();
    new StepLR(optimizer, { stepSize: 2 });
    expect((optimizer.paramGroups[0] as unknown as { initialLr: number }).initialLr).toBe(0.1);
    expect(optimizer.stateDict().paramGroups[0]).toMatchObject({ initialLr: 0.1 });
  });

  it('ReduceLROnPlateau state survives JSON (Infinity becomes null there)', () => {
    const scheduler = new ReduceLROnPlateau(sgd(), { mode: 'max' });
    const saved = JSON.parse(JSON.stringify(scheduler.stateDict()));
    expect(saved.best).toBeNull();
    const restored = new ReduceLROnPlateau(sgd(), { mode: 'max' });
    restored.loadStateDict(saved);
    expect(restored.best).toBe(-Infinity);
    expect(restored.modeWorse).toBe(-Infinity);
    restored.step(0.5);
    expect(restored.best).toBe(0.5);
  });

  it('ReduceLROnPlateau accepts a one-element tensor as the metric', () => {
    const optimizer = sgd();
    const scheduler = new ReduceLROnPlateau(optimizer, { patience: 0 });
    scheduler.step(tensor(1));
    scheduler.step(tensor([1]));
    expect(scheduler.getLastLr()).toEqual([0.1 * 0.1]);
  });
});

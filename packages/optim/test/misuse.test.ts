import { tensor, zeros } from '@gradlab/autograd';
import { ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';
import { thrownError } from '@gradlab/testing';

import { Adam, AdamW, SGD } from '../src/index';

/** The ValueError `fn` throws (fails the test when it does not throw). */
const thrown = (fn: () => unknown): string => thrownError(fn, ValueError).message;

const parameter = () => tensor([1, 2], { requiresGrad: true });

describe('optimizer misuse gives a ValueError naming the optimizer, the option, expected and actual', () => {
  it('bad learning rates', () => {
    expect(thrown(() => new SGD([parameter()]))).toBe("SGD: 'lr' is required (SGD has no default learning rate)");
    expect(thrown(() => new SGD([parameter()], { lr: -1 }))).toBe("SGD: invalid learning rate: -1 ('lr' must be a finite number >= 0)");
    expect(thrown(() => new SGD([parameter()], { lr: Number.NaN }))).toBe("SGD: invalid learning rate: NaN ('lr' must be a finite number >= 0)");
    expect(thrown(() => new SGD([parameter()], { lr: '0.1' as never }))).toBe(
      "SGD: invalid learning rate: string '0.1' ('lr' must be a finite number >= 0)",
    );
    expect(thrown(() => new Adam([parameter()], { lr: Number.POSITIVE_INFINITY }))).toBe(
      "Adam: invalid learning rate: Infinity ('lr' must be a finite number >= 0)",
    );
    expect(thrown(() => new AdamW([{ params: [parameter()], lr: -2 }]))).toBe("AdamW: invalid learning rate: -2 ('lr' must be a finite number >= 0)");
  });

  it('a learning rate set to NaN by hand between steps is caught before it poisons the parameters', () => {
    const p = parameter();
    const optimizer = new SGD([p], { lr: 0.1 });
    p.mul(p).sum().backward();
    optimizer.paramGroups[0]!.lr = Number.NaN;
    expect(thrown(() => optimizer.step())).toContain('SGD: invalid learning rate: NaN');
    expect(p.toArray()).toEqual([1, 2]);
  });

  it('other options', () => {
    expect(thrown(() => new SGD([parameter()], { lr: 0.1, dampening: Number.NaN }))).toBe("SGD: 'dampening' must be a finite number, got NaN");
    expect(thrown(() => new Adam([parameter()], { betas: [0.9] as never }))).toBe("Adam: 'betas' must be a pair [beta1, beta2], got 1 values");
    expect(thrown(() => new Adam([parameter()], { betas: 0.9 as never }))).toBe("Adam: 'betas' must be a pair [beta1, beta2], got 0.9");
    expect(thrown(() => new AdamW([parameter()], { betas: [0.9, 1] }))).toBe(
      'AdamW: invalid beta parameter at index 1: 1 (expected 0 <= beta < 1)',
    );
  });

  it('flags must be booleans: a string "false" would turn Nesterov on', () => {
    expect(thrown(() => new SGD([parameter()], { lr: 0.1, momentum: 0.9, nesterov: 'false' as never }))).toBe(
      "SGD: 'nesterov' must be a boolean, got string 'false'",
    );
    expect(thrown(() => new SGD([parameter()], { lr: 0.1, maximize: 1 as never }))).toBe("SGD: 'maximize' must be a boolean, got 1");
    expect(thrown(() => new Adam([parameter()], { amsgrad: 'yes' as never }))).toBe("Adam: 'amsgrad' must be a boolean, got string 'yes'");
  });

  it('no parameters, or not parameters', () => {
    expect(thrown(() => new SGD([], { lr: 0.1 }))).toBe('SGD: optimizer got an empty parameter list');
    const notCalled = { parameters: () => [parameter()] }.parameters;
    expect(thrown(() => new SGD(notCalled as never, { lr: 0.1 }))).toBe(
      "SGD: 'params' must be an iterable of Tensors or of parameter groups { params, ...options }, got a function (call it: model.parameters())",
    );
    expect(thrown(() => new SGD(parameter() as never, { lr: 0.1 }))).toContain('got Tensor (wrap it in an array: [x])');
    expect(thrown(() => new Adam(undefined as never))).toContain("Adam: 'params' must be an iterable of Tensors");
    expect(thrown(() => new SGD([1, 2] as never, { lr: 0.1 }))).toBe('SGD: optimizer can only optimize Tensors, but params[0] is 1');
    expect(thrown(() => new SGD([zeros([2]).data] as never, { lr: 0.1 }))).toBe(
      'SGD: optimizer can only optimize Tensors, but params[0] is Tensor (a @gradlab/tensor Tensor: use a Parameter, or fromData(x, true))',
    );
    expect(thrown(() => new SGD([parameter(), { params: [parameter()] }] as never, { lr: 0.1 }))).toBe(
      "SGD: 'params' must be all Tensors or all parameter groups { params, ...options }, not a mix",
    );
  });

  it('loadStateDict: not a state dict, or options that do not validate', () => {
    const optimizer = new SGD([parameter()], { lr: 0.1 });
    expect(thrown(() => optimizer.loadStateDict({ state: {} } as never))).toBe(
      'SGD.loadStateDict: expected what stateDict() returns, { state, paramGroups: [{ params: [ids], ...options }] }, got Object',
    );
    const saved = optimizer.stateDict();
    saved.paramGroups[0]!.lr = -5;
    expect(thrown(() => optimizer.loadStateDict(saved))).toContain('SGD: invalid learning rate: -5');
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1);
  });
});

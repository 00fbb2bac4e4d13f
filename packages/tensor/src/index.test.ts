import { describe, expect, it } from 'vitest';
import * as api from './index';

// The names docs/design.md promises for @gradlab/tensor.
const FUNCTIONS = [
  'tensor', 'zeros', 'ones', 'full', 'empty', 'arange', 'linspace', 'eye', 'zerosLike', 'onesLike', 'fullLike',
  'rand', 'randn', 'randint', 'manualSeed',
  'reshape', 'view', 'flatten', 'squeeze', 'unsqueeze', 'transpose', 'permute', 'expand', 'broadcastTo', 'select',
  'at', 'slice', 'narrow', 'contiguous', 'clone', 'cat', 'stack', 'to',
  'add', 'sub', 'mul', 'div', 'pow', 'neg', 'abs', 'exp', 'log', 'sqrt', 'reciprocal', 'sin', 'cos', 'tan', 'atan',
  'tanh', 'sigmoid', 'relu', 'leakyRelu', 'maximum', 'minimum', 'clamp', 'eq', 'ne', 'gt', 'ge', 'lt', 'le', 'where',
  'sign', 'square',
  'sum', 'mean', 'prod', 'max', 'min', 'argmax', 'argmin', 'softmax', 'logSoftmax', 'sumTo',
  'matmul', 'mm', 'bmm', 'formatTensor',
] as const;

const METHODS = [
  'item', 'toArray', 'toString', 'numel', 'isContiguous',
  'reshape', 'view', 'flatten', 'squeeze', 'unsqueeze', 'transpose', 'permute', 'expand', 'broadcastTo', 'select',
  'at', 'slice', 'narrow', 'contiguous', 'clone', 'to', 'float', 'double', 'int', 'bool',
  'add', 'sub', 'mul', 'div', 'pow', 'neg', 'abs', 'exp', 'log', 'sqrt', 'reciprocal', 'sin', 'cos', 'tan', 'atan',
  'tanh', 'sigmoid', 'relu', 'leakyRelu', 'maximum', 'minimum', 'clamp', 'eq', 'ne', 'gt', 'ge', 'lt', 'le', 'where',
  'sign', 'square', 'sum', 'mean', 'prod', 'max', 'min', 'argmax', 'argmin', 'softmax', 'logSoftmax', 'sumTo',
  'matmul', 'mm', 'bmm',
] as const;

describe('public API (docs/design.md)', () => {
  it('exports every function the design names', () => {
    const missing = FUNCTIONS.filter((name) => typeof (api as Record<string, unknown>)[name] !== 'function');
    expect(missing).toEqual([]);
  });

  it('exports the classes and the default generator', () => {
    for (const cls of [api.Tensor, api.Generator, api.GradlabError, api.ShapeError, api.DTypeError, api.IndexError, api.ValueError]) {
      expect(typeof cls).toBe('function');
    }
    expect(api.defaultGenerator).toBeInstanceOf(api.Generator);
  });

  it('Tensor has a method for every op, plus the T / mT / ndim getters', () => {
    const x = api.zeros([2, 2]);
    const missing = METHODS.filter((name) => typeof (x as unknown as Record<string, unknown>)[name] !== 'function');
    expect(missing).toEqual([]);
    expect(x.T.shape).toEqual([2, 2]);
    expect(x.mT.shape).toEqual([2, 2]);
    expect(x.ndim).toBe(2);
  });

  it('nothing registers itself on import: functions and methods agree', () => {
    const x = api.tensor([[1, -2], [3, 4]]);
    expect(api.relu(x).toArray()).toEqual(x.relu().toArray());
    expect(api.sum(x, 1, true).toArray()).toEqual(x.sum(1, true).toArray());
  });
});

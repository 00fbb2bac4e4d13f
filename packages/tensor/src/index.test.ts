import { describe, expect, it } from 'vitest';
import * as api from './index';
import { opNames } from '../../../scripts/op-manifest';

// The names docs/design.md promises for @gradlab/tensor: every op of the manifest
// (scripts/op-manifest.json) it exposes, plus creation and the Tensor's own members.
const FUNCTIONS = [
  'tensor', 'zeros', 'ones', 'full', 'empty', 'arange', 'linspace', 'eye', 'zerosLike', 'onesLike', 'fullLike',
  'rand', 'randn', 'randint', 'manualSeed', 'formatTensor',
  ...opNames((op) => op.tensor.includes('function')),
];

const METHODS = ['item', 'toArray', 'toString', 'numel', 'isContiguous', ...opNames((op) => op.tensor.includes('method'))];

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

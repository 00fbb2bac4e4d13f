/*
 * Every export of @gradlab/losses (the loss functions, oneHot, the loss modules and their call),
 * called with junk in each argument position (@gradlab/testing, junk.ts), throws a GradlabError with a
 * readable message or returns.
 */
import { tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { junkFailures } from '@gradlab/testing';
import * as L from '../src/index';

const logits = () => tensor([[1, 2], [3, 4]], { requiresGrad: true });
const labels = () => tensor([0, 1], { dtype: 'int32' });
const probabilities = () => tensor([[0.2, 0.8], [0.5, 0.5]], { requiresGrad: true });

describe('@gradlab/losses given junk', () => {
  const exports = Object.entries(L as Record<string, unknown>).filter(
    (entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function',
  );
  it.each(exports)('%s', (name, fn) => {
    const isClass = /^[A-Z]/.test(name);
    const base = name === 'oneHot' ? [labels(), 2] : /binary|BCE|mse|MSE/i.test(name) ? [probabilities(), probabilities().detach(), {}] : [logits(), labels(), {}];
    const failures = junkFailures(name, base, (args) => (isClass ? new (fn as unknown as new (...a: unknown[]) => unknown)(...args) : fn(...args)));
    expect(failures).toEqual([]);
  });

  it.each(['CrossEntropyLoss', 'NLLLoss', 'MSELoss', 'BCELoss'] as const)('%s.call and forward', (name) => {
    const module = new L[name]();
    const base = name === 'MSELoss' || name === 'BCELoss' ? [probabilities(), probabilities().detach()] : [logits(), labels()];
    const failures = [
      ...junkFailures(`${name}.call`, base, (args) => (module.call as (...a: unknown[]) => unknown)(...args)),
      ...junkFailures(`${name}.forward`, base, (args) => (module.forward as (...a: unknown[]) => unknown)(...args)),
    ];
    expect(failures).toEqual([]);
  });

  it('oneHot with 2^31 classes is a ShapeError like zeros, not a RangeError', () => {
    expect(() => L.oneHot(labels(), 2 ** 31)).toThrow(/cannot allocate an int32 tensor|cannot allocate a int32 tensor|at most/);
  });
});

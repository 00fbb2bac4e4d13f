/*
 * Every exported function, constructor and Tensor method of @gradlab/tensor, called with junk in
 * each argument position (scripts/test-junk.ts), throws a GradlabError with a readable message or
 * returns; never a TypeError or RangeError from deep inside.
 */
import { describe, expect, it } from 'vitest';

import { junkFailures } from '../../../scripts/test-junk';
import * as T from '../src/index';
import * as I from '../src/internal';

// the checked helpers that moved to the internal entry point stay junk-proof
const CHECKED_INTERNALS = { castValue: I.castValue, allocate: I.allocate, allocateResult: I.allocateResult, expf: I.expf, gemm: I.gemm };

const base = (): unknown[] => [T.tensor([[1, 2], [3, 4]]), 1, 0];

describe('@gradlab/tensor given junk', () => {
  const functions = Object.entries({ ...T, ...CHECKED_INTERNALS }).filter((entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function');
  it.each(functions)('%s', (name, fn) => {
    const isClass = /^[A-Z]/.test(name) && fn.prototype !== undefined && name !== 'T';
    const failures = junkFailures(name, base(), (args) => (isClass ? new (fn as unknown as new (...a: unknown[]) => unknown)(...args) : fn(...args)));
    expect(failures).toEqual([]);
  });

  const methods = Object.getOwnPropertyNames(T.Tensor.prototype).filter(
    (name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(T.Tensor.prototype, name)!.value === 'function',
  );
  it.each(methods)('Tensor.prototype.%s', (name) => {
    const failures = junkFailures(`Tensor.${name}`, [T.tensor([[1, 2], [3, 4]]), 1, 0], (args) => {
      const self = T.tensor([[1, 2], [3, 4]]);
      return (self as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
    });
    expect(failures).toEqual([]);
  });
});

/*
 * Every export of @gradlab/optim and every optimizer method (step, zeroGrad, addParamGroup,
 * stateDict, loadStateDict), called with junk in each argument position (@gradlab/testing, junk.ts),
 * throws a GradlabError with a readable message or returns.
 */
import { tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { junkFailures } from '@gradlab/testing';
import { Adam, AdamW, SGD } from '../src/index';

const parameter = () => {
  const p = tensor([1, 2], { requiresGrad: true });
  p.mul(p).sum().backward();
  return p;
};

const makers = {
  SGD: (params: unknown, options: unknown) => new SGD(params as never, options as never),
  Adam: (params: unknown, options: unknown) => new Adam(params as never, options as never),
  AdamW: (params: unknown, options: unknown) => new AdamW(params as never, options as never),
};

describe('@gradlab/optim given junk', () => {
  it.each(Object.keys(makers) as (keyof typeof makers)[])('new %s(params, options)', (name) => {
    expect(junkFailures(`new ${name}`, [[parameter()], { lr: 0.1 }], (args) => makers[name](args[0], args[1]))).toEqual([]);
  });

  it.each(Object.keys(makers) as (keyof typeof makers)[])('the methods of %s', (name) => {
    const failures: string[] = [];
    for (const method of ['step', 'zeroGrad', 'addParamGroup', 'stateDict', 'loadStateDict'] as const) {
      failures.push(
        ...junkFailures(`${name}.${method}`, [{ params: [parameter()] }], (args) => {
          const optimizer = makers[name]([parameter()], { lr: 0.1 }) as unknown as Record<string, (...a: unknown[]) => unknown>;
          return optimizer[method]!(...args);
        }),
      );
    }
    expect(failures).toEqual([]);
  });
});

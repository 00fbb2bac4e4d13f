/*
 * Every export of @gradlab/nn (functions, constructors, and the methods of every module), called
 * with junk in each argument position (@gradlab/testing, junk.ts), throws a GradlabError with a
 * readable message or returns.
 */
import { tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { junkFailures } from '@gradlab/testing';
import * as N from '../src/index';

const x = () => tensor([[1, 2], [3, 4]], { requiresGrad: true });

const modules = (): [string, N.AnyModule][] => [
  ['Linear', new N.Linear(2, 3)],
  ['ReLU', new N.ReLU()],
  ['LeakyReLU', new N.LeakyReLU()],
  ['Softmax', new N.Softmax(1)],
  ['LogSoftmax', new N.LogSoftmax(1)],
  ['Flatten', new N.Flatten()],
  ['Identity', new N.Identity()],
  ['Sequential', new N.Sequential(new N.Linear(2, 2), new N.ReLU())],
  ['ModuleList', new N.ModuleList([new N.Linear(2, 2)])],
];

describe('@gradlab/nn given junk', () => {
  const exports = Object.entries(N as Record<string, unknown>).filter(
    (entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function',
  );
  it.each(exports)('%s', (name, fn) => {
    const isClass = /^[A-Z]/.test(name);
    const base = name === 'fanInAndFanOut' ? [[2, 3], 'op'] : [x(), 1, {}];
    const failures = junkFailures(name, base, (args) => (isClass ? new (fn as unknown as new (...a: unknown[]) => unknown)(...args) : fn(...args)));
    expect(failures).toEqual([]);
  });

  it.each(modules().map(([name]) => name))('the methods of %s', (moduleName) => {
    const failures: string[] = [];
    const sample = modules().find(([name]) => name === moduleName)![1];
    let proto: object | null = Object.getPrototypeOf(sample);
    const names = new Set<string>();
    while (proto !== null && proto !== Object.prototype) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
        if (name !== 'constructor' && typeof descriptor.value === 'function') names.add(name);
      }
      proto = Object.getPrototypeOf(proto);
    }
    for (const name of names) {
      failures.push(
        ...junkFailures(`${moduleName}.${name}`, [x(), 1], (args) => {
          const module = modules().find(([n]) => n === moduleName)![1] as unknown as Record<string, (...a: unknown[]) => unknown>;
          return module[name]!(...args);
        }),
      );
    }
    expect(failures).toEqual([]);
  });
});

/*
 * Two copies of @gradlab/tensor in one program (two versions installed, or the ESM and CommonJS
 * builds loaded together): tensors of one copy work in the other, and `instanceof` recognises
 * the other copy's errors. The second copy is this package's source copied to a temporary folder.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import * as T from '../src/index';

let folder = '';
let other: typeof T;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'gradlab-copy-'));
  cpSync(fileURLToPath(new URL('../src', import.meta.url)), join(folder, 'src'), { recursive: true });
  other = (await import(pathToFileURL(join(folder, 'src', 'index.ts')).href)) as typeof T;
});

afterAll(() => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
});

describe('two copies of @gradlab/tensor', () => {
  it('are two copies (their classes differ)', () => {
    expect(other.Tensor).not.toBe(T.Tensor);
    expect(other.tensor([1]) instanceof T.Tensor).toBe(false);
  });

  it('take each other\'s tensors (a registered brand, checked only when instanceof fails)', () => {
    const a = other.tensor([[1, 2], [3, 4]]);
    expect(T.isTensor(a)).toBe(true);
    expect(T.add(a, 1).toArray()).toEqual([[2, 3], [4, 5]]);
    expect(T.matmul(a, T.tensor([[1], [1]])).toArray()).toEqual([[3], [7]]);
    expect(T.sum(a, 1).toArray()).toEqual([3, 7]);
    expect(T.reshape(a, [4]).toArray()).toEqual([1, 2, 3, 4]);
    expect(String(T.exp(other.zeros([2])))).toBe('tensor([1., 1.])');
    expect(other.mul(T.tensor([2, 3]), other.tensor([4, 5])).toArray()).toEqual([8, 15]);
  });

  it('recognise each other\'s errors with instanceof', () => {
    let caught: unknown;
    try {
      other.add(other.zeros([2]), other.zeros([3]));
    } catch (error) {
      caught = error;
    }
    expect(caught instanceof T.ShapeError).toBe(true);
    expect(caught instanceof T.GradlabError).toBe(true);
    expect(caught instanceof T.DTypeError).toBe(false);
    expect((caught as T.ShapeError).code).toBe('SHAPE_MISMATCH');
    expect(new T.ValueError('INVALID_ARGUMENT', 'x') instanceof other.ValueError).toBe(true);
  });
});

// randperm against PyTorch 1.13 (scripts/fixtures/gen_indexing.py): the same permutation as
// torch.randperm(n, generator=torch.Generator().manual_seed(seed)) for n in 0..100, 1000,
// 10000 and 100000 and five seeds, and the same generator state after it (the next randint).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DTypeError, Generator, ValueError, randint, randperm, type DType } from '../src/index';

interface Case {
  n: number;
  seed: number;
  dtype?: DType;
  after?: number[];
  perm?: number[];
  head?: number[];
  tail?: number[];
  checksum?: number;
}

const { cases } = JSON.parse(readFileSync(new URL('./fixtures/indexing-randperm.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('randperm (PyTorch 1.13 fixtures)', () => {
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThan(500);
  });
  for (const c of cases) {
    it(`n = ${c.n}, seed ${c.seed}${c.dtype ? `, ${c.dtype}` : ''}`, () => {
      const generator = new Generator(c.seed);
      const perm = randperm(c.n, { generator, ...(c.dtype ? { dtype: c.dtype } : {}) });
      expect(perm.dtype).toBe(c.dtype ?? 'int32');
      expect(perm.shape).toEqual([c.n]);
      const values = Array.from(perm.storage as ArrayLike<number>);
      if (c.perm) expect(values).toEqual(c.perm);
      if (c.head) {
        expect(values.slice(0, 16)).toEqual(c.head);
        expect(values.slice(-16)).toEqual(c.tail);
        let sum = 0;
        // (i + 1) * v < 2^34: exact in a double, reduced as the generator does
        for (let i = 0; i < values.length; i++) sum = (sum + (i + 1) * values[i]!) % 2147483647;
        expect(sum).toBe(c.checksum);
        expect(new Set(values).size).toBe(c.n);
      }
      if (c.after) expect(randint(0, 1000, [4], { generator }).toArray()).toEqual(c.after);
    });
  }
  it('errors with PyTorch wording', () => {
    expect(() => randperm(-1)).toThrow('Trying to create tensor with negative dimension -1: [-1]');
    expect(() => randperm(2.5)).toThrow(ValueError);
    expect(() => randperm(3, { dtype: 'bool' })).toThrow(DTypeError);
    expect(() => randperm(3, { dtype: 'bool' })).toThrow(`"randperm" not implemented for 'Bool'`);
    expect(() => randperm(2 ** 24 + 2, { dtype: 'float32' })).toThrow('n cannot be greater than 2^24+1 for Float type.');
    expect(() => randperm(214748364)).toThrow(/2\^32 \/ 20/);
    expect(() => randperm(3, { generator: {} as Generator })).toThrow(ValueError);
  });
});

// The indexing ops with operands of two dtypes against PyTorch 1.13 (scripts/fixtures/gen_fix3.py):
// scatter, scatter_add, index_add, put, index_put and masked_scatter raise PyTorch's error (with its
// wording) instead of casting the source; masked_fill casts its 0-d value to the input's dtype.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DTypeError, indexPut, maskedFill, scatter, scatterAdd, tensor, type DType, type Tensor } from '../src/index';
import { indexAdd, maskedScatter, put } from '../src/internal';

interface Case {
  op: string;
  self: DType;
  source: DType;
  error?: string;
  result?: { shape: number[]; dtype: DType; data: (number | boolean)[] };
}

const { cases } = JSON.parse(readFileSync(new URL('./fixtures/indexing-dtypes.json', import.meta.url), 'utf8')) as { cases: Case[] };

const index = tensor([0, 2], { dtype: 'int32' });
const mask = tensor([true, false, true]);
const OPS: Record<string, (x: Tensor, s: Tensor) => Tensor> = {
  scatter: (x, s) => scatter(x, 0, index, s),
  scatter_reduce_add: (x, s) => scatter(x, 0, index, s, { reduce: 'add' }),
  scatter_add: (x, s) => scatterAdd(x, 0, index, s),
  index_add: (x, s) => indexAdd(x, 0, index, s),
  put: (x, s) => put(x, index, s, false),
  put_accumulate: (x, s) => put(x, index, s, true),
  index_put: (x, s) => indexPut(x, [index], s),
  index_put_accumulate: (x, s) => indexPut(x, [index], s, { accumulate: true }),
  index_put_0d: (x, s) => indexPut(x, [index], s.at(0)),
  masked_scatter: (x, s) => maskedScatter(x, mask, s),
  masked_fill: (x, s) => maskedFill(x, mask, s.at(0)),
};

describe('indexing ops with two dtypes (PyTorch 1.13 fixtures)', () => {
  it('has every op and dtype pair', () => {
    expect(cases.length).toBe(Object.keys(OPS).length * 12);
  });
  for (const c of cases) {
    it(`${c.op}: ${c.self} with a ${c.source} source`, () => {
      const x = c.op === 'masked_fill' ? tensor([0, 1, 2]).to(c.self) : tensor([0, 0, 0]).to(c.self);
      const s = tensor([2.5, -1.5]).to(c.source);
      const run = (): Tensor => OPS[c.op]!(x, s);
      if (c.error !== undefined) {
        let error: unknown = null;
        try {
          run();
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(DTypeError);
        expect((error as Error).message).toBe(c.error);
        return;
      }
      const out = run();
      expect(out.dtype).toBe(c.result!.dtype);
      expect(out.shape).toEqual(c.result!.shape);
      expect(Array.from(out.dataSync(), (v) => (c.result!.dtype === 'bool' ? v !== 0 : v))).toEqual(c.result!.data);
    });
  }
});

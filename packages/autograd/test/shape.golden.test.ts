/*
 * The shape and linear-algebra ops (issue 15) against PyTorch 1.13 (scripts/fixtures/gen_shape.py):
 * values to the last bit (these ops copy, select or multiply once), dtypes and shapes, which results
 * are views of their input, the node each op records, the gradients of a seeded upstream gradient,
 * the node the first gradient records under createGraph, the double backward (gradients of
 * sum(grad * w) with respect to the upstream gradients and the inputs), and PyTorch's error wording.
 */
import { describe, expect, it } from 'vitest';
import { expectFixtureClose, loadFixture, toBase, type FixtureTensor } from '@gradlab/testing';
import * as ag from '../src/index';
import { fromData, grad, type Tensor } from '../src/index';

interface Case {
  name: string;
  op: string;
  args: Record<string, any>;
  inputs: Record<string, FixtureTensor>;
  prep?: 'T';
  error?: string;
  multi?: boolean;
  outs?: FixtureTensor[];
  gradFns?: (string | null)[];
  views?: boolean[];
  upstreams?: FixtureTensor[];
  grads?: Record<string, FixtureTensor | null>;
  gradGradFn?: Record<string, string | null>;
  ws?: FixtureTensor[];
  second?: (FixtureTensor | null)[];
}

const { cases } = loadFixture<{ cases: Case[] }>(import.meta.url, 'shape.json');

type In = Record<string, Tensor>;
const OPS: Record<string, (i: In, a: Record<string, any>) => Tensor | Tensor[]> = {
  split: (i, a) => ag.split(i.x!, a.size, a.dim),
  chunk: (i, a) => ag.chunk(i.x!, a.chunks, a.dim),
  unbind: (i, a) => ag.unbind(i.x!, a.dim),
  flip: (i, a) => ag.flip(i.x!, a.dims),
  roll: (i, a) => ag.roll(i.x!, a.shifts, a.dims),
  repeat: (i, a) => ag.repeat(i.x!, a.sizes),
  tile: (i, a) => ag.tile(i.x!, a.dims),
  repeatInterleave: (i, a) => ag.repeatInterleave(i.x!, i.r === undefined ? a.repeats : i.r.data, a.dim),
  tril: (i, a) => ag.tril(i.x!, a.diagonal),
  triu: (i, a) => ag.triu(i.x!, a.diagonal),
  diag: (i, a) => ag.diag(i.x!, a.diagonal),
  diagonal: (i, a) => ag.diagonal(i.x!, a.offset, a.dim1, a.dim2),
  trace: (i) => ag.trace(i.x!),
  outer: (i) => ag.outer(i.x!, i.y!),
  kron: (i) => ag.kron(i.x!, i.y!),
  pad: (i, a) => ag.pad(i.x!, a.pad, { mode: a.mode, value: a.value }),
  tensordot: (i, a) => ag.tensordot(i.x!, i.y!, a.dims),
  einsum: (i, a) => ag.einsum(a.equation, ...Object.keys(i).sort().map((k) => i[k]!)),
};
// einsum is diagonals, permutes, one product and one sum here; PyTorch contracts with bmm (other nodes)
const OWN_NODES = new Set(['einsum']);

// The engine reduces a broadcast gradient with one differentiable sum (SumBackward1);
// PyTorch's engine does sum_to + view, so its createGraph node there is ViewBackward0.
const SUM_TO_NODE: Record<string, string> = { ViewBackward0: 'SumBackward1' };

// ops whose values are sums of products (another summation order than PyTorch's bmm/mm in float32)
const SUMMED = new Set(['tensordot', 'einsum']);

function expectExact(actual: Tensor, expected: FixtureTensor, label: string, rtol = 0): void {
  expect(actual.dtype, `${label}: dtype`).toBe(expected.dtype);
  expect([...actual.shape], `${label}: shape`).toEqual(expected.shape);
  expectFixtureClose(actual, expected, label, rtol);
}

describe('shape and linear-algebra ops against PyTorch 1.13', () => {
  it('covers every op', () => {
    expect(new Set(cases.map((c) => c.op))).toEqual(new Set(Object.keys(OPS)));
  });
  for (const c of cases) {
    it(c.name, () => {
      const wanted = Object.keys(c.grads ?? {});
      const leaves: In = {};
      for (const [key, value] of Object.entries(c.inputs)) leaves[key] = fromData(toBase(value), wanted.includes(key));
      const inputs: In = { ...leaves };
      if (c.prep === 'T') inputs.x = inputs.x!.transpose(-2, -1);
      if (c.error !== undefined) {
        expect(() => OPS[c.op]!(inputs, c.args)).toThrow(c.error);
        const plain: In = {};
        for (const [key, value] of Object.entries(c.inputs)) plain[key] = fromData(toBase(value), false);
        expect(() => OPS[c.op]!(plain, c.args)).toThrow(c.error);
        return;
      }
      const out = OPS[c.op]!(inputs, c.args);
      const outs = c.multi ? (out as Tensor[]) : [out as Tensor];
      expect(Array.isArray(out), 'a list of results').toBe(c.multi);
      expect(outs.length).toBe(c.outs!.length);
      outs.forEach((o, k) => {
        expectExact(o, c.outs![k]!, `out ${k}`, SUMMED.has(c.op) && o.dtype === 'float32' ? 1e-6 : 0);
        if (!OWN_NODES.has(c.op)) expect(o.gradFn?.name ?? null, `gradFn ${k}`).toBe(c.gradFns![k]);
        else expect(o.gradFn === null, `gradFn ${k}`).toBe(c.gradFns![k] === null);
        if (inputs.x !== undefined) expect(o.data.storage === inputs.x.data.storage, `out ${k} is a view`).toBe(c.views![k]);
      });
      if (c.grads === undefined) return;
      const ups = c.upstreams!.map((u) => fromData(toBase(u), true));
      const targets = wanted.map((k) => leaves[k]!);
      const grads = grad(outs, targets, { gradOutputs: ups, createGraph: true, allowUnused: true });
      wanted.forEach((key, k) => {
        const expected = c.grads![key]!;
        // a gradient that is a sum (repeat, kron, outer's broadcast) follows PyTorch's order only to rounding in float32
        expectFixtureClose(grads[k]!, expected, `grad ${key}`, expected.dtype === 'float32' ? 1e-6 : 1e-12);
        const pytorch = c.gradGradFn![key] ?? null;
        // NOTE: PyTorch records one node for all pieces of a split or unbind, this engine one per piece:
        // it sums the pieces' gradients (AddBackward0) where PyTorch's node joins them (cat/stack)
        const joined = c.multi === true && c.outs!.length > 1 && !c.prep ? 'AddBackward0' : null;
        const mapped = pytorch === null ? null : c.op === 'outer' ? (SUM_TO_NODE[pytorch] ?? pytorch) : pytorch;
        if (!OWN_NODES.has(c.op)) expect(grads[k]!.gradFn?.name ?? null, `gradGradFn ${key}`).toBe(joined ?? mapped);
      });
      // double backward
      const ws = c.ws!.map((w) => fromData(toBase(w), false));
      const terms = grads.flatMap((g, k) => (g !== null && g.requiresGrad ? [ag.sum(ag.mul(g, ws[k]!))] : []));
      if (terms.length === 0) {
        expect(c.second!.every((s) => s === null)).toBe(true);
        return;
      }
      const total = terms.reduce((a, b) => ag.add(a, b));
      const second = grad([total], [...ups, ...targets], { allowUnused: true });
      second.forEach((s, k) => {
        const expected = c.second![k] ?? null;
        if (expected === null) {
          if (s !== null) expect(Array.from(s.data.contiguous().storage, Number).every((v) => v === 0), `second ${k} is zero`).toBe(true);
          return;
        }
        // PyTorch's pad backward nodes return zeros for their `self` input where this engine has no edge
        if (s === null) {
          expect(expected.data.every((v) => Number(v) === 0), `second ${k}: PyTorch's is zero`).toBe(true);
          return;
        }
        expectFixtureClose(s!, expected, `second ${k}`, expected.dtype === 'float32' ? 1e-6 : 1e-12);
      });
    });
  }
});

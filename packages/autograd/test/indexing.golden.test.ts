/*
 * The indexing ops (issue 15) against PyTorch 1.13 (scripts/fixtures/gen_indexing.py): values to
 * the last bit (these ops copy, or add in PyTorch's order), dtypes and shapes, the node each op
 * records, the gradients of a seeded upstream gradient (to the last bit), and the node the first
 * gradient records under createGraph (what a double backward walks).
 */
import { describe, expect, it } from 'vitest';
import { expectFixtureClose, loadFixture, num, toBase, type FixtureTensor } from '@gradlab/testing';
import * as ag from '../src/index';
import { fromData, grad, type Operand, type Tensor } from '../src/index';

interface Case {
  name: string;
  op: string;
  args: Record<string, any>;
  inputs: Record<string, FixtureTensor | number | string | boolean>;
  prep?: 'T';
  out?: FixtureTensor;
  outs?: FixtureTensor[];
  gradFn?: string | null;
  upstream?: FixtureTensor;
  grads?: Record<string, FixtureTensor | null>;
  gradGradFn?: Record<string, string | null>;
  gradFnWithGrad?: string;
  spec?: EncodedItem[];
  error?: string;
}

type EncodedItem =
  | { none: true }
  | { ellipsis: true }
  | { bool: boolean }
  | { int: number }
  | { slice: [number | null, number | null, number | null] }
  | { list: number[] }
  | { tensor: FixtureTensor };

// Slices alternate between sl(...) and the string form, so both are checked against PyTorch.
let sliceForm = 0;
function item(e: EncodedItem): ag.IndexItem {
  if ('none' in e) return null;
  if ('ellipsis' in e) return '...';
  if ('bool' in e) return e.bool;
  if ('int' in e) return e.int;
  if ('list' in e) return e.list;
  if ('tensor' in e) return toBase(e.tensor);
  const [start, stop, step] = e.slice;
  if (sliceForm++ % 2 === 0) return ag.sl(start, stop, step);
  return `${start ?? ''}:${stop ?? ''}${step === null ? '' : `:${step}`}`;
}

const { cases } = loadFixture<{ cases: Case[] }>(import.meta.url, 'indexing.json');

type In = Record<string, Operand>;
let spec: EncodedItem[] = [];
const OPS: Record<string, (i: In, a: Record<string, any>) => Tensor | Tensor[]> = {
  index: (i) => ag.index(i.x!, ...spec.map(item)),
  indexPut: (i, a) => ag.indexPut(i.x!, spec.map((e) => item(e) as ag.BaseTensor | null), i.values!, { accumulate: a.accumulate }),
  indexSelect: (i, a) => ag.indexSelect(i.x!, a.dim, i.index!),
  gather: (i, a) => ag.gather(i.x!, a.dim, i.index!),
  scatter: (i, a) => ag.scatter(i.x!, a.dim, i.index!, i.src!, a.reduce === undefined ? undefined : { reduce: a.reduce }),
  scatterAdd: (i, a) => ag.scatterAdd(i.x!, a.dim, i.index!, i.src!),
  take: (i) => ag.take(i.x!, i.index!),
  maskedFill: (i) => ag.maskedFill(i.x!, i.mask!, i.value!),
  maskedSelect: (i) => ag.maskedSelect(i.x!, i.mask!),
  nonzero: (i, a) => (a.as_tuple ? ag.nonzero(i.x!, { asTuple: true }) : ag.nonzero(i.x!)),
  where: (i) => ag.where(i.x!),
};

// The engine reduces a broadcast gradient with one differentiable sum (SumBackward1);
// PyTorch's engine does sum_to + view, so its createGraph node there is ViewBackward0.
const SUM_TO_NODE: Record<string, string> = { ViewBackward0: 'SumBackward1' };

function expectExact(actual: Tensor, expected: FixtureTensor, label: string): void {
  expect(actual.dtype, `${label}: dtype`).toBe(expected.dtype);
  expect([...actual.shape], `${label}: shape`).toEqual(expected.shape);
  const dense = actual.data.contiguous();
  const values = Array.from(dense.storage.subarray(dense.offset, dense.offset + dense.numel()), Number);
  const want = expected.data.map(num);
  // Object.is: NaN equals NaN, and the sign of zero counts
  for (let k = 0; k < want.length; k++) {
    if (!Object.is(values[k], want[k])) expect(values, `${label}: element ${k}`).toEqual(want);
  }
}

describe('indexing ops against PyTorch 1.13', () => {
  it('covers every op', () => {
    expect(new Set(cases.map((c) => c.op).filter((op) => op !== 'indexError'))).toEqual(new Set(Object.keys(OPS)));
  });
  for (const c of cases) {
    it(c.name, () => {
      spec = c.spec ?? [];
      if (c.error !== undefined) {
        expect(() => ag.index(toBase(c.inputs.x as FixtureTensor), ...spec.map(item))).toThrow(c.error);
        expect(() => ag.index(fromData(toBase(c.inputs.x as FixtureTensor), true), ...spec.map(item))).toThrow(c.error);
        return;
      }
      const wanted = Object.keys(c.grads ?? {});
      const leaves: Record<string, Tensor> = {};
      const inputs: In = {};
      for (const [key, value] of Object.entries(c.inputs)) {
        if (typeof value !== 'object') {
          // a number ("-inf" for a non-finite one) or a boolean
          inputs[key] = typeof value === 'boolean' ? value : num(value);
          continue;
        }
        const leaf = fromData(toBase(value), wanted.includes(key));
        leaves[key] = leaf;
        inputs[key] = leaf;
      }
      if (c.prep === 'T') inputs.x = (inputs.x as Tensor).transpose(-2, -1);
      const out = OPS[c.op]!(inputs, c.args);
      if (c.outs) {
        const outs = out as Tensor[];
        expect(outs.length).toBe(c.outs.length);
        c.outs.forEach((o, k) => expectExact(outs[k]!, o, `out ${k}`));
        return;
      }
      const result = out as Tensor;
      expectExact(result, c.out!, 'out');
      expect(result.gradFn?.name ?? null, 'gradFn').toBe(c.gradFn ?? null);
      if (c.gradFnWithGrad !== undefined) {
        const x = fromData(toBase(c.inputs.x as FixtureTensor), true);
        const y = ag.scatter(x, c.args.dim, toBase(c.inputs.index as FixtureTensor), toBase(c.inputs.src as FixtureTensor), { reduce: c.args.reduce });
        expect(y.gradFn?.name).toBe(c.gradFnWithGrad);
        expect(() => y.sum().backward()).toThrow('derivative for aten::scatter is not implemented');
      }
      if (c.grads === undefined) return;
      const upstream = fromData(toBase(c.upstream!), true);
      const grads = grad([result], wanted.map((k) => leaves[k]!), { gradOutputs: [upstream], createGraph: true, allowUnused: true });
      wanted.forEach((key, k) => {
        const expected = c.grads![key]!;
        // NOTE: a broadcast value's gradient is a sum (sum_to): PyTorch's float32 summation order, not ours
        if (c.op === 'indexPut' && key === 'values' && expected.shape.length < 2 && expected.dtype === 'float32') {
          expectFixtureClose(grads[k]!, expected, `grad ${key}`, 1e-6);
        } else {
          expectExact(grads[k]!, expected, `grad ${key}`);
        }
        const pytorch = c.gradGradFn![key] ?? null;
        expect(grads[k]!.gradFn?.name ?? null, `gradGradFn ${key}`).toBe(pytorch === null ? null : (SUM_TO_NODE[pytorch] ?? pytorch));
      });
    });
  }
});

/*
 * Values and gradients of every differentiable op against PyTorch 1.13
 * (fixtures from scripts/fixtures/gen_autograd.py), in float32 and float64,
 * including broadcasting and the edge points 0, negatives, NaN and inf.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ag from '../src/index';
import type { Operand, Tensor } from '../src/index';
import { opNames, opRow } from '../../../scripts/op-manifest';
import { build, decode, expectClose, flat, type EncodedTensor, type Num } from './helpers';

interface Case {
  name: string;
  op: string;
  dtype: 'float32' | 'float64';
  args: Record<string, unknown>;
  inputs: (EncodedTensor | { scalar: Num })[];
  output: EncodedTensor;
  gradFn: string | null;
  gradOutput: EncodedTensor;
  grads: (EncodedTensor | null)[];
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/autograd-ops.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

type A = Record<string, any>;
const OPS: Record<string, (x: Operand[], a: A) => Tensor> = {
  leakyRelu: ([x], a) => ag.leakyRelu(x!, a.slope ?? 0.01),
  add: ([x, y]) => ag.add(x!, y!),
  sub: ([x, y]) => ag.sub(x!, y!),
  mul: ([x, y]) => ag.mul(x!, y!),
  div: ([x, y]) => ag.div(x!, y!),
  pow: ([x, y]) => ag.pow(x!, y!),
  maximum: ([x, y]) => ag.maximum(x!, y!),
  minimum: ([x, y]) => ag.minimum(x!, y!),
  clamp: ([x], a) => ag.clamp(x!, a.min, a.max),
  clampT: ([x, lo, hi]) => ag.clamp(x!, lo, hi),
  clampMaxT: ([x, hi]) => ag.clamp(x!, null, hi),
  where: ([c, x, y]) => ag.where(c!, x!, y!),
  sum: ([x], a) => ag.sum(x!, a.dim, a.keepdim ?? false),
  mean: ([x], a) => ag.mean(x!, a.dim, a.keepdim ?? false),
  prod: ([x], a) => ag.prod(x!, a.dim, a.keepdim ?? false),
  max: ([x], a) => (a.dim === undefined ? ag.max(x!) : ag.max(x!, a.dim, a.keepdim ?? false).values),
  min: ([x], a) => (a.dim === undefined ? ag.min(x!) : ag.min(x!, a.dim, a.keepdim ?? false).values),
  softmax: ([x], a) => ag.softmax(x!, a.dim),
  logSoftmax: ([x], a) => ag.logSoftmax(x!, a.dim),
  sumTo: ([x], a) => ag.sumTo(x!, a.shape),
  matmul: ([x, y]) => ag.matmul(x!, y!),
  mm: ([x, y]) => ag.mm(x!, y!),
  addmm: ([c, x, y], a) => ag.addmm(c!, x!, y!, { beta: a.beta, alpha: a.alpha }),
  addmmT: ([c, x, w], a) => ag.addmm(c!, x!, ag.t(w!), { beta: a.beta, alpha: a.alpha }),
  mmT: ([x, y]) => ag.mm(ag.t(x!), ag.t(y!)),
  linear: ([x, w]) => ag.matmul(x!, (w as Tensor).t()),
  bmm: ([x, y]) => ag.bmm(x!, y!),
  dot: ([x, y]) => ag.dot(x!, y!),
  mv: ([x, y]) => ag.mv(x!, y!),
  reshape: ([x], a) => ag.reshape(x!, a.shape),
  view: ([x], a) => ag.view(x!, a.shape),
  flatten: ([x], a) => ag.flatten(x!, a.start ?? 0, a.end ?? -1),
  squeeze: ([x], a) => ag.squeeze(x!, a.dim),
  unsqueeze: ([x], a) => ag.unsqueeze(x!, a.dim),
  transpose: ([x], a) => ag.transpose(x!, a.dim0, a.dim1),
  permute: ([x], a) => ag.permute(x!, a.dims),
  t: ([x]) => ag.t(x!),
  T: ([x]) => (x as Tensor).T,
  expand: ([x], a) => ag.expand(x!, a.shape),
  select: ([x], a) => ag.select(x!, a.dim, a.index),
  slice: ([x], a) => ag.slice(x!, a.dim, a.start, a.stop, a.step ?? 1),
  narrow: ([x], a) => ag.narrow(x!, a.dim, a.start, a.length),
  movedim: ([x], a) => ag.movedim(x!, a.source, a.destination),
  cat: (xs, a) => ag.cat(xs, a.dim ?? 0),
  stack: (xs, a) => ag.stack(xs, a.dim ?? 0),
  clone: ([x]) => ag.clone(x!),
  contiguousT: ([x]) => ag.contiguous(ag.t(x!)),
  toFloat64: ([x]) => ag.to(x!, 'float64'),
  toFloat32: ([x]) => ag.to(x!, 'float32'),
};

// every unary op of the manifest called as torch.<name>(x) (leakyRelu takes a slope: above)
for (const name of opNames((op) => op.kind === 'unary' && op.torch === `torch.${op.name}`)) {
  OPS[name] = ([x]) => (ag as unknown as Record<string, (x: Operand) => Tensor>)[name]!(x!);
}

// float32: transcendental functions differ from PyTorch's by an ulp or two, and
// a few gradients amplify that; float64 must agree to ~1e-12.
const TOL = { float32: { rtol: 2e-5, atol: 1e-6 }, float64: { rtol: 1e-11, atol: 1e-13 } };

// Ops the manifest (scripts/op-manifest.json) marks 'exact' in their gradient are computed
// with correctly rounded IEEE operations in the same order as PyTorch, so they must agree to
// the last bit (and the sign of 0); 'libm' and 'summation' ones within TOL.
// The fixture's op names that are variants of a manifest op:
const VARIANT_OF: Record<string, string> = {
  clampT: 'clamp', clampMaxT: 'clamp', addmmT: 'addmm', mmT: 'mm', linear: 'matmul', contiguousT: 'contiguous',
  toFloat64: 'to', toFloat32: 'to',
};
const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
function isExact(c: Case): boolean {
  if (opRow(VARIANT_OF[c.op] ?? c.op).gradient !== 'exact') return false;
  // NOTE: a broadcast input's gradient is a sum (sumTo); a sum of two terms is exact in any
  // order, one of three or more is not
  return !c.inputs.some((e) => !('scalar' in e) && e.requiresGrad === true && numel(c.output.shape) >= 3 * Math.max(numel(e.shape), 1));
}

describe('golden values and gradients against PyTorch 1.13', () => {
  it('has a fixture for every op of the dispatch table, most of them bit-exact', () => {
    const ops = new Set(fixture.cases.map((c) => c.op));
    for (const op of Object.keys(OPS)) expect(ops.has(op), op).toBe(true);
    expect(fixture.cases.length).toBeGreaterThan(300);
    expect(fixture.cases.filter(isExact).length).toBeGreaterThan(150);
  });

  for (const c of fixture.cases) {
    it(`${c.name} (${c.dtype})`, () => {
      const inputs: Operand[] = c.inputs.map((e) => ('scalar' in e ? decode(e.scalar) : build(e)));
      const fn = OPS[c.op];
      if (fn === undefined) throw new Error(`no op ${c.op}`);
      const y = fn(inputs, c.args);
      const { rtol, atol } = isExact(c) ? { rtol: 0, atol: 0 } : TOL[c.dtype];
      expect(y.dtype).toBe(c.output.dtype);
      expect([...y.shape]).toEqual(c.output.shape);
      expectClose(flat(y), c.output.data.map(decode), rtol, atol, 'output');
      expect(y.gradFn?.name ?? null).toBe(c.gradFn);
      y.backward(build(c.gradOutput));
      c.grads.forEach((want, i) => {
        const x = inputs[i] as Tensor;
        if (want === null) {
          if (typeof x === 'object' && x !== null && 'requiresGrad' in x && x.requiresGrad) expect(x.grad).toBeNull();
          return;
        }
        const got = x.grad;
        expect(got, `grad of input ${i}`).not.toBeNull();
        expect(got!.dtype).toBe(want.dtype);
        expect([...got!.shape]).toEqual(want.shape);
        expectClose(flat(got!), want.data.map(decode), rtol, atol, `grad[${i}]`);
      });
    });
  }
});

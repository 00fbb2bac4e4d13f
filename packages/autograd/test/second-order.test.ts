/*
 * Second derivatives against PyTorch 1.13's double backward (fixtures from
 * scripts/fixtures/gen_autograd.py): `grad(y, x, g, { createGraph: true })`,
 * whether that first derivative itself requires grad (as in PyTorch), and
 * the gradient of it, in float32 and float64.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ag from '../src/index';
import type { Tensor } from '../src/index';
import { build, decode, expectClose, flat, type EncodedTensor } from './helpers';

interface Case {
  name: string;
  op: string;
  dtype: 'float32' | 'float64';
  args: Record<string, any>;
  inputs: EncodedTensor[];
  gradOutput: EncodedTensor;
  first: (EncodedTensor | null)[];
  firstRequiresGrad: boolean[];
  secondSeeds: EncodedTensor[];
  second: (EncodedTensor | null)[] | null;
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/autograd-second.json', import.meta.url), 'utf8'),
) as { cases: Case[] };

function apply(op: string, xs: Tensor[], a: Record<string, any>): Tensor {
  const [x, y] = xs as [Tensor, Tensor];
  switch (op) {
    case 'leakyRelu':
      return ag.leakyRelu(x, a.slope ?? 0.01);
    case 'clamp':
      return ag.clamp(x, a.min, a.max);
    case 'mul':
    case 'div':
    case 'pow':
    case 'mm':
    case 'matmul':
    case 'maximum':
      return (ag[op] as (p: Tensor, q: Tensor) => Tensor)(x, y);
    case 'addmm':
      return ag.addmm(x, y, xs[2]!, { beta: a.beta, alpha: a.alpha });
    case 'addmmT':
      return ag.addmm(x, y, ag.t(xs[2]!), { beta: a.beta, alpha: a.alpha });
    case 'powScalar':
      return ag.pow(x, a.exponent);
    case 'softmax':
      return ag.softmax(x, a.dim);
    case 'logSoftmax':
      return ag.logSoftmax(x, a.dim);
    case 'prod':
      return ag.prod(x, a.dim, false);
    case 'max':
      return ag.max(x);
    case 'sum':
      return ag.sum(x, a.dim);
    case 'mean':
      return ag.mean(x);
    case 'select':
      return ag.select(x, a.dim, a.index);
    default:
      return (ag as unknown as Record<string, (p: Tensor) => Tensor>)[op]!(x);
  }
}

const TOL = { float32: { rtol: 5e-5, atol: 1e-5 }, float64: { rtol: 1e-10, atol: 1e-12 } };

describe('second derivatives against PyTorch double backward', () => {
  it('has the fixture', () => {
    expect(fixture.cases.length).toBeGreaterThan(50);
  });

  for (const c of fixture.cases) {
    it(`${c.name} (${c.dtype})`, () => {
      const { rtol, atol } = TOL[c.dtype];
      const xs = c.inputs.map(build);
      const y = apply(c.op, xs, c.args);
      const first = ag.grad(y, xs, { gradOutputs: [build(c.gradOutput)], createGraph: true, allowUnused: true });
      first.forEach((g, i) => {
        const want = c.first[i];
        if (want === null || want === undefined) {
          expect(g).toBeNull();
          return;
        }
        expectClose(flat(g!), want.data.map(decode), rtol, atol, `first[${i}]`);
        expect(g!.requiresGrad, `first[${i}] requires grad`).toBe(c.firstRequiresGrad[i]);
      });
      if (c.second === null) return;
      const differentiable = first.filter((g): g is Tensor => g !== null && g.requiresGrad);
      const second = ag.grad(differentiable, xs, {
        gradOutputs: c.secondSeeds.map(build),
        allowUnused: true,
      });
      second.forEach((g, i) => {
        const want = c.second![i];
        if (want === null || want === undefined) {
          // PyTorch returns None where the first derivative does not depend on x;
          // a zero gradient is the same derivative
          if (g !== null) expect(flat(g).every((v) => v === 0)).toBe(true);
          return;
        }
        expect(g, `second[${i}]`).not.toBeNull();
        expectClose(flat(g!), want.data.map(decode), rtol, atol, `second[${i}]`);
      });
    });
  }
});

/*
 * The golden harness of the op fixtures that scripts/fixtures/op_cases.py writes (elem.json,
 * reduce.json): values (or PyTorch's error), the recorded node, the gradients of every input
 * and, where PyTorch's first derivative is differentiable, the second derivatives (double
 * backward), in float32 and float64.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as ag from '../src/index';
import { GradlabError, type Operand, type Tensor } from '../src/index';
import { expectAllClose } from '@gradlab/testing/close';
import { opRow, type OpRow } from '../../../scripts/op-manifest';
import { build, decode, flat, type EncodedTensor, type Num } from './helpers';

// PyTorch's closeness; the sign of a zero is checked where the manifest says it is IEEE-defined
function expectClose(got: readonly number[], want: readonly number[], rtol: number, atol: number, label: string, signedZero = false): void {
  expectAllClose(got, want, { rtol, atol, signedZero }, label);
}

interface Case {
  name: string;
  op: string;
  dtype: 'float32' | 'float64';
  args: Record<string, any>;
  inputs: (EncodedTensor | { scalar: Num | boolean })[];
  error?: { error: string; message: string };
  output?: EncodedTensor;
  gradFn?: string | null;
  gradOutput?: EncodedTensor;
  grads?: (EncodedTensor | null)[];
  firstRequiresGrad?: boolean[];
  secondSeeds?: EncodedTensor[];
  second?: (EncodedTensor | null)[];
}

// float32: PyTorch's transcendental functions are within an ulp or two of gradlab's, and it
// accumulates in float32 in another order than gradlab's double accumulation; a few gradients
// amplify that; float64 must agree to ~1e-12 (erf: a few ulps, see special-math.ts)
const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const TOL = { float32: { rtol: 2e-5, atol: 1e-6 }, float64: { rtol: 1e-11, atol: 1e-13 } };

function operand(e: EncodedTensor | { scalar: Num | boolean }): Operand {
  if ('scalar' in e) return typeof e.scalar === 'boolean' ? e.scalar : decode(e.scalar);
  if (e.dtype === 'bool' || e.dtype === 'int32') return ag.tensor(e.data as unknown as number[], { dtype: e.dtype }).reshape(e.shape);
  return build(e);
}

/** What an op name of a fixture calls: its operands (tensors or numbers) and its arguments. */
export type OpTable = Record<string, (x: Operand[], a: Record<string, any>) => Tensor>;

/**
 * Registers one test per case of `fixtures/<file>` (written by scripts/fixtures/op_cases.py),
 * calling the case's op from `ops`; `rowOf` gives the manifest row whose exactness applies.
 */
export function describeOpCases(title: string, file: string, ops: OpTable, rowOf: (op: string) => OpRow = opRow): void {
  const fixture = JSON.parse(readFileSync(new URL(`./fixtures/${file}`, import.meta.url), 'utf8')) as { cases: Case[] };
  describe(title, () => {
    it('covers every op of the dispatch table', () => {
      const ops = new Set(fixture.cases.map((c) => c.op));
      expect(Object.keys(ops).filter((op) => !ops.has(op))).toEqual([]);
    });

    for (const c of fixture.cases) {
      it(`${c.name} (${c.dtype})`, () => {
        const inputs = c.inputs.map(operand);
        const fn = ops[c.op];
        if (fn === undefined) throw new Error(`no op ${c.op}`);
        if (c.error !== undefined) {
          let thrown: unknown;
          try {
            fn(inputs, c.args);
          } catch (error) {
            thrown = error;
          }
          expect(thrown, `PyTorch raises ${c.error.error}: ${c.error.message}`).toBeInstanceOf(GradlabError);
          expect((thrown as Error).message).toContain(c.error.message);
          return;
        }
        const y = fn(inputs, c.args);
        const want = c.output!;
        // (int32 and bool inputs give float32 values in the float64 rows too)
        const { rtol, atol } = TOL[want.dtype === 'float64' ? 'float64' : 'float32'];
        expect(y.dtype).toBe(want.dtype);
        expect([...y.shape]).toEqual(want.shape);
        if (want.dtype === 'bool') expect(flat(y).map(Boolean)).toEqual(want.data);
        // the manifest's 'exact' rows must agree to the last bit
        else if (rowOf(c.op).forward === 'exact') expectClose(flat(y), want.data.map(decode), 0, 0, 'output (exact)', rowOf(c.op).signedZero);
        else expectClose(flat(y), want.data.map(decode), rtol, atol, 'output', rowOf(c.op).signedZero);
        expect(y.gradFn?.name ?? null).toBe(c.gradFn);
        if (c.gradOutput === undefined) return;
        const wrt = inputs.filter((x, i) => (c.inputs[i] as EncodedTensor).requiresGrad === true) as Tensor[];
        const first = ag.grad([y], wrt, { gradOutputs: [build(c.gradOutput)], createGraph: true, allowUnused: true });
        const wanted = c.grads!.filter((_, i) => (c.inputs[i] as EncodedTensor).requiresGrad === true);
        first.forEach((got, i) => {
          const w = wanted[i];
          if (w === null || w === undefined) return;
          expect(got, `grad of input ${i}`).not.toBeNull();
          expect(got!.dtype).toBe(w.dtype);
          expect([...got!.shape]).toEqual(w.shape);
          // (a broadcast input's gradient sums several terms, in another order than PyTorch's)
          const summed = numel(w.shape) < numel(want.shape);
          if (rowOf(c.op).gradient === 'exact' && !summed) expectClose(flat(got!), w.data.map(decode), 0, 0, `grad[${i}] (exact)`);
          else expectClose(flat(got!), w.data.map(decode), rtol, atol, `grad[${i}]`);
        });
        if (c.second === undefined) return;
        const differentiable = first.filter((g, i): g is Tensor => g !== null && c.firstRequiresGrad![i] === true);
        for (const g of differentiable) expect(g.requiresGrad, 'the first derivative requires grad, as in PyTorch').toBe(true);
        const seeds = c.secondSeeds!.map(build);
        const second = ag.grad(differentiable, wrt, { gradOutputs: seeds, allowUnused: true });
        c.second.forEach((w, i) => {
          const got = second[i] ?? null;
          if (w === null) {
            if (got !== null) expectClose(flat(got), flat(got).map(() => 0), 0, 0, `second[${i}] (PyTorch: none)`);
            return;
          }
          expect(got, `second derivative of input ${i}`).not.toBeNull();
          expectClose(flat(got!), w.data.map(decode), rtol * 10, atol * 10, `second[${i}]`);
        });
      });
    }
  });
}

import { describe, expect, it } from 'vitest';
import vectors from './fixtures/randomizer.json';
import names from './fixtures/names.json';
import { isClose } from '@gradlab/testing';

import { num, TORCH64, type VectorEntry } from './helpers';
import stdout from './fixtures/course-stdout.json';
import { COURSE_PROMPT, courseFormulaLine, courseLines, courseOutput, courseTranscript, nameSeed, pythonDict, randomFormula } from '../src/randomizer';
import { trace } from '../src/evaluate';
import { md5Hex } from '../src/md5';
import { analyzeDomain } from '../src/domain';

const reference = vectors as VectorEntry[];
const generated = names as VectorEntry[];

function expectMatchesTorch(entry: VectorEntry): void {
  const result = randomFormula(entry.name);
  const t = trace(result.expr, result.values);
  const f = num(entry.torch64.f);
  expect(isClose(t.value, f, TORCH64), `f = ${t.value}, torch64 ${f}`).toBe(true);
  entry.torch64.grad.forEach((g, i) => {
    expect(isClose(t.gradient[i]!, num(g), TORCH64), `df/dx${i + 1} = ${t.gradient[i]}, torch64 ${num(g)}`).toBe(true);
  });
  // A domain error exactly where PyTorch's value or gradient is not finite.
  const torchFinite = [entry.torch64.f, ...entry.torch64.grad].every((v) => Number.isFinite(num(v)));
  expect(analyzeDomain(result.expr, result.values) === null, `domain error for ${entry.formula} at ${entry.values}`).toBe(torchFinite);
}

describe('randomFormula: the 20 reference vectors', () => {
  it.each(reference.map((e) => [e.name, e] as const))('%s: formula and values exactly', (_, entry) => {
    const result = randomFormula(entry.name);
    expect(result.formula).toBe(entry.formula);
    expect(result.values).toEqual(entry.values);
  });

  it.each(reference.map((e) => [e.name, e] as const))('%s: f and gradient by hand match torch64 (rtol 1e-9), domain error iff torch64 is not finite', (_, entry) => {
    expectMatchesTorch(entry);
  });

  it('gives the homework formula for Francesco Tomba', () => {
    const result = randomFormula('Francesco Tomba');
    expect(courseLines(result).filter(Boolean).slice(0, 3)).toEqual([
      'f(X) =  tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)',
      'Your values',
      "{'x1': -2, 'x2': 2, 'x3': 3, 'x4': -2, 'x5': 1}",
    ]);
  });
});

describe("the course script's stdout, byte for byte (test/fixtures/course-stdout.json)", () => {
  const transcripts = stdout as { name: string; stdout: string }[];

  it('has the 20 names of the reference vectors', () => {
    expect(transcripts.map((t) => t.name)).toEqual(reference.map((e) => e.name));
  });

  it.each(transcripts.map((t) => [t.name, t] as const))('%s: prompt, formula, values and closing line exactly', (_, transcript) => {
    const result = randomFormula(transcript.name);
    expect(courseTranscript(result)).toBe(transcript.stdout);
    expect(COURSE_PROMPT + courseOutput(result)).toBe(transcript.stdout);
  });

  it('writes Python dicts as Python does', () => {
    expect(pythonDict([-2, 2, 3, -2, 1])).toBe("{'x1': -2, 'x2': 2, 'x3': 3, 'x4': -2, 'x5': 1}");
    expect(pythonDict([2.5, 1e-7, -0.1], ['a', 'b', 'c'])).toBe("{'a': 2.5, 'b': 1e-07, 'c': -0.1}");
    expect(courseFormulaLine('x1')).toBe('f(X) =  x1');
  });
});

describe('randomFormula: 600 generated names (empty, non-ASCII, very long)', () => {
  it('has names of every kind in the fixture', () => {
    expect(generated.length).toBeGreaterThanOrEqual(500);
    expect(generated.some((e) => e.name === '')).toBe(true);
    expect(generated.some((e) => e.name.length >= 10_000)).toBe(true);
    expect(generated.some((e) => /[^\u0000-\u007f]/.test(e.name))).toBe(true);
    expect(generated.some((e) => /\p{Extended_Pictographic}/u.test(e.name))).toBe(true);
  });

  it('reproduces the formula, the values and the printed lines of every name', () => {
    for (const entry of generated) {
      const result = randomFormula(entry.name);
      expect(result.formula, JSON.stringify(entry.name)).toBe(entry.formula);
      expect(result.values, JSON.stringify(entry.name)).toEqual(entry.values);
      expect([courseLines(result)[2], courseLines(result)[5]]).toEqual(entry.lines);
    }
  });

  it('matches torch64 for f and gradient on every name', () => {
    for (const entry of generated) expectMatchesTorch(entry);
  });
});

describe('nameSeed', () => {
  it("is Python's int(md5(name.encode()).hexdigest(), 16)", () => {
    expect(nameSeed('')).toBe(BigInt(`0x${md5Hex('')}`));
    expect(nameSeed('Francesco Tomba').toString(16).padStart(32, '0')).toBe(md5Hex('Francesco Tomba'));
  });
});

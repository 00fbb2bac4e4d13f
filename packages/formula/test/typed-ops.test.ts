/**
 * abs, tanh and sigmoid, which students type besides the course's operators:
 * parsed in every spelling, printed in every notation, and solved as PyTorch
 * 1.13 computes them (test/fixtures/typed-ops.json, from
 * scripts/fixtures/gen_formula_ops.py), kink and saturation included.
 */
import { describe, expect, it } from 'vitest';
import { isClose } from '@gradlab/testing';

import fixture from './fixtures/typed-ops.json';
import { num, TORCH64 } from './helpers';
import { equals } from '../src/ast';
import { parse } from '../src/parser';
import { toCourse, toDisplay, toLatex, toPlain, toPyTorch } from '../src/printers';
import { solve } from '../src/solve';

const cases = (fixture as { cases: { formula: string; values: number[]; f: number | string; grad: (number | string)[] }[] }).cases;

describe('abs, tanh and sigmoid', () => {
  it('parse, and print in every notation', () => {
    const f = parse('ABS(x1) + Tanh(x2) * sigmoid(x3)');
    expect(toPlain(f)).toBe('abs(x1) + tanh(x2) * sigmoid(x3)');
    expect(toDisplay(f)).toBe('abs(x1) + tanh(x2) * sigmoid(x3)');
    expect(toCourse(f)).toBe('(abs(x1) + (tanh(x2) * sigmoid(x3)))');
    expect(toLatex(f)).toBe('\\left|x_{1}\\right| + \\tanh\\left(x_{2}\\right) \\cdot \\sigma\\left(x_{3}\\right)');
    expect(toPyTorch(f)).toBe('torch.abs(x[0]) + torch.tanh(x[1]) * torch.sigmoid(x[2])');
    for (const print of [toPlain, toDisplay, toCourse]) expect(equals(parse(print(f)), f)).toBe(true);
  });

  it.each(cases.map((c) => [`${c.formula} at [${c.values.join(', ')}]`, c] as const))('%s: f and ∇f as PyTorch (float64)', (_, c) => {
    const s = solve(c.formula, c.values);
    expect(isClose(s.value, num(c.f), TORCH64), `f = ${s.value}, torch ${c.f}`).toBe(true);
    c.grad.forEach((g, i) => expect(isClose(s.gradient[i]!, num(g), { rtol: 1e-12, atol: 1e-300, symmetric: true }), `∂f/∂x${i + 1} = ${s.gradient[i]}, torch ${g}`).toBe(true));
    expect(s.check.disagreements).toEqual([]);
  });

  it("takes PyTorch's d|u|/du = 0 at u = 0 and says so", () => {
    const s = solve('abs(x1) * abs(x2)', [0, 3]);
    expect(s.gradient).toEqual([0, 0]);
    expect(s.kinks.map((k) => k.op)).toEqual(['abs']);
  });
});

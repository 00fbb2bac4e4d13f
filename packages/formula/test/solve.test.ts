import { describe, expect, it } from 'vitest';
import vectors from './fixtures/randomizer.json';
import names from './fixtures/names.json';
import { isClose } from '@gradlab/testing';

import { num, TORCH64, type VectorEntry } from './helpers';
import { randomFormula } from '../src/randomizer';
import { solve } from '../src/solve';

const reference = vectors as VectorEntry[];
const generated = names as VectorEntry[];

function check(entry: VectorEntry): void {
  const r = randomFormula(entry.name);
  const s = solve(r.expr, r.values);
  const label = `${entry.formula} at [${entry.values}]`;
  expect(isClose(s.value, num(entry.torch64.f), TORCH64), `${label}: f = ${s.value}, torch64 ${entry.torch64.f}`).toBe(true);
  entry.torch64.grad.forEach((g, i) => {
    expect(isClose(s.gradient[i]!, num(g), TORCH64), `${label}: df/dx${i + 1} = ${s.gradient[i]}, torch64 ${g}`).toBe(true);
  });
  // Even the sign of zero matches (PyTorch's x.grad never holds -0; f can be -0).
  [entry.torch64.f, ...entry.torch64.grad].forEach((expected, k) => {
    const actual = k === 0 ? s.value : s.gradient[k - 1]!;
    if (expected === 0) expect(Object.is(actual, expected), `${label}: ${k === 0 ? 'f' : `df/dx${k}`} sign of zero`).toBe(true);
  });
  const torchFinite = [entry.torch64.f, ...entry.torch64.grad].every((v) => Number.isFinite(num(v)));
  expect(s.domainError === null, `${label}: domain error`).toBe(torchFinite);
  expect(s.check.disagreements, label).toEqual([]);
  expect(s.check.ok).toBe(true);
}

describe('solve: autograd in float64 against PyTorch', () => {
  it.each(reference.map((e) => [e.name, e] as const))('%s', (_, entry) => check(entry));

  it('matches torch64 on the 600 generated names, with every node cross-checked', () => {
    for (const entry of generated) check(entry);
  });

  it('checks the homework example three ways', () => {
    const s = solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]);
    expect(s.check.gradient.map((g) => g.status)).toEqual(['agree', 'agree', 'agree', 'agree', 'agree']);
    expect(s.check.gradient[4]!.finiteDifference.value).toBeCloseTo(35.70841994057043, 8);
  });

  it('does not let finite differences judge at a ReLU kink', () => {
    const s = solve('relu(x1 - x2) * x3', [2, 2, 3]);
    expect(s.kinks).toHaveLength(1);
    expect(s.check.gradient.map((g) => g.status)).toEqual(['unchecked', 'unchecked', 'agree']);
    expect(s.check.gradient[0]!.note).toBe('not checked by finite differences: ReLU(x1 - x2) is at its kink');
    expect(s.gradient).toEqual([0, 0, 0]); // not -0: PyTorch's x.grad sums select gradients into zeros
  });

  it('sums the gradient of a variable used twice (Ex 1)', () => {
    const s = solve('log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)', [1, 2, -1, 3, 5]);
    expect(s.gradient.map((g) => g.toFixed(4))).toEqual(['3.7730', '1.8865', '0.0651', '0.0651', '0.0765']);
    expect(s.value.toFixed(4)).toBe('4.0584');
    expect(s.edges.filter((e) => s.nodes[e.to]!.name === 'x5')).toHaveLength(2);
    expect(s.check.ok).toBe(true);
  });
});

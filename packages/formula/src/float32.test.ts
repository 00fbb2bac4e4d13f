import { describe, expect, it } from 'vitest';
import { num } from '@gradlab/testing';
import reference from '../test/fixtures/randomizer.json';
import { autogradTrace } from './autograd-eval';
import { trace } from './evaluate';
import { float32Comparison, homeworkTensor } from './float32';
import { formatValue } from './format';
import { randomFormula } from './randomizer';
import { renderSolution } from './report';
import { solve } from './solve';

describe('float32, the homework default dtype', () => {
  it("@gradlab/autograd in float32 gives PyTorch's float32 f and gradient bit for bit for the 20 reference names", () => {
    for (const v of reference) {
      const r = randomFormula(v.name);
      const single = autogradTrace(trace(r.expr, r.values), { dtype: 'float32' });
      expect([single.value, ...single.gradient], v.name).toEqual([num(v.torch32.f), ...v.torch32.grad.map(num)]);
    }
  });

  it('names the entries that print differently from float64, as the fixture does', () => {
    const named: Record<string, string[]> = {};
    for (const v of reference) {
      const r = randomFormula(v.name);
      const comparison = float32Comparison(solve(r.expr, r.values));
      // What PyTorch's own float32 prints differently from its float64, at 6 significant digits.
      const torch64 = [num(v.torch64.f), ...v.torch64.grad.map(num)].map(formatValue);
      const torch32 = [num(v.torch32.f), ...v.torch32.grad.map(num)].map(formatValue);
      const entries = ['f', 'x1', 'x2', 'x3', 'x4', 'x5'].map((e) => (e === 'f' ? e : `∂f/∂${e}`));
      expect(comparison.differences.map((d) => d.entry), v.name).toEqual(entries.filter((_, i) => torch64[i] !== torch32[i]));
      if (comparison.differences.length > 0) named[v.name] = comparison.differences.map((d) => d.entry);
    }
    expect(named).toEqual({
      'Ada Lovelace': ['∂f/∂x1', '∂f/∂x2'],
      'Ennio De Giorgi': ['∂f/∂x1', '∂f/∂x2'],
      'Élie Cartan': ['f', '∂f/∂x1', '∂f/∂x2', '∂f/∂x3', '∂f/∂x4', '∂f/∂x5'],
    });
  });

  it('the solution says so, in every format', () => {
    const r = randomFormula('Ada Lovelace');
    const s = solve(r.expr, r.values);
    const line =
      "float32 (the homework's default dtype) prints differently at 6 significant digits: ∂f/∂x1 = 597484 (float64: 597483), ∂f/∂x2 = -597484 (float64: -597483); the other entries print the same.";
    expect(renderSolution(s, 'text')).toContain(line);
    expect(renderSolution(s, 'md')).toContain(line);
    expect(renderSolution(s, 'latex')).toContain('∂f/∂x1 = 597484'.replace(/∂/g, '\\ensuremath{\\partial}'));
    expect(JSON.parse(renderSolution(s, 'json')).float32.differences).toEqual([
      { entry: '∂f/∂x1', float64: 597483.4908756975, float32: 597483.5 },
      { entry: '∂f/∂x2', float64: -597483.4908756975, float32: -597483.5 },
    ]);
    expect(renderSolution(solve('x1 * x2', [3, 4]), 'text')).toContain("float32 (the homework's default dtype) prints f and ∇f the same at 6 significant digits.");
  });

  it("writes the homework's tensor", () => {
    expect(homeworkTensor([-2, 2, 3, -2, 1])).toBe('torch.tensor([-2., 2., 3., -2., 1.], requires_grad=True)');
    expect(homeworkTensor([0.5, -0])).toBe('torch.tensor([0.5, -0.], requires_grad=True)');
  });
});

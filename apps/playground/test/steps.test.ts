import { solve } from '@gradlab/formula';
import { describe, expect, it } from 'vitest';
import { latexNumber } from '../src/numbers';
import { backwardSteps, forwardSteps } from '../src/steps';

const tomba = solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]);

describe('the walkthrough steps', () => {
  it('writes each forward node with its numbers, negative operands in parentheses where needed', () => {
    expect(forwardSteps(tomba).map((s) => s.plain)).toEqual([
      'v1 = x1 * x2 = (-2) * 2 = -4',
      'v2 = ReLU(v1) = ReLU(-4) = 0',
      'v3 = x3 - x4 = 3 - (-2) = 5',
      'v4 = arctan(v3) = arctan(5) = 1.3734',
      'v5 = v2 - v4 = 0 - 1.3734 = -1.3734',
      'v6 = v5 / x5 = (-1.3734) / 1 = -1.3734',
      'v7 = tan(v6) = tan(-1.3734) = -5',
    ]);
    expect(forwardSteps(tomba)[5]!.tex).toBe('v_{6} = \\frac{v_{5}}{x_{5}} = \\frac{-1.3734}{1} = -1.3734');
  });

  it('writes each backward edge: the local derivative, then the chain rule', () => {
    const steps = backwardSteps(tomba);
    expect(steps).toHaveLength(tomba.edges.length);
    expect(steps[1]!.local!.plain).toBe('∂v6/∂v5 = 1/(x5) = 1');
    expect(steps[1]!.plain).toBe('∂f/∂v5 = ∂f/∂v6 · ∂v6/∂v5 = 26 · 1 = 26');
    expect(steps[1]!.tex).toContain('\\frac{\\partial f}{\\partial v_{5}} = \\frac{\\partial f}{\\partial v_{6}} \\cdot \\frac{\\partial v_{6}}{\\partial v_{5}} = 26 \\cdot 1 = 26');
  });

  it("sums a fan-out node's contributions: x5 in Ex 1", () => {
    const ex1 = solve('log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)', [1, 2, -1, 3, 5]);
    const sums = backwardSteps(ex1).filter((s) => s.sum);
    expect(sums).toHaveLength(1);
    expect(sums[0]!.sum!.plain).toBe('∂f/∂x5 sums its 2 contributions so far: 0.0113502 + 0.0651228 = 0.0764731');
  });

  it('writes numbers for LaTeX', () => {
    expect(latexNumber(1.2246e-16)).toBe('1.2246 \\cdot 10^{-16}');
    expect(latexNumber(NaN)).toBe('\\mathrm{NaN}');
    expect(latexNumber(-Infinity)).toBe('-\\infty');
  });
});

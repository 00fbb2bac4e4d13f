/**
 * Every LaTeX formula gradlab writes is valid LaTeX maths: KaTeX (strict)
 * parses the formulas, the symbolic gradients and the local derivatives.
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { parse } from '../src/parser';
import { toLatex } from '../src/printers';
import { randomFormula } from '../src/randomizer';
import { renderSolution } from '../src/report';
import { solve } from '../src/solve';
import { symbolicGradient } from '../src/symbolic';

const valid = (latex: string): boolean => {
  katex.renderToString(latex, { throwOnError: true, strict: 'error' });
  return true;
};

describe('LaTeX output', () => {
  it('parses for 1,000 course formulas and their symbolic gradients', () => {
    for (let i = 0; i < 1000; i++) {
      const r = randomFormula(`latex ${i}`);
      expect(valid(toLatex(r.expr)), toLatex(r.expr)).toBe(true);
      for (const g of symbolicGradient(r.expr)) expect(valid(toLatex(g)), toLatex(g)).toBe(true);
    }
  });

  it('parses for student syntax with constants, powers and named variables', () => {
    for (const text of ['x1^-0.5 * 1e-7', '-(-x1)^2 / (y_2 + alpha)', 'leaky_relu(x1) ^ x2', 'step(x1) + leaky_step(x2)', '1e-7 ^ x1 + 2.5e-8^2']) {
      expect(valid(toLatex(parse(text))), text).toBe(true);
    }
  });

  it('parses every math cell of a rendered solution', () => {
    const latex = renderSolution(solve('log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)', [1, 2, -1, 3, 5]), 'latex');
    const cells = [...latex.matchAll(/\$([^$]+)\$/g)].map((m) => m[1]!);
    cells.push(...[...latex.matchAll(/\\\[(.+?)\\\]/g)].map((m) => m[1]!));
    const aligns = [...latex.matchAll(/\\begin\{align\*\}([\s\S]*?)\\end\{align\*\}/g)].map((m) => m[1]!);
    expect(aligns).toHaveLength(3); // f, the gradient, the symbolic gradient
    cells.push(...aligns.map((align) => `\\begin{aligned}${align}\\end{aligned}`));
    expect(cells.length).toBeGreaterThan(40);
    for (const cell of cells) expect(valid(cell), cell).toBe(true);
  });
});

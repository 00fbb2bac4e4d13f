/**
 * Numbers and definitions written out for the walkthrough: plain text (for
 * screen readers and before KaTeX loads) and LaTeX.
 */
import { formatValue, latexName, toLatex, toDisplay, type Expr } from '@gradlab/formula';

/** A number in LaTeX: `-1.3734`, `1.2 \cdot 10^{-16}`, `\mathrm{NaN}`, `\infty`. */
export function latexNumber(value: number): string {
  const text = formatValue(value);
  if (text === 'nan') return '\\mathrm{NaN}';
  if (text === 'inf') return '\\infty';
  if (text === '-inf') return '-\\infty';
  const match = /^(-?[\d.]+)e([+-]\d+)$/.exec(text);
  return match ? `${match[1]!} \\cdot 10^{${Number(match[2])}}` : text;
}

/**
 * Whether a number in place of an operand needs parentheses when negative: not
 * as a function's argument (`tan(-1.37)`) or in a fraction, else yes (`3 - (-2)`, `(-2)^2`).
 */
function wrapsNegatives(definition: Expr, latex: boolean): boolean {
  if (definition.kind === 'unary') return definition.op === 'neg' || definition.op === 'square' || definition.op === 'cube';
  if (definition.kind === 'binary' && definition.op === 'div' && latex) return false;
  return true;
}

/** A definition with its operands' numbers in place of their names, in plain text: `0 - 1.3734`. */
export function plainWithNumbers(definition: Expr, value: (name: string) => number): string {
  const wrap = wrapsNegatives(definition, false);
  return toDisplay(renamed(definition, (name) => {
    const v = value(name);
    const text = formatValue(v);
    return v < 0 && wrap ? `(${text})` : text;
  }));
}

/** The same in LaTeX. */
export function latexWithNumbers(definition: Expr, value: (name: string) => number): string {
  const wrap = wrapsNegatives(definition, true);
  return toLatex(definition, (name) => {
    const v = value(name);
    return (v < 0 || Object.is(v, -0)) && wrap ? `\\left(${latexNumber(v)}\\right)` : latexNumber(v);
  });
}

function renamed(e: Expr, name: (n: string) => string): Expr {
  switch (e.kind) {
    case 'var':
      return { kind: 'var', name: name(e.name) };
    case 'const':
      return e;
    case 'unary':
      return { ...e, arg: renamed(e.arg, name) };
    case 'binary':
      return { ...e, left: renamed(e.left, name), right: renamed(e.right, name) };
  }
}

/** `\frac{\partial f}{\partial v_{5}}`. */
export function latexPartial(of: string, by: string): string {
  return `\\frac{\\partial ${of === 'f' ? 'f' : latexName(of)}}{\\partial ${latexName(by)}}`;
}

export { formatValue, latexName };

import { describe, expect, it } from 'vitest';
import { binary, unary, variable, type Expr } from './ast';
import { FormulaError } from './errors';
import { FORMULA_LIMITS } from './limits';
import { parse } from './parser';
import { solve } from './solve';
import { differentiate, simplify, symbolicGradient } from './symbolic';

/** The FormulaError `run` throws (a RangeError or anything else fails the test). */
function caught(run: () => unknown): FormulaError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FormulaError);
    return error as FormulaError;
  }
  throw new Error('expected a FormulaError, nothing was thrown');
}

const nestedSin = (levels: number): string => `${'sin('.repeat(levels)}x1${')'.repeat(levels)}`;
const sinTree = (levels: number): Expr => {
  let e: Expr = variable('x1');
  for (let i = 0; i < levels; i++) e = unary('sin', e);
  return e;
};

describe('limits: deep or huge formulas fail with code LIMIT, never a stack overflow', () => {
  it.each([
    ['2,000 nested parentheses', `${'('.repeat(2000)}x1${')'.repeat(2000)}`, /nested deeper than 256 levels at column 257/],
    ['1,000 unary minuses', `${'-'.repeat(1000)}x1`, /nested deeper than 256 levels at column 257/],
    ['10,000 unary minuses', `${'-'.repeat(10000)}x1`, /10002 characters long, more than 10000/],
    ['5,000 nested sin(', 'sin('.repeat(5000), /20000 characters long/],
    ['1,000 nested sin( that never close', 'sin('.repeat(1000), /nested deeper than 256 levels/],
    ['1,000 nested √', `${'√'.repeat(1000)}x1`, /nested deeper than 256 levels/],
    ['a 10,000-term sum', Array(10000).fill('x1').join('+'), /29999 characters long/],
    ['a 300-term sum', Array(300).fill('x1').join(' + '), /tree is deeper than 256 levels \(nesting, or a sum or product of more than 256 terms\)/],
    ['1,024 terms in a balanced sum', Array.from({ length: 10 }).reduce<string>((e) => `(${e} + ${e})`, 'x1'), /more than 1000 nodes/],
    ['x9999, which makes 9,999 positional variables', 'x1 * x9999', /x9999 makes 9999 positional variables x1\.\.x9999, more than 20/],
    ['21 named variables', Array.from({ length: 21 }, (_, i) => `(a${i})`).join('*').replace(/\*/g, '+'), /more than 20 variables/],
  ])('parse: %s', (_, text, message) => {
    const error = caught(() => parse(text));
    expect(error.code).toBe('LIMIT');
    expect(error.message).toMatch(/^parse: /);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('\n');
    // solve(text) goes through parse, and says the same.
    expect(caught(() => solve(text, [])).code).toBe('LIMIT');
  });

  it('solve, symbolicGradient, differentiate and simplify check a tree built in code', () => {
    const deep = sinTree(300);
    expect(caught(() => solve(deep, [1])).message).toMatch(/^solve: the formula's tree is deeper than 256 levels/);
    expect(caught(() => symbolicGradient(deep)).message).toMatch(/^symbolicGradient: /);
    expect(caught(() => differentiate(deep, 'x1')).code).toBe('LIMIT');
    expect(caught(() => simplify(deep)).code).toBe('LIMIT');
  });

  it('counts a subtree used twice twice, and stops counting at the limit (a 2^60-node tree from 60 objects)', () => {
    let e: Expr = variable('x1');
    for (let i = 0; i < 60; i++) e = binary('add', e, e);
    expect(caught(() => solve(e, [1])).message).toMatch(/more than 1000 nodes/);
    expect(caught(() => symbolicGradient(e)).code).toBe('LIMIT');
  });

  it('refuses a variable order longer than the limit', () => {
    const order = Array.from({ length: FORMULA_LIMITS.variables + 1 }, (_, i) => `x${i + 1}`);
    expect(caught(() => solve('x1', order.map(() => 1), order)).message).toBe('solve: 21 variables, more than 20 (gradlab works formulas with up to that many)');
  });

  it('works 200 nested sin (the symbolic step grows with its output, not exponentially)', () => {
    const solution = solve(nestedSin(200), [1]);
    // d/dx sin∘...∘sin(x) = Π cos(s_k) with s_0 = x, s_k = sin(s_(k-1)).
    let s = 1;
    let product = 1;
    for (let k = 0; k < 200; k++) {
      product *= Math.cos(s);
      s = Math.sin(s);
    }
    expect(solution.value).toBeCloseTo(s, 14);
    expect(solution.gradient[0]! / product).toBeCloseTo(1, 12);
    expect(solution.check.ok).toBe(true);
  });

  it('accepts a formula right at the limits of depth', () => {
    expect(() => parse(nestedSin(255))).not.toThrow();
    expect(caught(() => parse(nestedSin(256))).code).toBe('LIMIT');
  });
});

import { describe, expect, it } from 'vitest';
import { thrownError } from '@gradlab/testing';

import { caret, FormulaError, parse, randomFormula, renderSolution, solve } from '../src/index';

/** The FormulaError `fn` throws (fails the test when it does not throw). */
const thrown = (fn: () => unknown) => thrownError(fn, FormulaError);

describe('parser errors put the caret under the offending character', () => {
  it.each([
    ['sin(x1', 6, "expected ')', got end of input"],
    ['x1 + é', 5, "unexpected character 'é'"],
    ['√(x1) × (x2', 11, "expected ')', got end of input"],
    ['log()', 4, "expected an expression, got ')'"],
    ['x1)', 2, "unmatched ')'"],
    ['2x1', 1, "unexpected 'x1' (a missing operator? write '*' for a product)"],
    ['x1 x2', 3, "unexpected 'x2' (a missing operator? write '*' for a product)"],
    ['sin x1', 4, "unexpected 'x1' (a function needs parentheses: sin(...))"],
    ['(x1)(x2)', 4, "unexpected '(' (a missing operator? write '*' for a product)"],
  ])('%j', (input, position, what) => {
    const error = thrown(() => parse(input));
    expect(error.code).toBe('SYNTAX');
    expect(error.position).toBe(position);
    const column = Array.from(input.slice(0, position)).length + 1;
    expect(error.message).toBe(`parse: ${what} at column ${column}\n${caret(input, position)}`);
    // The caret line has one character per code point before the position.
    const [, shown, mark] = error.message.split('\n');
    expect(shown).toBe(input);
    expect(Array.from(mark!).length).toBe(column);
  });

  it('a tab before the error stays a tab in the caret line, so the caret lines up in a terminal', () => {
    expect(caret('\tx1 +', 5)).toBe('\tx1 +\n\t    ^');
  });
});

describe('library misuse', () => {
  it('solve with the wrong number of values, or an order that leaves out a variable', () => {
    expect(thrown(() => solve('x1 * x2', [1])).message).toBe('values: the formula has 2 variables (x1, x2), got 1 value');
    expect(thrown(() => solve('x1 * x2', [1, 2], ['x1', 'x3'])).message).toBe(
      'values: the variable order (x1, x3) leaves out x2, which the formula uses',
    );
    expect(thrown(() => solve('x1', 3 as never)).code).toBe('VALUES');
  });

  it('parse and solve take a string (or a parsed tree)', () => {
    expect(thrown(() => parse(42 as never)).message).toBe("parse: 'input' must be a string, got number");
    expect(thrown(() => solve(undefined as never, [1])).message).toBe("solve: 'formula' must be a string or a parsed Expr, got undefined");
  });

  it('randomFormula takes a string, as the course script reads one', () => {
    expect(thrown(() => randomFormula(42 as never)).message).toBe("randomFormula: 'name' must be a string, got number");
  });

  it('renderSolution with an unknown format throws instead of returning undefined', () => {
    expect(thrown(() => renderSolution(solve('x1', [1]), 'pdf' as never)).message).toBe(
      `renderSolution: 'format' must be 'text', 'md', 'latex' or 'json', got "pdf"`,
    );
  });
});

describe('values that break the domain give a report and a proposal, never a silent NaN', () => {
  it.each([
    ['log(x1 - x2)', [2, 2], 'log of 0'],
    ['(x1 - x2) / (x3 - x4)', [1, 1, 2, 2], 'division by zero'],
    ['√(x1 - x2)', [1, 3], 'square root'],
    ['x1 ^ 0.5', [0], 'its local derivative with respect to x1 is not finite (inf)'],
    ['exp(exp(x1))', [10], 'overflow to infinity'],
  ])('%s at %j', (formula, values, reason) => {
    const solution = solve(formula, values);
    expect(solution.domainError).not.toBeNull();
    expect(solution.domainError!.message).toContain(reason);
    const proposal = solution.domainError!.proposal!;
    expect(proposal).not.toBeNull();
    const fixed = solve(formula, proposal.values);
    expect(fixed.domainError).toBeNull();
    expect(fixed.gradient.every(Number.isFinite)).toBe(true);
    // The rendered solution explains the problem and works out the proposed values.
    const text = renderSolution(solution, 'text');
    expect(text).toContain('Proposed change');
    expect(text).not.toMatch(/∇f = \[[^\]]*nan/);
  });

  it('when no change helps, the NaN gradient is printed with the reason next to it', () => {
    const text = renderSolution(solve('log(x1 - x1)', [1]), 'text');
    expect(text).toContain('No change of up to three values within -5..5 (without 0) makes every node finite. The solution below shows nan where the formula is undefined.');
    expect(text).toContain('∇f = [nan]  (not defined at these values: see above)');
  });
});

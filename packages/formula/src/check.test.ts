import { describe, expect, it } from 'vitest';
import { answersFromJson, type Answers } from './answers';
import { checkAnswers, handClose, solveForAnswers, type CheckResult } from './check';
import { FormulaError } from './errors';
import { randomFormula } from './randomizer';
import { solve, type Solution } from './solve';

const tomba = solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]);
const ex1 = solve('log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)', [1, 2, -1, 3, 5]);

/** The worked solution's own numbers, with some replaced. */
function answers(solution: Solution, forward: Record<string, number> = {}, backward: Record<string, number> = {}, local?: Record<string, number>): Answers {
  const ops = solution.nodes.filter((n) => n.op !== 'input');
  return answersFromJson({
    forward: { ...Object.fromEntries(ops.map((n) => [n.name, n.value])), ...forward },
    backward: { ...Object.fromEntries(solution.nodes.slice(0, -1).map((n) => [n.name, n.grad])), ...backward },
    ...(local ? { local } : {}),
  });
}

const cell = (result: CheckResult, table: string, node: string) => result.cells.find((c) => c.table === table && c.node === node)!;
const grad = (solution: Solution, name: string): number => solution.nodes.find((n) => n.name === name)!.grad;
const value = (solution: Solution, name: string): number => solution.nodes.find((n) => n.name === name)!.value;

describe('handClose: tolerance for hand work', () => {
  it('takes 3 significant digits: 1.373 and 1.37 for 1.3734, not 1.37 for 137', () => {
    expect(handClose(1.373, 1.3734)).toBe(true);
    expect(handClose(1.37, 1.3734)).toBe(true);
    expect(handClose(1.38, 1.3734)).toBe(true);
    expect(handClose(1.36, 1.3734)).toBe(false);
    expect(handClose(1.37, 137)).toBe(false);
    expect(handClose(137, 137.4)).toBe(true);
    expect(handClose(-5, -5.000000000000001)).toBe(true);
  });

  it('is stricter with more digits', () => {
    expect(handClose(1.373, 1.3734, 4)).toBe(true);
    expect(handClose(1.373, 1.3734, 5)).toBe(false);
    expect(handClose(1.3734, 1.37341, 5)).toBe(true);
  });

  it('reads a rounding residue as 0 relative to the size of the terms, and 0 as 0', () => {
    expect(handClose(0, 1.2246e-16, 3, 26)).toBe(true);
    expect(handClose(0, 0)).toBe(true);
    expect(handClose(0.001, 0)).toBe(false);
    expect(handClose(0.5, 0.55, 3, 100)).toBe(false);
  });

  it('matches non-finite values only with the same non-finite value', () => {
    expect(handClose(NaN, NaN)).toBe(true);
    expect(handClose(Infinity, Infinity)).toBe(true);
    expect(handClose(-Infinity, Infinity)).toBe(false);
    expect(handClose(1e308, Infinity)).toBe(false);
  });
});

describe('checkAnswers', () => {
  it('finds nothing wrong in the worked solution, exact or rounded to 3 digits', () => {
    expect(checkAnswers(tomba, answers(tomba)).correct).toBe(true);
    const rounded = answers(tomba, { v4: 1.37, v5: -1.37, v6: -1.37, v7: -5 }, { x5: 35.7, v3: -1, x3: -1, x4: 1 });
    const result = checkAnswers(tomba, rounded);
    expect(result.counts).toEqual({ right: result.cells.length, wrong: 0, follows: 0, missing: 0 });
    expect(result.first).toBeNull();
  });

  it('orders the cells as a student works: forward top to bottom, then backward from the output', () => {
    const result = checkAnswers(tomba, answers(tomba));
    expect(result.cells.map((c) => `${c.table} ${c.node}`)).toEqual([
      ...['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7'].map((n) => `forward ${n}`),
      ...['v6', 'v5', 'x5', 'v2', 'v4', 'v3', 'x3', 'x4', 'v1', 'x1', 'x2'].map((n) => `backward ${n}`),
    ]);
  });

  it("recognises the notebook's precedence slip: (A - B) / x5 read as A - B / x5", () => {
    // The notebook's torch.tan((x[0]*x[1]).relu() - (x[2] - x[3]).atan() / x[4]): v5 = v4 / x5, v6 = v2 - v5.
    const result = checkAnswers(tomba, answers(tomba, { v5: 1.3734 }, { v5: -26 }));
    expect(result.first).toMatchObject({ table: 'forward', node: 'v5', given: 1.3734, status: 'wrong', mistake: 'precedence' });
    expect(result.first!.explanation).toContain('(ReLU(x1 * x2) - arctan(x3 - x4)) / x5 as ReLU(x1 * x2) - arctan(x3 - x4) / x5');
    expect(cell(result, 'backward', 'v5')).toMatchObject({ status: 'follows', follows: 'forward v5' });
    expect(result.misreading?.formula).toBe('tan(ReLU(x1 * x2) - (arctan(x3 - x4) / x5))');
    expect(result.counts.wrong).toBe(1);
  });

  it('tells a sign slip on a subtraction from the precedence slip, and lets the rest follow', () => {
    const result = checkAnswers(tomba, answers(tomba, { v5: 1.3734, v6: 1.3734, v7: 5 }));
    expect(result.first).toMatchObject({ node: 'v5', mistake: 'sign' });
    expect(result.first!.explanation).toContain('v5 = v2 - v4 = 0 - 1.3734 = -1.3734');
    expect(cell(result, 'forward', 'v6')).toMatchObject({ status: 'follows', follows: 'forward v5' });
    expect(cell(result, 'forward', 'v7')).toMatchObject({ status: 'follows', follows: 'forward v5' });
    expect(result.misreading).toBeNull();
  });

  it("finds the sign slip of a division's local derivative, ∂(a/b)/∂b = -a/b²", () => {
    const result = checkAnswers(tomba, answers(tomba, {}, { x5: -35.7084 }));
    expect(result.first).toMatchObject({ table: 'backward', node: 'x5', mistake: 'sign' });
    expect(result.first!.explanation).toContain('-a/b²');
  });

  it("finds the sign slip of a subtraction's local derivative", () => {
    const result = checkAnswers(tomba, answers(tomba, {}, { v4: 26, v3: 1, x3: 1, x4: -1 }));
    expect(result.first).toMatchObject({ node: 'v4', mistake: 'sign' });
    expect(cell(result, 'backward', 'x4')).toMatchObject({ status: 'follows', follows: 'backward v4' });
  });

  it('finds the missing fan-out term of x5 in Ex 1 (x5 feeds the sum inside sin and the product)', () => {
    const x5 = ex1.check.gradient[4]!.autograd;
    const terms = ex1.edges.filter((e) => e.to === 4).map((e) => e.contribution);
    expect(terms).toHaveLength(2);
    for (const kept of terms) {
      const result = checkAnswers(ex1, answers(ex1, {}, { x5: kept }));
      expect(result.first).toMatchObject({ node: 'x5', mistake: 'fan-out', expected: x5 });
      expect(result.first!.explanation).toMatch(/x5 feeds v\d+ and v\d+/);
    }
  });

  it("finds the wrong local derivative of tan: 1/cos instead of 1/cos², and the rest follows", () => {
    const c = 1 / Math.cos(value(tomba, 'v6'));
    const result = checkAnswers(tomba, answers(tomba, {}, { v6: c, v5: c, x5: c * 1.3734, v2: c, v4: -c, v3: -c / 26, x3: -c / 26, x4: c / 26 }));
    expect(result.first).toMatchObject({ node: 'v6', mistake: 'local-derivative' });
    expect(result.first!.explanation).toContain('1/cos(v6)');
    expect(result.counts).toMatchObject({ wrong: 1, follows: 7 });
  });

  it('knows the classic wrong derivatives: √, arctan, 1/u, log, ^2, ^3', () => {
    const cases: [string, number[], string, (u: number) => number, string][] = [
      ['sqrt(x1) * x2', [4, 3], 'v1', (u) => 1 / Math.sqrt(u), '1/√'],
      ['atan(x1) * x2', [2, 3], 'v1', (u) => 1 / (1 - u * u), '1/(1 - '],
      ['1/(x1) * x2', [2, 3], 'v1', (u) => -1 / u, '-1/'],
      ['log(x1) * x2', [2, 3], 'v1', (u) => u, 'natural'],
      ['x1^2 * x2', [2, 3], 'v1', (u) => u, 'factor 2'],
      ['x1^3 * x2', [2, 3], 'v1', (u) => 3 * u, 'drop by one'],
    ];
    for (const [formula, values, node, wrong, phrase] of cases) {
      const s = solve(formula, values);
      const x1 = values[0]!;
      const upstream = grad(s, node);
      const result = checkAnswers(s, answers(s, {}, { x1: upstream * wrong(x1) }));
      expect(result.first, formula).toMatchObject({ node: 'x1', mistake: 'local-derivative' });
      if (phrase !== 'natural') expect(result.first!.explanation, formula).toContain(phrase);
    }
  });

  it("ReLU'(0) = 0 and LeakyReLU'(0) = 0.01 as PyTorch, and LeakyReLU's slope 0.01 around 0", () => {
    const relu = solve('relu(x1 - x2) * x3', [2, 2, 3]);
    const atZero = checkAnswers(relu, answers(relu, {}, { v1: 3, x1: 3, x2: -3 }));
    expect(atZero.first).toMatchObject({ node: 'v1', mistake: 'local-derivative' });
    expect(atZero.first!.explanation).toContain('PyTorch');
    const negative = solve('relu(x1 - x2) * x3', [1, 2, 3]);
    expect(checkAnswers(negative, answers(negative, {}, { v1: 3, x1: 3, x2: -3 })).first).toMatchObject({ node: 'v1', mistake: 'local-derivative' });
    const leaky = solve('leaky_relu(x1 - x2) * x3', [1, 2, 3]);
    const noLeak = checkAnswers(leaky, answers(leaky, {}, { v1: 0, x1: 0, x2: 0 }));
    expect(noLeak.first).toMatchObject({ node: 'v1', mistake: 'local-derivative' });
    expect(noLeak.first!.explanation).toContain('0.01');
    const tenth = checkAnswers(leaky, answers(leaky, {}, { v1: 0.3, x1: 0.3, x2: -0.3 }));
    expect(tenth.first).toMatchObject({ node: 'v1', mistake: 'local-derivative' });
    expect(tenth.first!.explanation).toContain('not 0.1');
    const leakyZero = solve('leaky_relu(x1 - x2) * x3', [2, 2, 3]);
    expect(grad(leakyZero, 'v1')).toBeCloseTo(0.03);
    expect(checkAnswers(leakyZero, answers(leakyZero, {}, { v1: 3, x1: 3, x2: -3 })).first).toMatchObject({ node: 'v1', mistake: 'local-derivative' });
  });

  it('finds degrees instead of radians, forward and in a local derivative', () => {
    const d = (Math.atan(5) * 180) / Math.PI;
    const forward = checkAnswers(tomba, answers(tomba, { v4: d, v5: -d, v6: -d, v7: Math.tan(-d) }));
    expect(forward.first).toMatchObject({ node: 'v4', mistake: 'degrees' });
    expect(forward.counts).toMatchObject({ wrong: 1 });
    const s = solve('sin(x1 * x2)', [2, 3]);
    const local = Math.cos((6 * Math.PI) / 180);
    const backward = checkAnswers(s, answers(s, {}, { v1: local, x1: local * 3, x2: local * 2 }));
    expect(backward.first).toMatchObject({ node: 'v1', mistake: 'degrees' });
  });

  it('finds rounding: a value rounded to 2 digits, and a result spoiled by rounding too early', () => {
    const coarse = checkAnswers(tomba, answers(tomba, { v4: 1.4, v5: -1.4, v6: -1.4, v7: Math.tan(-1.4) }));
    expect(coarse.first).toMatchObject({ node: 'v4', mistake: 'rounding' });
    expect(coarse.first!.explanation).toContain('rounded to 2 significant digits');
    // -1.37 is right for -1.3734 at 3 digits, but tan is steep there: tan(-1.37) = -4.91, not -5.
    const early = checkAnswers(tomba, answers(tomba, { v4: 1.37, v5: -1.37, v6: -1.37, v7: Math.tan(-1.37) }));
    expect(cell(early, 'forward', 'v6').status).toBe('right');
    expect(early.first).toMatchObject({ node: 'v7', mistake: 'rounding' });
    expect(early.first!.explanation).toContain('carry at least 4 significant digits');
    // Carried with 5 digits, the same steps are right.
    const careful = checkAnswers(tomba, answers(tomba, { v4: 1.3734, v5: -1.3734, v6: -1.3734, v7: Math.tan(-1.3734) }));
    expect(careful.correct).toBe(true);
  });

  it('finds the upstream gradient left out of the chain rule', () => {
    const result = checkAnswers(tomba, answers(tomba, {}, { v5: 1, v2: 1, v4: -1, v3: -1 / 26, x3: -1 / 26, x4: 1 / 26 }));
    expect(result.first).toMatchObject({ node: 'v5', mistake: 'chain-rule' });
    expect(result.first!.explanation).toContain('∂f/∂v5 = ∂f/∂v6 · ∂v6/∂v5 = 26 · 1 = 26');
  });

  it('calls a number nothing explains plain arithmetic, and names the computation', () => {
    const result = checkAnswers(tomba, answers(tomba, { v3: 7, v4: Math.atan(7), v5: -Math.atan(7), v6: -Math.atan(7), v7: Math.tan(-Math.atan(7)) }));
    expect(result.first).toMatchObject({ node: 'v3', mistake: 'arithmetic', expected: 5, given: 7 });
    expect(result.first!.explanation).toContain('v3 = x3 - x4 = 3 - (-2) = 5');
  });

  it('finds the number of another node', () => {
    const result = checkAnswers(tomba, answers(tomba, { v3: 1.3734 }));
    expect(result.first).toMatchObject({ table: 'forward', node: 'v3', mistake: 'numbering' });
    expect(result.first!.explanation).toContain('the value of v4');
    // ∂f/∂v3 = ∂f/∂v4 is not a numbering slip but the local derivative ∂v4/∂v3 left out.
    expect(checkAnswers(tomba, answers(tomba, {}, { v3: -26 })).first).toMatchObject({ node: 'v3', mistake: 'chain-rule' });
  });

  it('checks local derivatives when given, and the gradients that follow from a wrong one', () => {
    const c = 1 / Math.cos(value(tomba, 'v6'));
    const result = checkAnswers(tomba, answers(tomba, {}, { v6: c, v5: c }, { 'v7->v6': c, '∂v6/∂v5': 1 }));
    expect(result.first).toMatchObject({ table: 'local', node: 'v6', consumer: 'v7', mistake: 'local-derivative' });
    expect(cell(result, 'backward', 'v6')).toMatchObject({ status: 'follows', follows: 'local v7->v6' });
    expect(cell(result, 'local', 'v5')).toMatchObject({ consumer: 'v6', status: 'right' });
  });

  it('reports blanks as missing, not wrong, and correct only when nothing is missing', () => {
    const result = checkAnswers(tomba, answersFromJson({ forward: { v1: -4, v2: 0 }, backward: {} }));
    expect(result.correct).toBe(false);
    expect(result.first).toBeNull();
    expect(result.counts).toEqual({ right: 2, wrong: 0, follows: 0, missing: 16 });
  });

  it('checks inputs when written, and the output gradient ∂f/∂f = 1', () => {
    const result = checkAnswers(tomba, answersFromJson({ forward: { x3: -3 }, backward: { v7: 2 } }));
    expect(cell(result, 'forward', 'x3')).toMatchObject({ status: 'wrong', mistake: 'values' });
    expect(cell(result, 'backward', 'v7')).toMatchObject({ status: 'wrong', mistake: 'chain-rule' });
  });

  it('notes keys that are not nodes instead of failing', () => {
    const result = checkAnswers(tomba, answersFromJson({ forward: { v8: 1, v1: -4 }, backward: {}, local: { 'v9->v1': 1 } }));
    expect(result.notes.join('\n')).toContain("v8 is not a node of this formula's graph");
    expect(result.notes.join('\n')).toContain('v9->v1 is not an edge');
  });

  it("checks undefined values at the proposed ones, with a note, unless the answers give other values", () => {
    const hopper = randomFormula('Grace Hopper');
    const given = solve(hopper.expr, hopper.values);
    expect(given.domainError?.proposal).not.toBeNull();
    const proposed = solve(hopper.expr, given.domainError!.proposal!.values);
    const result = checkAnswers(given, answers(proposed));
    expect(result.correct).toBe(true);
    expect(result.solution.values).toEqual(proposed.values);
    expect(result.notes[0]).toContain('checked at the proposed values');
    const atGiven = checkAnswers(given, answersFromJson({ values: hopper.values, forward: { v4: 1 }, backward: {} }));
    expect(atGiven.solution.values).toEqual(hopper.values);
    expect(cell(atGiven, 'forward', 'v4')).toMatchObject({ status: 'wrong', mistake: 'domain' });
    expect(() => checkAnswers(given, answersFromJson({ values: [1, 1, 1, 1, 1], forward: {}, backward: {} }))).toThrow(/answers are for the values \[1, 1, 1, 1, 1\]/);
  });

  it('refuses a bad digits option', () => {
    expect(() => checkAnswers(tomba, answers(tomba), { digits: 0 })).toThrow(FormulaError);
    expect(() => checkAnswers(tomba, answers(tomba), { digits: 2.5 })).toThrow("checkAnswers: 'digits' must be an integer from 1 to 15, got 2.5");
  });
});

describe('solveForAnswers', () => {
  it('takes the name, or the formula and values, from the options or the file', () => {
    expect(solveForAnswers(answersFromJson({ name: 'Francesco Tomba', forward: {} })).values).toEqual([-2, 2, 3, -2, 1]);
    expect(solveForAnswers(answersFromJson({ forward: {} }), { name: 'Francesco Tomba' }).formula).toBe(tomba.formula);
    expect(solveForAnswers(answersFromJson({ formula: 'x1 * x2', values: [3, 4], forward: {} })).value).toBe(12);
    // A name with values of the student's own (the course asks to change values that divide by 0).
    expect(solveForAnswers(answersFromJson({ name: 'Grace Hopper', values: [2, -5, 4, 4, 3], forward: {} })).values).toEqual([2, -5, 4, 4, 3]);
  });

  it('refuses answers that do not say which formula, or disagree with the options', () => {
    expect(() => solveForAnswers(answersFromJson({ forward: {} }))).toThrow('answers: which formula?');
    expect(() => solveForAnswers(answersFromJson({ formula: 'x1', forward: {} }))).toThrow('needs its values');
    expect(() => solveForAnswers(answersFromJson({ name: 'Ada', forward: {} }), { name: 'Grace' })).toThrow("the file's name");
    expect(() => solveForAnswers(answersFromJson({ name: 'Francesco Tomba', formula: 'x1 + x2', forward: {} }))).toThrow('is not "Francesco Tomba"\'s');
  });
});

import { describe, expect, it } from 'vitest';
import { answersFromJson } from './answers';
import { checkAnswers } from './check';
import { cellLabel, cellTitle, checkJson, renderCheck } from './check-report';
import { solve } from './solve';

const tomba = solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]);
const slip = answersFromJson({
  forward: { v1: -4, v2: 0, v3: 5, v4: 1.3734, v5: 1.3734, v6: 1.3734, v7: 5 },
  backward: { v6: 26, x5: 35.708 },
});

describe('check reports', () => {
  it('names cells as the tables write them', () => {
    expect(cellTitle({ table: 'forward', node: 'v5' })).toBe('v5');
    expect(cellTitle({ table: 'backward', node: 'x1' })).toBe('∂f/∂x1');
    expect(cellTitle({ table: 'local', node: 'v6', consumer: 'v7' })).toBe('∂v7/∂v6');
    expect(cellLabel({ table: 'local', node: 'v6', consumer: 'v7' })).toBe('local v7->v6');
  });

  it('JSON: correct, first, and every cell with table, node, given, expected, status, mistake, explanation', () => {
    const json = checkJson(checkAnswers(tomba, slip)) as { correct: boolean; first: Record<string, unknown>; cells: Record<string, unknown>[] };
    expect(json.correct).toBe(false);
    expect(json.first).toMatchObject({ table: 'forward', node: 'v5', given: 1.3734, expected: -Math.atan(5), status: 'wrong', mistake: 'sign' });
    expect(Object.keys(json.cells[0]!)).toEqual(['table', 'node', 'given', 'expected', 'status']);
    expect(json.cells.find((c) => c.node === 'v6' && c.table === 'forward')).toMatchObject({ status: 'follows', follows: 'forward v5' });
    expect(json.cells.find((c) => c.node === 'v5' && c.table === 'backward')).toMatchObject({ given: null, status: 'missing' });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('text: summary, the first mistake explained, the tables, nothing revealed for blank cells', () => {
    const text = renderCheck(checkAnswers(tomba, slip), { name: 'Francesco Tomba' });
    expect(text).toContain("Francesco Tomba's answers for f(X) = tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5) at x1 = -2, x2 = 2, x3 = 3, x4 = -2, x5 = 1");
    expect(text).toContain('checked to 3 significant digits: 18 cells, 6 right, 1 wrong, 2 follow from an earlier mistake, 9 blank.');
    expect(text).toContain('First mistake: v5 (forward pass), a sign slip\n  you wrote 1.3734, expected -1.3734.');
    expect(text).toMatch(/\nv6 +1\.3734 +-1\.3734 +follows from forward v5\n/);
    // ∂f/∂v5 = 26 is blank: its expected value is not printed.
    expect(text).toMatch(/\n∂f\/∂v5 +\(blank\)\n/);
    expect(text).not.toContain('undefined');
    expect(renderCheck(checkAnswers(tomba, answersFromJson({ forward: {}, backward: {} })))).toContain('Nothing is wrong so far; some cells are blank.');
  });
});

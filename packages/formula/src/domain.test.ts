import { describe, expect, it } from 'vitest';
import { parse } from './parser';
import { analyzeDomain, findKinks } from './domain';
import { trace } from './evaluate';
import { randomFormula } from './randomizer';

describe('analyzeDomain', () => {
  it('is null where every value and gradient is finite', () => {
    expect(analyzeDomain(parse('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)'), [-2, 2, 3, -2, 1])).toBeNull();
  });

  it('names the node, the operator and the inputs that feed it', () => {
    const d = analyzeDomain(parse('exp(x3) + log(x1 - x2)'), [1, 3, 0.5])!;
    expect(d.problems).toEqual([
      { node: 'v3', op: 'log', expression: 'log(x1 - x2)', reason: 'log of a negative number (-2)', inputs: ['x1', 'x2'], value: Number.NaN },
    ]);
    expect(d.responsible).toEqual(['x1', 'x2']);
    expect(d.proposal).toEqual({ changes: [{ variable: 'x1', from: 1, to: 4 }], values: [4, 3, 0.5] });
    expect(d.message).toBe('v3 = log(x1 - x2): log of a negative number (-2) (fed by x1, x2); change x1 from 1 to 4');
  });

  it('finds division by zero, the root at 0 and log of 0', () => {
    expect(analyzeDomain(parse('x1 / (x2 - x3)'), [1, 2, 2])!.problems[0]!.reason).toBe('division by zero');
    expect(analyzeDomain(parse('1/(x1 - x2)'), [2, 2])!.problems[0]!.reason).toBe('reciprocal of 0 (division by zero)');
    expect(analyzeDomain(parse('sqrt(x1 + x2)'), [2, -2])!.problems[0]!.reason).toBe('square root at 0 (its derivative 1/(2√0) is infinite)');
    expect(analyzeDomain(parse('log(x1 * x2)'), [0, 2])!.problems[0]!.reason).toBe('log of 0 (the value is -inf, the derivative 1/0)');
    expect(analyzeDomain(parse('exp(exp(x1))'), [7])!.problems[0]!.reason).toBe('overflow to infinity');
    expect(analyzeDomain(parse('tan(x1 / 2)'), [Math.PI])!.problems[0]!.reason).toBe(`tan at a pole (${Math.PI / 2})`);
  });

  it('reports a failure in the backward pass only', () => {
    // sqrt(0) = 0 is finite, ReLU(0) = 0 too, but the gradient is 0 * inf = NaN
    const d = analyzeDomain(parse('relu(sqrt(x1 - x2))'), [2, 2])!;
    expect(d.problems.map((p) => p.node)).toEqual(['v2']);
  });

  it('changes the smallest single input that fixes every node, staying in -5..5 without 0', () => {
    const grace = randomFormula('Grace Hopper');
    const d = analyzeDomain(grace.expr, grace.values)!;
    expect(d.problems[0]!.reason).toBe('square root of a negative number (-16)');
    expect(d.proposal!.changes).toEqual([{ variable: 'x3', from: -4, to: 1 }]);
    expect(analyzeDomain(grace.expr, d.proposal!.values)).toBeNull();
    for (const v of d.proposal!.values) expect(v !== 0 && Math.abs(v) <= 5).toBe(true);
  });

  it('falls back to changing two inputs when one is not enough', () => {
    const rosalind = randomFormula('Rosalind Franklin');
    const d = analyzeDomain(rosalind.expr, rosalind.values)!;
    expect(d.proposal!.changes).toHaveLength(2);
    expect(analyzeDomain(rosalind.expr, d.proposal!.values)).toBeNull();
  });
});

describe('findKinks', () => {
  it('lists ReLU and LeakyReLU evaluated exactly at 0', () => {
    expect(findKinks(trace(parse('relu(x1 - x2) + leaky_relu(x2)'), [2, 2]))).toEqual([
      { node: 'v2', op: 'relu', expression: 'ReLU(x1 - x2)', inputs: ['x1', 'x2'] },
    ]);
    expect(findKinks(trace(parse('leaky_relu(x1 - x2)'), [2, 2]))).toHaveLength(1);
  });
});

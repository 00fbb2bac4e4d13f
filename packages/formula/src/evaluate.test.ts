import { describe, expect, it } from 'vitest';
import { FormulaError } from './errors';
import { bindValues, evaluate, trace } from './evaluate';
import { parse } from './parser';

describe('evaluate', () => {
  it('computes in float64 with positional or named values', () => {
    expect(evaluate(parse('x1 * sin(x2)'), [2, 0])).toBe(0);
    expect(evaluate(parse('a + b'), { a: 1, b: 2 })).toBe(3);
    expect(evaluate(parse('leaky_relu(x1)'), [-2])).toBe(-0.02);
    expect(evaluate(parse('relu(x1)'), [Number.NaN])).toBeNaN();
  });

  it('rejects wrong values with a FormulaError naming the variables', () => {
    expect(() => bindValues(parse('x1 + x2'), [1])).toThrow(new FormulaError('VALUES', 'values: the formula has 2 variables (x1, x2), got 1 value'));
    expect(() => bindValues(parse('a + b'), { a: 1 })).toThrow(/missing a value for 'b'/);
    expect(() => bindValues(parse('a'), { a: 1, c: 2 })).toThrow(/'c' is not a variable of the formula \(a\)/);
  });
});

describe('trace', () => {
  it('names inputs after the variables and operations v1, v2, ... in evaluation order', () => {
    const t = trace(parse('x1 * x2 + x1'), [3, 4]);
    expect(t.nodes.map((n) => n.name)).toEqual(['x1', 'x2', 'v1', 'v2']);
    expect(t.value).toBe(15);
    expect(t.gradient).toEqual([5, 3]);
  });

  it('sums the contributions of a variable used twice', () => {
    const t = trace(parse('x1 * x2 + x1'), [3, 4]);
    expect(t.edges.filter((e) => e.to === 0).map((e) => e.contribution)).toEqual([1, 4]);
  });

  it('avoids node names that collide with the variables', () => {
    const t = trace(parse('v1 * v2'), [3, 4]);
    expect(t.nodes.map((n) => n.name)).toEqual(['v1', 'v2', 'u1']);
    expect(t.gradient).toEqual([4, 3]);
  });

  it('keeps constants inline in the definitions', () => {
    const t = trace(parse('2 * x1^3'), [2]);
    expect(t.nodes.map((n) => n.name)).toEqual(['x1', 'v1', 'v2']);
    expect(t.gradient).toEqual([24]);
  });

  it("selects 0 through ReLU even when the upstream gradient is not finite, as PyTorch's threshold_backward", () => {
    // log(0) = -inf, ReLU(-inf) = 0; the local derivative 0 is selected, not multiplied by anything.
    const t = trace(parse('relu(x1) * log(x2)'), [-1, 0]);
    expect(t.gradient[0]).toBe(0);
  });
});

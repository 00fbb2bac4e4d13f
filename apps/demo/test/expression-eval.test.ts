import { describe, expect, it } from 'vitest';
import { evaluateExpression } from './expression-eval';

describe('evaluateExpression', () => {
  it('follows the usual precedence', () => {
    expect(evaluateExpression('1 + 2 * 3', {})).toBe(7);
    expect(evaluateExpression('(1 + 2) * 3', {})).toBe(9);
    expect(evaluateExpression('-x1^2', { x1: 3 })).toBe(-9);
    expect(evaluateExpression('2^3^2', {})).toBe(512);
    expect(evaluateExpression('8 / 4 / 2', {})).toBe(1);
    expect(evaluateExpression('1 - 2 - 3', {})).toBe(-4);
  });

  it('reads functions and variables', () => {
    expect(evaluateExpression('exp(x1 * x2)^2', { x1: 1, x2: 2 })).toBeCloseTo(Math.exp(4), 10);
    expect(evaluateExpression('arctan(x3) + sqrt(4)', { x3: 1 })).toBeCloseTo(Math.PI / 4 + 2, 12);
  });

  it('rejects what it cannot read', () => {
    expect(() => evaluateExpression('x9', {})).toThrow("unknown name 'x9'");
    expect(() => evaluateExpression('1 +', {})).toThrow('expected a token');
    expect(() => evaluateExpression('1 $ 2', {})).toThrow('cannot read');
  });
});

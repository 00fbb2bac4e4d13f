/**
 * Ex 1 run as a process: the notebook's two lines, and the manual
 * calculation checked against a gradient derived by hand in this test.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Ex1Json } from '../src/ex1';
import { evaluateExpression } from './expression-eval';
import { type DemoRun, forbiddenWords, runDemo, PROCESS_TIMEOUT } from './run-demo';

/**
 * y = log(D), D = exp(x1 x2)^2 + sin(s) x5, s = x3 + x4 + x5, differentiated
 * on paper: dy/dx1 = 2 x2 E / D, dy/dx2 = 2 x1 E / D, dy/dx3 = dy/dx4 =
 * x5 cos(s) / D, dy/dx5 = (sin(s) + x5 cos(s)) / D, with E = exp(x1 x2)^2.
 */
function handGradient([x1, x2, x3, x4, x5]: number[]): { y: number; grad: number[] } {
  const e = Math.exp(x1! * x2!) ** 2;
  const s = x3! + x4! + x5!;
  const d = e + Math.sin(s) * x5!;
  const inner = (x5! * Math.cos(s)) / d;
  return {
    y: Math.log(d),
    grad: [(2 * x2! * e) / d, (2 * x1! * e) / d, inner, inner, (Math.sin(s) + x5! * Math.cos(s)) / d],
  };
}

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim());
}

let text: DemoRun;
let json: DemoRun;

beforeAll(async () => {
  [text, json] = await Promise.all([runDemo(['ex1']), runDemo(['ex1', '--json'])]);
}, PROCESS_TIMEOUT);

describe('ex1 terminal report', () => {
  it('exits 0 with nothing on stderr and no undefined, NaN or [object Object]', () => {
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(forbiddenWords(text.stdout)).toEqual([]);
  });

  it('prints exactly the notebook\'s two lines', () => {
    expect(lines(text.stdout)).toContain('gradient tensor([3.7730, 1.8865, 0.0651, 0.0651, 0.0765])');
    expect(lines(text.stdout)).toContain('y tensor(4.0584, grad_fn=<LogBackward0>)');
  });

  it('writes each partial derivative and the largest differences, all checks passing', () => {
    for (const variable of ['x1', 'x2', 'x3', 'x4', 'x5']) {
      expect(text.stdout).toMatch(new RegExp(`∂y/∂${variable} = \\S`));
    }
    expect(text.stdout).toMatch(/✓ by hand vs autograd: largest difference \d\.\de-\d+ \(float32 rounding\)/);
    expect(text.stdout).toMatch(/✓ by hand vs finite differences: largest difference \d\.\de-\d+/);
    expect(text.stdout).not.toContain('✗');
  });
});

describe('ex1 --json', () => {
  it('has the keys x, y, grad, manual', () => {
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout) as Ex1Json;
    expect(Object.keys(data)).toEqual(['x', 'y', 'grad', 'manual']);
    expect(data.x).toEqual([1, 2, -1, 3, 5]);
    expect(data.manual.map((row) => row.variable)).toEqual(['x1', 'x2', 'x3', 'x4', 'x5']);
  });

  it('agrees with the gradient derived on paper: hand rules exactly, autograd to float32, finite differences to 1e-7', () => {
    const data = JSON.parse(json.stdout) as Ex1Json;
    const reference = handGradient(data.x);
    expect(Math.abs(data.y - reference.y)).toBeLessThan(1e-6 * reference.y);
    data.manual.forEach((row, index) => {
      const expected = reference.grad[index]!;
      expect(Math.abs(row.symbolic - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      expect(Math.abs(row.autograd - expected)).toBeLessThanOrEqual(2e-6 * Math.max(1, Math.abs(expected)));
      expect(Math.abs(row.finiteDifference - expected)).toBeLessThanOrEqual(1e-7 * Math.max(1, Math.abs(expected)));
      expect(row.autograd).toBe(data.grad[index]);
      // The printed expression itself, read back by an evaluator independent of @gradlab/formula.
      const [x1, x2, x3, x4, x5] = data.x;
      const printed = evaluateExpression(row.expression, { x1: x1!, x2: x2!, x3: x3!, x4: x4!, x5: x5! });
      expect(Math.abs(printed - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
      expect(row.latex).toContain('x_{');
    });
  });
});

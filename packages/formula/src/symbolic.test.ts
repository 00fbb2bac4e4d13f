import { describe, expect, it } from 'vitest';
import { parse } from './parser';
import { toLatex, toPlain } from './printers';
import { differentiate, simplify, symbolicGradient } from './symbolic';
import { evaluate, trace } from './evaluate';

const plain = (text: string) => toPlain(simplify(parse(text)));

describe('simplify', () => {
  it('removes neutral elements and folds short constants', () => {
    expect(plain('0 * x1 + 1 * (x2 / 1)')).toBe('x2');
    expect(plain('x1 - 0')).toBe('x1');
    expect(plain('0 - x1')).toBe('-x1');
    expect(plain('--x1')).toBe('x1');
    expect(plain('2 * (3 * x1)')).toBe('6 * x1');
    expect(plain('x1 * -1')).toBe('-x1');
    expect(plain('x1 + -x2')).toBe('x1 - x2');
    expect(plain('x1 * 1/(x2)')).toBe('x1 / x2');
    expect(plain('x1 / x1')).toBe('1');
    expect(plain('x1 ^ 1')).toBe('x1');
    expect(plain('exp(0) + log(1)')).toBe('1');
  });

  it('writes products and quotients as one fraction with merged powers', () => {
    expect(plain('2 * exp(x1) * (exp(x1) * x2)')).toBe('2 * exp(x1)^2 * x2');
    expect(plain('cos(x1) * (x3 + x4)^2 / (x3 + x4)^2')).toBe('cos(x1)');
    expect(plain('x1 / (x2 / x3)')).toBe('x1 * x3 / x2');
    expect(plain('(x1 / x2) / x3')).toBe('x1 / (x2 * x3)');
    expect(plain('3 * x1 / 2')).toBe('1.5 * x1');
    expect(plain('x1 / 3')).toBe('x1 / 3');
    expect(plain('x1 * x1 * x1 * x1')).toBe('x1^4');
    expect(plain('-x1 * x2 / -x3')).toBe('x1 * x2 / x3');
    expect(plain('x1 * 1/(x2) * -2')).toBe('-(2 * x1 / x2)');
  });

  it('keeps transcendental constants symbolic', () => {
    expect(plain('sin(2)')).toBe('sin(2)');
    expect(plain('1 / 3')).toBe('1/(3)');
  });
});

describe('differentiate', () => {
  it('applies the chain rule with the table of local derivatives', () => {
    expect(toPlain(differentiate(parse('sin(x1 * x2)'), 'x1'))).toBe('cos(x1 * x2) * x2');
    expect(toPlain(differentiate(parse('x1^3'), 'x1'))).toBe('3 * x1^2');
    expect(toPlain(differentiate(parse('log(x1)'), 'x1'))).toBe('1/(x1)');
    expect(toPlain(differentiate(parse('sqrt(x1)'), 'x1'))).toBe('1/(2 * sqrt(x1))');
    expect(toPlain(differentiate(parse('atan(x1)'), 'x1'))).toBe('1/(1 + x1^2)');
    expect(toPlain(differentiate(parse('relu(x1)'), 'x1'))).toBe('step(x1)');
    expect(toPlain(differentiate(parse('leaky_relu(x1)'), 'x1'))).toBe('leaky_step(x1)');
    expect(toPlain(differentiate(parse('x1 / x2'), 'x2'))).toBe('-(x1 / x2^2)');
    expect(toPlain(differentiate(parse('x1 ^ x2'), 'x2'))).toBe('x1^x2 * log(x1)');
    expect(toPlain(differentiate(parse('x1 * x2'), 'x3'))).toBe('0');
  });

  it('gives the analytical gradient of Ex 1', () => {
    const f = parse('log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)');
    const gradient = symbolicGradient(f);
    expect(toPlain(gradient[4]!)).toBe('(x5 * cos(x3 + x4 + x5) + sin(x3 + x4 + x5)) / (exp(x1 * x2)^2 + sin(x3 + x4 + x5) * x5)');
    const values = gradient.map((g) => evaluate(g, { x1: 1, x2: 2, x3: -1, x4: 3, x5: 5 }));
    // The homework's PyTorch output: tensor([3.7730, 1.8865, 0.0651, 0.0651, 0.0765])
    expect(values.map((v) => v.toFixed(4))).toEqual(['3.7730', '1.8865', '0.0651', '0.0651', '0.0765']);
    expect(toLatex(gradient[2]!)).toBe(
      '\\frac{x_{5} \\cdot \\cos\\left(x_{3} + x_{4} + x_{5}\\right)}{\\left(\\exp\\left(x_{1} \\cdot x_{2}\\right)\\right)^{2} + \\sin\\left(x_{3} + x_{4} + x_{5}\\right) \\cdot x_{5}}',
    );
  });

  it('agrees with the hand backward pass on the homework formula', () => {
    const f = parse('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)');
    const values = [-2, 2, 3, -2, 1];
    const env = Object.fromEntries(values.map((v, i) => [`x${i + 1}`, v]));
    const symbolic = symbolicGradient(f).map((g) => evaluate(g, env));
    trace(f, values).gradient.forEach((g, i) => expect(symbolic[i]).toBeCloseTo(g, 12));
  });
});

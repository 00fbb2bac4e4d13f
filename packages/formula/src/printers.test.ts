import { describe, expect, it } from 'vitest';
import { binary, constant, equals, unary, variable } from './ast';
import { parse } from './parser';
import { toCourse, toDisplay, toLatex, toPlain, toPyTorch, toPyTorchProgram } from './printers';

const x = (i: number) => variable(`x${i}`);

describe('toCourse', () => {
  it('prints byte-identically to the course script', () => {
    for (const formula of [
      'tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)',
      '(((x1 - x2)^3 - √(x3 - x4)) + x5)^3',
      'sin((cos(x1 / x2) / 1/(x3 + x4)) - x5)',
      'LeakyReLU((ReLU(x1 - x2) + (x3 * x4)^2) - x5)',
    ]) {
      expect(toCourse(parse(formula))).toBe(formula);
    }
  });

  it('keeps any tree readable back', () => {
    const trees = [
      unary('square', unary('neg', x(1))),
      unary('neg', constant(2)),
      unary('square', constant(-2)),
      unary('cube', unary('square', x(1))),
      unary('neg', unary('neg', x(1))),
      binary('pow', x(1), binary('pow', x(2), x(3))),
      binary('pow', binary('pow', x(1), x(2)), x(3)),
      unary('square', unary('reciprocal', x(1))),
      binary('div', x(1), unary('reciprocal', x(2))),
      unary('sqrt', unary('exp', x(1))),
    ];
    for (const tree of trees) {
      expect(equals(parse(toCourse(tree)), tree), toCourse(tree)).toBe(true);
      expect(equals(parse(toPlain(tree)), tree), toPlain(tree)).toBe(true);
    }
  });
});

describe('toPlain', () => {
  it('uses the fewest parentheses the precedence allows', () => {
    expect(toPlain(parse('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)'))).toBe('tan((relu(x1 * x2) - atan(x3 - x4)) / x5)');
    expect(toPlain(parse('((x1 + x2) + x3)'))).toBe('x1 + x2 + x3');
    expect(toPlain(parse('(x1 + (x2 + x3))'))).toBe('x1 + (x2 + x3)');
    expect(toPlain(parse('(x1 - x2)^3'))).toBe('(x1 - x2)^3');
    expect(toPlain(parse('-(x1^2)'))).toBe('-x1^2');
    expect(toPlain(parse('(-x1)^2'))).toBe('(-x1)^2');
  });
});

describe('toDisplay', () => {
  it("spells operators as the course does, with the usual precedence", () => {
    expect(toDisplay(parse('tan((relu(x1*x2) - atan(x3-x4)) / x5)'))).toBe('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)');
    expect(toDisplay(parse('(((x1 - x2)^3 - √(x3 - x4)) + x5)^3'))).toBe('((x1 - x2)^3 - √(x3 - x4) + x5)^3');
    expect(toDisplay(parse('leaky_relu(x1) * sqrt(x2)'))).toBe('LeakyReLU(x1) * √(x2)');
    expect(toDisplay(parse('step(x1) + leaky_step(x2)'))).toBe('step(x1) + leaky_step(x2)');
  });

  it('parenthesises the reciprocal where a reader would attach it to a neighbour', () => {
    expect(toDisplay(parse('cos(x1 / x2) / 1/(x3 + x4)'))).toBe('cos(x1 / x2) / (1/(x3 + x4))');
    expect(toDisplay(parse('1/(x1)^2'))).toBe('(1/(x1))^2');
    expect(toDisplay(parse('x1 ^ 1/(x2)'))).toBe('x1^(1/(x2))');
    expect(toDisplay(parse('1/(x1) * x2 - 1/(x3)'))).toBe('1/(x1) * x2 - 1/(x3)');
    expect(toDisplay(parse('-1/(x1)'))).toBe('-1/(x1)');
  });
});

describe('toLatex', () => {
  it('writes fractions, products and operator names', () => {
    expect(toLatex(parse('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)'))).toBe(
      '\\tan\\left(\\frac{\\operatorname{ReLU}\\left(x_{1} \\cdot x_{2}\\right) - \\arctan\\left(x_{3} - x_{4}\\right)}{x_{5}}\\right)',
    );
    expect(toLatex(parse('(((x1 - x2)^3 - √(x3 - x4)) + x5)^3'))).toBe(
      '\\left(\\left(x_{1} - x_{2}\\right)^{3} - \\sqrt{x_{3} - x_{4}} + x_{5}\\right)^{3}',
    );
    expect(toLatex(parse('1/(x1 + x2) * LeakyReLU(x3)'))).toBe('\\frac{1}{x_{1} + x_{2}} \\cdot \\operatorname{LeakyReLU}\\left(x_{3}\\right)');
    expect(toLatex(parse('exp(x1)^2'))).toBe('\\left(\\exp\\left(x_{1}\\right)\\right)^{2}');
    expect(toLatex(parse('x1 * 1e-7'))).toBe('x_{1} \\cdot 1 \\cdot 10^{-7}');
  });
});

describe('toPyTorch', () => {
  it('keeps the division over the whole numerator (the seed notebook divided the wrong term)', () => {
    const code = toPyTorch(parse('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)'));
    expect(code).toBe('torch.tan((torch.relu(x[0] * x[1]) - torch.atan(x[2] - x[3])) / x[4])');
    expect(code).not.toContain('torch.relu(x[0] * x[1]) - torch.atan(x[2] - x[3]) / x[4]');
  });

  it("follows Python's precedence", () => {
    expect(toPyTorch(parse('(-x1)^2'))).toBe('(-x[0]) ** 2');
    expect(toPyTorch(parse('-x1^2'))).toBe('-x[0] ** 2');
    expect(toPyTorch(parse('x1 / 1/(x2)'))).toBe('x[0] / (1 / x[1])');
    expect(toPyTorch(parse('1/(x1)^2'))).toBe('(1 / x[0]) ** 2');
    expect(toPyTorch(parse('x1 - (x2 - x3)'))).toBe('x[0] - (x[1] - x[2])');
    expect(toPyTorch(parse('x1 ^ -x2'))).toBe('x[0] ** -x[1]');
    expect(toPyTorch(parse('LeakyReLU(x1)'))).toBe('torch.nn.functional.leaky_relu(x[0], 0.01)');
    expect(toPyTorch(parse('a * b'), { variables: 'name' })).toBe('a * b');
  });

  it('writes a whole program', () => {
    expect(toPyTorchProgram(parse('sin(x1) * x2'), [1, -2.5])).toBe(
      [
        'import torch',
        '',
        'x = torch.tensor([1.0, -2.5], dtype=torch.float64, requires_grad=True)',
        'y = torch.sin(x[0]) * x[1]',
        'y.backward()',
        'print("y", y)',
        'print("gradient", x.grad)',
        '',
      ].join('\n'),
    );
  });
});

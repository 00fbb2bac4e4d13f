import { describe, expect, it } from 'vitest';
import { binary, constant, equals, unary, variable, variables } from './ast';
import { FormulaError } from './errors';
import { evaluate } from './evaluate';
import { caret, parse } from './parser';
import { toCourse, toPlain } from './printers';

const x = (i: number) => variable(`x${i}`);

describe('parse: the course notation', () => {
  it('reads the homework formula to the tree the randomizer builds', () => {
    const expected = unary(
      'tan',
      binary('div', binary('sub', unary('relu', binary('mul', x(1), x(2))), unary('atan', binary('sub', x(3), x(4)))), x(5)),
    );
    expect(equals(parse('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)'), expected)).toBe(true);
  });

  it("reads '1/' as the reciprocal of the group that follows (Emmy Noether's trap)", () => {
    const e = parse('sin((cos(x1 / x2) / 1/(x3 + x4)) - x5)');
    const quotient = (e as { arg: { left: unknown } }).arg.left;
    expect(quotient).toEqual(
      binary('div', unary('cos', binary('div', x(1), x(2))), unary('reciprocal', binary('add', x(3), x(4)))),
    );
    // the whole divides by a reciprocal, i.e. multiplies by (x3 + x4)
    expect(evaluate(parse('cos(x1 / x2) / 1/(x3 + x4)'), [4, -2, -1, 3])).toBeCloseTo(Math.cos(-2) * 2, 15);
  });

  it("binds '^2' and '^3' to the group before them", () => {
    expect(parse('(x1 - x2)^3')).toEqual(unary('cube', binary('sub', x(1), x(2))));
    expect(parse('(((x1 - x2)^3 - √(x3 - x4)) + x5)^3')).toEqual(
      unary('cube', binary('add', binary('sub', unary('cube', binary('sub', x(1), x(2))), unary('sqrt', binary('sub', x(3), x(4)))), x(5))),
    );
    expect(parse('1/(x1 + x2)^2')).toEqual(unary('square', unary('reciprocal', binary('add', x(1), x(2)))));
  });

  it('reads every operator name of the course', () => {
    for (const name of ['log', 'exp', 'cos', 'sin', 'tan', 'arctan', '√', 'ReLU', 'LeakyReLU', '1/']) {
      const text = `${name}(x1 + x2)`;
      expect(toCourse(parse(text))).toBe(text);
    }
  });
});

describe('parse: what a student types', () => {
  it('reads Ex 1 with the usual precedence', () => {
    const e = parse('log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)');
    expect(evaluate(e, [1, 2, -1, 3, 5])).toBeCloseTo(4.0584, 4);
    expect(toPlain(e)).toBe('log(exp(x1 * x2)^2 + sin(x3 + x4 + x5) * x5)');
  });

  it('knows atan, sqrt, relu, leaky_relu, ln and is case-insensitive for functions', () => {
    expect(parse('atan(x1)')).toEqual(unary('atan', x(1)));
    expect(parse('SQRT(x1)')).toEqual(unary('sqrt', x(1)));
    expect(parse('relu(x1) + leaky_relu(x2)')).toEqual(binary('add', unary('relu', x(1)), unary('leakyRelu', x(2))));
    expect(parse('ln(x1)')).toEqual(unary('log', x(1)));
    expect(parse('√x1')).toEqual(unary('sqrt', x(1)));
  });

  it('has the usual precedence and associativity', () => {
    expect(parse('x1 + x2 * x3')).toEqual(binary('add', x(1), binary('mul', x(2), x(3))));
    expect(parse('x1 - x2 - x3')).toEqual(binary('sub', binary('sub', x(1), x(2)), x(3)));
    expect(parse('x1 / x2 / x3')).toEqual(binary('div', binary('div', x(1), x(2)), x(3)));
    expect(parse('x1 ^ x2 ^ x3')).toEqual(binary('pow', x(1), binary('pow', x(2), x(3))));
    expect(parse('x1 ** 2')).toEqual(unary('square', x(1)));
    expect(parse('x1^0.5')).toEqual(binary('pow', x(1), constant(0.5)));
  });

  it('reads unary minus and numbers', () => {
    expect(parse('-x1^2')).toEqual(unary('neg', unary('square', x(1))));
    expect(parse('-2^2')).toEqual(unary('neg', unary('square', constant(2))));
    expect(parse('x1 * -2')).toEqual(binary('mul', x(1), constant(-2)));
    expect(parse('--x1')).toEqual(unary('neg', unary('neg', x(1))));
    expect(parse('2.5e-3 + .5 + 1E2')).toEqual(binary('add', binary('add', constant(0.0025), constant(0.5)), constant(100)));
    expect(parse('x1 ^ -1')).toEqual(binary('pow', x(1), constant(-1)));
    expect(evaluate(parse('-2^2'), [])).toBe(-4);
  });

  it('accepts any number of variables and any names', () => {
    const e = parse('x12 * y + x3');
    expect(variables(e)).toEqual(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10', 'x11', 'x12', 'y']);
    expect(variables(parse('b * a'))).toEqual(['b', 'a']);
  });

  it("treats '1 / (' with spaces as an ordinary division", () => {
    expect(parse('x1 / 1 / (x2)')).toEqual(binary('div', binary('div', x(1), constant(1)), x(2)));
    expect(parse('x1 / 11/(x2)')).toEqual(binary('div', binary('div', x(1), constant(11)), x(2)));
  });
});

describe('parse: syntax errors', () => {
  const error = (input: string): FormulaError => {
    try {
      parse(input);
    } catch (e) {
      if (e instanceof FormulaError) return e;
      throw e;
    }
    throw new Error(`expected '${input}' to fail`);
  };

  it('shows the position with a caret under the input', () => {
    const e = error('sin(x1 +)');
    expect(e.code).toBe('SYNTAX');
    expect(e.position).toBe(8);
    expect(e.message).toBe(
      "parse: expected a number, a variable, a function or '(', got ')' at column 9\nsin(x1 +)\n        ^",
    );
  });

  it('names the problem', () => {
    expect(error('(x1 + x2').message).toMatch(/^parse: expected '\)', got end of input at column 9\n\(x1 \+ x2\n {8}\^$/);
    expect(error('x1 + x2)').message).toMatch(/^parse: unmatched '\)' at column 8/);
    expect(error('foo(x1)').message).toMatch(/^parse: unknown function 'foo' at column 1/);
    expect(error('x1 $ x2').message).toMatch(/^parse: unexpected character '\$' at column 4/);
    expect(error('').message).toMatch(/^parse: empty formula/);
    expect(error('   ').message).toMatch(/^parse: empty formula/);
    expect(error('sin()').message).toMatch(/expected an expression, got '\)' at column 5/);
    expect(error('x1 x2').message).toMatch(/unexpected 'x2' \(a missing operator\? write '\*' for a product\) at column 4/);
    expect(error('2x1').message).toMatch(/unexpected 'x1' \(a missing operator\? write '\*' for a product\) at column 2/);
  });

  it('lines the caret up after non-ASCII characters', () => {
    expect(caret('√(x1) $', 6)).toBe('√(x1) $\n      ^');
    expect(error('√(x1) 😀').message.split('\n')[2]).toBe('      ^');
  });
});

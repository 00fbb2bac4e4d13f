/**
 * A recursive-descent parser for the course notation and for what a student
 * types. Grammar, loosest first:
 *
 * ```
 * sum      := product (('+' | '-') product)*
 * product  := signed (('*' | '/' | '·' | '×' | '÷') signed)*
 * signed   := ('-' | '+') signed | power
 * power    := primary (('^' | '**') signed)?          right-associative
 * primary  := number | name | name '(' sum ')' | '(' sum ')' | '1/(' sum ')' | '√' primary
 * ```
 *
 * `^2` and `^3` become the unary `square` / `cube` of the course.
 */
import { binary, constant, unary, variable, type Expr, type UnaryOp } from './ast';
import { FormulaError } from './errors';
import { checkFormulaSize, FORMULA_LIMITS, limitError } from './limits';
import { requireInteger, requireString } from './guards';

const FUNCTIONS: Record<string, UnaryOp> = {
  log: 'log',
  ln: 'log',
  exp: 'exp',
  cos: 'cos',
  sin: 'sin',
  tan: 'tan',
  atan: 'atan',
  arctan: 'atan',
  sqrt: 'sqrt',
  relu: 'relu',
  leakyrelu: 'leakyRelu',
  leaky_relu: 'leakyRelu',
  abs: 'abs',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  sign: 'sign',
  step: 'step',
  leaky_step: 'leakyStep',
};

type TokenKind = 'number' | 'name' | 'op' | '(' | ')' | 'recip' | 'sqrt' | 'end';
interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly position: number;
  readonly value?: number;
}

/**
 * The input with a caret under `position`, for error messages.
 *
 * @example
 * ```ts
 * caret('sin(x1 +)', 8); // 'sin(x1 +)\n        ^'
 * ```
 */
export function caret(input: string, position: number): string {
  requireString(input, 'caret', 'input');
  requireInteger(position, 'caret', 'position', 0, input.length);
  // One space per code point, not per UTF-16 unit, so that the caret lines up after non-ASCII
  // text; a tab stays a tab, so that it lines up whatever the terminal's tab width.
  const pad = Array.from(input.slice(0, position), (ch) => (ch === '\t' ? '\t' : ' ')).join('');
  return `${input}\n${pad}^`;
}

function syntaxError(input: string, position: number, what: string): FormulaError {
  const column = Array.from(input.slice(0, position)).length + 1;
  return new FormulaError('SYNTAX', `parse: ${what} at column ${column}\n${caret(input, position)}`, position);
}

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const rest = input.slice(i);
    // NOTE: the course prints the reciprocal as `1/(` with no spaces, right before a group:
    // `cos(x1 / x2) / 1/(x3 + x4)` divides by the reciprocal of (x3 + x4).
    if (rest.startsWith('1/(') && !/[\w.]/.test(input[i - 1] ?? '')) {
      tokens.push({ kind: 'recip', text: '1/', position: i });
      i += 2;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: 'number', text: number[0], position: i, value: Number(number[0]) });
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: 'name', text: name[0], position: i });
      i += name[0].length;
      continue;
    }
    if (rest.startsWith('**')) {
      tokens.push({ kind: 'op', text: '^', position: i });
      i += 2;
      continue;
    }
    if (ch === '√') {
      tokens.push({ kind: 'sqrt', text: ch, position: i });
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch, text: ch, position: i });
      i++;
      continue;
    }
    const op = { '+': '+', '-': '-', '−': '-', '*': '*', '·': '*', '×': '*', '/': '/', '÷': '/', '^': '^' }[ch];
    if (op) {
      tokens.push({ kind: 'op', text: op, position: i });
      i++;
      continue;
    }
    throw syntaxError(input, i, `unexpected character '${String.fromCodePoint(input.codePointAt(i)!)}'`);
  }
  tokens.push({ kind: 'end', text: '', position: input.length });
  return tokens;
}

/**
 * Parses a formula written in the course notation or in plain maths.
 *
 * Reads back everything the randomizer prints (`tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)`,
 * `(((x1 - x2)^3 - √(x3 - x4)) + x5)^3`, `cos(x1 / x2) / 1/(x3 + x4)`) and what a
 * student types: `log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)`, `atan`, `sqrt`, `relu`,
 * `leaky_relu`, `ln`, numbers (`2.5`, `1e-3`), unary minus, `^` or `**`,
 * any variable names. Function names are case-insensitive.
 *
 * @throws {FormulaError} code `'SYNTAX'`, with the position and a caret under the input;
 *   code `'LIMIT'` beyond `FORMULA_LIMITS` (length, nesting depth, nodes, variables).
 *
 * @example
 * ```ts
 * const f = parse('log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)');
 * parse('sin(x1 +)'); // throws: parse: unexpected ')' at column 9
 * ```
 */
export function parse(input: string): Expr {
  if (typeof input !== 'string') {
    throw new FormulaError('INVALID_ARGUMENT', `parse: 'input' must be a string, got ${input === null ? 'null' : typeof input}`);
  }
  if (input.length > FORMULA_LIMITS.length) {
    throw limitError('parse', `the formula is ${input.length} characters long, more than ${FORMULA_LIMITS.length} (gradlab works formulas up to that length)`);
  }
  const tokens = tokenize(input);
  let index = 0;
  // NOTE: the descent recurses once per level of parentheses, function, sign or root: count the
  // levels so that 2,000 nested '(' or 10,000 '-' are refused before the call stack runs out.
  let depth = 0;
  const nested = <T>(parseLevel: () => T): T => {
    if (++depth > FORMULA_LIMITS.depth) {
      const column = Array.from(input.slice(0, peek().position)).length + 1;
      throw limitError('parse', `the formula is nested deeper than ${FORMULA_LIMITS.depth} levels at column ${column} (gradlab works formulas up to that depth)`);
    }
    try {
      return parseLevel();
    } finally {
      depth--;
    }
  };
  const peek = (): Token => tokens[index]!;
  const next = (): Token => tokens[index++]!;
  const describe = (token: Token): string => (token.kind === 'end' ? 'end of input' : `'${token.text}'`);
  const expect = (kind: TokenKind, what: string): Token => {
    const token = peek();
    if (token.kind !== kind) throw syntaxError(input, token.position, `expected ${what}, got ${describe(token)}`);
    return next();
  };
  const isOp = (token: Token, ...ops: string[]): boolean => token.kind === 'op' && ops.includes(token.text);

  const sum = (): Expr => {
    let left = product();
    while (isOp(peek(), '+', '-')) {
      const op = next().text === '+' ? 'add' : 'sub';
      left = binary(op, left, product());
    }
    return left;
  };
  const product = (): Expr => {
    let left = signed();
    while (isOp(peek(), '*', '/')) {
      const op = next().text === '*' ? 'mul' : 'div';
      left = binary(op, left, signed());
    }
    return left;
  };
  const signed = (): Expr => nested(signedLevel);
  const signedLevel = (): Expr => {
    const token = peek();
    if (isOp(token, '-', '+')) {
      next();
      const following = peek();
      // `-2` is the constant -2, but `-2^2` is -(2^2), as in maths and Python.
      if (token.text === '-' && following.kind === 'number' && !isOp(tokens[index + 1]!, '^')) {
        next();
        return constant(-following.value!);
      }
      const operand = signed();
      return token.text === '-' ? unary('neg', operand) : operand;
    }
    return power();
  };
  const power = (): Expr => {
    const base = primary();
    if (isOp(peek(), '^')) {
      next();
      return binary('pow', base, signed());
    }
    return base;
  };
  const group = (): Expr => {
    expect('(', "'('");
    if (peek().kind === ')') throw syntaxError(input, peek().position, "expected an expression, got ')'");
    const inner = sum();
    expect(')', "')'");
    return inner;
  };
  const primary = (): Expr => {
    const token = peek();
    switch (token.kind) {
      case 'number':
        next();
        return constant(token.value!);
      case '(':
        return group();
      case 'recip':
        next();
        return unary('reciprocal', group());
      case 'sqrt':
        next();
        return unary('sqrt', peek().kind === '(' ? group() : nested(primary));
      case 'name': {
        next();
        if (peek().kind !== '(') return variable(token.text);
        const op = FUNCTIONS[token.text.toLowerCase()];
        if (!op) throw syntaxError(input, token.position, `unknown function '${token.text}'`);
        return unary(op, group());
      }
      default:
        throw syntaxError(input, token.position, `expected a number, a variable, a function or '(', got ${describe(token)}`);
    }
  };

  if (peek().kind === 'end') throw syntaxError(input, 0, 'empty formula');
  const result = sum();
  const rest = peek();
  if (rest.kind !== 'end') {
    if (rest.kind === ')') throw syntaxError(input, rest.position, "unmatched ')'");
    // Two operands in a row: `2x1`, `x1 x2`, `sin x1`, `(x1)(x2)`.
    const before = tokens[index - 1]!;
    const operand = rest.kind === 'name' || rest.kind === 'number' || rest.kind === '(' || rest.kind === 'recip' || rest.kind === 'sqrt';
    let hint = '';
    if (operand && before.kind === 'name' && FUNCTIONS[before.text.toLowerCase()]) {
      hint = ` (a function needs parentheses: ${before.text}(...))`;
    } else if (operand) hint = " (a missing operator? write '*' for a product)";
    throw syntaxError(input, rest.position, `unexpected ${describe(rest)}${hint}`);
  }
  // A long sum or product is parsed by a loop, but its tree is as deep as it is long.
  checkFormulaSize(result, 'parse');
  return result;
}

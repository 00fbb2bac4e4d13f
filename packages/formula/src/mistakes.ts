/**
 * The vocabulary of hand-calculation mistakes the answer checker diagnoses,
 * and, per operator, the slips students make: wrong local derivatives (tan' as
 * 1/cos instead of 1/cos², √' without the ½, ReLU'(0) = 1, LeakyReLU's slope
 * forgotten...), forward slips (degrees, swapped operands, the wrong
 * operator). Each slip predicts a number, so that the checker can test
 * whether it explains what the student wrote.
 */
import { BINARY_OPS, LEAKY_SLOPE, UNARY_OPS, type BinaryOp, type UnaryOp } from './ast';
import { cPow } from './ops';
import { invalid, requireInteger } from './guards';

function requireOperator(op: unknown, fn: string): void {
  if (!(UNARY_OPS as readonly unknown[]).includes(op) && !(BINARY_OPS as readonly unknown[]).includes(op)) {
    throw invalid(fn, 'op', `an operator (${[...UNARY_OPS, ...BINARY_OPS].join(', ')})`, op);
  }
}

/**
 * The kinds of mistake the checker names, most specific first:
 *
 * - `sign`: a sign slip (a subtraction the wrong way round, the minus of
 *   `-`, `/`, `1/` or another negative local derivative lost, a negative
 *   operand's sign dropped).
 * - `fan-out`: a node that feeds several others, whose gradient has only some
 *   of their contributions (the chain rule sums over every consumer).
 * - `local-derivative`: the wrong derivative rule for the operator (tan' =
 *   1 + tan², √' = 1/(2√u), arctan' = 1/(1 + u²), (1/u)' = -1/u², log' = 1/u,
 *   (u²)' = 2u, (u³)' = 3u², ReLU'/LeakyReLU' at and around 0 with the slope 0.01...).
 * - `chain-rule`: the upstream gradient or the local derivative left out of
 *   the product ∂f/∂u = ∂f/∂v · ∂v/∂u.
 * - `degrees`: a trigonometric function evaluated in degrees instead of radians.
 * - `precedence`: the formula read with other parentheses (as the notebook
 *   read `(A - B) / C` as `A - B / C`).
 * - `rounding`: a value rounded to too few digits, or a result spoiled by
 *   intermediate values rounded too early.
 * - `operator`: the wrong operation or function applied (`+` for `*`, log10 for ln...).
 * - `operand-order`: the operands of `/` or `^` swapped.
 * - `numbering`: the number belongs to another node (nodes are numbered in
 *   evaluation order, left operand first).
 * - `values`: an input that is not the given value.
 * - `domain`: a number where the formula is undefined.
 * - `arithmetic`: none of the above explains the number: plain arithmetic.
 */
export type MistakeKind =
  | 'sign'
  | 'fan-out'
  | 'local-derivative'
  | 'chain-rule'
  | 'degrees'
  | 'precedence'
  | 'rounding'
  | 'operator'
  | 'operand-order'
  | 'numbering'
  | 'values'
  | 'domain'
  | 'arithmetic';

/** One line per kind of mistake, for legends and documentation. */
export const MISTAKE_KINDS: Readonly<Record<MistakeKind, string>> = {
  sign: 'a sign slip',
  'fan-out': 'a missing fan-out term: a node feeding several others needs the sum of all their contributions',
  'local-derivative': 'the wrong local derivative for the operator',
  'chain-rule': 'the upstream gradient or the local derivative left out of the chain rule',
  degrees: 'degrees used instead of radians',
  precedence: 'the formula read with other parentheses',
  rounding: 'rounding too early or to too few digits',
  operator: 'the wrong operation or function',
  'operand-order': 'the operands swapped',
  numbering: 'the number of another node',
  values: 'an input that is not the given value',
  domain: 'a number where the formula is undefined',
  arithmetic: 'plain arithmetic',
};

/** A slip that predicts a number from the operands (and the node's own value). */
export interface Slip {
  readonly kind: MistakeKind;
  /** What the student did, as a formula in u (unary) or a, b (binary). */
  readonly rule: string;
  /** The number the slip gives. */
  readonly value: (operands: readonly number[], result: number) => number;
  /** One clause saying what went wrong, for the explanation. */
  readonly why: (operands: readonly number[]) => string;
}

const DEG = Math.PI / 180;
const slip = (kind: MistakeKind, rule: string, value: Slip['value'], why: string | Slip['why']): Slip => ({
  kind,
  rule,
  value,
  why: typeof why === 'string' ? () => why : why,
});

/** The correct local derivative, as the explanation states it. */
export function localRule(op: UnaryOp | BinaryOp, position: number): string {
  requireOperator(op, 'localRule');
  requireInteger(position, 'localRule', 'position', 0, 1);
  switch (op) {
    case 'neg':
      return 'd(-u)/du = -1';
    case 'square':
      return 'd(u²)/du = 2u';
    case 'cube':
      return 'd(u³)/du = 3u²';
    case 'log':
      return 'd log(u)/du = 1/u';
    case 'exp':
      return 'd exp(u)/du = exp(u)';
    case 'cos':
      return 'd cos(u)/du = -sin(u)';
    case 'sin':
      return 'd sin(u)/du = cos(u)';
    case 'tan':
      return 'd tan(u)/du = 1 + tan²(u) = 1/cos²(u)';
    case 'atan':
      return 'd arctan(u)/du = 1/(1 + u²)';
    case 'reciprocal':
      return 'd(1/u)/du = -1/u²';
    case 'sqrt':
      return 'd√u/du = 1/(2√u)';
    case 'relu':
      return "ReLU'(u) = 1 for u > 0 and 0 for u ≤ 0 (PyTorch takes ReLU'(0) = 0)";
    case 'leakyRelu':
      return `LeakyReLU'(u) = 1 for u > 0 and ${LEAKY_SLOPE} for u ≤ 0 (PyTorch's slope, also at 0)`;
    case 'abs':
      return "d|u|/du = sign(u): 1 for u > 0, -1 for u < 0 (PyTorch takes 0 at u = 0)";
    case 'tanh':
      return 'd tanh(u)/du = 1 - tanh²(u)';
    case 'sigmoid':
      return 'd sigmoid(u)/du = sigmoid(u)·(1 - sigmoid(u))';
    case 'step':
    case 'leakyStep':
    case 'sign':
      return 'a step function has derivative 0';
    case 'add':
      return position === 0 ? '∂(a + b)/∂a = 1' : '∂(a + b)/∂b = 1';
    case 'sub':
      return position === 0 ? '∂(a - b)/∂a = 1' : '∂(a - b)/∂b = -1';
    case 'mul':
      return position === 0 ? '∂(a·b)/∂a = b' : '∂(a·b)/∂b = a';
    case 'div':
      return position === 0 ? '∂(a/b)/∂a = 1/b' : '∂(a/b)/∂b = -a/b²';
    case 'pow':
      return position === 0 ? '∂(a^b)/∂a = b·a^(b-1)' : '∂(a^b)/∂b = a^b·ln(a)';
  }
}

/**
 * The wrong local derivatives students write for an operator and operand
 * position, each with the number it gives. The correct rule is never among them.
 *
 * @example
 * ```ts
 * localSlips('tan', 0).map((s) => s.rule); // ['1/cos(u)', 'tan²(u)', '1 + tan(u)', ...]
 * ```
 */
export function localSlips(op: UnaryOp | BinaryOp, position: number): readonly Slip[] {
  requireOperator(op, 'localSlips');
  requireInteger(position, 'localSlips', 'position', 0, 1);
  const u = (o: readonly number[]): number => o[0]!;
  const b = (o: readonly number[]): number => o[1]!;
  switch (op) {
    case 'neg':
      return [slip('sign', '1', () => 1, 'the minus is missing')];
    case 'square':
      return [
        slip('local-derivative', 'u', u, 'the factor 2 of the power rule is missing'),
        slip('local-derivative', '2', () => 2, 'the u is missing'),
        slip('local-derivative', 'u²', (o) => u(o) ** 2, 'u² was not differentiated'),
        slip('local-derivative', '2u²', (o) => 2 * u(o) ** 2, 'the exponent must drop by one'),
      ];
    case 'cube':
      return [
        slip('local-derivative', '3u', (o) => 3 * u(o), 'the exponent must drop by one, from 3 to 2'),
        slip('local-derivative', 'u²', (o) => u(o) ** 2, 'the factor 3 of the power rule is missing'),
        slip('local-derivative', 'u³', (o) => u(o) ** 3, 'u³ was not differentiated'),
        slip('local-derivative', '3u³', (o) => 3 * u(o) ** 3, 'the exponent must drop by one'),
        slip('local-derivative', '2u²', (o) => 2 * u(o) ** 2, 'the factor is the exponent 3'),
      ];
    case 'log':
      return [
        slip('local-derivative', 'u', u, 'the derivative is the reciprocal of u, not u'),
        slip('sign', '-1/u', (o) => -1 / u(o), 'the sign is flipped'),
        slip('local-derivative', '1/u²', (o) => 1 / u(o) ** 2, 'u is not squared'),
        slip('local-derivative', 'log(u)', (o) => Math.log(u(o)), 'log(u) was not differentiated'),
        slip('local-derivative', '1/(u·ln 10)', (o) => 1 / (u(o) * Math.LN10), 'log is the natural logarithm here, not log10'),
        slip('local-derivative', 'exp(u)', (o) => Math.exp(u(o)), 'exp is the inverse of log, not its derivative'),
      ];
    case 'exp':
      return [
        slip('local-derivative', 'u·exp(u - 1)', (o) => u(o) * Math.exp(u(o) - 1), 'exp(u) is not a power of u, so the power rule does not apply'),
        slip('local-derivative', 'u·exp(u)', (o) => u(o) * Math.exp(u(o)), 'there is no factor u'),
        slip('local-derivative', 'u', u, 'exp is its own derivative'),
        slip('local-derivative', '1', () => 1, 'exp is its own derivative'),
        slip('sign', '-exp(u)', (o) => -Math.exp(u(o)), 'the sign is flipped'),
      ];
    case 'sin':
      return [
        slip('sign', '-cos(u)', (o) => -Math.cos(u(o)), "the minus belongs to cos's derivative, not sin's"),
        slip('local-derivative', 'sin(u)', (o) => Math.sin(u(o)), 'sin(u) was not differentiated'),
        slip('local-derivative', '-sin(u)', (o) => -Math.sin(u(o)), "that is cos's derivative"),
        slip('degrees', 'cos(u°)', (o) => Math.cos(u(o) * DEG), 'cos was evaluated in degrees, and the course works in radians'),
        slip('degrees', 'cos(u°)·π/180', (o) => Math.cos(u(o) * DEG) * DEG, 'the derivative was taken in degrees, and the course works in radians'),
      ];
    case 'cos':
      return [
        slip('sign', 'sin(u)', (o) => Math.sin(u(o)), 'the minus is missing'),
        slip('local-derivative', 'cos(u)', (o) => Math.cos(u(o)), 'cos(u) was not differentiated'),
        slip('local-derivative', '-cos(u)', (o) => -Math.cos(u(o)), 'the derivative of cos is -sin, not -cos'),
        slip('degrees', '-sin(u°)', (o) => -Math.sin(u(o) * DEG), 'sin was evaluated in degrees, and the course works in radians'),
        slip('degrees', '-sin(u°)·π/180', (o) => -Math.sin(u(o) * DEG) * DEG, 'the derivative was taken in degrees, and the course works in radians'),
      ];
    case 'tan':
      return [
        slip('local-derivative', '1/cos(u)', (o) => 1 / Math.cos(u(o)), 'the square of cos is missing'),
        slip('local-derivative', 'tan²(u)', (o) => Math.tan(u(o)) ** 2, 'the 1 + is missing'),
        slip('local-derivative', '1 + tan(u)', (o) => 1 + Math.tan(u(o)), 'the square of tan is missing'),
        slip('local-derivative', '1 - tan²(u)', (o) => 1 - Math.tan(u(o)) ** 2, 'the plus became a minus'),
        slip('sign', '-1/cos²(u)', (o) => -1 / Math.cos(u(o)) ** 2, 'the sign is flipped'),
        slip('local-derivative', '1 + u²', (o) => 1 + u(o) ** 2, 'it is tan(u) that is squared, not u'),
        slip('local-derivative', '1/(1 + u²)', (o) => 1 / (1 + u(o) ** 2), "that is arctan's derivative"),
        slip('local-derivative', 'tan(u)', (o) => Math.tan(u(o)), 'tan(u) was not differentiated'),
        slip('degrees', '1 + tan²(u°)', (o) => 1 + Math.tan(u(o) * DEG) ** 2, 'tan was evaluated in degrees, and the course works in radians'),
      ];
    case 'atan':
      return [
        slip('local-derivative', '1/(1 - u²)', (o) => 1 / (1 - u(o) ** 2), 'the plus became a minus'),
        slip('sign', '-1/(1 + u²)', (o) => -1 / (1 + u(o) ** 2), 'the sign is flipped'),
        slip('local-derivative', '1/(1 + u)', (o) => 1 / (1 + u(o)), 'the square of u is missing'),
        slip('local-derivative', '1 + u²', (o) => 1 + u(o) ** 2, 'the fraction is upside down'),
        slip('local-derivative', '1/(1 + u²)²', (o) => 1 / (1 + u(o) ** 2) ** 2, 'the denominator is not squared'),
        slip('local-derivative', '1 + tan²(u)', (o) => 1 + Math.tan(u(o)) ** 2, "that is tan's derivative"),
        slip('local-derivative', '1/√(1 - u²)', (o) => 1 / Math.sqrt(1 - u(o) ** 2), "that is arcsin's derivative"),
        slip('local-derivative', 'arctan(u)', (o) => Math.atan(u(o)), 'arctan(u) was not differentiated'),
      ];
    case 'reciprocal':
      return [
        slip('sign', '1/u²', (o) => 1 / u(o) ** 2, 'the minus is missing'),
        slip('local-derivative', '-1/u', (o) => -1 / u(o), 'u must be squared (u⁻¹ becomes -u⁻²)'),
        slip('local-derivative', 'log(u)', (o) => Math.log(u(o)), 'log(u) is the integral of 1/u, not its derivative'),
        slip('local-derivative', '1/u', (o) => 1 / u(o), '1/u was not differentiated'),
        slip('local-derivative', '-u²', (o) => -(u(o) ** 2), 'u⁻¹ becomes -u⁻², which is -1/u², not -u²'),
        slip('local-derivative', '-2/u³', (o) => -2 / u(o) ** 3, 'that is the second derivative'),
      ];
    case 'sqrt':
      return [
        slip('local-derivative', '1/√u', (o) => 1 / Math.sqrt(u(o)), 'the ½ is missing'),
        slip('local-derivative', '√u/2', (o) => Math.sqrt(u(o)) / 2, 'the √u belongs in the denominator (u^½ becomes ½·u^(-½))'),
        slip('local-derivative', '2√u', (o) => 2 * Math.sqrt(u(o)), 'the factor is ½ and the √u is in the denominator'),
        slip('local-derivative', '1/(2u)', (o) => 1 / (2 * u(o)), 'the denominator has the square root of u, not u'),
        slip('local-derivative', '1/2', () => 0.5, 'the exponent must drop by one (u^½ becomes ½·u^(-½))'),
        slip('sign', '-1/(2√u)', (o) => -1 / (2 * Math.sqrt(u(o))), 'the sign is flipped'),
        slip('local-derivative', '√u', (o) => Math.sqrt(u(o)), '√u was not differentiated'),
      ];
    case 'relu':
      return [
        slip('local-derivative', '1', () => 1, (o) =>
          u(o) === 0 ? 'at u = 0 exactly PyTorch takes the derivative 0' : 'ReLU is flat for u < 0, so its derivative there is 0'),
        slip('local-derivative', '0', () => 0, 'ReLU passes the gradient on unchanged for u > 0'),
        slip('local-derivative', 'ReLU(u)', (o) => Math.max(u(o), 0), "that is ReLU's value, not its slope"),
        slip('local-derivative', 'u', u, 'the derivative is the slope, 0 or 1, not u'),
        slip('local-derivative', '1/2', () => 0.5, 'at u = 0 exactly PyTorch takes the derivative 0'),
      ];
    case 'leakyRelu':
      return [
        slip('local-derivative', '0', () => 0, (o) =>
          u(o) > 0 ? 'LeakyReLU passes the gradient on unchanged for u > 0' : `LeakyReLU leaks, with slope ${LEAKY_SLOPE} for u ≤ 0 (0 is ReLU's)`),
        slip('local-derivative', '1', () => 1, (o) =>
          u(o) === 0 ? `at u = 0 exactly PyTorch takes the slope ${LEAKY_SLOPE}` : `the slope for u < 0 is ${LEAKY_SLOPE}`),
        slip('local-derivative', '0.1', () => 0.1, `the slope is ${LEAKY_SLOPE} (PyTorch's default), not 0.1`),
        slip('sign', `-${LEAKY_SLOPE}`, () => -LEAKY_SLOPE, 'the slope is positive'),
        slip('local-derivative', `${LEAKY_SLOPE}·u`, (o) => LEAKY_SLOPE * u(o), "that is LeakyReLU's value, not its slope"),
        slip('local-derivative', `${LEAKY_SLOPE}`, () => LEAKY_SLOPE, `the slope ${LEAKY_SLOPE} is for u ≤ 0; for u > 0 it is 1`),
        slip('local-derivative', 'u', u, `the derivative is the slope, 1 or ${LEAKY_SLOPE}, not u`),
      ];
    case 'abs':
      return [
        slip('sign', '1', () => 1, (o) => (u(o) < 0 ? '|u| falls for u < 0: its slope there is -1' : u(o) === 0 ? 'at u = 0 exactly PyTorch takes the derivative 0' : 'the sign is flipped')),
        slip('sign', '-sign(u)', (o) => -Math.sign(u(o)), 'the sign is flipped'),
        slip('local-derivative', '|u|', (o) => Math.abs(u(o)), "that is |u|'s value, not its slope"),
        slip('local-derivative', 'u', u, 'the derivative is the slope, 1 or -1, not u'),
      ];
    case 'tanh':
      return [
        slip('local-derivative', '1 + tanh²(u)', (o) => 1 + Math.tanh(u(o)) ** 2, "that is tan's rule: tanh' = 1 - tanh²(u)"),
        slip('local-derivative', '1 - u²', (o) => 1 - u(o) ** 2, 'it is tanh(u) that is squared, not u'),
        slip('local-derivative', '1 - tanh(u)', (o) => 1 - Math.tanh(u(o)), 'the square of tanh is missing'),
        slip('local-derivative', '1/cosh(u)', (o) => 1 / Math.cosh(u(o)), 'the square of cosh is missing: tanh\' = 1/cosh²(u)'),
        slip('local-derivative', 'tanh(u)', (o) => Math.tanh(u(o)), 'tanh(u) was not differentiated'),
        slip('local-derivative', '1 + tan²(u)', (o) => 1 + Math.tan(u(o)) ** 2, "that is tan's derivative, not tanh's"),
      ];
    case 'sigmoid': {
      const s = (o: readonly number[]): number => 1 / (1 + Math.exp(-u(o)));
      return [
        slip('local-derivative', 'sigmoid(u)', s, 'sigmoid(u) was not differentiated'),
        slip('local-derivative', 'sigmoid²(u)', (o) => s(o) ** 2, 'the factor is 1 - sigmoid(u), not sigmoid(u)'),
        slip('local-derivative', '1 - sigmoid(u)', (o) => 1 - s(o), 'the factor sigmoid(u) is missing'),
        slip('sign', 'sigmoid(u)·(sigmoid(u) - 1)', (o) => s(o) * (s(o) - 1), 'the sign is flipped'),
        slip('local-derivative', 'sigmoid(u)·(1 + sigmoid(u))', (o) => s(o) * (1 + s(o)), 'the minus became a plus'),
      ];
    }
    case 'step':
    case 'leakyStep':
    case 'sign':
      return [];
    case 'add':
      return [slip('sign', '-1', () => -1, 'a sum passes the gradient on unchanged')];
    case 'sub':
      return position === 0
        ? [slip('sign', '-1', () => -1, 'only the subtracted operand gets the minus')]
        : [slip('sign', '1', () => 1, 'the minus of the subtraction is missing')];
    case 'mul':
      return position === 0
        ? [
            slip('local-derivative', 'a', (o) => o[0]!, 'the derivative is the other factor'),
            slip('local-derivative', '1', () => 1, 'the derivative is the other factor, not 1'),
            slip('local-derivative', 'a·b', (o) => o[0]! * b(o), 'the product was not differentiated'),
          ]
        : [
            slip('local-derivative', 'b', b, 'the derivative is the other factor'),
            slip('local-derivative', '1', () => 1, 'the derivative is the other factor, not 1'),
            slip('local-derivative', 'a·b', (o) => o[0]! * b(o), 'the product was not differentiated'),
          ];
    case 'div':
      return position === 0
        ? [
            slip('local-derivative', 'b', b, 'the numerator\'s derivative is 1 over the denominator'),
            slip('local-derivative', '-a/b²', (o) => -o[0]! / b(o) ** 2, "that is the denominator's derivative"),
            slip('local-derivative', '1/b²', (o) => 1 / b(o) ** 2, 'the denominator is not squared'),
            slip('local-derivative', 'a/b', (o) => o[0]! / b(o), 'the quotient was not differentiated'),
          ]
        : [
            slip('sign', 'a/b²', (o) => o[0]! / b(o) ** 2, 'the minus is missing'),
            slip('local-derivative', '-1/b²', (o) => -1 / b(o) ** 2, 'the numerator a is missing'),
            slip('local-derivative', '1/b', (o) => 1 / b(o), "that is the numerator's derivative"),
            slip('local-derivative', '-a/b', (o) => -o[0]! / b(o), 'the denominator must be squared'),
            slip('local-derivative', 'a', (o) => o[0]!, 'the denominator b is missing'),
          ];
    case 'pow':
      return position === 0
        ? [
            slip('local-derivative', 'a^(b-1)', (o) => cPow(o[0]!, b(o) - 1), 'the factor b of the power rule is missing'),
            slip('local-derivative', 'b·a^b', (o) => b(o) * cPow(o[0]!, b(o)), 'the exponent must drop by one'),
          ]
        : [slip('local-derivative', 'b·a^(b-1)', (o) => b(o) * cPow(o[0]!, b(o) - 1), "that is the base's derivative")];
  }
}

/**
 * The forward slips students make for an operator: the operation in degrees,
 * operands swapped, the sign of an operand dropped, the wrong operation.
 *
 * @example
 * ```ts
 * forwardSlips('sub').map((s) => s.rule); // ['b - a', 'a + b', '-a - b', 'a * b', 'a / b']
 * ```
 */
export function forwardSlips(op: UnaryOp | BinaryOp): readonly Slip[] {
  requireOperator(op, 'forwardSlips');
  const u = (o: readonly number[]): number => o[0]!;
  const a = u;
  const b = (o: readonly number[]): number => o[1]!;
  const operatorSlips = (...ops: [string, (x: number, y: number) => number][]): Slip[] =>
    ops.map(([symbol, f]) => slip('operator', `a ${symbol} b`, (o) => f(a(o), b(o)), `the operation is ${BINARY_WORD[op as BinaryOp]}, not ${symbol}`));
  switch (op) {
    case 'add':
      return [
        slip('sign', 'a - b', (o) => a(o) - b(o), (o) => (b(o) < 0 ? `adding a negative number ${b(o)} subtracts its size; a sign got lost` : 'a sign got lost in the sum')),
        slip('sign', 'b - a', (o) => b(o) - a(o), 'a sign got lost in the sum'),
        slip('sign', '-a - b', (o) => -a(o) - b(o), 'the sign of the sum is flipped'),
        ...operatorSlips(['*', (x, y) => x * y]),
      ];
    case 'sub':
      return [
        slip('sign', 'b - a', (o) => b(o) - a(o), 'the subtraction is the wrong way round (left operand minus right operand)'),
        slip('sign', 'a + b', (o) => a(o) + b(o), (o) => (b(o) < 0 ? `subtracting the negative ${b(o)} adds its size, a - (${b(o)}) = a + ${-b(o)}` : 'the minus became a plus')),
        slip('sign', '-a - b', (o) => -a(o) - b(o), 'a sign got lost in the subtraction'),
        ...operatorSlips(['*', (x, y) => x * y], ['/', (x, y) => x / y]),
      ];
    case 'mul':
      return [
        slip('sign', '-(a * b)', (o) => -(a(o) * b(o)), 'the sign of the product is flipped (an even number of negative factors gives a positive product)'),
        ...operatorSlips(['+', (x, y) => x + y], ['-', (x, y) => x - y], ['/', (x, y) => x / y]),
      ];
    case 'div':
      return [
        slip('operand-order', 'b / a', (o) => b(o) / a(o), 'the fraction is upside down: the left operand is the numerator'),
        slip('sign', '-(a / b)', (o) => -(a(o) / b(o)), 'the sign of the quotient is flipped'),
        ...operatorSlips(['*', (x, y) => x * y], ['-', (x, y) => x - y], ['+', (x, y) => x + y]),
      ];
    case 'pow':
      return [
        slip('operand-order', 'b ^ a', (o) => cPow(b(o), a(o)), 'base and exponent are swapped'),
        slip('operator', 'a * b', (o) => a(o) * b(o), 'a power is not a product'),
      ];
    case 'neg':
      return [slip('sign', 'u', u, 'the minus is missing')];
    case 'square':
      return [
        slip('operator', '2u', (o) => 2 * u(o), 'u² is u times u, not 2u'),
        slip('sign', '-u²', (o) => -(u(o) ** 2), 'a square is never negative: (-u)² = u²'),
        slip('operator', 'u³', (o) => u(o) ** 3, 'the power is 2, not 3'),
      ];
    case 'cube':
      return [
        slip('operator', '3u', (o) => 3 * u(o), 'u³ is u·u·u, not 3u'),
        slip('sign', '-u³', (o) => -(u(o) ** 3), 'the cube keeps the sign of u: (-2)³ = -8'),
        slip('operator', 'u²', (o) => u(o) ** 2, 'the power is 3, not 2'),
      ];
    case 'log':
      return [
        slip('operator', 'log10(u)', (o) => Math.log10(u(o)), 'log is the natural logarithm (ln), not log10'),
        slip('operator', 'log2(u)', (o) => Math.log2(u(o)), 'log is the natural logarithm (ln), not log2'),
        slip('operator', 'exp(u)', (o) => Math.exp(u(o)), 'that is exp, log is its inverse'),
      ];
    case 'exp':
      return [
        slip('sign', 'exp(-u)', (o) => Math.exp(-u(o)), 'the sign of the exponent got lost'),
        slip('operator', 'log(u)', (o) => Math.log(u(o)), 'that is log, exp is its inverse'),
        slip('operator', '10^u', (o) => 10 ** u(o), 'exp(u) is e^u, not 10^u'),
      ];
    case 'sin':
      return [
        slip('degrees', 'sin(u°)', (o) => Math.sin(u(o) * DEG), 'the calculator was in degrees, and the course works in radians'),
        slip('sign', 'sin(-u)', (o) => -Math.sin(u(o)), 'the sign is flipped (sin is odd: sin(-u) = -sin(u))'),
        slip('operator', 'cos(u)', (o) => Math.cos(u(o)), 'that is cos, not sin'),
      ];
    case 'cos':
      return [
        slip('degrees', 'cos(u°)', (o) => Math.cos(u(o) * DEG), 'the calculator was in degrees, and the course works in radians'),
        slip('sign', '-cos(u)', (o) => -Math.cos(u(o)), 'the sign is flipped (cos is even: cos(-u) = cos(u))'),
        slip('operator', 'sin(u)', (o) => Math.sin(u(o)), 'that is sin, not cos'),
      ];
    case 'tan':
      return [
        slip('degrees', 'tan(u°)', (o) => Math.tan(u(o) * DEG), 'the calculator was in degrees, and the course works in radians'),
        slip('sign', 'tan(-u)', (o) => -Math.tan(u(o)), 'the sign is flipped (tan is odd: tan(-u) = -tan(u))'),
        slip('operator', 'arctan(u)', (o) => Math.atan(u(o)), 'that is arctan, not tan'),
      ];
    case 'atan':
      return [
        slip('degrees', 'arctan(u) in degrees', (o) => Math.atan(u(o)) / DEG, 'the calculator gave degrees, and the course works in radians'),
        slip('sign', 'arctan(-u)', (o) => -Math.atan(u(o)), 'the sign is flipped (arctan is odd)'),
        slip('operator', 'tan(u)', (o) => Math.tan(u(o)), 'that is tan, not arctan'),
        slip('operator', '1/tan(u)', (o) => 1 / Math.tan(u(o)), 'arctan is the inverse function of tan, not 1/tan'),
      ];
    case 'reciprocal':
      return [
        slip('sign', '-1/u', (o) => -1 / u(o), 'the sign is flipped: 1/u has the sign of u'),
        slip('operator', '-u', (o) => -u(o), '1/u is the reciprocal, not the negative'),
        slip('operator', 'u', u, '1/u was not applied'),
      ];
    case 'sqrt':
      return [
        slip('operator', 'u²', (o) => u(o) ** 2, '√u is the square root, not the square'),
        slip('operator', 'u/2', (o) => u(o) / 2, '√u is the square root, not half of u'),
        slip('sign', '-√u', (o) => -Math.sqrt(u(o)), 'the square root is the positive one'),
      ];
    case 'relu':
      return [
        slip('operator', 'u', u, 'ReLU(u) = max(u, 0), so a negative u gives 0'),
        slip('operator', '|u|', (o) => Math.abs(u(o)), 'ReLU(u) = max(u, 0), not |u|'),
      ];
    case 'leakyRelu':
      return [
        slip('operator', 'ReLU(u)', (o) => Math.max(u(o), 0), `LeakyReLU leaks, giving ${LEAKY_SLOPE}·u for u ≤ 0, not 0`),
        slip('operator', '0.1·u', (o) => (u(o) > 0 ? u(o) : 0.1 * u(o)), `LeakyReLU's slope is ${LEAKY_SLOPE}, not 0.1`),
        slip('operator', 'u', u, `LeakyReLU(u) = ${LEAKY_SLOPE}·u for u ≤ 0`),
      ];
    case 'abs':
      return [
        slip('operator', 'u', u, '|u| is never negative: a negative u gives -u'),
        slip('sign', '-|u|', (o) => -Math.abs(u(o)), '|u| is never negative'),
      ];
    case 'tanh':
      return [
        slip('operator', 'tan(u)', (o) => Math.tan(u(o)), 'that is tan, not tanh (the hyperbolic tangent)'),
        slip('sign', 'tanh(-u)', (o) => -Math.tanh(u(o)), 'the sign is flipped (tanh is odd)'),
      ];
    case 'sigmoid':
      return [
        slip('sign', '1/(1 + exp(u))', (o) => 1 / (1 + Math.exp(u(o))), 'sigmoid(u) = 1/(1 + exp(-u)): the minus in the exponent got lost'),
        slip('operator', 'exp(-u)', (o) => Math.exp(-u(o)), 'sigmoid(u) = 1/(1 + exp(-u)), not exp(-u)'),
        slip('operator', '1/(1 - exp(-u))', (o) => 1 / (1 - Math.exp(-u(o))), 'sigmoid(u) = 1/(1 + exp(-u)), with a plus'),
      ];
    case 'step':
    case 'leakyStep':
    case 'sign':
      return [];
  }
}

const BINARY_WORD: Record<BinaryOp, string> = { add: '+', sub: '-', mul: '*', div: '/', pow: '^' };

/**
 * The course's randomizer (`utils/randomized_backpropagation_formula.py`),
 * reproduced draw for draw: the same name gives the same formula and values.
 */
import { binary, COURSE_BINARY, COURSE_UNARY, unary, variable, type Expr } from './ast';
import { FormulaError } from './errors';
import { md5 } from './md5';
import { toCourse } from './printers';
import { PythonRandom } from './python-random';

/** What the course script produces for one name. */
export interface RandomFormula {
  /** The name as given (not trimmed: the script hashes it as typed). */
  readonly name: string;
  /** The formula tree. */
  readonly expr: Expr;
  /** The formula in the course notation, e.g. `tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)`. */
  readonly formula: string;
  /** x1..x5, integers in -5..5 without 0. */
  readonly values: readonly number[];
}

/**
 * The course script's seed for a name: its UTF-8 MD5 digest read as one
 * unsigned big-endian integer (Python's `int(md5(name.encode()).hexdigest(), 16)`).
 *
 * @example
 * ```ts
 * nameSeed(''); // 0xd41d8cd98f00b204e9800998ecf8427en
 * ```
 */
export function nameSeed(name: string): bigint {
  let seed = 0n;
  for (const byte of md5(name)) seed = (seed << 8n) | BigInt(byte);
  return seed;
}

/**
 * The formula and values the course script gives for `name`.
 *
 * Draw order (Python's `random` seeded with {@link nameSeed}): five values, each
 * `choice([-1, 1]) * randint(1, 5)`; the operators of `(x1 ? x2)` and `(x3 ? x4)`;
 * a unary operator for each group; the operator joining the groups; the operator
 * joining that with x5; a unary operator over the whole.
 *
 * @example
 * ```ts
 * const r = randomFormula('Francesco Tomba');
 * r.formula; // 'tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)'
 * r.values;  // [-2, 2, 3, -2, 1]
 * ```
 */
export function randomFormula(name: string): RandomFormula {
  if (typeof name !== 'string') {
    // The course script reads the name with input(), always a string: 42 and '42' would silently agree.
    throw new FormulaError('INVALID_ARGUMENT', `randomFormula: 'name' must be a string, got ${name === null ? 'null' : typeof name}`);
  }
  const rng = new PythonRandom(nameSeed(name));
  const values: number[] = [];
  for (let i = 0; i < 5; i++) {
    const sign = rng.choice([-1, 1]);
    values.push(sign * rng.randint(1, 5));
  }
  const op12 = rng.choice(COURSE_BINARY);
  const op34 = rng.choice(COURSE_BINARY);
  const unary12 = rng.choice(COURSE_UNARY);
  const unary34 = rng.choice(COURSE_UNARY);
  const join = rng.choice(COURSE_BINARY);
  const join5 = rng.choice(COURSE_BINARY);
  const outer = rng.choice(COURSE_UNARY);
  const x = (i: number): Expr => variable(`x${i}`);
  const group12 = unary(unary12, binary(op12, x(1), x(2)));
  const group34 = unary(unary34, binary(op34, x(3), x(4)));
  const expr = unary(outer, binary(join5, binary(join, group12, group34), x(5)));
  return { name, expr, formula: toCourse(expr), values };
}

/**
 * The lines the course script prints after reading the name: the formula line
 * (`print("f(X) = ", formula)`, hence two spaces), the values as a Python dict,
 * and a closing note.
 *
 * NOTE: the first two lines are the script's, as the homework shows them; the
 * script itself is not public, so the closing note is gradlab's wording.
 *
 * @example
 * ```ts
 * courseLines(randomFormula('Francesco Tomba'));
 * // ['f(X) =  tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)',
 * //  "{'x1': -2, 'x2': 2, 'x3': 3, 'x4': -2, 'x5': 1}", ...]
 * ```
 */
export function courseLines(result: Pick<RandomFormula, 'formula' | 'values'>): string[] {
  const dict = result.values.map((v, i) => `'x${i + 1}': ${v}`).join(', ');
  return [`f(X) =  ${result.formula}`, `{${dict}}`, COURSE_CLOSING_NOTE];
}

/** The note printed after the values (gradlab's wording, see {@link courseLines}). */
export const COURSE_CLOSING_NOTE =
  'Draw the computational graph of f, compute the forward pass and the gradient of f(X) by hand at these values, then check them with PyTorch.';

/** The prompt shown when no name is given. */
export const COURSE_PROMPT = 'Insert your name and surname: ';

/**
 * The course's randomizer (`utils/randomized_backpropagation_formula.py`),
 * reproduced draw for draw: the same name gives the same formula and values.
 */
import { binary, COURSE_BINARY, COURSE_UNARY, unary, variable, type Expr } from './ast';
import { FormulaError } from './errors';
import { md5 } from './md5';
import { toCourse } from './printers';
import { PythonRandom } from './python-random';
import { requireNumbers, requireRecord, requireString, requireStrings } from './guards';

/** `{ formula, values }`, as randomFormula gives them. */
function requireCourse(result: unknown, fn: string): void {
  requireRecord(result, fn, 'result', 'a { formula, values } (from randomFormula)');
  requireString(result.formula, fn, 'result.formula');
  requireNumbers(result.values, fn, 'result.values');
}

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
  requireString(name, 'nameSeed', 'name');
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
 * Exactly what the course script writes to stdout after its prompt, for a
 * name's formula and values: two newlines, the formula line
 * (`print("f(X) = ", formula)`, hence two spaces), a blank line, `Your values`,
 * the values as a Python dict, a blank line and the closing instruction.
 * Checked byte for byte against the script's output for 20 names
 * (`test/fixtures/course-stdout.json`).
 *
 * @example
 * ```ts
 * courseOutput(randomFormula('Francesco Tomba'));
 * // "\n\nf(X) =  tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)\n\nYour values\n{'x1': -2, 'x2': 2, 'x3': 3, 'x4': -2, 'x5': 1}\n\nCalculate ∇f(X) [NB: ...]\n"
 * ```
 */
export function courseOutput(result: Pick<RandomFormula, 'formula' | 'values'>): string {
  requireCourse(result, 'courseOutput');
  return `${courseLines(result).join('\n')}\n`;
}

/**
 * Exactly what the course script writes to stdout when the name is typed at
 * its prompt: {@link COURSE_PROMPT}, then {@link courseOutput}. (On a terminal
 * the typed name and its newline appear after the prompt too: the terminal
 * echoes them, the script does not print them.)
 *
 * @example
 * ```ts
 * courseTranscript(randomFormula('Q')).startsWith('Input your name, then press ENTER: \n\nf(X) =  '); // true
 * ```
 */
export function courseTranscript(result: Pick<RandomFormula, 'formula' | 'values'>): string {
  requireCourse(result, 'courseTranscript');
  return COURSE_PROMPT + courseOutput(result);
}

/**
 * The lines of {@link courseOutput}, blank lines included: `''`, `''`,
 * `f(X) =  <formula>`, `''`, `Your values`, the dict, `''`, the closing line.
 *
 * @example
 * ```ts
 * courseLines(randomFormula('Francesco Tomba')).filter(Boolean);
 * // ['f(X) =  tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', 'Your values',
 * //  "{'x1': -2, 'x2': 2, 'x3': 3, 'x4': -2, 'x5': 1}", 'Calculate ∇f(X) [NB: ...]']
 * ```
 */
export function courseLines(result: Pick<RandomFormula, 'formula' | 'values'>): string[] {
  requireCourse(result, 'courseLines');
  return ['', '', courseFormulaLine(result.formula), '', 'Your values', pythonDict(result.values), '', COURSE_CLOSING_NOTE];
}

/** The script's formula line: `print("f(X) = ", formula)` puts two spaces after `=`. */
export function courseFormulaLine(formula: string): string {
  requireString(formula, 'courseFormulaLine', 'formula');
  return `f(X) =  ${formula}`;
}

/**
 * Values as Python prints a dict of them: `{'x1': -2, 'x2': 2}` (integers
 * without a decimal point, other numbers as Python's `repr` of a float).
 *
 * @example
 * ```ts
 * pythonDict([-2, 2.5]); // "{'x1': -2, 'x2': 2.5}"
 * ```
 */
export function pythonDict(values: readonly number[], names?: readonly string[]): string {
  requireNumbers(values, 'pythonDict', 'values');
  if (names === undefined) names = values.map((_, i) => `x${i + 1}`);
  requireStrings(names, 'pythonDict', 'names');
  return `{${values.map((v, i) => `'${names[i]!}': ${pythonNumber(v)}`).join(', ')}}`;
}

/** A number as Python's `repr` writes it (`-2`, `2.5`, `1e-05`, `inf`, `nan`). */
function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return Object.is(value, -0) ? '-0' : String(value);
  // JavaScript's shortest round-trip digits are Python's; only the exponent is spelled differently.
  return String(value).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** The script's last line, after the values. */
export const COURSE_CLOSING_NOTE = 'Calculate ∇f(X) [NB: if division by 0, change the value(s) of X responsible for that]';

/** The script's prompt (`input("Input your name, then press ENTER: ")`). */
export const COURSE_PROMPT = 'Input your name, then press ENTER: ';

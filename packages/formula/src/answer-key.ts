/**
 * The instructor's answer key: for every student of a roster, the course's
 * formula and values, f and ∇f at the given values and (where those make the
 * formula undefined) at the proposed ones, every node's value and gradient,
 * rounded as a hand calculation would be, with the tolerance to grade by (the
 * answer checker's: one unit of the last of 3 significant digits).
 */
import { DEFAULT_DIGITS } from './check';
import { csvRow, type CsvValue } from './csv';
import { formatValue, jsonNumber } from './format';
import { randomFormula } from './randomizer';
import { toDisplay } from './printers';
import { solve, workedSolution, type Solution } from './solve';
import { mark, requireInteger, requireMade, requireNumber, requireOptions, requireStrings } from './guards';

/** One student's key. */
export interface KeyEntry {
  readonly name: string;
  readonly formula: string;
  /** The values the course script gives. */
  readonly values: readonly number[];
  /** The solution at those values. */
  readonly given: Solution;
  /** The solution a student works: the proposed values when the given ones are undefined. */
  readonly worked: Solution;
}

/** Options of {@link answerKey}. */
export interface AnswerKeyOptions {
  /** Significant digits a hand calculation must get right (default 3, as `checkAnswers`). */
  readonly digits?: number;
}

/** The answer key of a roster. */
export interface AnswerKey {
  readonly entries: readonly KeyEntry[];
  readonly digits: number;
}

/**
 * The answer key for a list of names.
 *
 * @example
 * ```ts
 * answerKey(['Francesco Tomba']).entries[0].worked.value; // -5.000000000000001
 * ```
 */
export function answerKey(names: readonly string[], options: AnswerKeyOptions = {}): AnswerKey {
  requireStrings(names, 'answerKey', 'names');
  requireOptions(options, 'answerKey');
  if (options.digits !== undefined) requireInteger(options.digits, 'answerKey', 'options.digits', 1, 15);
  const entries = names.map((name) => {
    const random = randomFormula(name);
    const given = solve(random.expr, random.values);
    return mark('keyEntry', { name, formula: random.formula, values: random.values, given, worked: workedSolution(given) });
  });
  return mark('answerKey', { entries, digits: options.digits ?? DEFAULT_DIGITS });
}

/**
 * The grading tolerance for a value: one unit of its last significant digit
 * (0.01 for 1.3734 at 3 digits, 1 for 137): a student's number within it is right.
 *
 * @example
 * ```ts
 * gradingTolerance(1.3734);  // 0.01
 * gradingTolerance(137.4);   // 1
 * ```
 */
export function gradingTolerance(value: number, digits = DEFAULT_DIGITS): number {
  requireNumber(value, 'gradingTolerance', 'value');
  requireInteger(digits, 'gradingTolerance', 'digits', 1, 15);
  if (!Number.isFinite(value) || value === 0) return 0;
  const exponent = Math.floor(Math.log10(Math.abs(value))) - (digits - 1);
  // Rounded through a decimal string: 10 ** -2 is 0.01, not 0.010000000000000002.
  return Number(`1e${exponent}`);
}

/** A value rounded to `digits` significant digits, as a number. */
export function roundTo(value: number, digits: number): number {
  requireNumber(value, 'roundTo', 'value');
  requireInteger(digits, 'roundTo', 'digits', 1, 100);
  return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(digits)) : value + 0;
}

/** The grading rule in words: `a number is right within one unit of its 3rd significant digit ...`. */
export function toleranceRule(digits: number): string {
  requireInteger(digits, 'toleranceRule', 'digits', 1, 15);
  const ordinal = digits === 1 ? '1st' : digits === 2 ? '2nd' : digits === 3 ? '3rd' : `${digits}th`;
  return `a number is right within one unit of its ${ordinal} significant digit (what gradlab-formula check uses): ±${gradingTolerance(1.3734, digits)} for 1.3734, ±${gradingTolerance(137.4, digits)} for 137.4`;
}

const list = (values: readonly number[]): string => `[${values.map((v) => formatValue(v)).join(', ')}]`;

/**
 * The key as one CSV row per student: name, formula, the given values, f and
 * ∇f there, the domain problem, the proposed values and f and ∇f there, each
 * exact and rounded to one more digit than graded, with f's tolerance.
 * Safe to open in a spreadsheet (see `csvCell`).
 */
export function answerKeyCsv(key: AnswerKey): string {
  requireMade('answerKey', key, 'answerKeyCsv', 'key');
  const shown = key.digits + 1;
  const variables = key.entries[0]?.given.variables ?? ['x1', 'x2', 'x3', 'x4', 'x5'];
  const grads = (prefix: string): string[] => variables.flatMap((v) => [`${prefix}df/d${v}`, `${prefix}df/d${v} (${shown} s.f.)`]);
  const header = [
    'name',
    'formula',
    'values',
    'f',
    `f (${shown} s.f.)`,
    ...grads(''),
    'undefined at the given values',
    'proposed values',
    'f at proposed',
    `f at proposed (${shown} s.f.)`,
    ...grads('at proposed: '),
    `tolerance of f (${key.digits} s.f.)`,
  ];
  const rows = key.entries.map((e) => {
    const proposed = e.worked !== e.given ? e.worked : null;
    const pair = (v: number): CsvValue[] => [v, roundTo(v, shown)];
    const gradient = (s: Solution | null): CsvValue[] => (s ? s.gradient.flatMap(pair) : variables.flatMap(() => [null, null]));
    return csvRow([
      e.name,
      e.formula,
      list(e.values),
      ...pair(e.given.value),
      ...gradient(e.given),
      e.given.domainError?.message ?? null,
      proposed ? list(proposed.values) : null,
      ...(proposed ? pair(proposed.value) : [null, null]),
      ...gradient(proposed),
      gradingTolerance(e.worked.value, key.digits),
    ]);
  });
  return `${[csvRow(header), ...rows].join('\n')}\n`;
}

/**
 * Every cell a student fills in, one CSV row per cell: name, the worked
 * values, the table (forward or backward), the node, its definition, the
 * exact value, the value rounded, and the tolerance to grade it by.
 */
export function answerKeyCellsCsv(key: AnswerKey): string {
  requireMade('answerKey', key, 'answerKeyCellsCsv', 'key');
  const shown = key.digits + 1;
  const header = ['name', 'values', 'table', 'node', 'definition', 'value', `value (${shown} s.f.)`, `tolerance (${key.digits} s.f.)`];
  const rows: string[] = [];
  for (const e of key.entries) {
    const s = e.worked;
    const output = s.nodes.length - 1;
    for (const n of s.nodes) {
      if (n.op === 'input') continue;
      rows.push(csvRow([e.name, list(s.values), 'forward', n.name, toDisplay(n.definition), n.value, roundTo(n.value, shown), gradingTolerance(n.value, key.digits)]));
    }
    for (const n of s.nodes) {
      if (n.id === output) continue;
      rows.push(csvRow([e.name, list(s.values), 'backward', n.name, `df/d${n.name}`, n.grad, roundTo(n.grad, shown), gradingTolerance(n.grad, key.digits)]));
    }
  }
  return `${[csvRow(header), ...rows].join('\n')}\n`;
}

/** The key as JSON: every entry with both solutions' f, ∇f and cells. */
export function answerKeyJson(key: AnswerKey): Record<string, unknown> {
  requireMade('answerKey', key, 'answerKeyJson', 'key');
  const cells = (s: Solution) => ({
    values: s.values.map(jsonNumber),
    f: jsonNumber(s.value),
    grad: s.gradient.map(jsonNumber),
    forward: Object.fromEntries(s.nodes.filter((n) => n.op !== 'input').map((n) => [n.name, jsonNumber(n.value)])),
    backward: Object.fromEntries(s.nodes.slice(0, -1).map((n) => [n.name, jsonNumber(n.grad + 0)])),
  });
  return {
    digits: key.digits,
    tolerance: toleranceRule(key.digits),
    entries: key.entries.map((e) => ({
      name: e.name,
      formula: e.formula,
      given: cells(e.given),
      domainError: e.given.domainError?.message ?? null,
      proposed: e.worked !== e.given ? cells(e.worked) : null,
    })),
  };
}

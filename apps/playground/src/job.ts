/**
 * What the page works on: a name's formula and values (the course script's),
 * or a formula and values typed in, solved; the solution every view shows is
 * the worked one (the proposed values when the given ones are undefined).
 */
import {
  courseTranscript,
  FormulaError,
  parse,
  randomFormula,
  solve,
  variables,
  workedSolution,
  type RandomFormula,
  type Solution,
} from '@gradlab/formula';

export interface Job {
  /** The name the formula comes from, or null for a typed formula. */
  readonly name: string | null;
  readonly random: RandomFormula | null;
  /** Exactly what the course script writes for the name (prompt included), or null. */
  readonly transcript: string | null;
  /** The solution at the given values. */
  readonly given: Solution;
  /** The solution to show and to check against (`workedSolution(given)`). */
  readonly worked: Solution;
}

export type JobResult = { readonly job: Job } | { readonly error: string } | { readonly empty: true };

/**
 * Reads the values a student types or pastes: `1, 2, -1, 3, 5`, `[1, 2, -1]`,
 * or the course's dict `{'x1': -2, 'x2': 2}`, in the formula's variable order.
 *
 * @throws {FormulaError} code `'VALUES'` when a value is not a number or the count is wrong.
 */
export function parseValues(text: string, names: readonly string[]): number[] {
  const trimmed = text.trim();
  const dict = /^\{(.*)\}$/s.exec(trimmed);
  let items: string[];
  if (dict) {
    const entries = new Map<string, string>();
    for (const part of dict[1]!.split(',').filter((p) => p.trim() !== '')) {
      const match = /^\s*['"]?([A-Za-z_]\w*)['"]?\s*:\s*(.+?)\s*$/.exec(part);
      if (!match) throw new FormulaError('VALUES', `values: cannot read '${part.trim()}' (write 'x1': -2)`);
      entries.set(match[1]!, match[2]!);
    }
    const missing = names.filter((n) => !entries.has(n));
    if (missing.length > 0) throw new FormulaError('VALUES', `values: missing ${missing.join(', ')}`);
    const extra = [...entries.keys()].filter((k) => !names.includes(k));
    if (extra.length > 0) throw new FormulaError('VALUES', `values: ${extra.join(', ')} ${extra.length > 1 ? 'are' : 'is'} not a variable of the formula (${names.join(', ')})`);
    items = names.map((n) => entries.get(n)!);
  } else {
    items = trimmed.replace(/^\[|\]$/g, '').split(/[\s,;]+/).filter((s) => s !== '');
  }
  const numbers = items.map((item) => {
    const text = item.replace(/[−–]/g, '-');
    if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) throw new FormulaError('VALUES', `values: '${item}' is not a number`);
    return Number(text);
  });
  if (numbers.length !== names.length) {
    throw new FormulaError('VALUES', `values: the formula has ${names.length} variable${names.length === 1 ? '' : 's'} (${names.join(', ')}), got ${numbers.length} value${numbers.length === 1 ? '' : 's'}`);
  }
  return numbers;
}

/** A formula as a student pastes it, without the course's `f(X) = ` in front. */
export function cleanFormula(text: string): string {
  return text.replace(/^\s*f\s*\(\s*X\s*\)\s*=\s*/i, '').trim();
}

/**
 * The job for a name, or for a typed formula with its values.
 *
 * @example
 * ```ts
 * 'job' in makeJob({ name: 'Francesco Tomba', formula: '', values: '' }); // true
 * ```
 */
export function makeJob(input: { readonly name: string; readonly formula: string; readonly values: string }): JobResult {
  try {
    if (input.formula.trim() !== '') {
      const expr = parse(cleanFormula(input.formula));
      const names = variables(expr);
      const values = parseValues(input.values, names);
      const given = solve(expr, values, names);
      return { job: { name: null, random: null, transcript: null, given, worked: workedSolution(given) } };
    }
    if (input.name === '') return { empty: true };
    const random = randomFormula(input.name);
    const given = solve(random.expr, random.values);
    return { job: { name: input.name, random, transcript: courseTranscript(random), given, worked: workedSolution(given) } };
  } catch (error) {
    if (error instanceof FormulaError) return { error: error.message };
    throw error;
  }
}

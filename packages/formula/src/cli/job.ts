/**
 * What the CLI works out: a name's formula and values (the course script's),
 * or a typed formula with typed values; and its JSON record.
 */
import { variables as formulaVariables, type Expr } from '../ast';
import { FormulaError } from '../errors';
import { jsonNumber } from '../format';
import { parse } from '../parser';
import { toCourse } from '../printers';
import { randomFormula } from '../randomizer';
import { domainErrorJson } from '../report';
import type { Solution } from '../solve';

/** A formula with its values: a name's (with `name`) or a typed one. */
export interface Job {
  readonly name?: string;
  readonly expr: Expr;
  readonly formula: string;
  readonly values: readonly number[];
  readonly variables: readonly string[];
}

/** The course script's formula and values for `name`. */
export function jobForName(name: string): Job {
  const r = randomFormula(name);
  return { name, expr: r.expr, formula: r.formula, values: r.values, variables: formulaVariables(r.expr) };
}

/** A typed formula and its values, in the formula's variable order. */
export function jobForFormula(text: string, values: readonly number[]): Job {
  const expr = parse(text);
  const names = formulaVariables(expr);
  if (names.length !== values.length) {
    throw new FormulaError(
      'VALUES',
      `the formula has ${names.length} variable${names.length === 1 ? '' : 's'} (${names.join(', ')}), got ${values.length} value${values.length === 1 ? '' : 's'}`,
    );
  }
  return { expr, formula: toCourse(expr), values, variables: names };
}

/** `--json`'s object: name, formula, values, f, grad, domainError (at the given values). */
export function jsonRecord(job: Job, solution: Solution): Record<string, unknown> {
  return {
    name: job.name ?? null,
    formula: job.formula,
    values: job.values.map(jsonNumber),
    f: jsonNumber(solution.value),
    grad: solution.gradient.map(jsonNumber),
    domainError: domainErrorJson(solution),
  };
}

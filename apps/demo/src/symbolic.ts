/**
 * The "analytical calculation" of Ex 1: each partial derivative as a
 * simplified expression from @gradlab/formula, evaluated in float64.
 */
import { evaluate, parse, symbolicGradient, toLatex, toPlain, variables } from '@gradlab/formula';

/** One partial derivative, symbolically and by value. */
export interface SymbolicPartial {
  variable: string;
  /** Plain notation, e.g. `2 * x2 * exp(x1 * x2)^2 / (...)`. */
  expression: string;
  latex: string;
  /** The expression evaluated at the point, in float64. */
  value: number;
}

/**
 * Every partial derivative of `formula` at `values` (`x1, x2, ...` in order).
 *
 * @example
 * ```ts
 * symbolicPartials('x1 * x2', [3, 4]); // [{ variable: 'x1', expression: 'x2', value: 4, ... }, ...]
 * ```
 */
export function symbolicPartials(formula: string, values: readonly number[]): SymbolicPartial[] {
  const expr = parse(formula);
  const order = variables(expr);
  return symbolicGradient(expr, order).map((partial, index) => ({
    variable: order[index]!,
    expression: toPlain(partial),
    latex: toLatex(partial),
    value: evaluate(partial, values),
  }));
}

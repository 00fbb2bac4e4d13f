/**
 * Finite differences, the third, independent check of a gradient.
 */
import { variablesOf, type Expr } from './ast';
import { bindValuesTo, evaluateTree, type Values } from './evaluate';
import { requireExpr, requireOptions } from './guards';

/** One partial derivative by finite differences, with an estimate of its error. */
export interface FiniteDifference {
  readonly value: number;
  /** Ridders' error estimate (Infinity when the differences never settled). */
  readonly error: number;
}

/** Options of {@link finiteDifferences}. */
export interface FiniteDifferenceOptions {
  /**
   * The first step, relative to max(1, |x|); later steps shrink by 1.4. By default two
   * runs start at 1e-2 and 1e-4 and their disagreement counts in the error estimate.
   */
  readonly step?: number;
  /** Variable order (default: the formula's). */
  readonly order?: readonly string[];
}

const SHRINK = 1.4;
const TABLEAU = 10;

/**
 * The gradient by central differences refined with Ridders' extrapolation
 * (Numerical Recipes' `dfridr`): central differences at shrinking steps,
 * extrapolated to step 0, keeping the estimate whose error estimate is
 * smallest, twice (from two starting steps). Meaningless where the formula is not differentiable (ReLU at 0)
 * or not finite; a large `error` says so.
 *
 * @example
 * ```ts
 * finiteDifferences(parse('x1 * sin(x2)'), [3, 0]); // [{ value: ≈0, error: ≈0 }, { value: ≈3, error: ≈1e-13 }]
 * ```
 */
export function finiteDifferences(expr: Expr, values: Values, options: FiniteDifferenceOptions = {}): FiniteDifference[] {
  requireExpr(expr, 'finiteDifferences', 'expr');
  requireOptions(options, 'finiteDifferences');
  const order = options.order ?? variablesOf(expr);
  const env = bindValuesTo(expr, values, order);
  return order.map((name) => {
    const x = env.get(name)!;
    const at = (shift: number): number => evaluateTree(expr, new Map(env).set(name, x + shift));
    const scale = Math.max(1, Math.abs(x));
    if (options.step !== undefined) return ridders(at, x, options.step * scale);
    // Two independent runs; their disagreement is a second, honest error estimate
    // (Ridders' own underestimates when rounding noise dominates, as in sin(1e8 + h)).
    const coarse = ridders(at, x, 1e-2 * scale);
    const fine = ridders(at, x, 1e-4 * scale);
    const best = coarse.error <= fine.error ? coarse : fine;
    const error = Math.max(best.error, Math.abs(coarse.value - fine.value));
    return { value: best.value, error: Number.isNaN(error) ? Infinity : error };
  });
}

function ridders(at: (shift: number) => number, x: number, firstStep: number): FiniteDifference {
  const central = (h: number): number => (at(h) - at(-h)) / (x + h - (x - h));
  let h = firstStep;
  const table: number[][] = [[central(h)]];
  let best = table[0]![0]!;
  let error = Infinity;
  for (let i = 1; i < TABLEAU; i++) {
    h /= SHRINK;
    const row = [central(h)];
    let factor = SHRINK * SHRINK;
    for (let j = 1; j <= i; j++) {
      row[j] = (row[j - 1]! * factor - table[i - 1]![j - 1]!) / (factor - 1);
      factor *= SHRINK * SHRINK;
      const estimate = Math.max(Math.abs(row[j]! - row[j - 1]!), Math.abs(row[j]! - table[i - 1]![j - 1]!));
      if (estimate <= error) {
        error = estimate;
        best = row[j]!;
      }
    }
    table.push(row);
    // Stop when higher orders make things worse (rounding error has taken over).
    if (Math.abs(row[i]! - table[i - 1]![i - 1]!) >= 2 * error) break;
  }
  return { value: best, error: Number.isNaN(error) ? Infinity : error };
}

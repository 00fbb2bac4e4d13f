/**
 * The homework's dtype: `torch.tensor([1., 2., ...], requires_grad=True)` is
 * float32, the worked solution is float64. Where the two print differently
 * at the tables' precision (6 significant digits), the solution says so.
 */
import { autogradTrace } from './autograd-eval';
import { formatValue } from './format';
import { formatNumber } from './printers';
import { roundingResidues, shown } from './residue';
import type { Solution } from './solve';
import { requireMade, requireNumbers } from './guards';

/** One entry (f or a partial derivative) that prints differently in float32. */
export interface Float32Difference {
  /** `'f'` or `'∂f/∂x3'`. */
  readonly entry: string;
  readonly float64: number;
  readonly float32: number;
}

/** f and ∇f computed by @gradlab/autograd in float32, against the solution's float64. */
export interface Float32Comparison {
  /** f in float32. */
  readonly value: number;
  /** ∇f in float32. */
  readonly gradient: readonly number[];
  /** The entries whose float32 value prints differently at 6 significant digits, f first. */
  readonly differences: readonly Float32Difference[];
}

/**
 * Runs the solution's graph again in float32 (as the homework's default
 * `torch.tensor([...], requires_grad=True)` does) and lists the entries of f
 * and ∇f whose float32 value prints differently from what the tables print
 * (the float64 value at 6 significant digits, a rounding residue as 0).
 *
 * @example
 * ```ts
 * const c = float32Comparison(solve('(((x1 - x2)^3 - √(x3 - x4)) + x5)^3', [-3, 1, -2, -4, 1]));
 * c.differences.map((d) => d.entry); // ['∂f/∂x1', '∂f/∂x2']
 * c.gradient[0];                     // 597483.5 (float64: 597483.4908756975)
 * ```
 */
export function float32Comparison(solution: Solution): Float32Comparison {
  requireMade('solution', solution, 'float32Comparison', 'solution');
  const single = autogradTrace(solution.trace, { dtype: 'float32' });
  const residues = roundingResidues(solution);
  const entries = [
    { entry: 'f', float64: solution.value, float32: single.value, residue: residues.values[solution.nodes.length - 1] === true },
    ...solution.variables.map((name, i) => ({
      entry: `∂f/∂${name}`,
      float64: solution.gradient[i]!,
      float32: single.gradient[i]!,
      residue: residues.grads[i] === true,
    })),
  ];
  const differences = entries
    .filter((e) => shown(e.float64, e.residue) !== formatValue(e.float32))
    .map(({ entry, float64, float32 }) => ({ entry, float64, float32 }));
  return { value: single.value, gradient: single.gradient, differences };
}

/**
 * The homework's tensor for these values, as it writes it (float32):
 * `torch.tensor([-2., 2., 3., -2., 1.], requires_grad=True)`.
 *
 * @example
 * ```ts
 * homeworkTensor([-2, 2, 0.5]); // 'torch.tensor([-2., 2., 0.5], requires_grad=True)'
 * ```
 */
export function homeworkTensor(values: readonly number[]): string {
  requireNumbers(values, 'homeworkTensor', 'values');
  return `torch.tensor([${values.map((v) => (Number.isInteger(v) ? `${formatNumber(v)}.` : formatNumber(v))).join(', ')}], requires_grad=True)`;
}

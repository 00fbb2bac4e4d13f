/**
 * Rounding residues: values that are 0 in exact arithmetic but come out as
 * 1.22465e-16 or so in float64 (cos(-π/2), a - b for two roundings of the
 * same number). A value is a residue when it is far below the rounding error
 * of the terms it is computed from: the solution prints it as 0 and says so.
 */
import { constant, type Expr } from './ast';
import { evaluateTree } from './evaluate';
import { formatValue } from './format';
import { BINARY, UNARY } from './ops';
import type { Solution } from './solve';
import { invalid, requireMade, requireNumber } from './guards';

/** A residue is below this many float64 roundings (2^-52 each) of the terms it is computed from... */
const RELATIVE = 64 * Number.EPSILON;
/**
 * ...and below this in absolute terms.
 *
 * NOTE: tan of 5e14 is dominated by rounding too, but it is not 0 in exact
 * arithmetic: only tiny values are called residues.
 */
const ABSOLUTE = 1e-9;

/** One value printed as 0. */
export interface Residue {
  /** What it is, as the tables name it: `v7`, `∂f/∂v6`, `∂v7/∂v6`, `∂f/∂v7 · ∂v7/∂v6`. */
  readonly entry: string;
  /** Its float64 value. */
  readonly value: number;
  /** The magnitude of the terms it is computed from. */
  readonly scale: number;
}

/** Where a solution has rounding residues, and how to print its numbers. */
export interface RoundingResidues {
  /** By node id: the forward value is a residue. */
  readonly values: readonly boolean[];
  /** By node id: the gradient ∂f/∂node is a residue. */
  readonly grads: readonly boolean[];
  /** By backward edge (solution.edges order): the local derivative is a residue. */
  readonly locals: readonly boolean[];
  /** By backward edge: upstream × local is a residue. */
  readonly contributions: readonly boolean[];
  /** By node id: the magnitude of the terms behind each gradient (for partial sums and other columns). */
  readonly gradScales: readonly number[];
  /** Every residue, for the note under the tables. */
  readonly list: readonly Residue[];
}

/**
 * True when `value` is a rounding residue of terms of size `scale`: not 0,
 * finite, below 64 float64 roundings of the terms and below 1e-9.
 *
 * @example
 * ```ts
 * isResidue(Math.cos(-Math.PI / 2), Math.PI / 2); // true: 6.12e-17 from terms of size 1.57
 * isResidue(Math.exp(-40), 40 * Math.exp(-40));    // false: tiny, but exact to 16 digits
 * ```
 */
export function isResidue(value: number, scale: number): boolean {
  requireNumber(value, 'isResidue', 'value');
  requireNumber(scale, 'isResidue', 'scale');
  return value !== 0 && Number.isFinite(value) && Number.isFinite(scale) && Math.abs(value) <= RELATIVE * scale && Math.abs(value) < ABSOLUTE;
}

interface Magnitude {
  readonly value: number;
  /** An upper bound of the terms the value is computed from (first order: |f'| times the operands' own). */
  readonly scale: number;
}

/** A constant-only formula's value (a local derivative at known operands). */
const at = (expr: Expr): number => evaluateTree(expr, new Map());
const term = (derivative: number, scale: number): number => {
  const t = Math.abs(derivative) * scale;
  return Number.isFinite(t) ? t : 0;
};

/** The value of `expr` and the magnitude of the terms behind it, given the values and magnitudes of its names. */
function magnitude(expr: Expr, values: ReadonlyMap<string, number>, scales: ReadonlyMap<string, number>): Magnitude {
  switch (expr.kind) {
    case 'var':
      return { value: values.get(expr.name)!, scale: scales.get(expr.name)! };
    case 'const':
      return { value: expr.value, scale: Math.abs(expr.value) };
    case 'unary': {
      const u = magnitude(expr.arg, values, scales);
      const spec = UNARY[expr.op];
      const value = spec.evaluate(u.value);
      return { value, scale: Math.max(Math.abs(value), term(at(spec.local(constant(u.value))), u.scale)) };
    }
    case 'binary': {
      const a = magnitude(expr.left, values, scales);
      const b = magnitude(expr.right, values, scales);
      const spec = BINARY[expr.op];
      const value = spec.evaluate(a.value, b.value);
      const [da, db] = spec.local(constant(a.value), constant(b.value));
      return { value, scale: Math.max(Math.abs(value), term(at(da), a.scale) + term(at(db), b.scale)) };
    }
  }
}

/**
 * Finds the rounding residues of a solution: forward values against the
 * magnitude of their operands (propagated from the inputs, so that
 * `tan(a - b)` is judged by the size of `a` and `b`), local derivatives
 * likewise, gradients against the terms they sum (as {@link gradientScales},
 * plus the magnitude behind each local derivative).
 *
 * @example
 * ```ts
 * const r = roundingResidues(solve('cos(x1 * atan(x2))', [2, 1]));
 * r.list; // [{ entry: 'v3', value: 6.123233995736766e-17, scale: 3.141592653589793 }]
 * ```
 */
export function roundingResidues(solution: Solution): RoundingResidues {
  requireMade('solution', solution, 'roundingResidues', 'solution');
  const t = solution.trace;
  const values = new Map<string, number>();
  const scales = new Map<string, number>();
  const valueScale = t.nodes.map((node) => {
    const m = node.op === 'input' ? { value: node.value, scale: Math.abs(node.value) } : magnitude(node.definition, values, scales);
    values.set(node.name, node.value);
    scales.set(node.name, Number.isFinite(m.scale) ? m.scale : Infinity);
    return m.scale;
  });
  const localScales = t.edges.map((edge) => magnitude(edge.local, values, scales).scale);

  // Backward: the edges come in reverse evaluation order, so every consumer's scale is final before its operands'.
  const gradScales = t.grads.map((g) => (Number.isFinite(g) ? Math.abs(g) : 0));
  const sums = new Array<number>(t.nodes.length).fill(0);
  const contributionScales = t.edges.map((edge, k) => {
    const upstream = gradScales[edge.from]!;
    const s = term(edge.localValue, upstream) + term(edge.upstream, localScales[k]!);
    sums[edge.to] = sums[edge.to]! + s;
    gradScales[edge.to] = Math.max(gradScales[edge.to]!, sums[edge.to]!);
    return s;
  });

  const list: Residue[] = [];
  const flag = (entry: string, value: number, scale: number): boolean => {
    const residue = isResidue(value, scale);
    if (residue) list.push({ entry, value, scale });
    return residue;
  };
  const name = (id: number): string => solution.nodes[id]!.name;
  const flaggedValues = solution.nodes.map((node) => flag(node.name, node.value, valueScale[node.id]!));
  const locals = solution.edges.map((edge, k) => flag(`∂${name(edge.from)}/∂${name(edge.to)}`, edge.localValue, localScales[k]!));
  const contributions = solution.edges.map((edge, k) =>
    flag(`∂f/∂${name(edge.from)} · ∂${name(edge.from)}/∂${name(edge.to)}`, edge.contribution, contributionScales[k]!),
  );
  const grads = solution.nodes.map((node) => flag(`∂f/∂${node.name}`, node.grad, gradScales[node.id]!));
  return { values: flaggedValues, grads, locals, contributions, gradScales, list };
}

/**
 * A value for the tables: {@link formatValue}, or `'0'` when it is a residue.
 *
 * @example
 * ```ts
 * shown(6.123233995736766e-17, true); // '0'
 * shown(35.70841994057043, false);    // '35.7084'
 * ```
 */
export function shown(value: number, residue: boolean): string {
  return residue ? '0' : formatValue(value);
}

/**
 * The note under a table that prints residues as 0, or null when it has none.
 *
 * @example
 * ```ts
 * residueNote([{ entry: 'v3', value: 6.123233995736766e-17, scale: 3.141592653589793 }]);
 * // 'Shown as 0: v3 = 6.12323e-17 in float64, a rounding residue of terms of size 3.14159 (0 in exact arithmetic).'
 * ```
 */
export function residueNote(residues: readonly Residue[]): string | null {
  if (!Array.isArray(residues)) throw invalid('residueNote', 'residues', 'an array of residues (roundingResidues(solution).list)', residues);
  if (residues.length === 0) return null;
  const items = residues.map((r) => `${r.entry} = ${formatValue(r.value)}`).join(', ');
  const scale = formatValue(Math.max(...residues.map((r) => r.scale)));
  return residues.length === 1
    ? `Shown as 0: ${items} in float64, a rounding residue of terms of size ${scale} (0 in exact arithmetic).`
    : `Shown as 0: ${items} in float64, rounding residues of terms of size up to ${scale} (0 in exact arithmetic).`;
}

/**
 * The worked solution: the graph, the forward and backward passes with every
 * node's value and gradient from the autograd engine, checked three ways
 * (autograd, the hand rules, finite differences) plus the symbolic gradient.
 */
import { variablesOf, type Expr } from './ast';
import { autogradTrace } from './autograd-eval';
import { analyzeDomain, findKinks, type DomainError, type Kink } from './domain';
import { FormulaError } from './errors';
import { bindValuesTo, evaluateTree, traceTree, type Trace, type TraceEdge, type Values } from './evaluate';
import { finiteDifferences, type FiniteDifference } from './finite-diff';
import { checkFormulaSize, FORMULA_LIMITS, limitError } from './limits';
import { parse } from './parser';
import { toCourse } from './printers';
import { symbolicGradient } from './symbolic';
import { mark, requireMade, requireNumber, requireStrings } from './guards';

/** One node of the solved graph. */
export interface SolutionNode {
  readonly id: number;
  /** `x1`, ..., then `v1`, `v2`, ... in evaluation order. */
  readonly name: string;
  /** `'input'` or the operator. */
  readonly op: string;
  /** The definition in terms of other nodes (`v1 - v2`). */
  readonly definition: Expr;
  /** The subtree in the course notation. */
  readonly expression: string;
  /** Operand node ids. */
  readonly inputs: readonly number[];
  /** Forward value (autograd). */
  readonly value: number;
  /** ∂f/∂node (autograd, every node's gradient retained). */
  readonly grad: number;
  /** ∂f/∂node by the hand rules. */
  readonly handGrad: number;
}

/** One variable's partial derivative, seen four ways. */
export interface GradientCheck {
  readonly variable: string;
  readonly autograd: number;
  readonly hand: number;
  readonly symbolic: number;
  readonly finiteDifference: FiniteDifference;
  /** `'agree'`, `'disagree'`, or `'unchecked'` when finite differences cannot judge (see `note`). */
  readonly status: 'agree' | 'disagree' | 'unchecked';
  readonly note: string;
}

/** The three-way cross-check. */
export interface CrossCheck {
  /** False when any comparison failed: the disagreements are listed, never hidden. */
  readonly ok: boolean;
  readonly gradient: readonly GradientCheck[];
  /** Human-readable disagreements (node gradients, values, partial derivatives). */
  readonly disagreements: readonly string[];
}

/** Everything a student hands in for one formula and one set of values. */
export interface Solution {
  readonly expr: Expr;
  /** The formula in the course notation. */
  readonly formula: string;
  readonly variables: readonly string[];
  readonly values: readonly number[];
  readonly nodes: readonly SolutionNode[];
  /** Backward-pass edges (consumer -> operand) with symbolic local derivatives, in visiting order. */
  readonly edges: readonly TraceEdge[];
  /** f (autograd). */
  readonly value: number;
  /** ∇f (autograd). */
  readonly gradient: readonly number[];
  /** Each partial derivative as a simplified formula. */
  readonly symbolic: readonly Expr[];
  readonly check: CrossCheck;
  /** Why the formula is undefined or not differentiable here, with a proposed change; null when fine. */
  readonly domainError: DomainError | null;
  /** ReLU/LeakyReLU evaluated exactly at their kink (PyTorch's convention applies). */
  readonly kinks: readonly Kink[];
  /** The hand trace the tables are built from. */
  readonly trace: Trace;
}

/**
 * True when a and b agree to `rtol` relative to `scale` (default: their own
 * magnitude), with non-finite values matching exactly.
 *
 * NOTE: a gradient summed from large terms that cancel is only accurate
 * relative to those terms: pass their magnitude as `scale`.
 *
 * @example
 * ```ts
 * agree(1, 1 + 1e-12); // true
 * agree(-9.09e-13, -1.82e-12, 1e-9, 4841); // true: both are 0 to within rounding of terms of size 4841
 * ```
 */
export function agree(a: number, b: number, rtol = 1e-9, scale = 0): boolean {
  requireNumber(a, 'agree', 'a');
  requireNumber(b, 'agree', 'b');
  requireNumber(rtol, 'agree', 'rtol');
  requireNumber(scale, 'agree', 'scale');
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));
  return Math.abs(a - b) <= rtol * Math.max(Math.abs(a), Math.abs(b), Math.abs(scale)) + 1e-300;
}

/** For each node, the magnitude of the terms its gradient sums (at least the gradient's own). */
export function gradientScales(t: Trace): number[] {
  requireMade('trace', t, 'gradientScales', 't');
  const scales = t.grads.map((g) => (Number.isFinite(g) ? Math.abs(g) : 0));
  for (const edge of t.edges) {
    const term = Math.abs(edge.contribution);
    if (Number.isFinite(term)) scales[edge.to] = Math.max(scales[edge.to]!, term);
  }
  return scales;
}

/**
 * Solves a formula (a tree or a string in any notation `parse` reads) at the
 * given values: forward and backward pass by the autograd engine in float64,
 * cross-checked against the hand rules, the symbolic gradient and finite
 * differences; domain problems analysed.
 *
 * @throws {FormulaError} code `'LIMIT'` for a formula beyond `FORMULA_LIMITS` (too long,
 *   deeper than 256 levels, more than 1,000 nodes or 20 variables).
 *
 * @example
 * ```ts
 * const s = solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]);
 * s.value;     // -5.000000000000001
 * s.gradient;  // [0, 0, -1.0000000000000004, 1.0000000000000004, 35.70841994057043]
 * s.check.ok;  // true
 * ```
 */
export function solve(formula: Expr | string, values: Values, order?: readonly string[]): Solution {
  if (order !== undefined) requireStrings(order, 'solve', 'order');
  if (typeof formula !== 'string' && (typeof formula !== 'object' || formula === null || !('kind' in formula))) {
    throw new FormulaError('INVALID_ARGUMENT', `solve: 'formula' must be a string or a parsed Expr, got ${formula === null ? 'null' : typeof formula}`);
  }
  const expr = typeof formula === 'string' ? parse(formula) : formula;
  // A tree built in code skips parse's limits: every step below recurses over it.
  if (typeof formula !== 'string') checkFormulaSize(expr, 'solve');
  const names = order ?? variablesOf(expr);
  if (names.length > FORMULA_LIMITS.variables) {
    throw limitError('solve', `${names.length} variables, more than ${FORMULA_LIMITS.variables} (gradlab works formulas with up to that many)`);
  }
  const env = bindValuesTo(expr, values, names);
  const list = names.map((name) => env.get(name)!);
  const hand = traceTree(expr, list, names);
  const engine = autogradTrace(hand);
  const symbolic = symbolicGradient(expr, names);
  const symbolicValues = symbolic.map((g) => evaluateTree(g, env));
  const domainError = analyzeDomain(expr, list, { order: names });
  const kinks = findKinks(hand);
  const differences = finiteDifferences(expr, list, { order: names });

  const disagreements: string[] = [];
  const scales = gradientScales(hand);
  hand.nodes.forEach((node, id) => {
    if (!agree(engine.values[id]!, node.value)) {
      disagreements.push(`${node.name}: autograd value ${engine.values[id]} differs from the hand value ${node.value}`);
    }
    if (!agree(engine.grads[id]!, hand.grads[id]!, 1e-9, scales[id])) {
      disagreements.push(`∂f/∂${node.name}: autograd ${engine.grads[id]} differs from the hand rules ${hand.grads[id]}`);
    }
  });
  const gradient: GradientCheck[] = names.map((variable, i) => {
    const a = engine.gradient[i]!;
    const h = hand.gradient[i]!;
    const s = symbolicValues[i]!;
    const fd = differences[i]!;
    const problems: string[] = [];
    if (!agree(a, h, 1e-9, scales[i])) problems.push(`hand rules give ${h}`);
    if (Number.isFinite(a) && Number.isFinite(s) && !agree(a, s, 1e-8, scales[i])) problems.push(`the symbolic derivative gives ${s}`);
    let note = '';
    let fdChecked = false;
    if (domainError) note = 'not checked by finite differences: the formula is not finite or not differentiable here';
    else if (kinks.length > 0 && kinks.some((k) => k.inputs.includes(variable))) {
      note = `not checked by finite differences: ${kinks.map((k) => k.expression).join(', ')} is at its kink`;
    } else if (!(fd.error <= 1e-6 * Math.max(1, Math.abs(fd.value)))) {
      note = `not checked by finite differences: they do not settle (error estimate ${fd.error.toExponential(2)})`;
    } else {
      fdChecked = true;
      if (Math.abs(fd.value - a) > 1e-6 * Math.max(1, Math.abs(a)) + 10 * fd.error) problems.push(`finite differences give ${fd.value}`);
    }
    if (problems.length > 0) disagreements.push(`∂f/∂${variable}: autograd ${a}, but ${problems.join(', ')}`);
    const status = problems.length > 0 ? 'disagree' : fdChecked ? 'agree' : 'unchecked';
    return { variable, autograd: a, hand: h, symbolic: s, finiteDifference: fd, status, note };
  });

  const nodes: SolutionNode[] = hand.nodes.map((node, id) => ({
    id,
    name: node.name,
    op: node.op,
    definition: node.definition,
    expression: toCourse(node.expr),
    inputs: node.inputs,
    value: engine.values[id]!,
    grad: engine.grads[id]!,
    handGrad: hand.grads[id]!,
  }));
  return mark('solution', {
    expr,
    formula: toCourse(expr),
    variables: names,
    values: list,
    nodes,
    edges: hand.edges,
    value: engine.value,
    gradient: engine.gradient,
    symbolic,
    check: { ok: disagreements.length === 0, gradient, disagreements },
    domainError,
    kinks,
    trace: hand,
  });
}

/**
 * The solution a student works out: the given one when its values are fine,
 * else the solution at the values the domain analysis proposes (the course
 * says to change the values responsible), else the given one, undefined as it
 * is. Every view of a solution (tables, graph, SVG, answer checking) should
 * show this one, so that they all show the same numbers.
 *
 * @example
 * ```ts
 * const given = solve('log(x1 - x2)', [1, 3]);
 * workedSolution(given).values; // [4, 3]
 * ```
 */
export function workedSolution(solution: Solution): Solution {
  requireMade('solution', solution, 'workedSolution', 'solution');
  const proposal = solution.domainError?.proposal;
  return proposal ? solve(solution.expr, proposal.values, solution.variables) : solution;
}

/**
 * Domain analysis: where the values make the formula undefined or not
 * differentiable, which node and operator fail, which inputs feed them, and a
 * change of up to three inputs (within the course's integers -5..5 without 0)
 * that makes every node finite and leaves numbers a student can work by hand.
 */
import { usedVariablesOf, type Expr } from './ast';
import { traceTree, type Trace, type Values } from './evaluate';
import { formatValue } from './format';
import { BINARY, UNARY } from './ops';
import { toCourse } from './printers';
import { requireExpr, requireMade, requireOptions } from './guards';

/** One failing node. */
export interface DomainProblem {
  /** The node's name in the graph (`v3`). */
  readonly node: string;
  /** The operator (`'div'`, `'log'`, ...). */
  readonly op: string;
  /** The subtree, in the course notation. */
  readonly expression: string;
  /** What goes wrong, e.g. `division by zero`, `log of a negative number (-3)`. */
  readonly reason: string;
  /** The input variables that feed the node. */
  readonly inputs: readonly string[];
  /** The node's forward value (possibly non-finite). */
  readonly value: number;
}

/** A proposed change of the inputs (one, two or three of them). */
export interface DomainFix {
  /** The inputs to change. */
  readonly changes: readonly { readonly variable: string; readonly from: number; readonly to: number }[];
  /** All values after the change, in positional order. */
  readonly values: readonly number[];
}

/** Why the formula cannot be differentiated at the given values, and how to fix it. */
export interface DomainError {
  /** The root causes, in evaluation order. */
  readonly problems: readonly DomainProblem[];
  /** The union of the inputs feeding the failing nodes, in positional order. */
  readonly responsible: readonly string[];
  /** The preferred change of up to three inputs that makes every node finite (see {@link analyzeDomain}), or null. */
  readonly proposal: DomainFix | null;
  /** What the numbers look like at the proposed values (null without a proposal). */
  readonly proposalQuality: FixQuality | null;
  /**
   * One sentence: `Change x1 from 2 to -1 and x3 from -4 to 1.`, or why there
   * is no proposal (`No change of up to three values within -5..5 (without 0) makes every node finite.`).
   */
  readonly advice: string;
  /**
   * Sentences on what the proposal could not achieve (empty when it keeps
   * every number within {@link HAND_LIMIT} and ∇f is not all zero).
   */
  readonly notes: readonly string[];
  /** One line for humans: the causes, then the advice. */
  readonly message: string;
}

/** What the numbers look like at some values (see {@link fixQuality}). */
export interface FixQuality {
  /** The largest magnitude among the node values, local derivatives, contributions and gradients. */
  readonly largest: number;
  /** The smallest non-zero magnitude among them (Infinity when all are 0). */
  readonly smallest: number;
  /** Every non-zero magnitude is within [1 / HAND_LIMIT, HAND_LIMIT]. */
  readonly workable: boolean;
  /** Every non-zero magnitude is within [1 / COMFORTABLE_LIMIT, COMFORTABLE_LIMIT]. */
  readonly comfortable: boolean;
  /** ∇f is exactly 0 for every input. */
  readonly zeroGradient: boolean;
  /** The number of ReLU/LeakyReLU nodes evaluated exactly at their kink. */
  readonly kinks: number;
}

/** A ReLU or LeakyReLU evaluated exactly at its kink (PyTorch's convention decides the derivative). */
export interface Kink {
  readonly node: string;
  readonly op: 'relu' | 'leakyRelu' | 'abs';
  readonly expression: string;
  readonly inputs: readonly string[];
}

const PROPAGATED = 'a non-finite input';

function inputsOf(t: Trace, expr: Expr): string[] {
  const used = usedVariablesOf(expr);
  return t.variables.filter((name) => used.has(name));
}

/**
 * The root causes of non-finite values or gradients in a trace (empty when
 * every value, local derivative and gradient is finite).
 *
 * @example
 * ```ts
 * findProblems(traceTree(parse('log(x1 - x2)'), [1, 3]))[0].reason; // 'log of a negative number (-2)'
 * ```
 */
export function findProblems(t: Trace): DomainProblem[] {
  requireMade('trace', t, 'findProblems', 't');
  return locateProblems(t).map((located) => located.problem);
}

/**
 * Where a problem comes from: the node's own value or local derivative
 * (which depend only on the inputs feeding the node), or the backward pass
 * (which depends on every input).
 */
type ProblemKind = 'node' | 'gradient';

function locateProblems(t: Trace): { problem: DomainProblem; kind: ProblemKind }[] {
  const problems: { problem: DomainProblem; kind: ProblemKind }[] = [];
  const flagged = new Set<number>();
  const add = (id: number, reason: string, kind: ProblemKind = 'node'): void => {
    const node = t.nodes[id]!;
    flagged.add(id);
    const problem = { node: node.name, op: node.op, expression: toCourse(node.expr), reason, inputs: inputsOf(t, node.expr), value: node.value };
    problems.push({ problem, kind });
  };
  for (const node of t.nodes) {
    if (node.op === 'input') {
      if (!Number.isFinite(node.value)) add(node.id, `the input ${node.name} is not finite (${node.value})`);
      continue;
    }
    const e = node.expr;
    let reason: string | null = null;
    const [a, b] = node.operands;
    if (e.kind === 'unary') reason = UNARY[e.op].failure(a!, node.value);
    else if (e.kind === 'binary') reason = BINARY[e.op].failure(a!, b!, node.value);
    if (reason !== null && reason !== PROPAGATED) add(node.id, reason);
  }
  // Non-finite local derivatives at finite operands (e.g. the exponent's log in a^b for a < 0).
  for (const edge of t.edges) {
    if (!Number.isFinite(edge.localValue) && !flagged.has(edge.from) && t.nodes[edge.from]!.inputs.every((id) => Number.isFinite(t.nodes[id]!.value))) {
      add(edge.from, `its local derivative with respect to ${t.nodes[edge.to]!.name} is not finite (${formatValue(edge.localValue)})`);
    }
  }
  // Whatever is left: an overflow in the backward pass, reported where the gradient first stops being finite.
  if (problems.length === 0 && !t.grads.every(Number.isFinite)) {
    for (let id = t.nodes.length - 1; id >= 0; id--) {
      if (!Number.isFinite(t.grads[id]!)) {
        add(id, `its gradient overflows (${formatValue(t.grads[id]!)})`, 'gradient');
        break;
      }
    }
  }
  const position = (problem: DomainProblem): number => t.nodes.findIndex((n) => n.name === problem.node);
  problems.sort((a, b) => position(a.problem) - position(b.problem));
  return problems;
}

/**
 * The ReLU and LeakyReLU nodes whose input is exactly 0: finite, but not
 * differentiable there; the gradient uses PyTorch's convention (ReLU'(0) = 0,
 * LeakyReLU'(0) = 0.01) and finite differences disagree.
 *
 * @example
 * ```ts
 * findKinks(traceTree(parse('relu(x1 - x2)'), [2, 2])).length; // 1
 * ```
 */
export function findKinks(t: Trace): Kink[] {
  requireMade('trace', t, 'findKinks', 't');
  const kinks: Kink[] = [];
  for (const node of t.nodes) {
    if ((node.op === 'relu' || node.op === 'leakyRelu' || node.op === 'abs') && node.operands[0] === 0) {
      kinks.push({ node: node.name, op: node.op, expression: toCourse(node.expr), inputs: inputsOf(t, node.expr) });
    }
  }
  return kinks;
}


/** The values the course draws from: the integers -5..5 without 0. */
export const COURSE_RANGE: readonly number[] = [-5, -4, -3, -2, -1, 1, 2, 3, 4, 5];

/**
 * The largest magnitude (and, inverted, the smallest non-zero one) a proposed
 * change may leave in any node value, local derivative, contribution or
 * gradient for a student to work it by hand: 1e6. Beyond it (5.74e190, or
 * exp(-2982) = 0) the arithmetic is not hand work any more.
 */
export const HAND_LIMIT = 1e6;

/** The magnitudes the search prefers among equally good changes: within 1e-3..1e3. */
export const COMFORTABLE_LIMIT = 1e3;

/** The most inputs a proposal changes. */
export const MAX_CHANGES = 3;

/**
 * The most candidate changes the search traces. The course's five inputs
 * with ten values each give 8,145 candidates of up to three changes, all
 * within the budget; a typed formula with more variables is searched in the
 * preference order until the budget is spent.
 */
export const SEARCH_BUDGET = 10_000;

/**
 * The magnitudes at some values: the largest and the smallest non-zero among
 * every node value, local derivative, contribution and gradient, whether they
 * stay within {@link HAND_LIMIT} and {@link COMFORTABLE_LIMIT}, whether ∇f is
 * all zero, and how many ReLUs sit at their kink.
 *
 * @example
 * ```ts
 * fixQuality(traceTree(parse('exp(x1 * x2)'), [5, 5])).workable; // false: exp(25) = 7.2e10
 * fixQuality(traceTree(parse('relu(x1) * x2'), [-1, 3])).zeroGradient; // true
 * ```
 */
export function fixQuality(t: Trace): FixQuality {
  requireMade('trace', t, 'fixQuality', 't');
  let largest = 0;
  let smallest = Infinity;
  const see = (value: number): void => {
    const magnitude = Math.abs(value);
    if (magnitude === 0) return;
    if (!(magnitude <= largest)) largest = magnitude;
    if (magnitude < smallest) smallest = magnitude;
  };
  for (const node of t.nodes) see(node.value);
  for (const edge of t.edges) {
    see(edge.localValue);
    see(edge.contribution);
  }
  for (const grad of t.grads) see(grad);
  const within = (limit: number): boolean => largest <= limit && (smallest === Infinity || smallest >= 1 / limit);
  return {
    largest,
    smallest,
    workable: within(HAND_LIMIT),
    comfortable: within(COMFORTABLE_LIMIT),
    zeroGradient: t.gradient.every((g) => g === 0),
    kinks: findKinks(t).length,
  };
}

interface Move {
  readonly index: number;
  readonly to: number;
}

interface Candidate {
  readonly changes: readonly Move[];
  readonly distance: number;
}

/** How many decades beyond HAND_LIMIT the numbers reach (0 when workable). */
function excessDecades(quality: FixQuality): number {
  if (quality.workable) return 0;
  const above = Math.log10(quality.largest / HAND_LIMIT);
  const below = quality.smallest === Infinity ? 0 : Math.log10(1 / (HAND_LIMIT * quality.smallest));
  return Math.max(1, Math.ceil(Math.max(above, below)));
}

/**
 * The ranking key of a candidate, compared left to right (smaller is better):
 * see the preference order in {@link analyzeDomain}.
 */
function rankKey(quality: FixQuality, candidate: Candidate, sequence: number): number[] {
  return [
    excessDecades(quality),
    quality.zeroGradient ? 1 : 0,
    quality.kinks > 0 ? 1 : 0,
    candidate.changes.length,
    quality.comfortable ? 0 : 1,
    candidate.distance,
    sequence,
  ];
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) {
    if (a[k] !== b[k]) return a[k]! - b[k]!;
  }
  return 0;
}

/** Every choice of `size` indices out of 0..count-1, in lexicographic order. */
function combinations(count: number, size: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, chosen: number[]): void => {
    if (chosen.length === size) {
      out.push(chosen.slice());
      return;
    }
    for (let index = start; index <= count - (size - chosen.length); index++) {
      chosen.push(index);
      pick(index + 1, chosen);
      chosen.pop();
    }
  };
  pick(0, []);
  return out;
}

/**
 * The candidates changing exactly `size` inputs: each to a value of `range`
 * other than its own; only those that touch every set of `required` indices
 * (a node whose own value fails keeps failing unless one of its inputs
 * changes). Smallest total change first, then the earliest inputs, then the
 * smallest new values.
 */
function candidatesOfSize(current: readonly number[], range: readonly number[], size: number, required: readonly (readonly number[])[]): Candidate[] {
  const out: Candidate[] = [];
  for (const indices of combinations(current.length, size)) {
    if (!required.every((set) => set.some((index) => indices.includes(index)))) continue;
    const options = indices.map((index) => range.filter((to) => to !== current[index]).map((to) => ({ index, to })));
    const build = (k: number, changes: Move[], distance: number): void => {
      if (k === options.length) {
        out.push({ changes: changes.slice(), distance });
        return;
      }
      for (const move of options[k]!) {
        changes.push(move);
        build(k + 1, changes, distance + Math.abs(move.to - current[move.index]!));
        changes.pop();
      }
    };
    build(0, [], 0);
  }
  return out.sort((a, b) => {
    if (a.distance !== b.distance) return a.distance - b.distance;
    for (let k = 0; k < a.changes.length; k++) {
      const difference = a.changes[k]!.index - b.changes[k]!.index || a.changes[k]!.to - b.changes[k]!.to;
      if (difference !== 0) return difference;
    }
    return 0;
  });
}

/** `-5..5 (without 0)` for the course's range, else the values listed. */
function describeRange(range: readonly number[]): string {
  const course = range.length === COURSE_RANGE.length && range.every((v, i) => v === COURSE_RANGE[i]);
  return course ? '-5..5 (without 0)' : `{${range.join(', ')}}`;
}

function listChanges(changes: DomainFix['changes']): string {
  const parts = changes.map((c) => `${c.variable} from ${c.from} to ${c.to}`);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)!}`;
}

/**
 * Analyses the formula at the given values: null when every node's value,
 * every local derivative and every gradient is finite; otherwise the failing
 * nodes, the inputs that feed them, and a proposed change of up to
 * {@link MAX_CHANGES} inputs, each to a value of `range` (the course's
 * integers -5..5 without 0 by default), that makes every node finite.
 *
 * Among the changes that make every node finite, the search prefers, in this
 * order (each criterion decides only between changes equal in the ones before):
 * 1. numbers a student can work by hand: every node value, local derivative,
 *    contribution and gradient of magnitude at most {@link HAND_LIMIT} (1e6)
 *    and, if not 0, at least 1e-6 (failing that, the fewest decades beyond);
 * 2. a gradient that is not all zero (not a dead ReLU or a zero factor cutting
 *    every path; see `explainZeroGradient`);
 * 3. no ReLU or LeakyReLU evaluated exactly at its kink;
 * 4. the fewest changed inputs;
 * 5. magnitudes within {@link COMFORTABLE_LIMIT} (1e-3..1e3);
 * 6. the smallest total change (the sum of |new - old|);
 * 7. the earliest inputs, then the smallest new values.
 *
 * At most {@link SEARCH_BUDGET} candidates are traced (all of them for the
 * course's five inputs); the search stops early once no later candidate can
 * be preferred. `proposalQuality` describes the chosen values, and `notes`
 * says which preference no change could meet.
 *
 * @example
 * ```ts
 * const d = analyzeDomain(parse('log(x1 - x2)'), [1, 3]);
 * d?.problems[0].reason; // 'log of a negative number (-2)'
 * d?.proposal;           // { changes: [{ variable: 'x1', from: 1, to: 4 }], values: [4, 3] }
 * d?.advice;             // 'Change x1 from 1 to 4.'
 * ```
 */
export function analyzeDomain(
  expr: Expr,
  values: Values,
  options: { order?: readonly string[]; range?: readonly number[] } = {},
): DomainError | null {
  requireExpr(expr, 'analyzeDomain', 'expr');
  requireOptions(options, 'analyzeDomain');
  const t = traceTree(expr, values, options.order);
  const located = locateProblems(t);
  if (located.length === 0) return null;
  const problems = located.map((entry) => entry.problem);
  const range = options.range ?? COURSE_RANGE;
  const responsibleSet = new Set(problems.flatMap((p) => p.inputs));
  const responsible = t.variables.filter((name) => responsibleSet.has(name));
  const current = t.variables.map((name) => t.nodes.find((n) => n.name === name)!.value);
  // A node whose own value or local derivative fails depends on its inputs only: some of them must change.
  const required = located.some((entry) => entry.kind === 'gradient')
    ? []
    : problems.map((p) => p.inputs.map((name) => t.variables.indexOf(name)));

  let best: { key: number[]; candidate: Candidate; quality: FixQuality } | null = null;
  let traced = 0;
  let exhausted = false;
  let sequence = 0;
  search: for (let size = 1; size <= Math.min(MAX_CHANGES, current.length); size++) {
    for (const candidate of candidatesOfSize(current, range, size, required)) {
      if (traced === SEARCH_BUDGET) {
        exhausted = true;
        break search;
      }
      traced++;
      sequence++;
      const changed = current.slice();
      for (const change of candidate.changes) changed[change.index] = change.to;
      const next = traceTree(expr, changed, t.variables);
      if (locateProblems(next).length > 0) continue;
      const quality = fixQuality(next);
      const key = rankKey(quality, candidate, sequence);
      if (best === null || compareKeys(key, best.key) < 0) best = { key, candidate, quality };
      // Candidates come smallest change first within a size: an ideal, comfortable one cannot be beaten.
      if (best.key[0] === 0 && best.key[1] === 0 && best.key[2] === 0 && best.key[3] === size && best.key[4] === 0) break search;
    }
    // Nothing with more changes beats an ideal change with fewer.
    if (best !== null && best.key[0] === 0 && best.key[1] === 0 && best.key[2] === 0) break;
  }

  const proposal: DomainFix | null = best && {
    changes: best.candidate.changes.map((c) => ({ variable: t.variables[c.index]!, from: current[c.index]!, to: c.to })),
    values: current.map((value, index) => best!.candidate.changes.find((c) => c.index === index)?.to ?? value),
  };
  const quality = best?.quality ?? null;
  const within = `within ${describeRange(range)}`;
  const upTo = `up to ${['', 'one', 'two', 'three', 'four', 'five'][MAX_CHANGES]} values`;
  // NOTE: with the budget spent, "no change" would claim more than was tried.
  const tried = exhausted ? ` that the search tried (the first ${SEARCH_BUDGET.toLocaleString('en-US')})` : '';
  const advice = proposal ? `Change ${listChanges(proposal.changes)}.` : `No change of ${upTo} ${within}${tried} makes every node finite.`;
  const notes: string[] = [];
  if (quality && !quality.workable) {
    const sizes = `largest magnitude ${formatValue(quality.largest)}${quality.smallest < 1 / HAND_LIMIT ? `, smallest ${formatValue(quality.smallest)}` : ''}`;
    notes.push(
      `Some numbers at the proposed values are beyond hand work (${sizes}): no change of ${upTo} ${within}${tried} keeps every ` +
        'value, local derivative and gradient within 1e-6..1e6.',
    );
  }
  if (quality?.zeroGradient) {
    notes.push(
      quality.workable
        ? `∇f is all zero at the proposed values: no change of ${upTo} ${within}${tried} that keeps every number within 1e-6..1e6 gives a gradient that is not all zero.`
        : '∇f is all zero at the proposed values.',
    );
  }
  const causes = problems.map((p) => `${p.node} = ${p.expression}: ${p.reason} (fed by ${p.inputs.join(', ') || 'constants'})`).join('; ');
  const lowered = advice.charAt(0).toLowerCase() + advice.slice(1, -1);
  return { problems, responsible, proposal, proposalQuality: quality, advice, notes, message: `${causes}; ${lowered}` };
}

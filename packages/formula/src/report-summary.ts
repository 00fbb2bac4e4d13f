/**
 * What the cross-check actually compared, counted: the worked solution says
 * how many nodes and partial derivatives each method checked and names what
 * it could not check, instead of a blanket "everything agrees".
 */
import { formatValue } from './format';
import { agree, gradientScales, type Solution } from './solve';
import { requireMade } from './guards';

/** A partial derivative a method could not check, and why. */
export interface Unchecked {
  readonly variable: string;
  readonly reason: string;
}

/** The counts behind the summary sentences. */
export interface CheckSummary {
  /** Nodes of the graph (inputs included). */
  readonly nodes: number;
  /** Nodes where autograd and the hand rules give the same value and gradient. */
  readonly nodesAgreeing: number;
  /** Of those, the nodes where the value or the gradient is not finite in both (they agree only in failing). */
  readonly nodesNotFinite: number;
  /** Partial derivatives (inputs). */
  readonly partials: number;
  /** Partials where the symbolic gradient and autograd are both finite and agree. */
  readonly symbolicAgreeing: readonly string[];
  /** Partials where both are finite and they disagree. */
  readonly symbolicDisagreeing: readonly string[];
  /** Partials where they could not be compared (one of them not finite). */
  readonly symbolicUnchecked: readonly Unchecked[];
  /** Partials finite differences checked and agree with. */
  readonly finiteDifferencesAgreeing: readonly string[];
  /** Partials finite differences checked and disagree with. */
  readonly finiteDifferencesDisagreeing: readonly string[];
  /** Partials finite differences could not check. */
  readonly finiteDifferencesUnchecked: readonly Unchecked[];
  /** The summary in plain sentences (one per method). */
  readonly sentences: readonly string[];
}

const NOTE_PREFIX = 'not checked by finite differences: ';
const partial = (variable: string): string => `∂f/∂${variable}`;
const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `a`, `a and b`, `a, b and c`. */
function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
}

/** `∂f/∂x1, ∂f/∂x2 (ReLU(x1 * x2) at its kink); ∂f/∂x5 (not finite)`: grouped by reason. */
function reasons(unchecked: readonly Unchecked[]): string {
  const groups = new Map<string, string[]>();
  for (const u of unchecked) groups.set(u.reason, [...(groups.get(u.reason) ?? []), partial(u.variable)]);
  return [...groups].map(([reason, names]) => `${listing(names)} (${reason})`).join('; ');
}

/** `all 12 nodes`, `both nodes`, `the only node`. */
const all = (total: number, what: string): string =>
  total === 1 ? `the only ${what}` : total === 2 ? `both ${what}s` : `all ${plural(total, what)}`;

/**
 * Counts what the cross-check of a solution compared: autograd against the
 * hand rules at every node (saying where both are not finite), the symbolic
 * gradient and finite differences on every partial derivative (naming those
 * they could not check, and why).
 *
 * @example
 * ```ts
 * checkSummary(solve('relu(x1 * x2) + x3', [0, 2, 1])).sentences;
 * // ['Autograd and the hand rules agree at all 6 nodes.',
 * //  'The symbolic gradient agrees with autograd on all 3 partial derivatives.',
 * //  'Finite differences checked 1 of 3 partial derivatives and agree on it; not checked: ∂f/∂x1 and ∂f/∂x2 (ReLU(x1 * x2) is at its kink).']
 * ```
 */
export function checkSummary(solution: Solution): CheckSummary {
  requireMade('solution', solution, 'checkSummary', 'solution');
  const scales = gradientScales(solution.trace);
  let nodesAgreeing = 0;
  let nodesNotFinite = 0;
  const disagreeingNodes: string[] = [];
  solution.nodes.forEach((node, id) => {
    const hand = solution.trace.nodes[id]!.value;
    if (agree(node.value, hand) && agree(node.grad, node.handGrad, 1e-9, scales[id])) {
      nodesAgreeing++;
      if (!Number.isFinite(node.value) || !Number.isFinite(node.grad)) nodesNotFinite++;
    } else disagreeingNodes.push(node.name);
  });

  const symbolicAgreeing: string[] = [];
  const symbolicDisagreeing: string[] = [];
  const symbolicUnchecked: Unchecked[] = [];
  const finiteDifferencesAgreeing: string[] = [];
  const finiteDifferencesDisagreeing: string[] = [];
  const finiteDifferencesUnchecked: Unchecked[] = [];
  solution.check.gradient.forEach((g, i) => {
    if (Number.isFinite(g.autograd) && Number.isFinite(g.symbolic)) {
      (agree(g.autograd, g.symbolic, 1e-8, scales[i]) ? symbolicAgreeing : symbolicDisagreeing).push(g.variable);
    } else if (Number.isFinite(g.symbolic)) {
      symbolicUnchecked.push({ variable: g.variable, reason: `autograd ${formatValue(g.autograd)}, symbolic ${formatValue(g.symbolic)}` });
    } else {
      symbolicUnchecked.push({ variable: g.variable, reason: Number.isFinite(g.autograd) ? `symbolic ${formatValue(g.symbolic)}` : 'not finite' });
    }
    if (g.note === '') {
      const differs = solution.check.disagreements.some((d) => d.startsWith(`${partial(g.variable)}:`) && d.includes('finite differences give'));
      (differs ? finiteDifferencesDisagreeing : finiteDifferencesAgreeing).push(g.variable);
    } else {
      finiteDifferencesUnchecked.push({ variable: g.variable, reason: g.note.replace(NOTE_PREFIX, '') });
    }
  });

  const nodes = solution.nodes.length;
  const partials = solution.variables.length;
  const sentences: string[] = [];
  const finiteNodes = nodes - nodesNotFinite;
  if (disagreeingNodes.length > 0) {
    sentences.push(`Autograd and the hand rules DISAGREE at ${disagreeingNodes.length} of ${plural(nodes, 'node')} (${listing(disagreeingNodes)}).`);
  } else if (nodesNotFinite === 0) {
    sentences.push(`Autograd and the hand rules agree at ${all(nodes, 'node')}.`);
  } else {
    sentences.push(
      `Autograd and the hand rules agree at ${all(nodes, 'node')}, but at ${nodesNotFinite === nodes ? 'every one' : nodesNotFinite} of them ` +
        `the value or the gradient is nan or infinite in both, so ${finiteNodes === 0 ? 'no node is' : `only ${plural(finiteNodes, 'node')} ${finiteNodes === 1 ? 'is' : 'are'}`} checked on finite numbers.`,
    );
  }
  const what = 'partial derivative';
  if (symbolicDisagreeing.length > 0) {
    sentences.push(`The symbolic gradient DISAGREES with autograd on ${listing(symbolicDisagreeing.map(partial))}.`);
  }
  if (symbolicUnchecked.length === 0) {
    if (symbolicDisagreeing.length === 0) sentences.push(`The symbolic gradient agrees with autograd on ${all(partials, what)}.`);
  } else if (symbolicAgreeing.length + symbolicDisagreeing.length === 0) {
    sentences.push(`The symbolic gradient could not be compared with autograd on any ${what}: ${reasons(symbolicUnchecked)}.`);
  } else {
    sentences.push(
      `The symbolic gradient agrees with autograd on ${symbolicAgreeing.length} of ${plural(partials, what)}; not compared: ${reasons(symbolicUnchecked)}.`,
    );
  }
  if (finiteDifferencesDisagreeing.length > 0) {
    sentences.push(`Finite differences DISAGREE with autograd on ${listing(finiteDifferencesDisagreeing.map(partial))}.`);
  }
  const checked = finiteDifferencesAgreeing.length + finiteDifferencesDisagreeing.length;
  if (finiteDifferencesUnchecked.length === 0) {
    if (finiteDifferencesDisagreeing.length === 0) sentences.push(`Finite differences agree with autograd on ${all(partials, what)}.`);
  } else if (checked === 0) {
    sentences.push(`Finite differences could not check any ${what}: ${reasons(finiteDifferencesUnchecked)}.`);
  } else {
    const agreeing = finiteDifferencesDisagreeing.length === 0 ? ` and agree with autograd on ${checked === 1 ? 'it' : 'them'}` : '';
    sentences.push(`Finite differences checked ${checked} of ${plural(partials, what)}${agreeing}; not checked: ${reasons(finiteDifferencesUnchecked)}.`);
  }
  return {
    nodes,
    nodesAgreeing,
    nodesNotFinite,
    partials,
    symbolicAgreeing,
    symbolicDisagreeing,
    symbolicUnchecked,
    finiteDifferencesAgreeing,
    finiteDifferencesDisagreeing,
    finiteDifferencesUnchecked,
    sentences,
  };
}

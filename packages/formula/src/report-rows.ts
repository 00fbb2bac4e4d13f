/**
 * What every format of the worked solution shows, built once: the rows of the
 * forward and backward tables and of the cross-check, and the sentences
 * around them (domain problems, kinks, dtype, rounding residues, what was
 * checked). The formats only lay them out.
 */
import { float32Comparison, homeworkTensor } from './float32';
import { explainZeroGradient } from './zero-gradient';
import { formatValue } from './format';
import { toDisplay, toLatex, toPyTorch } from './printers';
import { checkSummary } from './report-summary';
import { isResidue, residueNote, roundingResidues, shown, type Residue, type RoundingResidues } from './residue';
import type { Solution } from './solve';
import { requireMade } from './guards';

/** One row of the forward table. */
export interface ForwardRow {
  readonly node: string;
  /** `input`, or the definition in the display notation with node names (`v1 - v2`, `ReLU(v1)`). */
  readonly definition: string;
  readonly definitionLatex: string;
  /** The subtree in the course notation. */
  readonly expression: string;
  readonly value: number;
  /** The value is a rounding residue, printed as 0. */
  readonly residue: boolean;
}

/** One row of the backward table: the edge consumer -> operand. */
export interface BackwardRow {
  /** The operand whose gradient receives the contribution. */
  readonly node: string;
  /** The consuming node. */
  readonly consumer: string;
  /** d consumer / d node, in the display notation with node names. */
  readonly local: string;
  readonly localLatex: string;
  readonly localValue: number;
  /** ∂f/∂consumer. */
  readonly upstream: number;
  /** upstream × local. */
  readonly contribution: number;
  /** The contributions to ∂f/∂node so far (more than one where the node feeds several others). */
  readonly terms: readonly number[];
  /** ∂f/∂node after this edge. */
  readonly accumulated: number;
  /** Which of the numbers are rounding residues, printed as 0. */
  readonly residues: {
    readonly local: boolean;
    readonly upstream: boolean;
    readonly contribution: boolean;
    readonly terms: readonly boolean[];
    readonly accumulated: boolean;
  };
}

/**
 * The forward table, in evaluation order.
 *
 * @example
 * ```ts
 * forwardRows(solve('x1 * x2', [3, 4])).at(-1); // { node: 'v1', definition: 'x1 * x2', value: 12, ... }
 * ```
 */
export function forwardRows(solution: Solution, residues: RoundingResidues = roundingResidues(solution)): ForwardRow[] {
  requireMade('solution', solution, 'forwardRows', 'solution');
  return solution.nodes.map((n) => ({
    node: n.name,
    definition: n.op === 'input' ? 'input' : toDisplay(n.definition),
    definitionLatex: n.op === 'input' ? '\\text{input}' : toLatex(n.definition),
    expression: n.expression,
    value: n.value,
    residue: residues.values[n.id]!,
  }));
}

/**
 * The backward table, in the order the backward pass visits the edges. The
 * upstream gradients and the accumulated gradients are the engine's; the
 * local derivatives are evaluated from their formulas.
 *
 * @example
 * ```ts
 * backwardRows(solve('x1 * x2', [3, 4]))[0]; // { node: 'x1', consumer: 'v1', local: 'x2', localValue: 4, ... }
 * ```
 */
export function backwardRows(solution: Solution, residues: RoundingResidues = roundingResidues(solution)): BackwardRow[] {
  requireMade('solution', solution, 'backwardRows', 'solution');
  const terms = new Map<number, { values: number[]; residues: boolean[]; scale: number }>();
  return solution.edges.map((edge, k) => {
    const before = terms.get(edge.to) ?? { values: [], residues: [], scale: 0 };
    const contributionResidue = residues.contributions[k]!;
    const list = {
      values: [...before.values, edge.contribution],
      residues: [...before.residues, contributionResidue],
      scale: before.scale + Math.abs(edge.contribution),
    };
    terms.set(edge.to, list);
    const total = solution.trace.edges.filter((e) => e.to === edge.to).length;
    const node = solution.nodes[edge.to]!;
    const complete = list.values.length === total;
    const accumulated = complete ? node.grad : list.values.reduce((a, b) => a + b, 0);
    return {
      node: node.name,
      consumer: solution.nodes[edge.from]!.name,
      local: toDisplay(edge.local),
      localLatex: toLatex(edge.local),
      localValue: edge.localValue,
      upstream: solution.nodes[edge.from]!.grad,
      contribution: edge.contribution,
      terms: list.values,
      accumulated,
      residues: {
        local: residues.locals[k]!,
        upstream: residues.grads[edge.from]!,
        contribution: contributionResidue,
        terms: list.residues,
        accumulated: complete ? residues.grads[edge.to]! : list.residues.every(Boolean) && isResidue(accumulated, residues.gradScales[edge.to]!),
      },
    };
  });
}

/** One row of the cross-check table: a partial derivative seen four ways, formatted. */
export interface CheckRow {
  readonly variable: string;
  readonly autograd: string;
  readonly hand: string;
  readonly symbolic: string;
  readonly finiteDifference: string;
  /** `agree`, `disagree` or `unchecked (why)`. */
  readonly status: string;
}

/** The cross-check table's rows (rounding residues printed as 0, as in the other tables). */
export function checkRows(solution: Solution, residues: RoundingResidues = roundingResidues(solution)): CheckRow[] {
  return solution.check.gradient.map((g, i) => {
    const scale = residues.gradScales[i]!;
    return {
      variable: g.variable,
      autograd: shown(g.autograd, residues.grads[i]!),
      hand: shown(g.hand, isResidue(g.hand, scale)),
      symbolic: shown(g.symbolic, isResidue(g.symbolic, scale)),
      finiteDifference: Number.isFinite(g.finiteDifference.error)
        ? `${formatValue(g.finiteDifference.value)} ± ${g.finiteDifference.error === 0 ? '0' : g.finiteDifference.error.toExponential(1)}`
        : formatValue(g.finiteDifference.value),
      status: g.status + (g.note ? ` (${g.note.replace('not checked by finite differences: ', '')})` : ''),
    };
  });
}

/** The residues each table prints as 0, for the note under it. */
export interface ResidueNotes {
  readonly forward: string | null;
  readonly backward: string | null;
  /** The gradient line and the cross-check table. */
  readonly gradient: string | null;
}

/** The notes under the tables about values printed as 0. */
export function residueNotes(solution: Solution, residues: RoundingResidues = roundingResidues(solution)): ResidueNotes {
  const names = new Set(solution.nodes.map((n) => n.name));
  const byEntry = new Map(residues.list.map((r) => [r.entry, r]));
  const pick = (entries: readonly string[]): Residue[] => [...new Set(entries)].flatMap((e) => (byEntry.has(e) ? [byEntry.get(e)!] : []));
  const forward = pick(residues.list.filter((r) => names.has(r.entry)).map((r) => r.entry));
  // A contribution is listed only when neither of its factors is already listed.
  const backward = pick(
    solution.edges.flatMap((edge, k) => {
      const from = solution.nodes[edge.from]!.name;
      const to = solution.nodes[edge.to]!.name;
      const factors = residues.locals[k]! || residues.grads[edge.from]!;
      return [`∂${from}/∂${to}`, `∂f/∂${from}`, ...(factors ? [] : [`∂f/∂${from} · ∂${from}/∂${to}`]), `∂f/∂${to}`];
    }),
  );
  const output = solution.nodes[solution.nodes.length - 1]!.name;
  const gradient = pick([output, ...solution.variables.map((v) => `∂f/∂${v}`)]).map((r) => (r.entry === output ? { ...r, entry: 'f' } : r));
  return { forward: residueNote(forward), backward: residueNote(backward), gradient: residueNote(gradient) };
}

/** The PyTorch line (naming its dtype) and the note about the homework's float32. */
export function pytorchLines(solution: Solution): { readonly code: string; readonly dtype: string } {
  const tensor = homeworkTensor(solution.values);
  return {
    code: `y = ${toPyTorch(solution.expr, { order: solution.variables })}`,
    dtype:
      `with x = ${tensor.replace('requires_grad=True', 'dtype=torch.float64, requires_grad=True')}. ` +
      `Without dtype, as the homework writes it (x = ${tensor}), the tensor is float32: see float32 under the gradient.`,
  };
}

/** What float32 prints differently, in one sentence. */
export function float32Line(solution: Solution): string {
  const { differences } = float32Comparison(solution);
  if (differences.length === 0) return "float32 (the homework's default dtype) prints f and ∇f the same at 6 significant digits.";
  const items = differences.map((d) => `${d.entry} = ${formatValue(d.float32)} (float64: ${formatValue(d.float64)})`);
  const rest = differences.length === solution.variables.length + 1 ? '' : '; the other entries print the same';
  return `float32 (the homework's default dtype) prints differently at 6 significant digits: ${items.join(', ')}${rest}.`;
}

const vector = (values: readonly number[]): string => `[${values.map(formatValue).join(', ')}]`;

/** Why the values make the formula undefined, and the change the solution works instead. */
export function domainLines(solution: Solution): string[] {
  const d = solution.domainError;
  if (!d) return [];
  const lines = [
    'The formula is not finite or not differentiable at these values:',
    ...d.problems.map((p) => `  ${p.node} = ${p.expression}: ${p.reason} (fed by ${p.inputs.join(', ') || 'constants'})`),
  ];
  if (d.proposal) {
    const changes = d.proposal.changes.map((c) => `${c.variable} from ${c.from} to ${c.to}`);
    const change = changes.length <= 1 ? changes.join('') : `${changes.slice(0, -1).join(', ')} and ${changes.at(-1)!}`;
    lines.push(`Proposed change: ${change}, giving x = ${vector(d.proposal.values)}. The solution for these values follows.`, ...d.notes);
  } else {
    lines.push(`${d.advice} The solution below shows nan where the formula is undefined.`);
  }
  return lines;
}

/** Why ∇f is all zero (a dead ReLU, a zero factor...), when it is. */
export function zeroGradientLines(solution: Solution): string[] {
  const why = explainZeroGradient(solution);
  return why === null ? [] : [why];
}

/** ReLU/LeakyReLU evaluated exactly at their kink. */
export function kinkLines(solution: Solution): string[] {
  return solution.kinks.map(
    (k) =>
      `Note: ${k.node} = ${k.expression} is evaluated exactly at its kink (input 0), where it is not differentiable; ` +
      `the gradient uses PyTorch's convention (${k.op === 'relu' ? "ReLU'(0) = 0" : k.op === 'abs' ? "d|u|/du = 0 at u = 0" : "LeakyReLU'(0) = 0.01"}).`,
  );
}

/** Explains `step` / `leaky_step` when the derivatives use them. */
export function notationLines(solution: Solution): string[] {
  const texts = [...solution.edges.map((e) => toDisplay(e.local)), ...solution.symbolic.map(toDisplay)];
  const lines: string[] = [];
  if (texts.some((t) => /(^|[^_])step\(/.test(t))) lines.push("step(u) = 1 if u > 0, else 0 (the derivative of ReLU; PyTorch's convention at u = 0).");
  if (texts.some((t) => t.includes('leaky_step('))) lines.push("leaky_step(u) = 1 if u > 0, else 0.01 (the derivative of LeakyReLU; PyTorch's convention at u = 0).");
  return lines;
}

/**
 * What the cross-check compared, as sentences; the disagreements first when
 * there are any (they are never hidden).
 */
export function checkLines(solution: Solution): string[] {
  const sentences = [...checkSummary(solution).sentences];
  if (solution.check.ok) return sentences;
  return ['DISAGREEMENT between the methods:', ...solution.check.disagreements.map((d) => `  ${d}`), ...sentences];
}

/** `∂f/∂x1 = 0.0113502 + 0.0651228 = 0.0764731`'s right-hand side, residues as 0. */
export function accumulatedText(row: BackwardRow): string {
  const total = shown(row.accumulated, row.residues.accumulated);
  return row.terms.length > 1 ? `${row.terms.map((t, i) => shown(t, row.residues.terms[i]!)).join(' + ')} = ${total}` : total;
}

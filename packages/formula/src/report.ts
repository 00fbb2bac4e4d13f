/**
 * The worked solution as a student hands it in: forward table, backward table
 * (local derivative written symbolically and its value, upstream gradient,
 * contribution, accumulated gradient with sums where a node feeds several
 * others), the gradient, what the cross-check compared and the symbolic
 * gradient. Plain text, Markdown (with a Mermaid graph), a complete LaTeX
 * document (with a TikZ graph) and JSON; the rows and sentences are shared
 * (report-rows.ts), each format lays them out (report-text.ts,
 * report-markdown.ts, report-latex.ts).
 *
 * `renderSolution` is synchronous: everything but the LaTeX document's
 * drawing of the graph, whose layout comes from Graphviz (WebAssembly, loaded
 * asynchronously). `renderDocument` awaits that layout and gives the complete
 * hand-in document in every format; pass a layout to `renderSolution` as
 * `{ graph }` to do the same synchronously.
 */
import { FormulaError } from './errors';
import { jsonNumber } from './format';
import { graphLayout, type GraphLayout } from './graph-layout';
import { toDisplay, toLatex, toPlain, toPyTorch } from './printers';
import { latexDocument } from './report-latex';
import { markdownSolution } from './report-markdown';
import { backwardRows, checkLines, forwardRows } from './report-rows';
import { textSolution } from './report-text';
import { float32Comparison } from './float32';
import { roundingResidues } from './residue';
import { workedSolution, type Solution } from './solve';
import { explainZeroGradient } from './zero-gradient';
import { requireMade, requireOptions } from './guards';

export { backwardRows, forwardRows } from './report-rows';
export type { BackwardRow, ForwardRow } from './report-rows';

/** Output formats of {@link renderSolution}. */
export type SolutionFormat = 'text' | 'md' | 'latex' | 'json';

/** Options of {@link renderSolution}. */
export interface RenderOptions {
  /**
   * The LaTeX document's graph: the print layout of the solution shown, from
   * `await graphLayout(workedSolution(solution), { layout: 'print' })`. Without
   * it the document says where to get the drawing (see {@link renderDocument}).
   */
  readonly graph?: GraphLayout | null;
}

const FORMATS = "'text', 'md', 'latex' or 'json'";

function checkFormat(format: unknown, caller: string): asserts format is SolutionFormat {
  if (format !== 'json' && format !== 'md' && format !== 'latex' && format !== 'text') {
    throw new FormulaError('INVALID_ARGUMENT', `${caller}: 'format' must be ${FORMATS}, got ${JSON.stringify(format) ?? String(format)}`);
  }
}

/**
 * Renders a solution. When the values make the formula undefined and a
 * change is proposed, the domain problem is explained first and the solution
 * at the proposed values follows (the gradient is never shown as a bare NaN).
 * `'latex'` is a complete document for pdflatex; its graph drawing needs
 * `options.graph` (or use {@link renderDocument}).
 *
 * @example
 * ```ts
 * console.log(renderSolution(solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]), 'md'));
 * ```
 */
export function renderSolution(solution: Solution, format: SolutionFormat, options: RenderOptions = {}): string {
  requireMade('solution', solution, 'renderSolution', 'solution');
  requireOptions(options, 'renderSolution');
  checkFormat(format, 'renderSolution');
  const worked = workedSolution(solution);
  const proposed = worked === solution ? null : worked;
  switch (format) {
    case 'json':
      return `${JSON.stringify(solutionJson(solution, proposed), null, 2)}\n`;
    case 'md':
      return markdownSolution(solution, proposed);
    case 'latex':
      return latexDocument(solution, proposed, { graph: options.graph ?? null });
    case 'text':
      return textSolution(solution, proposed);
  }
}

/**
 * The complete hand-in document: {@link renderSolution} with everything that
 * needs Graphviz's layout, i.e. the LaTeX document with its graph drawn as
 * TikZ in the print layout (A4 portrait, text at 9 pt or more). The same as
 * `renderSolution` for the other formats (Markdown's graph is a Mermaid block).
 *
 * @example
 * ```ts
 * const tex = await renderDocument(solve('x1 * x2', [3, 4]), 'latex'); // pdflatex compiles it
 * ```
 */
export async function renderDocument(solution: Solution, format: SolutionFormat): Promise<string> {
  requireMade('solution', solution, 'renderDocument', 'solution');
  checkFormat(format, 'renderDocument');
  if (format !== 'latex') return renderSolution(solution, format);
  const graph = await graphLayout(workedSolution(solution), { layout: 'print' });
  return renderSolution(solution, format, { graph });
}

/**
 * The solution as a JSON-ready object (non-finite numbers as `"nan"`, `"inf"`, `"-inf"`).
 *
 * @example
 * ```ts
 * JSON.stringify(solutionJson(solve('x1 * x2', [3, 4])));
 * ```
 */
export function solutionJson(solution: Solution, proposed: Solution | null = null): Record<string, unknown> {
  requireMade('solution', solution, 'solutionJson', 'solution');
  if (proposed !== null) requireMade('solution', proposed, 'solutionJson', 'proposed');
  const residues = roundingResidues(solution);
  const float32 = float32Comparison(solution);
  return {
    formula: solution.formula,
    latex: toLatex(solution.expr),
    pytorch: toPyTorch(solution.expr, { order: solution.variables }),
    variables: solution.variables,
    values: solution.values.map(jsonNumber),
    f: jsonNumber(solution.value),
    grad: solution.gradient.map(jsonNumber),
    // Every node's value and ∂f/∂node, keyed as an answers file is (checkAnswers reads this shape).
    nodes: solution.nodes.map((n) => ({ name: n.name, op: n.op, definition: n.op === 'input' ? 'input' : toDisplay(n.definition), value: jsonNumber(n.value), grad: jsonNumber(n.grad + 0) })),
    cells: {
      forward: Object.fromEntries(solution.nodes.filter((n) => n.op !== 'input').map((n) => [n.name, jsonNumber(n.value)])),
      backward: Object.fromEntries(solution.nodes.map((n) => [n.name, jsonNumber(n.grad + 0)])),
      local: Object.fromEntries(localCells(solution)),
    },
    forward: forwardRows(solution, residues).map((r) => ({ node: r.node, definition: r.definition, expression: r.expression, value: jsonNumber(r.value) })),
    backward: backwardRows(solution, residues).map((r) => ({
      node: r.node,
      consumer: r.consumer,
      local: r.local,
      localValue: jsonNumber(r.localValue),
      upstream: jsonNumber(r.upstream),
      contribution: jsonNumber(r.contribution),
      terms: r.terms.map(jsonNumber),
      accumulated: jsonNumber(r.accumulated),
    })),
    symbolic: solution.symbolic.map((g, i) => ({
      variable: solution.variables[i],
      plain: toPlain(g),
      display: toDisplay(g),
      latex: toLatex(g),
      value: jsonNumber(solution.check.gradient[i]!.symbolic),
    })),
    float32: {
      f: jsonNumber(float32.value),
      grad: float32.gradient.map(jsonNumber),
      differences: float32.differences.map((d) => ({ entry: d.entry, float64: jsonNumber(d.float64), float32: jsonNumber(d.float32) })),
    },
    roundingResidues: residues.list.map((r) => ({ entry: r.entry, value: r.value, scale: r.scale })),
    zeroGradient: explainZeroGradient(solution),
    check: {
      ok: solution.check.ok,
      summary: checkLines(solution),
      disagreements: solution.check.disagreements,
      gradient: solution.check.gradient.map((g) => ({
        variable: g.variable,
        autograd: jsonNumber(g.autograd),
        hand: jsonNumber(g.hand),
        symbolic: jsonNumber(g.symbolic),
        finiteDifference: jsonNumber(g.finiteDifference.value),
        finiteDifferenceError: jsonNumber(g.finiteDifference.error),
        status: g.status,
        note: g.note,
      })),
    },
    kinks: solution.kinks,
    domainError: domainErrorJson(solution),
    ...(proposed ? { proposedSolution: solutionJson(proposed) } : {}),
  };
}

/** ∂consumer/∂operand for every pair (the sum of both edges where a node is both operands, as in `x3 / x3`). */
function localCells(solution: Solution): [string, number | string][] {
  const sums = new Map<string, number>();
  for (const e of solution.edges) {
    const key = `${solution.nodes[e.from]!.name}->${solution.nodes[e.to]!.name}`;
    sums.set(key, (sums.get(key) ?? 0) + e.localValue);
  }
  return [...sums].map(([key, value]) => [key, jsonNumber(value)]);
}

/**
 * The domain error as a JSON-ready object, or null.
 *
 * @example
 * ```ts
 * domainErrorJson(solve('log(x1)', [-1]))?.message; // 'v1 = log(x1): log of a negative number (-1) (fed by x1); change x1 from -1 to 1'
 * ```
 */
export function domainErrorJson(solution: Solution): Record<string, unknown> | null {
  requireMade('solution', solution, 'domainErrorJson', 'solution');
  const d = solution.domainError;
  if (!d) return null;
  return {
    message: d.message,
    problems: d.problems.map((p) => ({ ...p, value: jsonNumber(p.value) })),
    responsible: d.responsible,
    proposal: d.proposal,
  };
}

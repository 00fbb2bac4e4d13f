/**
 * The computational graph: one node per input and per operation, in
 * evaluation order, with edges; exported to Graphviz DOT, Mermaid and SVG.
 * Each node shows its operation, forward value and gradient, as micrograd's
 * `draw_dot` does, in the display notation of the tables, rounding residues
 * as 0 as they print.
 */
import { FormulaError } from './errors';
import { courseLabel, toDisplay } from './printers';
import { roundingResidues, shown } from './residue';
import type { Solution } from './solve';
import { requireMade, requireOptions } from './guards';

/** A node of the graph. */
export interface GraphNode {
  readonly id: number;
  readonly name: string;
  /** `'input'` or the operator. */
  readonly op: string;
  /** Short operator label: `*`, `log`, `^2`, `1/`, `√`, `ReLU`... (empty for inputs). */
  readonly label: string;
  /** The definition in the display notation, e.g. `v1 - v2`, `ReLU(v1)`. */
  readonly definition: string;
  readonly value: number;
  readonly grad: number;
  /** The value as printed (6 significant digits; a rounding residue as 0). */
  readonly valueText: string;
  /** The gradient as printed. */
  readonly gradText: string;
}

/** A directed edge operand -> consumer. */
export interface GraphEdge {
  readonly from: number;
  readonly to: number;
}

/** The computational graph of a solution. */
export interface Graph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

/**
 * The graph of a solution, nodes in evaluation order.
 *
 * @example
 * ```ts
 * const g = graph(solve('x1 * x2 + x1', [3, 4]));
 * g.nodes.map((n) => n.name); // ['x1', 'x2', 'v1', 'v2']
 * g.edges;                    // [{ from: 0, to: 2 }, { from: 1, to: 2 }, { from: 2, to: 3 }, { from: 0, to: 3 }]
 * ```
 */
export function graph(solution: Solution): Graph {
  requireMade('solution', solution, 'graph', 'solution');
  const residues = roundingResidues(solution);
  const nodes = solution.nodes.map((n) => ({
    id: n.id,
    name: n.name,
    op: n.op,
    label: courseLabel(n.op as Parameters<typeof courseLabel>[0]),
    definition: n.op === 'input' ? n.name : toDisplay(n.definition),
    value: n.value,
    grad: n.grad,
    valueText: shown(n.value, residues.values[n.id]!),
    gradText: shown(n.grad, residues.grads[n.id]!),
  }));
  const edges = solution.nodes.flatMap((n) => n.inputs.map((from) => ({ from, to: n.id })));
  return { nodes, edges };
}

const dotEscape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/([{}|<>])/g, '\\$1');
const dotString = (text: string): string => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/**
 * How the graph is laid out: `'screen'` left to right as micrograd draws it
 * (wide, for a screen); `'print'` top to bottom with compact 10 pt records,
 * to fit an A4 portrait page (see {@link printFit}).
 */
export type GraphLayoutStyle = 'screen' | 'print';

/** Options of {@link toDot}, {@link toSvg} and the TikZ output. */
export interface GraphOptions {
  /** `'screen'` (default) or `'print'`. */
  readonly layout?: GraphLayoutStyle;
  /**
   * A blank graph for a student to fill in: every box keeps its name and
   * operation, data and grad are left empty (default false). The domain note
   * stays off too: a blank graph shows the formula's shape, nothing of its numbers.
   */
  readonly blank?: boolean;
}

/** What a blank box shows for its data and its grad: room to write. */
const BLANK = '__________';

/** The print layout's font size in points: what the page shows when the graph needs no scaling. */
export const PRINT_FONT_SIZE = 10;

function layoutStyle(options: GraphOptions | undefined, caller: string): GraphLayoutStyle {
  const layout = options?.layout ?? 'screen';
  if (layout !== 'screen' && layout !== 'print') {
    throw new FormulaError('INVALID_ARGUMENT', `${caller}: 'layout' must be 'screen' or 'print', got ${JSON.stringify(layout) ?? String(layout)}`);
  }
  return layout;
}

/** Splits a long note into lines of at most `width` characters, at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : lines;
}

/**
 * Graphviz DOT in micrograd's style: a record per value (`name | data | grad`),
 * a small node per operation; left to right, or top to bottom with
 * `{ layout: 'print' }`.
 *
 * @example
 * ```ts
 * console.log(toDot(solve('x1 * x2', [3, 4])));
 * console.log(toDot(solve('x1 * x2', [3, 4]), { layout: 'print' }));
 * console.log(toDot(solve('x1 * x2', [3, 4]), { blank: true })); // the shape only, for a handout
 * ```
 */
export function toDot(solution: Solution, options?: GraphOptions): string {
  requireMade('solution', solution, 'toDot', 'solution');
  requireOptions(options, 'toDot');
  const print = layoutStyle(options, 'toDot') === 'print';
  const g = graph(solution);
  const lines = print
    ? [
        'digraph formula {',
        '  rankdir=TB;',
        '  nodesep=0.12;',
        '  ranksep=0.2;',
        `  node [fontname="Helvetica", fontsize=${PRINT_FONT_SIZE}, margin="0.05,0.03", height=0.2];`,
        '  edge [arrowsize=0.6];',
      ]
    : ['digraph formula {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  // NOTE: a graph whose values are not finite says why on the drawing, and marks the failing nodes.
  const blank = options?.blank === true;
  const failing = blank ? new Set<string>() : failingNodes(solution);
  if (solution.domainError && !blank) {
    // Print: the note in lines no wider than the graph, so that it does not widen the page.
    const note = print ? wrap(domainNote(solution), 60).map(dotString).join('\\n') : dotString(domainNote(solution));
    lines.push(`  labelloc=t;`, `  label="${note}";`);
  }
  for (const node of g.nodes) {
    const title = node.op === 'input' ? node.name : `${node.name} = ${node.definition}`;
    const label = blank
      ? `{ ${dotEscape(title)} | data ${BLANK} | grad ${BLANK} }`
      : `{ ${dotEscape(title)} | data ${dotEscape(node.valueText)} | grad ${dotEscape(node.gradText)} }`;
    lines.push(`  "${node.name}" [label="${label}", shape=record${failing.has(node.name) ? ', color=red, fontcolor=red' : ''}];`);
    if (node.op !== 'input') {
      lines.push(`  "${node.name}_op" [label="${dotEscape(node.label)}"${print ? ', shape=ellipse, margin="0.02,0.01", width=0.3' : ''}];`);
      lines.push(`  "${node.name}_op" -> "${node.name}";`);
    }
  }
  for (const edge of g.edges) lines.push(`  "${g.nodes[edge.from]!.name}" -> "${g.nodes[edge.to]!.name}_op";`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** The names of the nodes where the formula stops being finite or differentiable. */
function failingNodes(solution: Solution): Set<string> {
  return new Set(solution.domainError?.problems.map((p) => p.node) ?? []);
}

/** One line for a graph whose values are not finite: what fails and the proposed change. */
function domainNote(solution: Solution): string {
  return `Not finite or not differentiable at these values: ${solution.domainError!.message}`;
}

const mermaidEscape = (text: string): string => text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');

/**
 * A Mermaid flowchart (renders on GitHub and in Markdown previews): a box per
 * value with its data and grad, a circle per operation.
 *
 * @example
 * ```ts
 * console.log(toMermaid(solve('x1 * x2', [3, 4])));
 * ```
 */
export function toMermaid(solution: Solution): string {
  requireMade('solution', solution, 'toMermaid', 'solution');
  const g = graph(solution);
  const lines = ['flowchart LR'];
  const failing = failingNodes(solution);
  if (solution.domainError) lines.push(`  domain_note["${mermaidEscape(domainNote(solution))}"]`, '  style domain_note stroke:#c00,color:#c00');
  for (const node of g.nodes) {
    const title = node.op === 'input' ? node.name : `${node.name} = ${node.definition}`;
    // Ids get a prefix: a variable called `end` or `graph` would be a Mermaid keyword.
    lines.push(`  n_${node.name}["${mermaidEscape(title)}<br/>data ${node.valueText}<br/>grad ${node.gradText}"]`);
    if (node.op !== 'input') {
      lines.push(`  op_${node.name}(("${mermaidEscape(node.label)}"))`);
      lines.push(`  op_${node.name} --> n_${node.name}`);
    }
  }
  for (const edge of g.edges) lines.push(`  n_${g.nodes[edge.from]!.name} --> op_${g.nodes[edge.to]!.name}`);
  for (const name of failing) lines.push(`  style n_${name} stroke:#c00,color:#c00`);
  return `${lines.join('\n')}\n`;
}

/**
 * The graph as SVG, rendered by Graphviz compiled to WebAssembly
 * (`@viz-js/viz`, loaded on first use; no system binary, works in browsers).
 *
 * @example
 * ```ts
 * const svg = await toSvg(solve('x1 * x2', [3, 4]));
 * const page = await toSvg(solve('x1 * x2', [3, 4]), { layout: 'print' });
 * ```
 */
export async function toSvg(solution: Solution, options?: GraphOptions): Promise<string> {
  requireMade('solution', solution, 'toSvg', 'solution');
  requireOptions(options, 'toSvg');
  const dot = toDot(solution, options);
  const viz = await graphviz();
  return viz.renderString(dot, { format: 'svg' });
}

/** Graphviz (WebAssembly), loaded once on first use. */
export async function graphviz(): Promise<Awaited<ReturnType<typeof import('@viz-js/viz').instance>>> {
  loading ??= import('@viz-js/viz').then((module) => module.instance());
  return loading;
}
let loading: ReturnType<typeof import('@viz-js/viz').instance> | undefined;

/**
 * The computational graph: one node per input and per operation, in
 * evaluation order, with edges; exported to Graphviz DOT, Mermaid and SVG.
 * Each node shows its operation, forward value and gradient, as micrograd's
 * `draw_dot` does.
 */
import { formatValue } from './format';
import { courseLabel, toPlain } from './printers';
import type { Solution } from './solve';

/** A node of the graph. */
export interface GraphNode {
  readonly id: number;
  readonly name: string;
  /** `'input'` or the operator. */
  readonly op: string;
  /** Short operator label: `*`, `log`, `^2`, `1/`, `√`, `ReLU`... (empty for inputs). */
  readonly label: string;
  /** The definition in plain maths, e.g. `v1 - v2`. */
  readonly definition: string;
  readonly value: number;
  readonly grad: number;
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
  const nodes = solution.nodes.map((n) => ({
    id: n.id,
    name: n.name,
    op: n.op,
    label: courseLabel(n.op as Parameters<typeof courseLabel>[0]),
    definition: n.op === 'input' ? n.name : toPlain(n.definition),
    value: n.value,
    grad: n.grad,
  }));
  const edges = solution.nodes.flatMap((n) => n.inputs.map((from) => ({ from, to: n.id })));
  return { nodes, edges };
}

const dotEscape = (text: string): string => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/([{}|<>])/g, '\\$1');

/**
 * Graphviz DOT in micrograd's style: a record per value (`name | data | grad`),
 * a small node per operation, left to right.
 *
 * @example
 * ```ts
 * console.log(toDot(solve('x1 * x2', [3, 4])));
 * ```
 */
export function toDot(solution: Solution): string {
  const g = graph(solution);
  const lines = ['digraph formula {', '  rankdir=LR;', '  node [fontname="Helvetica"];'];
  // NOTE: a graph whose values are not finite says why on the drawing, and marks the failing nodes.
  const failing = failingNodes(solution);
  if (solution.domainError) lines.push(`  labelloc=t;`, `  label="${domainNote(solution).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}";`);
  for (const node of g.nodes) {
    const title = node.op === 'input' ? node.name : `${node.name} = ${node.definition}`;
    const label = `{ ${dotEscape(title)} | data ${dotEscape(formatValue(node.value))} | grad ${dotEscape(formatValue(node.grad))} }`;
    lines.push(`  "${node.name}" [label="${label}", shape=record${failing.has(node.name) ? ', color=red, fontcolor=red' : ''}];`);
    if (node.op !== 'input') {
      lines.push(`  "${node.name}_op" [label="${dotEscape(node.label)}"];`);
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
  const g = graph(solution);
  const lines = ['flowchart LR'];
  const failing = failingNodes(solution);
  if (solution.domainError) lines.push(`  domain_note["${mermaidEscape(domainNote(solution))}"]`, '  style domain_note stroke:#c00,color:#c00');
  for (const node of g.nodes) {
    const title = node.op === 'input' ? node.name : `${node.name} = ${node.definition}`;
    // Ids get a prefix: a variable called `end` or `graph` would be a Mermaid keyword.
    lines.push(`  n_${node.name}["${mermaidEscape(title)}<br/>data ${formatValue(node.value)}<br/>grad ${formatValue(node.grad)}"]`);
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
 * ```
 */
export async function toSvg(solution: Solution): Promise<string> {
  const { instance } = await import('@viz-js/viz');
  const viz = await instance();
  return viz.renderString(toDot(solution), { format: 'svg' });
}

/**
 * The worked solution as a student writes it by hand, for Ex 1 and Ex 3: the
 * computational graph (as a tree in the terminal, Mermaid in Markdown), the
 * forward table and the backward table from @gradlab/formula's
 * `forwardRows`/`backwardRows`, and the fan-out sums spelled out.
 */
import { backwardRows, formatValue, forwardRows, graph, type Solution, toMermaid } from '@gradlab/formula';
import type { DocumentBuilder } from './document';
import { drawTree, type TreeNode } from './tree';

/** The graph as a tree, output at the top, each node with its value and gradient (micrograd's draw_dot, in text). */
export function graphTree(solution: Solution): string {
  const { nodes, edges } = graph(solution);
  const inputsOf = new Map<number, number[]>();
  for (const edge of edges) inputsOf.set(edge.to, [...(inputsOf.get(edge.to) ?? []), edge.from]);
  const build = (id: number): TreeNode => {
    const node = nodes[id]!;
    const title = node.op === 'input' ? node.name : `${node.name} = ${node.definition}`;
    return {
      id: String(id),
      label: `${title}\t${formatValue(node.value)}\t${formatValue(node.grad)}`,
      children: (inputsOf.get(id) ?? []).map(build),
    };
  };
  const root = nodes[nodes.length - 1]!;
  const lines = drawTree(build(root.id)).split('\n');
  // Align the data and grad columns after the tree.
  const cells = lines.map((line) => line.split('\t'));
  const widths = [0, 1, 2].map((column) => Math.max(...cells.map((cell) => [...(cell[column] ?? '')].length)));
  const header = ['node', 'data', 'grad'];
  const padEnd = (text: string, width: number): string => text + ' '.repeat(width - [...text].length);
  const padStart = (text: string, width: number): string => ' '.repeat(width - [...text].length) + text;
  const w = widths.map((width, column) => Math.max(width, header[column]!.length));
  const format = (cell: string[]): string =>
    `${padEnd(cell[0] ?? '', w[0]!)}  ${padStart(cell[1] ?? '', w[1]!)}  ${padStart(cell[2] ?? '', w[2]!)}`.trimEnd();
  return [format(header), ...cells.map((cell) => (cell.length === 3 ? format(cell) : cell.join(' ')))].join('\n');
}

/** The graph: the terminal tree and, in Markdown, a Mermaid diagram. */
export function addGraph(doc: DocumentBuilder, solution: Solution): void {
  doc.code(graphTree(solution));
  doc.markdown(`\`\`\`mermaid\n${toMermaid(solution).trimEnd()}\n\`\`\``);
}

/** The forward table: one row per node in evaluation order. */
export function addForwardTable(doc: DocumentBuilder, solution: Solution): void {
  doc.table(
    [{ header: 'node' }, { header: 'definition' }, { header: 'expression' }, { header: 'value', align: 'right' }],
    forwardRows(solution).map((row) => [row.node, row.definition, row.expression, formatValue(row.value)]),
  );
}

/**
 * The backward table: one row per edge, from the output back, with the sums
 * where a node feeds several others; `output` names the function (`f`, or
 * `y` in Ex 1) in the header.
 */
export function addBackwardTable(doc: DocumentBuilder, solution: Solution, output = 'f'): void {
  doc.table(
    [
      { header: 'node' },
      { header: 'consumer' },
      { header: 'local derivative' },
      { header: 'local', align: 'right' },
      { header: 'upstream', align: 'right' },
      { header: 'contribution', align: 'right' },
      { header: `∂${output}/∂node`, align: 'right' },
    ],
    backwardRows(solution).map((row) => [
      row.node,
      row.consumer,
      row.local,
      formatValue(row.localValue),
      formatValue(row.upstream),
      formatValue(row.contribution),
      row.terms.length > 1
        ? `${row.terms.map(formatValue).join(' + ')} = ${formatValue(row.accumulated)}`
        : formatValue(row.accumulated),
    ]),
  );
}

/**
 * For each node that feeds several others, a sentence: which consumers, and
 * its gradient as the sum of their contributions, e.g. `x5 feeds v7 = v6 * x5
 * and v5 = v4 + x5, so ∂f/∂x5 is the sum of two contributions, one per edge: ...`; `output`
 * names the function (`f`, or `y` in Ex 1).
 *
 * @example
 * ```ts
 * fanOutSentences(solve('x1 * x2 + x1', [3, 4]))[0]; // 'x1 feeds v2 = v1 + x1 and v1 = x1 * x2, so ∂f/∂x1 is the sum of ...'
 * ```
 */
export function fanOutSentences(solution: Solution, output = 'f'): string[] {
  const rows = backwardRows(solution);
  const sentences: string[] = [];
  for (const node of solution.nodes) {
    const into = rows.filter((row) => row.node === node.name);
    if (into.length < 2) continue;
    // A consumer that uses the node twice (x1 * x1) is one consumer with two edges.
    const consumers = [...new Set(into.map((row) => row.consumer))].map((consumer) => {
      const definition = forwardRows(solution).find((forward) => forward.node === consumer)!.definition;
      const edges = into.filter((row) => row.consumer === consumer).length;
      return `${consumer} = ${definition}${edges > 1 ? ` (${edges === 2 ? 'twice' : `${edges} times`})` : ''}`;
    });
    const count = ['', 'one', 'two', 'three', 'four', 'five'][into.length] ?? String(into.length);
    const last = into.at(-1)!;
    const feeds = consumers.length === 1 ? consumers[0]! : `${consumers.slice(0, -1).join(', ')} and ${consumers.at(-1)!}`;
    sentences.push(
      `${node.name} feeds ${feeds}, so ∂${output}/∂${node.name} is the sum of ${count} contributions, one per edge: ` +
        `${into.map((row) => `${formatValue(row.contribution)} (through ${row.consumer})`).join(' + ')} = ${formatValue(last.accumulated)}.`,
    );
  }
  return sentences;
}

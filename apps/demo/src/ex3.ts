/**
 * Ex 3: a name -> the course's randomized formula and values -> the
 * computational graph -> forward table -> backward table -> the gradient from
 * the hand rules, autograd and finite differences. Values that break the
 * formula get the domain report and the proposed change, and the solution is
 * worked at the proposed values.
 */
import {
  backwardRows,
  courseTranscript,
  domainErrorJson,
  formatValue,
  forwardRows,
  graph,
  jsonNumber,
  randomFormula,
  type Solution,
  solve,
  toMermaid,
  toLatex,
  toPyTorchProgram,
  toSvg,
} from '@gradlab/formula';
import type { DemoOptions } from './args';
import { type Attachment, DocumentBuilder, type ExerciseResult } from './document';
import { compact as compactNumber, fixed, readable, scientific, vector } from './format';
import { drawTree, type TreeNode } from './tree';

/** The file name of the SVG graph written with `--out`. */
export const SVG_FILE = 'ex3-graph.svg';

/**
 * The `--json` object: what `gradlab-formula --json NAME` prints, so that the
 * two can be compared and recomputed with PyTorch.
 */
export interface Ex3Json {
  name: string;
  formula: string;
  values: (number | string)[];
  f: number | string;
  grad: (number | string)[];
  domainError: Record<string, unknown> | null;
}

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

/** Adds the graph, the two tables and the three-way check for a solution without domain problems. */
function workedSolution(doc: DocumentBuilder, solution: Solution): void {
  doc.heading('Computational graph');
  doc.paragraph(
    `At x = [${solution.values.join(', ')}]. One node per input and per operation, named in evaluation order; ` +
      'the output at the top, each node with its ' +
      'forward value (data) and its gradient ∂f/∂node (grad):',
  );
  doc.code(graphTree(solution));
  doc.markdown(`\`\`\`mermaid\n${toMermaid(solution).trimEnd()}\n\`\`\``);

  doc.heading('Forward pass');
  doc.table(
    [{ header: 'node' }, { header: 'definition' }, { header: 'expression' }, { header: 'value', align: 'right' }],
    forwardRows(solution).map((row) => [row.node, row.definition, row.expression, formatValue(row.value)]),
  );

  doc.heading('Backward pass');
  doc.paragraph(
    'From the output back to the inputs: each edge multiplies the upstream gradient ∂f/∂consumer by the local ' +
      'derivative ∂consumer/∂node; where a node feeds several others, the contributions add up.',
  );
  doc.table(
    [
      { header: 'node' },
      { header: 'consumer' },
      { header: 'local derivative' },
      { header: 'local', align: 'right' },
      { header: 'upstream', align: 'right' },
      { header: 'contribution', align: 'right' },
      { header: '∂f/∂node', align: 'right' },
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
  for (const kink of solution.kinks) {
    doc.paragraph(
      `Note: \`${kink.node} = ${kink.expression}\` is evaluated exactly at its kink (input 0), where it is not ` +
        `differentiable; the gradient uses PyTorch's convention (${kink.op === 'relu' ? "ReLU'(0) = 0" : "LeakyReLU'(0) = 0.01"}).`,
    );
  }

  doc.heading('Gradient, three ways');
  doc.table(
    [
      { header: 'partial' },
      { header: 'hand rules', align: 'right' },
      { header: 'autograd', align: 'right' },
      { header: 'finite diff.', align: 'right' },
      { header: 'largest gap', align: 'right' },
      { header: 'status' },
    ],
    solution.check.gradient.map((row) => {
      const fd = row.finiteDifference.value;
      const gaps = [Math.abs(row.hand - row.autograd)];
      if (row.status !== 'unchecked') gaps.push(Math.abs(fd - row.autograd));
      return [
        `∂f/∂${row.variable}`,
        row.hand.toFixed(8),
        row.autograd.toFixed(8),
        fd.toFixed(8),
        scientific(Math.max(...gaps)),
        row.status === 'unchecked' ? `unchecked: ${row.note.replace(/^not checked by finite differences: /, '')}` : row.status,
      ];
    }),
  );
  doc.code(`f = ${readable(solution.value)}\n∇f = ${vector(solution.gradient)}`);
  const unchecked = solution.check.gradient.filter((row) => row.status === 'unchecked').length;
  doc.check(
    solution.check.ok,
    solution.check.ok
      ? `the hand rules, autograd (float64) and finite differences agree${unchecked > 0 ? ` (${unchecked} partial${unchecked > 1 ? 's' : ''} not judged by finite differences, see the table)` : ''}`
      : `disagreements: ${solution.check.disagreements.join('; ')}`,
  );

  doc.heading('The same in PyTorch');
  doc.paragraph('To check by hand with PyTorch (the printed code has the formula\'s precedence right):');
  doc.code(toPyTorchProgram(solution.expr, solution.values, solution.variables).trimEnd(), 'python');
}

/** The homework's formula, and how the seed notebook transcribed it into PyTorch. */
const HOMEWORK_FORMULA = 'tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)';
const NOTEBOOK_TRANSCRIPTION = 'tan(relu(x1 * x2) - atan(x3 - x4) / x5)';

/**
 * The seed notebook typed `relu(..) - atan(..) / x5`, dividing only the second
 * term. Shows, with numbers, why it still printed the right values and where
 * it would not have.
 */
function notebookSlip(doc: DocumentBuilder, solution: Solution): void {
  const typed = solve(NOTEBOOK_TRANSCRIPTION, solution.values, solution.variables);
  const same =
    Math.abs(typed.value - solution.value) <= 1e-12 * Math.abs(solution.value) &&
    typed.gradient.every((value, index) => Math.abs(value - solution.gradient[index]!) <= 1e-12 * Math.max(1, Math.abs(value)));
  const [x1, x2] = solution.values as [number, number];
  const relu = Math.max(0, x1 * x2);
  // Values where the ReLU term is not 0, so that the two readings differ.
  const other = [2, 2, ...solution.values.slice(2, 4), 2];
  const right = solve(HOMEWORK_FORMULA, other, solution.variables);
  const wrong = solve(NOTEBOOK_TRANSCRIPTION, other, solution.variables);
  doc.heading('The notebook\'s transcription');
  doc.paragraph(
    'The notebook typed `torch.tan((x[0]*x[1]).relu() - (x[2] - x[3]).atan() / x[4])`, which divides only the ' +
      'arctan term by x5. ' +
      (same
        ? `At these values ReLU(x1 * x2) = ${compactNumber(relu)}, so both readings give the same f and the same gradient, and the slip went unnoticed`
        : 'At these values the two readings give different numbers') +
      `; at x = [${other.join(', ')}] the notebook's line would give f = ${fixed(wrong.value)} instead of ` +
      `${fixed(right.value)}, and ∂f/∂x5 = ${fixed(wrong.gradient[4]!)} instead of ${fixed(right.gradient[4]!)}. ` +
      'The PyTorch code above is printed from the formula\'s tree, so it cannot make that mistake.',
  );
}

/** Runs Ex 3 for `options.name`; the SVG is rendered only when `--out` asks for it. */
export async function run(options: Pick<DemoOptions, 'name' | 'outDir'>): Promise<ExerciseResult> {
  const doc = new DocumentBuilder();
  const name = options.name;
  const random = randomFormula(name);

  doc.heading(`The course's formula for "${name}"`);
  doc.paragraph(
    'What `utils/randomized_backpropagation_formula.py` writes when this name is typed at its prompt, byte for byte ' +
      '(the typed name itself is echoed by the terminal, not printed by the script):',
  );
  doc.code(courseTranscript(random).trimEnd());
  doc.paragraph('Everything below is gradlab\'s, not the script\'s.');
  doc.markdown(`$$\nf(\\mathbf{x}) = ${toLatex(random.expr)}\n$$`);

  const given = solve(random.expr, random.values);
  let solution: Solution | null = given;
  const domainError = given.domainError;
  if (domainError !== null) {
    doc.heading('Domain problem');
    doc.paragraph('At these values the formula is not finite or not differentiable:');
    doc.table(
      [{ header: 'node' }, { header: 'expression' }, { header: 'problem' }, { header: 'fed by' }],
      domainError.problems.map((problem) => [
        problem.node,
        problem.expression,
        problem.reason,
        problem.inputs.join(', ') || 'constants',
      ]),
    );
    const proposal = domainError.proposal;
    if (proposal !== null) {
      const change = proposal.changes.map((item) => `${item.variable} from ${item.from} to ${item.to}`).join(' and ');
      doc.paragraph(
        `Proposed change (the course asks to change such values): ${change}, giving x = [${proposal.values.join(', ')}]. ` +
          'The solution below is worked at these values.',
      );
      solution = solve(random.expr, proposal.values, given.variables);
    } else {
      doc.paragraph('No change of the responsible values within -5..5 (without 0) makes every node finite.');
      solution = null;
    }
  }
  if (solution !== null) {
    workedSolution(doc, solution);
    if (random.formula === HOMEWORK_FORMULA && solution.values.length === 5) notebookSlip(doc, solution);
  }

  const attachments: Attachment[] = [];
  if (options.outDir !== null && solution !== null) {
    attachments.push({ fileName: SVG_FILE, content: await toSvg(solution), description: 'Computational graph (SVG)' });
  }

  const json: Ex3Json = {
    name,
    formula: random.formula,
    values: random.values.map(jsonNumber),
    f: jsonNumber(given.value),
    grad: given.gradient.map(jsonNumber),
    domainError: domainErrorJson(given),
  };
  return { id: 'ex3', title: `Ex 3: the randomized formula for "${name}", by hand and checked`, blocks: doc.blocks, json, attachments, ok: doc.ok };
}

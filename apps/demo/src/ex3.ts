/**
 * Ex 3: a name -> the course's randomized formula and values -> the
 * computational graph -> forward table -> backward table -> the gradient from
 * the hand rules, autograd and finite differences. Values that break the
 * formula get the domain report and the proposed change, and the solution is
 * worked at the proposed values.
 */
import {
  courseTranscript,
  domainErrorJson,
  explainZeroGradient,
  jsonNumber,
  randomFormula,
  type Solution,
  solve,
  toLatex,
  toPyTorchProgram,
  toSvg,
  workedSolution,
} from '@gradlab/formula';
import type { DemoOptions } from './args';
import { type Attachment, DocumentBuilder, type ExerciseResult } from './document';
import { compact as compactNumber, fixed, readable, scientific, vector } from './format';
import { addBackwardTable, addForwardTable, addGraph, fanOutSentences } from './worked-tables';

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

/** Adds the graph, the two tables and the three-way check for a solution without domain problems. */
function addWorkedSolution(doc: DocumentBuilder, solution: Solution): void {
  doc.heading('Computational graph');
  doc.paragraph(
    `At x = [${solution.values.join(', ')}]. One node per input and per operation, named in evaluation order; ` +
      'the output at the top, each node with its ' +
      'forward value (data) and its gradient ∂f/∂node (grad):',
  );
  addGraph(doc, solution);

  doc.heading('Forward pass');
  addForwardTable(doc, solution);

  doc.heading('Backward pass');
  doc.paragraph(
    'From the output back to the inputs: each edge multiplies the upstream gradient ∂f/∂consumer by the local ' +
      'derivative ∂consumer/∂node; where a node feeds several others, the contributions add up.',
  );
  addBackwardTable(doc, solution);
  for (const sentence of fanOutSentences(solution)) doc.paragraph(sentence);
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
  const zero = explainZeroGradient(solution);
  if (zero !== null) doc.paragraph(zero);
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

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
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
  // Every view below (graph, tables, SVG) shows this one solution: the proposed values where the given ones fail.
  const worked = workedSolution(given);
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
      doc.paragraph(
        `Proposed change (the course asks to change such values): ${listed(proposal.changes.map((c) => `${c.variable} from ${c.from} to ${c.to}`))}, ` +
          `giving x = [${proposal.values.join(', ')}]. Among the changes of up to three values that make every node ` +
          'finite, gradlab prefers numbers that can be worked by hand (within 1e-6..1e6), a gradient that is not all ' +
          'zero, no ReLU at its kink, then the fewest and smallest changes. The solution below is worked at these values.',
      );
      for (const note of domainError.notes) doc.paragraph(note);
    } else {
      doc.paragraph(domainError.advice);
    }
  }
  const solvable = domainError === null || domainError.proposal !== null;
  if (solvable) {
    addWorkedSolution(doc, worked);
    if (random.formula === HOMEWORK_FORMULA && worked.values.length === 5) notebookSlip(doc, worked);
  }

  const attachments: Attachment[] = [];
  if (options.outDir !== null && solvable) {
    // Parentheses, not brackets: the description is a Markdown link text.
    attachments.push({ fileName: SVG_FILE, content: await toSvg(worked), description: `Computational graph (SVG) at x = (${worked.values.join(', ')})` });
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

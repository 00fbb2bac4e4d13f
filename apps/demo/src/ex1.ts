/**
 * Ex 1: y = log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5) at x = [1, 2, -1, 3, 5],
 * built with library ops only, as the notebook does; then the calculation by
 * hand as the homework means it (the computational graph, the forward table,
 * the backward table with x5's two contributions summed, from
 * @gradlab/formula); then each partial derivative in closed form, its value,
 * autograd's value and a finite difference, side by side.
 */
import { exp, log, noGrad, sin, type Tensor, tensor } from '@gradlab/autograd';
import { solve } from '@gradlab/formula';
import type { DType } from '@gradlab/tensor';
import { DocumentBuilder, type ExerciseResult } from './document';
import { fixed, scientific } from './format';
import { symbolicPartials } from './symbolic';
import { addBackwardTable, addForwardTable, addGraph, fanOutSentences } from './worked-tables';

/** The point of the exercise. */
export const X = [1, 2, -1, 3, 5] as const;

/** The formula as a student types it. */
export const FORMULA = 'log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)';

/** Step of the central differences (float64: truncation ~h^2, rounding ~1e-16/h). */
const STEP = 1e-6;

/** y from the elements of x, with the library's ops: the notebook's line. */
export function buildY(x: Tensor): Tensor {
  const [x1, x2, x3, x4, x5] = [0, 1, 2, 3, 4].map((index) => x.at(index)) as [Tensor, Tensor, Tensor, Tensor, Tensor];
  return log(exp(x1.mul(x2)).pow(2).add(sin(x3.add(x4).add(x5)).mul(x5)));
}

function valueAt(values: readonly number[], dtype: DType): number {
  return noGrad(() => buildY(tensor([...values], { dtype })).item());
}

/** Central finite differences of y in float64, one per variable. */
export function finiteDifferences(values: readonly number[], step = STEP): number[] {
  return values.map((_, index) => {
    const plus = [...values];
    const minus = [...values];
    plus[index] = values[index]! + step;
    minus[index] = values[index]! - step;
    return (valueAt(plus, 'float64') - valueAt(minus, 'float64')) / (2 * step);
  });
}

/** One row of the manual calculation. */
export interface ManualRow {
  variable: string;
  /** The partial derivative, simplified, in plain notation. */
  expression: string;
  /** The same in LaTeX. */
  latex: string;
  /** The expression evaluated in float64. */
  symbolic: number;
  /** Autograd's value (float32, as the notebook). */
  autograd: number;
  /** Central finite difference in float64. */
  finiteDifference: number;
}

/** The `--json` object of Ex 1. */
export interface Ex1Json {
  x: number[];
  y: number;
  grad: number[];
  manual: ManualRow[];
}

/** Runs Ex 1. */
export function run(): ExerciseResult {
  const doc = new DocumentBuilder();

  doc.heading('With autograd, as the notebook does');
  const x = tensor([...X], { requiresGrad: true });
  const y = buildY(x);
  y.backward();
  const grad = x.grad;
  if (grad === null) throw new Error('ex1: x.grad is null after backward()');
  doc.code(
    [
      `const x = tensor([${X.join(', ')}], { requiresGrad: true })`,
      'const [x1, x2, x3, x4, x5] = [0, 1, 2, 3, 4].map((i) => x.at(i))',
      'const y = log(exp(x1.mul(x2)).pow(2).add(sin(x3.add(x4).add(x5)).mul(x5)))',
      'y.backward()',
    ].join('\n'),
    'ts',
  );
  doc.code(`gradient ${grad.toString()}\ny ${y.toString()}`);

  const autogradValues = grad.toArray() as number[];
  const solution = solve(FORMULA, X);

  doc.heading('By hand: the computational graph');
  doc.paragraph(
    'What the homework means by hand: break y into one node per operation (x1..x5 the inputs, v1, v2, ... in the ' +
      'order they are computed), run the forward pass to get every node\'s value, then the backward pass from ' +
      '∂y/∂v9 = 1 down to the inputs. The graph, output at the top, each node with its value (data) and ∂y/∂node ' +
      '(grad). x5 is one node with two edges, so the tree shows it twice:',
  );
  addGraph(doc, solution);

  doc.heading('By hand: the forward pass');
  addForwardTable(doc, solution);

  doc.heading('By hand: the backward pass');
  doc.paragraph(
    'Each row is one edge of the graph, visited from the output back: the local derivative ∂consumer/∂node, its ' +
      'value, the upstream gradient ∂y/∂consumer, their product (the contribution), and ∂y/∂node so far:',
  );
  addBackwardTable(doc, solution, 'y');
  for (const sentence of fanOutSentences(solution, 'y')) doc.paragraph(sentence);
  const tableGap = Math.max(...solution.gradient.map((value, index) => Math.abs(value - autogradValues[index]!)));
  doc.check(
    solution.check.ok && tableGap <= 1e-5 * Math.max(1, ...solution.gradient.map(Math.abs)),
    `the tables' ∂y/∂x1..∂y/∂x5 (float64) are autograd's above: largest difference ${scientific(tableGap)} (float32 rounding)`,
  );

  doc.heading('In closed form: the partial derivatives');
  const partials = symbolicPartials(FORMULA, X);
  const differences = finiteDifferences(X);
  const manual: ManualRow[] = partials.map((partial, index) => ({
    variable: partial.variable,
    expression: partial.expression,
    latex: partial.latex,
    symbolic: partial.value,
    autograd: autogradValues[index]!,
    finiteDifference: differences[index]!,
  }));
  doc.paragraph(`y = \`${FORMULA}\` at x = [${X.join(', ')}]. Each partial derivative, simplified:`);
  doc.code(manual.map((row) => `∂y/∂${row.variable} = ${row.expression}`).join('\n'));
  doc.markdown(
    `$$\n\\begin{aligned}\n${manual
      .map((row) => `\\frac{\\partial y}{\\partial ${row.variable.replace(/^x(\d+)$/, 'x_{$1}')}} &= ${row.latex}`)
      .join(' \\\\\n')}\n\\end{aligned}\n$$`,
  );
  doc.paragraph(
    'Their values at x, next to autograd\'s (float32, as the notebook) and central finite differences ' +
      `(float64, step ${scientific(STEP, 0)}); Δ is the absolute difference from the value by hand (float64):`,
  );
  doc.table(
    [
      { header: 'partial' },
      { header: 'by hand', align: 'right' },
      { header: 'autograd', align: 'right' },
      { header: 'finite diff.', align: 'right' },
      { header: 'Δ autograd', align: 'right' },
      { header: 'Δ finite diff.', align: 'right' },
    ],
    manual.map((row) => [
      `∂y/∂${row.variable}`,
      row.symbolic.toFixed(8),
      row.autograd.toFixed(8),
      row.finiteDifference.toFixed(8),
      scientific(Math.abs(row.symbolic - row.autograd)),
      scientific(Math.abs(row.symbolic - row.finiteDifference)),
    ]),
  );
  const autogradGap = Math.max(...manual.map((row) => Math.abs(row.symbolic - row.autograd)));
  const differenceGap = Math.max(...manual.map((row) => Math.abs(row.symbolic - row.finiteDifference)));
  const scale = Math.max(1, ...manual.map((row) => Math.abs(row.symbolic)));
  doc.check(
    autogradGap <= 1e-5 * scale,
    `by hand vs autograd: largest difference ${scientific(autogradGap)} (float32 rounding)`,
  );
  doc.check(
    differenceGap <= 1e-6 * scale,
    `by hand vs finite differences: largest difference ${scientific(differenceGap)}`,
  );
  const yValue = y.item();
  doc.paragraph(
    `So the calculation by hand confirms autograd: \`y = ${fixed(yValue)}\`, ` +
      `\`∇y = [${manual.map((row) => fixed(row.symbolic)).join(', ')}]\`.`,
  );

  const json: Ex1Json = { x: [...X], y: yValue, grad: autogradValues, manual };
  return { id: 'ex1', title: 'Ex 1: backpropagation, by autograd and by hand', blocks: doc.blocks, json, attachments: [], ok: doc.ok };
}

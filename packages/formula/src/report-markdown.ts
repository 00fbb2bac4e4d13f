/**
 * The worked solution as Markdown: tables, and the computational graph as a
 * Mermaid block (GitHub and most Markdown previews draw it).
 */
import { formatValue } from './format';
import { toMermaid } from './graph';
import { toDisplay } from './printers';
import {
  accumulatedText,
  backwardRows,
  checkLines,
  checkRows,
  domainLines,
  float32Line,
  forwardRows,
  kinkLines,
  notationLines,
  pytorchLines,
  residueNotes,
  zeroGradientLines,
} from './report-rows';
import { roundingResidues, shown } from './residue';
import type { Solution } from './solve';

const partial = (name: string): string => `∂f/∂${name}`;
const mdEscape = (s: string): string => s.replace(/\|/g, '\\|').replace(/\*/g, '\\*').replace(/_/g, '\\_');
const mdTable = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];
const code = (s: string): string => `\`${s}\``;

/** The solution as Markdown; `proposed` is the solution at the proposed values, shown after the domain problem. */
export function markdownSolution(solution: Solution, proposed: Solution | null): string {
  const out: string[] = [];
  const pytorch = pytorchLines(solution);
  out.push(`**f(X) =** ${code(solution.formula)}`);
  out.push('');
  out.push(`**at** ${solution.variables.map((name, i) => `${name} = ${formatValue(solution.values[i]!)}`).join(', ')}`);
  out.push('');
  out.push('PyTorch (float64):');
  out.push('');
  out.push('```python');
  out.push(pytorch.code);
  out.push('```');
  out.push('');
  if (!proposed) out.push(mdEscape(pytorch.dtype), '');
  if (solution.domainError) {
    const [head, ...rest] = domainLines(solution);
    out.push(`> **${head!}**`, '>');
    for (const line of rest) out.push(`> ${mdEscape(line.trim())}`, '>');
    out.pop();
    out.push('');
    if (proposed) return `${out.join('\n')}\n${markdownSolution(proposed, null)}`;
  }
  const residues = roundingResidues(solution);
  const notes = residueNotes(solution, residues);
  out.push('### Computational graph', '');
  out.push('```mermaid', toMermaid(solution).trimEnd(), '```', '');
  out.push('### Forward pass', '');
  out.push(
    ...mdTable(
      ['node', 'definition', 'expression', 'value'],
      forwardRows(solution, residues).map((r) => [r.node, code(r.definition), code(r.expression), shown(r.value, r.residue)]),
    ),
  );
  if (notes.forward) out.push('', mdEscape(notes.forward));
  out.push('');
  out.push(`### Backward pass`, '');
  out.push(
    ...mdTable(
      ['edge', 'local derivative', 'value', 'upstream', 'contribution', 'accumulated'],
      backwardRows(solution, residues).map((r) => [
        `${r.consumer} → ${r.node}`,
        code(`∂${r.consumer}/∂${r.node} = ${r.local}`),
        shown(r.localValue, r.residues.local),
        `${partial(r.consumer)} = ${shown(r.upstream, r.residues.upstream)}`,
        shown(r.contribution, r.residues.contribution),
        `${partial(r.node)} = ${accumulatedText(r)}`,
      ]),
    ),
  );
  if (notes.backward) out.push('', mdEscape(notes.backward));
  out.push('');
  const output = solution.nodes[solution.nodes.length - 1]!;
  out.push('### Gradient', '');
  out.push(
    `∇f = [${solution.gradient.map((g, i) => shown(g, residues.grads[i]!)).join(', ')}]${solution.domainError ? ' (not defined at these values: see above)' : ''}, ` +
      `f = ${shown(solution.value, residues.values[output.id]!)}`,
  );
  if (notes.gradient) out.push('', mdEscape(notes.gradient));
  for (const line of zeroGradientLines(solution)) out.push('', mdEscape(line));
  out.push('', mdEscape(float32Line(solution)));
  for (const line of kinkLines(solution)) out.push('', `> ${mdEscape(line)}`);
  out.push('');
  out.push('### Cross-check', '');
  out.push(
    ...mdTable(
      ['partial', 'autograd', 'hand rules', 'symbolic', 'finite differences', 'check'],
      checkRows(solution, residues).map((r) => [partial(r.variable), r.autograd, r.hand, r.symbolic, r.finiteDifference, r.status]),
    ),
  );
  out.push('');
  out.push(...checkLines(solution).map((l) => (l.startsWith('  ') ? `- ${mdEscape(l.trim())}` : mdEscape(l))));
  out.push('');
  out.push('### Symbolic gradient', '');
  solution.symbolic.forEach((g, i) => out.push(`- ${partial(solution.variables[i]!)} = ${code(toDisplay(g))}`));
  const notation = notationLines(solution);
  if (notation.length > 0) out.push('', ...notation.map((line) => `_${mdEscape(line)}_`));
  return `${out.join('\n')}\n`;
}

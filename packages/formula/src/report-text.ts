/**
 * The worked solution as plain text (monospace tables), for a terminal.
 */
import { formatValue } from './format';
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

/** Pads columns to a common width (counting code points). */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const width = (s: string): number => Array.from(s).length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c)))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** The solution as text; `proposed` is the solution at the proposed values, shown after the domain problem. */
export function textSolution(solution: Solution, proposed: Solution | null): string {
  const out: string[] = [];
  const pytorch = pytorchLines(solution);
  out.push(`f(X) = ${solution.formula}`);
  out.push(`at ${solution.variables.map((name, i) => `${name} = ${formatValue(solution.values[i]!)}`).join(', ')}`);
  out.push(`PyTorch (float64): ${pytorch.code}`);
  if (!proposed) out.push(`  ${pytorch.dtype}`);
  out.push('');
  if (solution.domainError) {
    out.push(...domainLines(solution));
    if (proposed) return `${out.join('\n')}\n\n${textSolution(proposed, null)}`;
    out.push('');
  }
  const residues = roundingResidues(solution);
  const notes = residueNotes(solution, residues);
  out.push('Forward pass');
  out.push(...table(['node', 'definition', 'expression', 'value'], forwardRows(solution, residues).map((r) => [r.node, r.definition, r.expression, shown(r.value, r.residue)])));
  if (notes.forward) out.push(notes.forward);
  out.push('');
  const output = solution.nodes[solution.nodes.length - 1]!;
  out.push(`Backward pass (${partial(output.name)} = 1)`);
  out.push(
    ...table(
      ['edge', 'local derivative', 'value', 'upstream', 'contribution', 'accumulated'],
      backwardRows(solution, residues).map((r) => [
        `${r.consumer} -> ${r.node}`,
        `∂${r.consumer}/∂${r.node} = ${r.local}`,
        shown(r.localValue, r.residues.local),
        `${partial(r.consumer)} = ${shown(r.upstream, r.residues.upstream)}`,
        shown(r.contribution, r.residues.contribution),
        `${partial(r.node)} = ${accumulatedText(r)}`,
      ]),
    ),
  );
  if (notes.backward) out.push(notes.backward);
  out.push('');
  const outputResidue = residues.values[output.id]!;
  out.push('Gradient (autograd, float64)');
  out.push(
    `∇f = [${solution.gradient.map((g, i) => shown(g, residues.grads[i]!)).join(', ')}]${solution.domainError ? '  (not defined at these values: see above)' : ''}`,
  );
  out.push(`f = ${shown(solution.value, outputResidue)}`);
  if (notes.gradient) out.push(notes.gradient);
  out.push(...zeroGradientLines(solution));
  out.push(float32Line(solution));
  out.push(...kinkLines(solution));
  out.push('');
  out.push('Cross-check');
  out.push(
    ...table(
      ['', 'autograd', 'hand rules', 'symbolic', 'finite differences', 'check'],
      checkRows(solution, residues).map((r) => [partial(r.variable), r.autograd, r.hand, r.symbolic, r.finiteDifference, r.status]),
    ),
  );
  out.push(...checkLines(solution));
  out.push('');
  out.push('Symbolic gradient');
  solution.symbolic.forEach((g, i) => out.push(`${partial(solution.variables[i]!)} = ${toDisplay(g)}`));
  const notation = notationLines(solution);
  if (notation.length > 0) out.push('', ...notation);
  return `${out.join('\n')}\n`;
}

/**
 * The worked solution as a complete LaTeX document for pdflatex: article
 * class on A4, packages from texlive-latex-base, -latex-recommended (which
 * -latex-extra pulls in) and -pictures only, in Computer Modern (no font
 * package: lmodern is only recommended by texlive-base, and CI installs
 * without recommendations); the computational graph as TikZ
 * from the Graphviz layout; long formulas broken into lines that stay inside
 * the page; the backward table's fractions at full size with room around them.
 */
import type { Expr } from './ast';
import { formatValue } from './format';
import type { GraphLayout } from './graph-layout';
import { latexLines } from './latex-lines';
import { latexText } from './latex-text';
import { latexWidth } from './latex-width';
import { latexName, toLatex } from './printers';
import {
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
  type BackwardRow,
} from './report-rows';
import { isResidue, roundingResidues } from './residue';
import type { Solution } from './solve';
import { tikzPicture } from './tikz';

/** The text width of the document (`a4paper, margin=2cm`, 11 pt), in TeX points. */
const TEXT_WIDTH = 483.69;
/** `\tabcolsep` of the article class. */
const COLUMN_SEPARATION = 6;

/**
 * A number as printed (formatValue's 6 significant digits) as LaTeX maths:
 * `-1.5`, `1.22465 \cdot 10^{-16}`, `\mathrm{NaN}`, `\infty`. A long integer
 * (2353850000000000000) is written `2.35385 \cdot 10^{18}`: the same digits,
 * in a width a table column can hold.
 */
function mathValue(text: string): string {
  const long = /^-?\d{8,}$/.test(text) ? Number(text).toExponential(5).replace(/\.?0+e/, 'e') : text;
  const match = /^(-?[\d.]+)e([+-]\d+)$/.exec(long);
  if (match) return `${match[1]!} \\cdot 10^{${Number(match[2])}}`;
  return text === 'nan' ? '\\mathrm{NaN}' : text.replace('inf', '\\infty');
}
/** A value as LaTeX maths; a rounding residue as 0. */
const latexValue = (value: number, residue = false): string => (residue ? '0' : mathValue(formatValue(value)));
const dpartial = (a: string, b: string): string => `\\dfrac{\\partial ${latexName(a)}}{\\partial ${latexName(b)}}`;
const partial = (a: string, b: string): string => `\\frac{\\partial ${latexName(a)}}{\\partial ${latexName(b)}}`;
const paragraph = (text: string): string => `${latexText(text)}\n`;

/**
 * `lhs = expr (= value)` as lines for `align*` that fit the text width: the
 * formula broken at its sums and products where it is too wide.
 */
function equationLines(lhs: string, expr: Expr, value: string | null): string {
  const left = latexWidth(lhs);
  const first = TEXT_WIDTH - left - latexWidth('{}={}');
  const rest = TEXT_WIDTH - left - latexWidth('\\qquad');
  const lines = latexLines(expr, { first, rest });
  const out = lines.map((line, i) => (i === 0 ? `${lhs} &= ${line}` : `&\\qquad ${line}`));
  if (value !== null) {
    // The value after the last line where it fits, else on a line of its own.
    const room = (lines.length === 1 ? first : rest) / 1.06;
    if (latexWidth(`${lines.at(-1)!} = ${value}`) <= room) out[out.length - 1] += ` = ${value}`;
    else out.push(`&= ${value}`);
  }
  return out.join(' \\\\\n');
}
const equation = (lhs: string, expr: Expr): string[] => ['\\begin{align*}', equationLines(lhs, expr, null), '\\end{align*}'];

/** `lhs &= (a, b, c, ...)` for `align*`, continued on further lines where the entries do not fit one. */
function vectorLines(lhs: string, entries: readonly string[]): string {
  const budget = (TEXT_WIDTH - latexWidth(lhs) - latexWidth('{}={}') - latexWidth('\\qquad')) / 1.05;
  const lines: string[][] = [[]];
  for (const entry of entries) {
    const line = lines.at(-1)!;
    if (line.length > 0 && latexWidth(`(${[...line, entry].join(', ')}),`) > budget) lines.push([entry]);
    else line.push(entry);
  }
  return lines.map((line, i) => `${i === 0 ? `${lhs} &= (` : '&\\qquad '}${line.join(', ')}${i === lines.length - 1 ? ')' : ','}`).join(' \\\\\n');
}

/** The font sizes a table may take: the command, the size relative to the 10.95 pt text, and \tabcolsep. */
const TABLE_SIZES: readonly [string, number, number][] = [
  ['', 1, COLUMN_SEPARATION],
  ['\\small', 10 / 10.95, COLUMN_SEPARATION],
  ['\\footnotesize', 9 / 10.95, COLUMN_SEPARATION],
  ['\\scriptsize', 8 / 10.95, COLUMN_SEPARATION],
  ['\\scriptsize\\setlength{\\tabcolsep}{2pt}', 8 / 10.95, 2],
  ['\\tiny\\setlength{\\tabcolsep}{2pt}', 6 / 10.95, 2],
];
/** Estimated widths are trusted to within this factor (see latex-width.ts). */
const TABLE_SAFETY = 1.04;

/**
 * The largest font size at which columns of the given widths (at 10.95 pt)
 * fit the text width, with room for a ragged-right column of at least
 * `flexible` points (0 for none); and that column's width.
 */
function tableSize(widths: readonly number[], flexible = 0): { readonly size: string; readonly flexible: number } {
  const columns = widths.length + (flexible > 0 ? 1 : 0);
  for (const [size, factor, separation] of TABLE_SIZES) {
    const used = widths.reduce((a, b) => a + b, 0) * factor * TABLE_SAFETY + 2 * separation * columns;
    if (used + flexible <= TEXT_WIDTH || size === TABLE_SIZES.at(-1)![0]) return { size, flexible: Math.max(flexible, TEXT_WIDTH - used) };
  }
  throw new Error('unreachable');
}

/** A cell's width: its widest line (an `aligned` cell has several). */
function cellWidth(cell: string): number {
  const style = cell.includes('\\displaystyle') || cell.includes('{aligned}') ? 'D' : 'T';
  const math = cell
    .replace(/^\$|\$$/g, '')
    .replace(/\\(begin|end)\{aligned\}(\[t\])?/g, '')
    .replace(/\\rule\[[^\]]*\]\{0pt\}\{0pt\}/g, '')
    .replace(/\\displaystyle/g, '');
  return Math.max(...math.split('\\\\').map((line) => latexWidth(line.replace(/&/g, ''), style)));
}
/** The widest cell of each column, the header's included. */
const columnWidths = (header: readonly string[], rows: readonly (readonly string[])[]): number[] =>
  header.map((h, i) => Math.max(latexWidth(`\\text{${h}}`), ...rows.map((r) => cellWidth(r[i]!))));

/**
 * A table that may break across pages (longtable, texlive-latex-base), at the
 * largest font size that fits the text width, rows stretched by `stretch`.
 */
function longTable(columns: string, header: readonly string[], rows: readonly (readonly string[])[], size: string, stretch: number): string[] {
  return [
    `{\\renewcommand{\\arraystretch}{${stretch}}${size}`,
    `\\begin{longtable}{${columns}}`,
    '\\toprule',
    `${header.join(' & ')} \\\\`,
    '\\midrule',
    '\\endhead',
    ...rows.map((row) => `${row.join(' & ')} \\\\`),
    '\\bottomrule',
    '\\end{longtable}}',
    '',
  ];
}

/** The accumulated gradient's cell: `∂f/∂x5 = 0.0113502 + 0.0651228` over `= 0.0764731` where several edges add up. */
function accumulatedCell(row: BackwardRow): string {
  const total = latexValue(row.accumulated, row.residues.accumulated);
  const name = `\\dfrac{\\partial f}{\\partial ${latexName(row.node)}}`;
  if (row.terms.length === 1) return `$${name} = ${total}$`;
  const terms = row.terms.map((t, i) => latexValue(t, row.residues.terms[i]!));
  // Two terms a line, so that a node feeding many others stays narrow.
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 2) lines.push(terms.slice(i, i + 2).join(' + '));
  // Top-aligned, so that its first line sits with the row; the strut gives the lines below room.
  const room = `\\rule[-${4.2 * lines.length}ex]{0pt}{0pt}`;
  return `$\\begin{aligned}[t] ${name} &= ${lines.join(' \\\\ &\\quad + ')} \\\\ &= ${total}\\end{aligned}${room}$`;
}

/** The body of the document for one solution (and the proposed one after a domain problem). */
function body(solution: Solution, proposed: Solution | null, graph: GraphLayout | null, heading: string): string[] {
  const out: string[] = [];
  out.push(`\\section*{${latexText(heading)}}`);
  out.push(...equation('f(\\mathbf{x})', solution.expr));
  out.push(`\\[ \\mathbf{x} = (${solution.variables.map(latexName).join(', ')}) = (${solution.values.map((v) => latexValue(v)).join(', ')}) \\]`);
  const pytorch = pytorchLines(solution);
  // NOTE: a typewriter font's spaces do not stretch: ragged right, or a long line runs into the margin.
  out.push('PyTorch (float64):\n', `{\\raggedright\\small\\ttfamily\\hangindent=2em\\hangafter=1 ${latexText(pytorch.code)}\\par}\n`);
  if (!proposed) out.push(paragraph(pytorch.dtype));
  if (solution.domainError) {
    const [head, ...rest] = domainLines(solution);
    out.push(`\\paragraph{${latexText(head!)}}`);
    out.push(`\\begin{itemize}`, ...rest.slice(0, -1).map((line) => `\\item ${latexText(line.trim())}`), `\\end{itemize}`);
    out.push(paragraph(rest.at(-1)!));
    if (proposed) return [...out, ...body(proposed, null, graph, 'Worked solution at the proposed values')];
  }
  const residues = roundingResidues(solution);
  const notes = residueNotes(solution, residues);

  if (graph) {
    // A float: LaTeX puts the (page-sized) drawing where it fits and keeps the tables flowing.
    out.push('\\begin{figure}[!htbp]', '\\centering', tikzPicture(graph).trimEnd());
    out.push(
      `\\caption{The computational graph: each box shows a node's definition, its value (data) and ${latexText('∂f/∂node')} (grad); each ellipse is an operation.}`,
      '\\end{figure}',
    );
  } else {
    out.push(paragraph("The drawing of the computational graph needs its Graphviz layout: renderDocument(solution, 'latex') includes it."));
  }

  out.push('\\subsection*{Forward pass}');
  const forward = forwardRows(solution, residues).map((r) => [
    `$${latexName(r.node)}$`,
    `$\\displaystyle ${r.definitionLatex}$`,
    `$${latexValue(r.value, r.residue)}$`,
  ]);
  const forwardHeader = ['Node', 'Definition', 'Value'];
  out.push(...longTable('lll', forwardHeader, forward, tableSize(columnWidths(forwardHeader, forward)).size, 1.9));
  if (notes.forward) out.push(paragraph(notes.forward));

  const output = solution.nodes[solution.nodes.length - 1]!;
  out.push('\\subsection*{Backward pass}');
  out.push(paragraph(`From the output down, one row per edge: upstream gradient times local derivative is the edge's contribution; ∂f/∂${output.name} = 1.`));
  const backward = backwardRows(solution, residues).map((r) => [
    `$\\displaystyle ${dpartial(r.consumer, r.node)} = ${r.localLatex}$`,
    `$${latexValue(r.localValue, r.residues.local)}$`,
    `$${dpartial('f', r.consumer)} = ${latexValue(r.upstream, r.residues.upstream)}$`,
    `$${latexValue(r.contribution, r.residues.contribution)}$`,
    accumulatedCell(r),
  ]);
  // NOTE: \dfrac keeps the partial derivatives at full size, and the stretched rows give them room.
  const backwardHeader = ['Local derivative', 'Value', 'Upstream', 'Contribution', 'Accumulated'];
  out.push(...longTable('lllll', backwardHeader, backward, tableSize(columnWidths(backwardHeader, backward)).size, 2.6));
  if (notes.backward) out.push(paragraph(notes.backward));

  out.push('\\subsection*{Gradient}');
  const gradient = solution.gradient.map((g, i) => latexValue(g, residues.grads[i]!));
  out.push('\\begin{align*}', `${vectorLines('\\nabla f(\\mathbf{x})', gradient)}, \\\\`, `f(\\mathbf{x}) &= ${latexValue(solution.value, residues.values[output.id]!)}`, '\\end{align*}');
  if (notes.gradient) out.push(paragraph(notes.gradient));
  for (const line of zeroGradientLines(solution)) out.push(paragraph(line));
  out.push(paragraph(float32Line(solution)));
  for (const line of kinkLines(solution)) out.push(paragraph(line));

  out.push('\\subsection*{Cross-check}');
  const check = checkRows(solution, residues).map((r) => [
    `$${dpartial('f', r.variable)}$`,
    `$${mathValue(r.autograd)}$`,
    `$${mathValue(r.hand)}$`,
    `$${mathValue(r.symbolic)}$`,
    `$${r.finiteDifference.split(' ± ').map(mathValue).join(' \\pm ')}$`,
    latexText(r.status),
  ]);
  // The last column (why a partial is unchecked) wraps: it takes what the numbers leave, at least 3 cm.
  const checkHeader = ['', 'Autograd', 'Hand rules', 'Symbolic', 'Finite differences', 'Check'];
  const fit = tableSize(columnWidths(checkHeader.slice(0, 5), check), 85);
  const statusWidth = Math.max(...[checkHeader[5]!, ...check.map((r) => r[5]!)].map((text) => latexWidth(`\\text{${text}}`)));
  out.push(
    ...longTable(
      `lllll>{\\raggedright\\arraybackslash}p{${Math.min(fit.flexible - 1, statusWidth + 2).toFixed(1)}pt}`,
      checkHeader,
      check,
      fit.size,
      2.6,
    ),
  );
  for (const line of checkLines(solution)) out.push(paragraph(line.trim()));

  out.push('\\subsection*{Symbolic gradient}');
  const partials = solution.symbolic.map((g, i) => {
    const value = solution.check.gradient[i]!.symbolic;
    return equationLines(partial('f', solution.variables[i]!), g, latexValue(value, isResidue(value, residues.gradScales[i]!)));
  });
  out.push('\\begin{align*}', partials.join(' \\\\[2.5ex]\n'), '\\end{align*}');
  for (const line of notationLines(solution)) out.push(paragraph(line));
  return out;
}

/** Options of the LaTeX document. */
export interface LatexOptions {
  /** The graph's print layout, from `await graphLayout(workedSolution(solution), { layout: 'print' })`. */
  readonly graph?: GraphLayout | null;
}

/** The complete document. */
export function latexDocument(solution: Solution, proposed: Solution | null, options: LatexOptions = {}): string {
  return [
    '% gradlab worked solution: compile with pdflatex (TeX Live: texlive-latex-base, texlive-latex-extra, texlive-pictures).',
    '\\documentclass[11pt,a4paper]{article}',
    '\\usepackage[a4paper,margin=2cm]{geometry}',
    '\\usepackage{amsmath}',
    '\\usepackage{array}',
    '\\usepackage{booktabs}',
    '\\usepackage{longtable}',
    '\\usepackage{xcolor}',
    '\\usepackage{tikz}',
    '\\allowdisplaybreaks',
    // NOTE: the default \\textbullet is a TS1 glyph, which pdflatex would draw as a bitmap font.
    '\\renewcommand{\\labelitemi}{$\\bullet$}',
    '\\setcounter{LTchunksize}{500}',
    '\\setlength{\\parindent}{0pt}',
    '\\setlength{\\parskip}{0.6\\baselineskip}',
    '\\begin{document}',
    // NOTE: ragged right: a long unbreakable token (a value, a name) must not push a justified line into the margin.
    '\\raggedright',
    ...body(solution, proposed, options.graph ?? null, 'Backpropagation: worked solution'),
    '\\end{document}',
    '',
  ].join('\n');
}

/**
 * What an instructor hands out and grades with: per-student handouts (the
 * course script's output, a blank computational graph, blank forward and
 * backward tables) as printable HTML and as a LaTeX document, and the answer
 * key as a printable HTML page.
 */
import type { AnswerKey, KeyEntry } from './answer-key';
import { gradingTolerance, roundTo, toleranceRule } from './answer-key';
import { formatValue } from './format';
import type { PrintArea } from './graph-layout';
import { toDisplay } from './printers';
import { courseOutput } from './randomizer';
import type { Solution } from './solve';
import { invalid, requireMade, requireOptions } from './guards';

function requireEntries(entries: unknown, graphs: unknown, fn: string): void {
  if (!Array.isArray(entries)) throw invalid(fn, 'entries', "an array of an AnswerKey's entries", entries);
  entries.forEach((entry, i) => requireMade('keyEntry', entry, fn, `entries[${i}]`));
  if (!Array.isArray(graphs)) throw invalid(fn, 'graphs', 'an array of strings or nulls', graphs);
  graphs.forEach((graph, i) => {
    if (graph !== null && typeof graph !== 'string') throw invalid(fn, `graphs[${i}]`, 'a string or null', graph);
  });
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const PAGE_CSS = `
@page { size: A4; margin: 16mm; }
body { font: 11pt/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #111; max-width: 190mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 16pt; margin: 0 0 4mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; }
pre { font: 10pt/1.4 ui-monospace, Menlo, Consolas, monospace; background: #f4f5f8; border: 1px solid #ccc; padding: 3mm 4mm; white-space: pre-wrap; }
table { border-collapse: collapse; margin: 2mm 0; }
th, td { border: 1px solid #888; padding: 1.5mm 3mm; text-align: left; }
td.blank { width: 45mm; height: 7mm; }
td.num { text-align: right; font-variant-numeric: tabular-nums; font-family: ui-monospace, Menlo, Consolas, monospace; }
.tables { display: flex; gap: 10mm; flex-wrap: wrap; align-items: flex-start; }
.graph svg { max-width: 100%; height: auto; max-height: 120mm; }
.muted { color: #555; }
.student { break-after: page; }
.student:last-child { break-after: auto; }
@media print { body { padding: 0; } }
`;

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${escapeHtml(title)}</title>\n<style>${PAGE_CSS}</style>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

/** Options of the handouts. */
export interface HandoutOptions {
  /** The blank computational graph as SVG markup (no values), or null to leave space to draw it. */
  readonly graphSvg?: string | null;
}

function handoutSection(entry: KeyEntry, options: HandoutOptions): string {
  const s = entry.worked;
  const changed = entry.worked !== entry.given;
  const ops = s.nodes.filter((n) => n.op !== 'input');
  const output = s.nodes[s.nodes.length - 1]!;
  const gradRows = s.nodes.filter((n) => n !== output);
  const graph = options.graphSvg ? `<div class="graph">${options.graphSvg}</div>` : '<p class="muted">Draw the computational graph here.</p><div style="height:70mm"></div>';
  return `<section class="student">
<h1>Backpropagation by hand: ${escapeHtml(entry.name)}</h1>
<p class="muted">What <code>utils/randomized_backpropagation_formula.py</code> prints for your name:</p>
<pre>${escapeHtml(courseOutput(entry).replace(/^\n+/, ''))}</pre>
${
  changed
    ? `<p><strong>These values make the formula undefined</strong> (${escapeHtml(entry.given.domainError!.message)}). Work with x = [${s.values.map(formatValue).join(', ')}] instead, as the script's note says.</p>`
    : ''
}
<h2>1. The computational graph</h2>
${graph}
<h2>2. Forward pass, then 3. backward pass</h2>
<p class="muted">Number the operations v1, v2, … in evaluation order (left operand first). Keep at least 4 significant digits in intermediate results.</p>
<div class="tables">
<table><thead><tr><th>node</th><th>operation</th><th>value</th></tr></thead><tbody>
${ops.map((n) => `<tr><td>${n.name}</td><td class="blank"></td><td class="blank"></td></tr>`).join('\n')}
</tbody></table>
<table><thead><tr><th>node</th><th>∂f/∂node</th></tr></thead><tbody>
<tr><td>${output.name}</td><td class="num">1</td></tr>
${gradRows
  .slice()
  .reverse()
  .map((n) => `<tr><td>${n.name}</td><td class="blank"></td></tr>`)
  .join('\n')}
</tbody></table>
</div>
<h2>4. The gradient</h2>
<p>∇f(X) = [ ${s.variables.map(() => '<span style="display:inline-block;width:25mm;border-bottom:1px solid #888">&nbsp;</span>').join(' , ')} ]</p>
</section>`;
}

/**
 * One student's handout as a printable HTML page (A4).
 *
 * @example
 * ```ts
 * handoutHtml(answerKey(['Francesco Tomba']).entries[0]);
 * ```
 */
export function handoutHtml(entry: KeyEntry, options: HandoutOptions = {}): string {
  requireMade('keyEntry', entry, 'handoutHtml', 'entry');
  requireOptions(options, 'handoutHtml');
  return page(`Backpropagation by hand: ${entry.name}`, handoutSection(entry, options));
}

/** Every student's handout in one printable HTML file, a page each. */
export function handoutsHtml(entries: readonly KeyEntry[], graphs: readonly (string | null)[] = []): string {
  requireEntries(entries, graphs, 'handoutsHtml');
  return page('Backpropagation by hand: handouts', entries.map((e, i) => handoutSection(e, { graphSvg: graphs[i] ?? null })).join('\n'));
}

const latexText = (s: string): string =>
  s
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([&%$#_{}])/g, '\\$1')
    .replace(/\^/g, '\\^{}')
    .replace(/~/g, '\\~{}');

/** LaTeX for verbatim course output: the script's ∇ and √ need pdflatex's help. */
// NOTE: Computer Modern in OT1, as the worked solution's document: lmodern is only a recommendation of
// texlive-base (missing where CI installs without recommendations), and T1 without it is a bitmap font.
const LATEX_PREAMBLE = [
  '% gradlab handouts: compile with pdflatex (TeX Live: texlive-latex-base, texlive-latex-extra, texlive-pictures).',
  '\\documentclass[11pt,a4paper]{article}',
  '\\usepackage[margin=18mm]{geometry}',
  '\\usepackage{amsmath,amssymb}',
  '\\usepackage{array}',
  '\\usepackage{fancyvrb}',
  '\\usepackage{newunicodechar}',
  '\\newunicodechar{∇}{\\ensuremath{\\nabla}}',
  '\\newunicodechar{√}{\\ensuremath{\\surd}}',
  '\\newunicodechar{∂}{\\ensuremath{\\partial}}',
  '\\setlength{\\parindent}{0pt}',
  '\\renewcommand{\\arraystretch}{1.55}',
];

/**
 * Where a handout's blank graph fits on its first page, under the course
 * output (bp): pass it as `toTikz(solution, { blank: true, area: HANDOUT_GRAPH_AREA })`.
 */
export const HANDOUT_GRAPH_AREA: PrintArea = { width: 480, height: 540 };

/** Options of {@link handoutLatex}. */
export interface LatexHandoutOptions {
  /** The blank graph as a `tikzpicture` (the document then loads TikZ), or null to leave space. */
  readonly graphTikz?: string | null;
}

function latexSection(entry: KeyEntry, options: LatexHandoutOptions): string {
  const s: Solution = entry.worked;
  const changed = entry.worked !== entry.given;
  const ops = s.nodes.filter((n) => n.op !== 'input');
  const output = s.nodes[s.nodes.length - 1]!;
  const gradRows = s.nodes.filter((n) => n !== output).reverse();
  const node = (name: string): string => name.replace(/^([a-z])(\d+)$/, '$$$1_{$2}$$');
  const lines = [
    `\\section*{Backpropagation by hand: ${latexText(entry.name)}}`,
    'What \\texttt{utils/randomized\\_backpropagation\\_formula.py} prints for your name:',
    '\\begin{Verbatim}[frame=single,fontsize=\\small]',
    ...courseOutput(entry).replace(/^\n+/, '').trimEnd().split('\n'),
    '\\end{Verbatim}',
    ...(changed
      ? [`\\textbf{These values make the formula undefined} (${latexText(entry.given.domainError!.message)}). Work with $\\mathbf{x} = (${s.values.map(formatValue).join(', ')})$ instead.\\par`]
      : []),
    '\\subsection*{1. The computational graph}',
    options.graphTikz ? `\\begin{center}\n${options.graphTikz}\\end{center}` : '\\vspace{65mm}',
    '\\clearpage',
    '\\subsection*{2. Forward pass and 3. backward pass}',
    'Number the operations $v_1, v_2, \\dots$ in evaluation order (left operand first). Keep at least 4 significant digits in intermediate results.\\par\\medskip',
    '\\noindent\\begin{minipage}[t]{0.56\\linewidth}\\vspace{0pt}',
    '\\begin{tabular}{|c|p{42mm}|p{26mm}|}\\hline',
    'node & operation & value \\\\\\hline',
    ...ops.map((n) => `${node(n.name)} & & \\\\\\hline`),
    '\\end{tabular}',
    '\\end{minipage}\\hfill',
    '\\begin{minipage}[t]{0.4\\linewidth}\\vspace{0pt}',
    '\\begin{tabular}{|c|p{34mm}|}\\hline',
    'node & $\\partial f/\\partial\\,\\text{node}$ \\\\\\hline',
    `${node(output.name)} & 1 \\\\\\hline`,
    ...gradRows.map((n) => `${node(n.name)} & \\\\\\hline`),
    '\\end{tabular}',
    '\\end{minipage}',
    '\\subsection*{4. The gradient}',
    `$\\nabla f(\\mathbf{x}) = \\big(${s.variables.map(() => '\\underline{\\hspace{22mm}}').join(',\\ ')}\\big)$`,
  ];
  return lines.join('\n');
}

/**
 * Handouts as one LaTeX document (a page per student) that compiles with pdflatex.
 *
 * @example
 * ```ts
 * handoutLatex(answerKey(['Francesco Tomba']).entries);
 * ```
 */
export function handoutLatex(entries: readonly KeyEntry[], graphs: readonly (string | null)[] = []): string {
  requireEntries(entries, graphs, 'handoutLatex');
  const tikz = graphs.some((g) => g);
  return [
    ...LATEX_PREAMBLE,
    ...(tikz ? ['\\usepackage{tikz}'] : []),
    '\\pagestyle{empty}',
    '\\begin{document}',
    entries.map((e, i) => latexSection(e, { graphTikz: graphs[i] ?? null })).join('\n\\clearpage\n'),
    '\\end{document}',
    '',
  ].join('\n');
}

/**
 * The answer key as a printable HTML page: per student, the formula and
 * values, f and ∇f, and every node's value and gradient rounded, with the
 * tolerance to grade by.
 */
export function answerKeyHtml(key: AnswerKey): string {
  requireMade('answerKey', key, 'answerKeyHtml', 'key');
  const shown = key.digits + 1;
  const value = (v: number): string => `<td class="num">${escapeHtml(formatValue(roundTo(v, shown)))}</td><td class="num">±${escapeHtml(formatValue(gradingTolerance(v, key.digits)))}</td>`;
  const sections = key.entries.map((e) => {
    const s = e.worked;
    const output = s.nodes.length - 1;
    const rows = s.nodes
      .map(
        (n) =>
          `<tr><td>${n.name}</td><td><code>${escapeHtml(n.op === 'input' ? 'input' : toDisplay(n.definition))}</code></td>${n.op === 'input' ? `<td class="num">${formatValue(n.value)}</td><td></td>` : value(n.value)}${
            n.id === output ? '<td class="num">1</td><td></td>' : value(n.grad)
          }</tr>`,
      )
      .join('\n');
    return `<section class="key">
<h2>${escapeHtml(e.name)}</h2>
<p><code>f(X) = ${escapeHtml(e.formula)}</code> at x = [${e.values.join(', ')}]${
      e.worked !== e.given ? `: not defined there (${escapeHtml(e.given.domainError!.message)}); worked at x = [${s.values.map(formatValue).join(', ')}]` : ''
    }</p>
<p>f = <strong>${escapeHtml(formatValue(s.value))}</strong>, ∇f = [${s.gradient.map((g) => escapeHtml(formatValue(g))).join(', ')}]</p>
<table><thead><tr><th>node</th><th>definition</th><th>value</th><th>±</th><th>∂f/∂node</th><th>±</th></tr></thead><tbody>
${rows}
</tbody></table>
</section>`;
  });
  return page(
    'Backpropagation by hand: answer key',
    `<h1>Answer key</h1>\n<p class="muted">Values rounded to ${shown} significant digits; grade with ${key.digits}: ${escapeHtml(toleranceRule(key.digits))}.</p>\n${sections.join('\n')}`,
  );
}

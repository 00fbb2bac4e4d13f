/**
 * The worked solution as a student hands it in: forward table, backward table
 * (local derivative written symbolically and its value, upstream gradient,
 * contribution, accumulated gradient with sums where a node feeds several
 * others), the gradient, the three-way check and the symbolic gradient.
 * Plain text, Markdown, LaTeX and JSON.
 */
import { FormulaError } from './errors';
import { formatValue, jsonNumber } from './format';
import { latexName, toLatex, toPlain, toPyTorch } from './printers';
import { agree, workedSolution, type Solution } from './solve';

/** One row of the forward table. */
export interface ForwardRow {
  readonly node: string;
  /** `input`, or the definition in plain maths with node names (`v1 - v2`). */
  readonly definition: string;
  readonly definitionLatex: string;
  /** The subtree in the course notation. */
  readonly expression: string;
  readonly value: number;
}

/** One row of the backward table: the edge consumer -> operand. */
export interface BackwardRow {
  /** The operand whose gradient receives the contribution. */
  readonly node: string;
  /** The consuming node. */
  readonly consumer: string;
  /** d consumer / d node, in plain maths with node names. */
  readonly local: string;
  readonly localLatex: string;
  readonly localValue: number;
  /** ∂f/∂consumer. */
  readonly upstream: number;
  /** upstream × local. */
  readonly contribution: number;
  /** The contributions to ∂f/∂node so far (more than one where the node feeds several others). */
  readonly terms: readonly number[];
  /** ∂f/∂node after this edge. */
  readonly accumulated: number;
}

/**
 * The forward table, in evaluation order.
 *
 * @example
 * ```ts
 * forwardRows(solve('x1 * x2', [3, 4])).at(-1); // { node: 'v1', definition: 'x1 * x2', value: 12, ... }
 * ```
 */
export function forwardRows(solution: Solution): ForwardRow[] {
  return solution.nodes.map((n) => ({
    node: n.name,
    definition: n.op === 'input' ? 'input' : toPlain(n.definition),
    definitionLatex: n.op === 'input' ? '\\text{input}' : toLatex(n.definition),
    expression: n.expression,
    value: n.value,
  }));
}

/**
 * The backward table, in the order the backward pass visits the edges. The
 * upstream gradients and the accumulated gradients are the engine's; the
 * local derivatives are evaluated from their formulas.
 *
 * @example
 * ```ts
 * backwardRows(solve('x1 * x2', [3, 4]))[0]; // { node: 'x1', consumer: 'v1', local: 'x2', localValue: 4, ... }
 * ```
 */
export function backwardRows(solution: Solution): BackwardRow[] {
  const terms = new Map<number, number[]>();
  return solution.edges.map((edge) => {
    const list = [...(terms.get(edge.to) ?? []), edge.contribution];
    terms.set(edge.to, list);
    const total = solution.trace.edges.filter((e) => e.to === edge.to).length;
    const node = solution.nodes[edge.to]!;
    return {
      node: node.name,
      consumer: solution.nodes[edge.from]!.name,
      local: toPlain(edge.local),
      localLatex: toLatex(edge.local),
      localValue: edge.localValue,
      upstream: solution.nodes[edge.from]!.grad,
      contribution: edge.contribution,
      terms: list,
      accumulated: list.length === total ? node.grad : list.reduce((a, b) => a + b, 0),
    };
  });
}

/** Output formats of {@link renderSolution}. */
export type SolutionFormat = 'text' | 'md' | 'latex' | 'json';

/**
 * Renders a solution. When the values make the formula undefined and a
 * change is proposed, the domain problem is explained first and the solution
 * at the proposed values follows (the gradient is never shown as a bare NaN).
 *
 * @example
 * ```ts
 * console.log(renderSolution(solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]), 'md'));
 * ```
 */
export function renderSolution(solution: Solution, format: SolutionFormat): string {
  if (format !== 'json' && format !== 'md' && format !== 'latex' && format !== 'text') {
    throw new FormulaError('INVALID_ARGUMENT', `renderSolution: 'format' must be 'text', 'md', 'latex' or 'json', got ${JSON.stringify(format) ?? String(format)}`);
  }
  const worked = workedSolution(solution);
  const proposed = worked === solution ? null : worked;
  switch (format) {
    case 'json':
      return `${JSON.stringify(solutionJson(solution, proposed), null, 2)}\n`;
    case 'md':
      return markdown(solution, proposed);
    case 'latex':
      return latex(solution, proposed);
    case 'text':
      return text(solution, proposed);
  }
}

const sum = (terms: readonly number[], total: number): string =>
  terms.length > 1 ? `${terms.map(formatValue).join(' + ')} = ${formatValue(total)}` : formatValue(total);
const partial = (name: string): string => `∂f/∂${name}`;
const vector = (values: readonly number[]): string => `[${values.map(formatValue).join(', ')}]`;

function domainLines(solution: Solution): string[] {
  const d = solution.domainError;
  if (!d) return [];
  const lines = [
    'The formula is not finite or not differentiable at these values:',
    ...d.problems.map((p) => `  ${p.node} = ${p.expression}: ${p.reason} (fed by ${p.inputs.join(', ') || 'constants'})`),
  ];
  if (d.proposal) {
    const change = d.proposal.changes.map((c) => `${c.variable} from ${c.from} to ${c.to}`).join(' and ');
    lines.push(`Proposed change: ${change}, giving x = ${vector(d.proposal.values)}. The solution for these values follows.`);
  } else {
    lines.push('No change of one or two of the responsible values within -5..5 (without 0) makes every node finite.');
  }
  return lines;
}

function kinkLines(solution: Solution): string[] {
  return solution.kinks.map(
    (k) =>
      `Note: ${k.node} = ${k.expression} is evaluated exactly at its kink (input 0), where it is not differentiable; ` +
      `the gradient uses PyTorch's convention (${k.op === 'relu' ? "ReLU'(0) = 0" : "LeakyReLU'(0) = 0.01"}).`,
  );
}

/** Explains `step` / `leaky_step` when the derivatives use them. */
function notationLines(solution: Solution): string[] {
  const texts = [...solution.edges.map((e) => toPlain(e.local)), ...solution.symbolic.map(toPlain)];
  const lines: string[] = [];
  if (texts.some((t) => /(^|[^_])step\(/.test(t))) lines.push("step(u) = 1 if u > 0, else 0 (the derivative of ReLU; PyTorch's convention at u = 0).");
  if (texts.some((t) => t.includes('leaky_step('))) lines.push("leaky_step(u) = 1 if u > 0, else 0.01 (the derivative of LeakyReLU; PyTorch's convention at u = 0).");
  return lines;
}

function checkLines(solution: Solution): string[] {
  if (!solution.check.ok) return ['DISAGREEMENT between the methods:', ...solution.check.disagreements.map((d) => `  ${d}`)];
  // NOTE: the symbolic derivative is compared only where both it and autograd are finite:
  // for log(x1 - x1) it simplifies to 0 while autograd gives nan, and saying they agree would hide that.
  const uncompared = solution.check.gradient.filter(
    (g) => !(Number.isFinite(g.autograd) && Number.isFinite(g.symbolic)) && !agree(g.autograd, g.symbolic),
  );
  if (uncompared.length === 0) {
    return ['Autograd, the hand rules and the symbolic gradient agree at every node; finite differences agree where they can judge.'];
  }
  return [
    'Autograd and the hand rules agree at every node; finite differences agree where they can judge.',
    `The simplified symbolic derivative differs where autograd is not finite: ${uncompared
      .map((g) => `∂f/∂${g.variable} symbolic ${formatValue(g.symbolic)}, autograd ${formatValue(g.autograd)}`)
      .join('; ')}.`,
  ];
}

/** Pads columns to a common width (counting code points). */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const width = (s: string): number => Array.from(s).length;
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c)))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function checkRows(solution: Solution): string[][] {
  return solution.check.gradient.map((g) => [
    partial(g.variable),
    formatValue(g.autograd),
    formatValue(g.hand),
    formatValue(g.symbolic),
    Number.isFinite(g.finiteDifference.error)
      ? `${formatValue(g.finiteDifference.value)} ± ${g.finiteDifference.error.toExponential(1)}`
      : formatValue(g.finiteDifference.value),
    g.status + (g.note ? ` (${g.note.replace('not checked by finite differences: ', '')})` : ''),
  ]);
}

const CHECK_HEADER = ['', 'autograd', 'hand rules', 'symbolic', 'finite differences', 'check'];

function text(solution: Solution, proposed: Solution | null): string {
  const out: string[] = [];
  out.push(`f(X) = ${solution.formula}`);
  out.push(`at ${solution.variables.map((name, i) => `${name} = ${formatValue(solution.values[i]!)}`).join(', ')}`);
  out.push(`PyTorch: y = ${toPyTorch(solution.expr, { order: solution.variables })}`);
  out.push('');
  if (solution.domainError) {
    out.push(...domainLines(solution));
    if (proposed) return `${out.join('\n')}\n\n${text(proposed, null)}`;
    out.push('');
  }
  out.push('Forward pass');
  out.push(...table(['node', 'definition', 'expression', 'value'], forwardRows(solution).map((r) => [r.node, r.definition, r.expression, formatValue(r.value)])));
  out.push('');
  const output = solution.nodes[solution.nodes.length - 1]!;
  out.push(`Backward pass (${partial(output.name)} = 1)`);
  out.push(
    ...table(
      ['edge', 'local derivative', 'value', 'upstream', 'contribution', 'accumulated'],
      backwardRows(solution).map((r) => [
        `${r.consumer} -> ${r.node}`,
        `∂${r.consumer}/∂${r.node} = ${r.local}`,
        formatValue(r.localValue),
        `${partial(r.consumer)} = ${formatValue(r.upstream)}`,
        formatValue(r.contribution),
        `${partial(r.node)} = ${sum(r.terms, r.accumulated)}`,
      ]),
    ),
  );
  out.push('');
  out.push('Gradient (autograd, float64)');
  out.push(`∇f = ${vector(solution.gradient)}${solution.domainError ? '  (not defined at these values: see above)' : ''}`);
  out.push(`f = ${formatValue(solution.value)}`);
  out.push(...kinkLines(solution));
  out.push('');
  out.push('Cross-check');
  out.push(...table(CHECK_HEADER, checkRows(solution)));
  out.push(...checkLines(solution));
  out.push('');
  out.push('Symbolic gradient');
  solution.symbolic.forEach((g, i) => out.push(`${partial(solution.variables[i]!)} = ${toPlain(g)}`));
  const notation = notationLines(solution);
  if (notation.length > 0) out.push('', ...notation);
  return `${out.join('\n')}\n`;
}

const mdEscape = (s: string): string => s.replace(/\|/g, '\\|').replace(/\*/g, '\\*').replace(/_/g, '\\_');
const mdTable = (header: readonly string[], rows: readonly (readonly string[])[]): string[] => [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
];
const code = (s: string): string => `\`${s}\``;

function markdown(solution: Solution, proposed: Solution | null): string {
  const out: string[] = [];
  out.push(`**f(X) =** ${code(solution.formula)}`);
  out.push('');
  out.push(`**at** ${solution.variables.map((name, i) => `${name} = ${formatValue(solution.values[i]!)}`).join(', ')}`);
  out.push('');
  out.push('```python');
  out.push(`y = ${toPyTorch(solution.expr, { order: solution.variables })}`);
  out.push('```');
  out.push('');
  if (solution.domainError) {
    const [head, ...rest] = domainLines(solution);
    out.push(`> **${head!}**`, '>');
    for (const line of rest) out.push(`> ${mdEscape(line.trim())}`, '>');
    out.pop();
    out.push('');
    if (proposed) return `${out.join('\n')}\n${markdown(proposed, null)}`;
  }
  out.push('### Forward pass', '');
  out.push(...mdTable(['node', 'definition', 'expression', 'value'], forwardRows(solution).map((r) => [r.node, code(r.definition), code(r.expression), formatValue(r.value)])));
  out.push('');
  out.push(`### Backward pass`, '');
  out.push(
    ...mdTable(
      ['edge', 'local derivative', 'value', 'upstream', 'contribution', 'accumulated'],
      backwardRows(solution).map((r) => [
        `${r.consumer} → ${r.node}`,
        code(`∂${r.consumer}/∂${r.node} = ${r.local}`),
        formatValue(r.localValue),
        `${partial(r.consumer)} = ${formatValue(r.upstream)}`,
        formatValue(r.contribution),
        `${partial(r.node)} = ${sum(r.terms, r.accumulated)}`,
      ]),
    ),
  );
  out.push('');
  out.push('### Gradient', '');
  out.push(`∇f = ${vector(solution.gradient)}${solution.domainError ? ' (not defined at these values: see above)' : ''}, f = ${formatValue(solution.value)}`);
  for (const line of kinkLines(solution)) out.push('', `> ${mdEscape(line)}`);
  out.push('');
  out.push('### Cross-check', '');
  out.push(...mdTable(CHECK_HEADER.map((h) => h || 'partial'), checkRows(solution)));
  out.push('');
  out.push(...checkLines(solution).map((l) => (l.startsWith('  ') ? `- ${l.trim()}` : l)));
  out.push('');
  out.push('### Symbolic gradient', '');
  solution.symbolic.forEach((g, i) => out.push(`- ${partial(solution.variables[i]!)} = ${code(toPlain(g))}`));
  const notation = notationLines(solution);
  if (notation.length > 0) out.push('', ...notation.map((line) => `_${mdEscape(line)}_`));
  return `${out.join('\n')}\n`;
}

const latexText = (s: string): string =>
  s
    .replace(/\\/g, '\\textbackslash{}')
    .replace(/([&%$#_{}])/g, '\\$1')
    .replace(/\^/g, '\\^{}')
    .replace(/~/g, '\\~{}')
    .replace(/([<>])/g, '$$$1$$')
    .replace(/√/g, '$\\surd$')
    .replace(/∂/g, '$\\partial$');
const latexValue = (v: number): string => {
  const text = formatValue(v);
  const match = /^(-?[\d.]+)e([+-]\d+)$/.exec(text);
  return match ? `${match[1]!} \\cdot 10^{${Number(match[2])}}` : text === 'nan' ? '\\mathrm{NaN}' : text.replace('inf', '\\infty');
};
const latexPartial = (a: string, b: string): string => `\\frac{\\partial ${latexName(a)}}{\\partial ${latexName(b)}}`;

function latex(solution: Solution, proposed: Solution | null, top = true): string {
  const out: string[] = [];
  if (top) out.push('% gradlab worked solution; needs \\usepackage{amsmath}');
  out.push(`\\[ f(\\mathbf{x}) = ${toLatex(solution.expr)} \\]`);
  out.push(`\\[ \\mathbf{x} = (${solution.values.map(latexValue).join(', ')}) \\]`);
  if (solution.domainError) {
    const [head, ...rest] = domainLines(solution);
    out.push(`\\paragraph{${latexText(head!)}}`);
    out.push(...rest.map((line) => `${latexText(line.trim())}\\\\`));
    if (proposed) return `${out.join('\n')}\n\n${latex(proposed, null, false)}`;
  }
  out.push('\\subsection*{Forward pass}');
  out.push('\\begin{tabular}{lll}', '\\hline', 'Node & Definition & Value \\\\', '\\hline');
  for (const r of forwardRows(solution)) out.push(`$${latexName(r.node)}$ & $${r.definitionLatex}$ & $${latexValue(r.value)}$ \\\\`);
  out.push('\\hline', '\\end{tabular}');
  out.push('\\subsection*{Backward pass}');
  out.push('\\begin{tabular}{lllll}', '\\hline', 'Local derivative & Value & Upstream & Contribution & Accumulated \\\\', '\\hline');
  for (const r of backwardRows(solution)) {
    out.push(
      [
        `$${latexPartial(r.consumer, r.node)} = ${r.localLatex}$`,
        `$${latexValue(r.localValue)}$`,
        `$\\frac{\\partial f}{\\partial ${latexName(r.consumer)}} = ${latexValue(r.upstream)}$`,
        `$${latexValue(r.contribution)}$`,
        `$\\frac{\\partial f}{\\partial ${latexName(r.node)}} = ${r.terms.length > 1 ? `${r.terms.map(latexValue).join(' + ')} = ` : ''}${latexValue(r.accumulated)}$`,
      ].join(' & ') + ' \\\\',
    );
  }
  out.push('\\hline', '\\end{tabular}');
  out.push('\\subsection*{Gradient}');
  out.push(`\\[ \\nabla f(\\mathbf{x}) = (${solution.gradient.map(latexValue).join(', ')}), \\quad f(\\mathbf{x}) = ${latexValue(solution.value)} \\]`);
  for (const line of kinkLines(solution)) out.push(`${latexText(line)}\\\\`);
  out.push(latexText(checkLines(solution).join(' ')));
  out.push('\\subsection*{Symbolic gradient}');
  out.push('\\begin{align*}');
  solution.symbolic.forEach((g, i) => {
    const name = solution.variables[i]!;
    out.push(`\\frac{\\partial f}{\\partial ${latexName(name)}} &= ${toLatex(g)} = ${latexValue(solution.check.gradient[i]!.symbolic)} \\\\`);
  });
  out.push('\\end{align*}');
  out.push(...notationLines(solution).map((line) => `${latexText(line)}\\\\`));
  return `${out.join('\n')}\n`;
}

/**
 * The solution as a JSON-ready object (non-finite numbers as `"nan"`, `"inf"`, `"-inf"`).
 *
 * @example
 * ```ts
 * JSON.stringify(solutionJson(solve('x1 * x2', [3, 4])));
 * ```
 */
export function solutionJson(solution: Solution, proposed: Solution | null = null): Record<string, unknown> {
  return {
    formula: solution.formula,
    latex: toLatex(solution.expr),
    pytorch: toPyTorch(solution.expr, { order: solution.variables }),
    variables: solution.variables,
    values: solution.values.map(jsonNumber),
    f: jsonNumber(solution.value),
    grad: solution.gradient.map(jsonNumber),
    forward: forwardRows(solution).map((r) => ({ node: r.node, definition: r.definition, expression: r.expression, value: jsonNumber(r.value) })),
    backward: backwardRows(solution).map((r) => ({
      node: r.node,
      consumer: r.consumer,
      local: r.local,
      localValue: jsonNumber(r.localValue),
      upstream: jsonNumber(r.upstream),
      contribution: jsonNumber(r.contribution),
      terms: r.terms.map(jsonNumber),
      accumulated: jsonNumber(r.accumulated),
    })),
    symbolic: solution.symbolic.map((g, i) => ({
      variable: solution.variables[i],
      plain: toPlain(g),
      latex: toLatex(g),
      value: jsonNumber(solution.check.gradient[i]!.symbolic),
    })),
    check: {
      ok: solution.check.ok,
      disagreements: solution.check.disagreements,
      gradient: solution.check.gradient.map((g) => ({
        variable: g.variable,
        autograd: jsonNumber(g.autograd),
        hand: jsonNumber(g.hand),
        symbolic: jsonNumber(g.symbolic),
        finiteDifference: jsonNumber(g.finiteDifference.value),
        finiteDifferenceError: jsonNumber(g.finiteDifference.error),
        status: g.status,
        note: g.note,
      })),
    },
    kinks: solution.kinks,
    domainError: domainErrorJson(solution),
    ...(proposed ? { proposedSolution: solutionJson(proposed) } : {}),
  };
}

/**
 * The domain error as a JSON-ready object, or null.
 *
 * @example
 * ```ts
 * domainErrorJson(solve('log(x1)', [-1]))?.message; // 'v1 = log(x1): log of a negative number (-1) (fed by x1); change x1 from -1 to 1'
 * ```
 */
export function domainErrorJson(solution: Solution): Record<string, unknown> | null {
  const d = solution.domainError;
  if (!d) return null;
  return {
    message: d.message,
    problems: d.problems.map((p) => ({ ...p, value: jsonNumber(p.value) })),
    responsible: d.responsible,
    proposal: d.proposal,
  };
}

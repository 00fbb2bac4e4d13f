/**
 * The answer checker's verdicts for people (plain text) and for programs
 * (JSON): `gradlab-formula check` prints them, the playground shows the same.
 */
import type { CheckedCell, CheckResult } from './check';
import { formatValue, jsonNumber } from './format';
import { invalid, requireMade, requireOptions, requireRecord, requireString } from './guards';
import { MISTAKE_KINDS } from './mistakes';

const TABLES = ['forward', 'backward', 'local'];

function requireCell(cell: unknown, fn: string): void {
  requireRecord(cell, fn, 'cell', 'a cell ({ table, node, consumer? })');
  if (!TABLES.includes(cell.table as string)) throw invalid(fn, 'cell.table', "'forward', 'backward' or 'local'", cell.table);
  requireString(cell.node, fn, 'cell.node');
}

/** How a cell is named: `v5`, `∂f/∂v5`, `∂v6/∂v5`. */
export function cellTitle(cell: Pick<CheckedCell, 'table' | 'node' | 'consumer'>): string {
  requireCell(cell, 'cellTitle');
  if (cell.table === 'forward') return cell.node;
  if (cell.table === 'backward') return `∂f/∂${cell.node}`;
  return `∂${cell.consumer}/∂${cell.node}`;
}

/** `forward v5`, `backward x1`, `local v7->v6`: how the JSON and `follows` name a cell. */
export function cellLabel(cell: Pick<CheckedCell, 'table' | 'node' | 'consumer'>): string {
  requireCell(cell, 'cellLabel');
  return cell.table === 'local' ? `local ${cell.consumer}->${cell.node}` : `${cell.table} ${cell.node}`;
}

/**
 * The result as a JSON-ready object: `{ correct, first, cells: [{ table, node,
 * given, expected, status, mistake?, explanation? }], counts, ... }`, with
 * non-finite numbers as `"nan"`, `"inf"`, `"-inf"`.
 *
 * @example
 * ```ts
 * JSON.stringify(checkJson(checkAnswers(solution, answers)));
 * ```
 */
export function checkJson(result: CheckResult): Record<string, unknown> {
  requireMade('checkResult', result, 'checkJson', 'result');
  // `+ 0`: JSON has no -0.
  const number = (v: number): number | string => jsonNumber(v + 0);
  const cell = (c: CheckedCell): Record<string, unknown> => ({
    table: c.table,
    node: c.node,
    ...(c.consumer !== undefined ? { consumer: c.consumer } : {}),
    given: c.given === null ? null : number(c.given),
    expected: number(c.expected),
    status: c.status,
    ...(c.mistake !== undefined ? { mistake: c.mistake } : {}),
    ...(c.explanation !== undefined ? { explanation: c.explanation } : {}),
    ...(c.follows !== undefined ? { follows: c.follows } : {}),
  });
  return {
    correct: result.correct,
    first: result.first ? cell(result.first) : null,
    cells: result.cells.map(cell),
    counts: result.counts,
    digits: result.digits,
    formula: result.solution.formula,
    variables: result.solution.variables,
    values: result.solution.values.map(jsonNumber),
    misreading: result.misreading ? { formula: result.misreading.formula, written: result.misreading.written, read: result.misreading.read } : null,
    notes: result.notes,
  };
}

const VERDICT: Record<CheckedCell['status'], string> = { right: 'right', wrong: 'WRONG', follows: 'follows', missing: '(blank)' };

/** Options of {@link renderCheck}. */
export interface RenderCheckOptions {
  /** Whose answers, for the heading. */
  readonly name?: string;
  /** Pads with the display width of a string (wide characters); default: code points. */
  readonly width?: (text: string) => number;
}

/**
 * The result as plain text: a summary, the first mistake explained, a table
 * per pass (your number, the expected one where the cell is wrong or
 * follows, the verdict), the other mistakes and the notes. Blank cells show
 * no expected number: nothing is revealed that was not attempted.
 *
 * @example
 * ```ts
 * console.log(renderCheck(checkAnswers(solution, answers)));
 * ```
 */
export function renderCheck(result: CheckResult, options: RenderCheckOptions = {}): string {
  requireMade('checkResult', result, 'renderCheck', 'result');
  requireOptions(options, 'renderCheck');
  const width = options.width ?? ((text: string) => Array.from(text).length);
  const s = result.solution;
  const out: string[] = [];
  const whose = options.name !== undefined ? `${options.name}'s answers` : 'The answers';
  out.push(`${whose} for f(X) = ${s.formula} at ${s.variables.map((v, i) => `${v} = ${formatValue(s.values[i]!)}`).join(', ')}`);
  out.push(`checked to ${result.digits} significant digits: ${summary(result)}.`);
  for (const note of result.notes) out.push(`Note: ${note}`);
  out.push('');
  if (result.first) {
    const f = result.first;
    out.push(`First mistake: ${cellTitle(f)} (${f.table === 'local' ? 'local derivative' : `${f.table} pass`}), ${MISTAKE_KINDS[f.mistake!]}`);
    out.push(`  you wrote ${formatValue(f.given!)}, expected ${formatValue(f.expected)}.`);
    out.push(`  ${f.explanation}`);
    out.push('');
  } else if (result.correct) {
    out.push('Every cell is right.');
    out.push('');
  } else if (result.counts.missing > 0 && result.counts.wrong === 0) {
    out.push('Nothing is wrong so far; some cells are blank.');
    out.push('');
  }
  const table = (title: string, cells: readonly CheckedCell[]): void => {
    if (cells.length === 0) return;
    const rows = cells.map((c) => [
      cellTitle(c),
      c.given === null ? '' : formatValue(c.given),
      c.status === 'wrong' || c.status === 'follows' ? formatValue(c.expected) : '',
      c.status === 'wrong' ? `${VERDICT.wrong} (${c.mistake})` : c.status === 'follows' ? `follows from ${c.follows}` : VERDICT[c.status],
    ]);
    const header = ['cell', 'yours', 'expected', 'verdict'];
    const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
    const line = (cells: readonly string[]): string =>
      cells.map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c)))).join('  ').trimEnd();
    out.push(title, line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), '');
  };
  table('Forward pass', result.cells.filter((c) => c.table === 'forward'));
  table('Backward pass (local derivatives and gradients, in the order they are worked)', result.cells.filter((c) => c.table !== 'forward'));
  const others = result.cells.filter((c) => c.status === 'wrong' && c !== result.first);
  if (others.length > 0) {
    out.push('Other mistakes');
    for (const c of others) out.push(`- ${cellTitle(c)}: you wrote ${formatValue(c.given!)}, expected ${formatValue(c.expected)}. ${c.explanation}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** `16 right, 1 wrong, 1 follows from it, 0 blank`. */
function summary(result: CheckResult): string {
  const { right, wrong, follows, missing } = result.counts;
  const parts = [`${right} right`, `${wrong} wrong`];
  if (follows > 0) parts.push(`${follows} follow${follows === 1 ? 's' : ''} from an earlier mistake`);
  parts.push(`${missing} blank`);
  return `${result.cells.length} cells, ${parts.join(', ')}`;
}

/**
 * A student's answers to Exercise 3, as a small file: the forward value of
 * every node, the gradient ∂f/∂node of every node, and optionally the local
 * derivative of every edge, keyed by the node names the worked solution prints
 * (`x1`..`x5`, then `v1`..`vN` in evaluation order). JSON or CSV; a blank
 * template to start from.
 *
 * JSON:
 *
 * ```json
 * {
 *   "name": "Francesco Tomba",
 *   "forward": { "v1": -4, "v2": 0, "v3": 5, "v4": 1.3734 },
 *   "backward": { "x1": 0, "x5": 35.71, "v6": 26 },
 *   "local": { "v7->v6": 26 }
 * }
 * ```
 *
 * `name`, or `formula` and `values`, are optional (the CLI can take them from
 * its flags); `values` with a name means "the name's formula at these values"
 * (the course asks to change values that make the formula undefined). A value
 * is a number, `null` or `""` for a blank, or a string: a decimal (`"1,37"` with
 * a decimal comma too), a fraction or any constant expression (`"1/26"`,
 * `"-5/2"`, `"sqrt(2)/2"`, `"pi/4"`), `"nan"`, `"inf"`, `"-inf"`.
 *
 * CSV: a header `node,forward,backward`, one row per node, blank cells for
 * blanks; rows named after an edge (`v7->v6`) with a third column `local`
 * (`node,forward,backward,local`) give local derivatives; lines starting with
 * `#` are comments, and `# name: ...`, `# formula: ...`, `# values: -2, 2, 3`
 * set those fields.
 */
import { FormulaError } from './errors';
import { evaluateTree } from './evaluate';
import { parse } from './parser';
import { pythonDict } from './randomizer';
import type { Solution } from './solve';
import { requireMade, requireOptions, requireString } from './guards';

/** A student's answers, as read from a file (see the module documentation). */
export interface Answers {
  readonly name?: string;
  readonly formula?: string;
  readonly values?: readonly number[];
  /** Forward values by node name (`v1`..; `x1`.. optional). */
  readonly forward: Readonly<Record<string, number>>;
  /** ∂f/∂node by node name. */
  readonly backward: Readonly<Record<string, number>>;
  /** Local derivatives ∂consumer/∂operand by edge, keyed `consumer->operand` (`v7->v6`). */
  readonly local: Readonly<Record<string, number>>;
}

const answersError = (message: string): FormulaError => new FormulaError('ANSWERS', `answers: ${message}`);

/** Constants a student may write in a value (`pi/4`, `e^2`). */
const CONSTANTS = new Map([
  ['pi', Math.PI],
  ['π', Math.PI],
  ['e', Math.E],
]);

/**
 * Reads one answer value: a number, or a string holding a decimal, a fraction
 * or a constant expression (see the module documentation). Returns null for a
 * blank.
 *
 * @throws {FormulaError} code `'ANSWERS'` naming `where` when it is not a number.
 *
 * @example
 * ```ts
 * answerValue('1/26', 'forward.v4'); // 0.038461538461538464
 * answerValue('1,37', 'forward.v4'); // 1.37
 * answerValue('', 'forward.v4');     // null
 * ```
 */
export function answerValue(value: unknown, where: string): number | null {
  requireString(where, 'answerValue', 'where');
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return NaN;
    return value;
  }
  if (typeof value !== 'string') throw answersError(`${where} must be a number or a string, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  let text = value.trim().replace(/[−–]/g, '-');
  if (text === '') return null;
  const lower = text.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '∞') return Infinity;
  if (lower === '-inf' || lower === '-infinity' || lower === '-∞') return -Infinity;
  // A decimal comma (1,37), as many students write it; a comma with a point too is ambiguous.
  if (/^-?\d+,\d+$/.test(text)) text = text.replace(',', '.');
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return Number(text);
  if (text.length > 200) throw answersError(`${where}: '${text.slice(0, 40)}...' is too long for a number`);
  let result: number;
  try {
    const expr = parse(text.replace(/π/g, 'pi'));
    result = evaluateTree(expr, new Map(CONSTANTS));
  } catch {
    throw answersError(`${where}: '${value}' is not a number (write a decimal such as -1.373, a fraction such as 1/26, or nan)`);
  }
  return result;
}

const EDGE = /^\s*(?:∂|d)?([A-Za-z_]\w*)\s*(?:->|→|\/\s*(?:∂|d)?)\s*([A-Za-z_]\w*)\s*$/;

/**
 * Normalises an edge key to `consumer->operand`: `v7->v6`, `v7→v6`,
 * `∂v7/∂v6` and `dv7/dv6` are the same edge. Null when it is not an edge key.
 *
 * @example
 * ```ts
 * edgeKey('∂v7/∂v6'); // 'v7->v6'
 * ```
 */
export function edgeKey(key: string): string | null {
  requireString(key, 'edgeKey', 'key');
  const match = EDGE.exec(key);
  return match ? `${match[1]!}->${match[2]!}` : null;
}

function table(value: unknown, where: string, keys: (key: string) => string = (key) => key): Record<string, number> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw answersError(`'${where}' must be an object of node names to numbers, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  const out: Record<string, number> = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const number = answerValue(raw, `${where}.${key}`);
    if (number !== null) out[keys(key.trim())] = number;
  }
  return out;
}

function localKey(key: string): string {
  const normal = edgeKey(key);
  if (normal === null) throw answersError(`local: '${key}' is not an edge (write it as consumer->operand, e.g. v7->v6)`);
  return normal;
}

function valuesField(value: unknown): number[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = typeof value === 'string' ? value.split(/[,\s;]+/).filter((s) => s !== '') : value;
  if (!Array.isArray(items)) throw answersError(`'values' must be a list of numbers, got ${typeof value}`);
  return items.map((item, i) => {
    const number = answerValue(item, `values[${i}]`);
    if (number === null || !Number.isFinite(number)) throw answersError(`values[${i}] must be a finite number, got ${JSON.stringify(item)}`);
    return number;
  });
}

function text(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw answersError(`'${where}' must be a string, got ${typeof value}`);
  return value;
}

/** Keys of an answers object besides the tables; `note` and `$comment` are for people and ignored. */
const FIELDS = new Set(['name', 'formula', 'values', 'forward', 'backward', 'local', 'note', '$comment', '$schema']);

/**
 * Reads answers from a parsed JSON object.
 *
 * @throws {FormulaError} code `'ANSWERS'` for a malformed object.
 *
 * @example
 * ```ts
 * answersFromJson({ name: 'Q', forward: { v1: '1/2' }, backward: {} }).forward.v1; // 0.5
 * ```
 */
export function answersFromJson(json: unknown): Answers {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw answersError(`expected a JSON object with "forward" and "backward", got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json}`);
  }
  const record = json as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !FIELDS.has(key));
  if (unknown.length > 0) {
    throw answersError(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} (expected name, formula, values, forward, backward, local)`);
  }
  if (record.forward === undefined && record.backward === undefined && record.local === undefined) {
    throw answersError('the file has no "forward", "backward" or "local" table');
  }
  const name = text(record.name, 'name');
  const formula = text(record.formula, 'formula');
  const values = valuesField(record.values);
  return {
    ...(name !== undefined ? { name } : {}),
    ...(formula !== undefined ? { formula } : {}),
    ...(values !== undefined ? { values } : {}),
    forward: table(record.forward, 'forward'),
    backward: table(record.backward, 'backward'),
    local: table(record.local, 'local', localKey),
  };
}

/** Splits one CSV line (RFC 4180 quoting). */
function csvCells(line: string, lineNumber: number): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw answersError(`line ${lineNumber}: a quoted cell is not closed`);
  cells.push(cell.trim());
  return cells;
}

/**
 * Reads answers from CSV text (see the module documentation).
 *
 * @throws {FormulaError} code `'ANSWERS'` naming the line of a malformed row.
 *
 * @example
 * ```ts
 * answersFromCsv('node,forward,backward\nv1,-4,0\n').forward.v1; // -4
 * ```
 */
export function answersFromCsv(csv: string): Answers {
  requireString(csv, 'answersFromCsv', 'csv');
  const meta: Record<string, string> = {};
  const forward: Record<string, unknown> = {};
  const backward: Record<string, unknown> = {};
  const local: Record<string, unknown> = {};
  let header: string[] | null = null;
  csv
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((line, index) => {
      const lineNumber = index + 1;
      if (line.trim() === '') return;
      const comment = /^\s*#\s*(name|formula|values)\s*:\s*(.*)$/i.exec(line);
      if (comment) {
        meta[comment[1]!.toLowerCase()] = comment[2]!.trim();
        return;
      }
      if (line.trimStart().startsWith('#')) return;
      const cells = csvCells(line, lineNumber);
      if (header === null) {
        header = cells.map((c) => c.toLowerCase());
        if (header[0] !== 'node' || !header.slice(1).every((c) => c === 'forward' || c === 'backward' || c === 'local')) {
          throw answersError(`line ${lineNumber}: expected the header node,forward,backward (optionally ,local), got '${line.trim()}'`);
        }
        return;
      }
      if (cells.length > header.length) throw answersError(`line ${lineNumber}: ${cells.length} cells, but the header has ${header.length}`);
      const key = cells[0]!;
      if (key === '') throw answersError(`line ${lineNumber}: the node name is missing`);
      header.forEach((column, k) => {
        if (k === 0) return;
        const cell = cells[k] ?? '';
        if (cell === '') return;
        const where = `line ${lineNumber}, ${column} of ${key}`;
        if (column === 'local') local[key] = cell;
        else if (edgeKey(key) !== null && key.includes('>')) throw answersError(`${where}: an edge row takes only a local derivative`);
        else (column === 'forward' ? forward : backward)[key] = cell;
        answerValue(cell, where);
      });
    });
  if (header === null) throw answersError('the CSV has no header row node,forward,backward');
  return answersFromJson({ ...meta, forward, backward, local });
}

/**
 * Reads an answers file's text: JSON when it starts with `{`, else CSV.
 *
 * @throws {FormulaError} code `'ANSWERS'` for malformed input, naming where.
 *
 * @example
 * ```ts
 * parseAnswers('{"forward": {"v1": -4}, "backward": {}}').forward.v1; // -4
 * ```
 */
export function parseAnswers(content: string): Answers {
  if (typeof content !== 'string') throw new FormulaError('INVALID_ARGUMENT', `parseAnswers: 'content' must be a string, got ${typeof content}`);
  const trimmed = content.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (error) {
      throw answersError(`not valid JSON (${(error as Error).message})`);
    }
    return answersFromJson(json);
  }
  return answersFromCsv(content);
}

/** Options of {@link answersTemplate}. */
export interface TemplateOptions {
  /** `'json'` (default) or `'csv'`. */
  readonly format?: 'json' | 'csv';
  /** Also list every edge for its local derivative (default false). */
  readonly local?: boolean;
  /** The name the formula comes from, written into the template. */
  readonly name?: string;
}

/**
 * A blank answers file for a solution: every node to fill in, nothing
 * revealed but the node names (`x1`.., `v1`..`vN`), the formula and the values.
 *
 * @example
 * ```ts
 * const t = JSON.parse(answersTemplate(solve('x1 * x2', [3, 4])));
 * t.forward;  // { v1: null }
 * t.backward; // { x1: null, x2: null }
 * ```
 */
export function answersTemplate(solution: Solution, options: TemplateOptions = {}): string {
  requireMade('solution', solution, 'answersTemplate', 'solution');
  requireOptions(options, 'answersTemplate');
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw new FormulaError('INVALID_ARGUMENT', `answersTemplate: 'format' must be 'json' or 'csv', got ${JSON.stringify(format)}`);
  const operations = solution.nodes.filter((n) => n.op !== 'input');
  const output = solution.nodes[solution.nodes.length - 1]!;
  const graded = solution.nodes.filter((n) => n !== output && (n.op === 'input' || solution.trace.nodes[n.id]!.requiresGrad));
  const edges = solution.edges.map((e) => `${solution.nodes[e.from]!.name}->${solution.nodes[e.to]!.name}`);
  const values = solution.values;
  if (format === 'json') {
    const blank = (names: readonly string[]): Record<string, null> => Object.fromEntries(names.map((n) => [n, null]));
    const template: Record<string, unknown> = {
      note:
        `Fill in the forward value of every node and the gradient ∂f/∂node of every node (∂f/∂${output.name} = 1 is given). ` +
        'Numbers, fractions such as "1/3", or "nan". Check with: gradlab-formula check --answers FILE',
      ...(options.name !== undefined ? { name: options.name } : {}),
      formula: solution.formula,
      values: [...values],
      forward: blank(operations.map((n) => n.name)),
      backward: blank(graded.map((n) => n.name)),
      ...(options.local ? { local: blank(edges) } : {}),
    };
    return `${JSON.stringify(template, null, 2)}\n`;
  }
  const quote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [
    '# gradlab answers: the forward value and the gradient df/dnode of every node; blank cells are not checked',
    `# check with: gradlab-formula check --answers FILE`,
    ...(options.name !== undefined ? [`# name: ${options.name}`] : []),
    `# formula: ${solution.formula}`,
    `# values: ${values.join(', ')}`,
    `# (the values as the course prints them: ${pythonDict(values, solution.variables)})`,
    options.local ? 'node,forward,backward,local' : 'node,forward,backward',
    ...solution.nodes.map((n) => {
      const forward = n.op === 'input' ? String(n.value) : '';
      const backward = n === output ? '1' : '';
      return [quote(n.name), forward, backward, ...(options.local ? [''] : [])].join(',');
    }),
    ...(options.local ? edges.map((e) => `${e},,,`) : []),
  ];
  return `${lines.join('\n')}\n`;
}

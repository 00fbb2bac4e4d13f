/**
 * A class roster for the instructor kit: one name per line, or a column of a
 * CSV file, read with warnings for what silently gives a student another
 * formula (the course script hashes the name exactly as typed).
 */
import { FormulaError } from './errors';
import { invalid, requireOptions } from './guards';

/** Something in a roster that is probably not what the instructor meant. */
export interface RosterWarning {
  /** The 1-based line of the roster (of the CSV file, header included). */
  readonly line: number;
  readonly kind: 'space' | 'blank' | 'duplicate' | 'unicode' | 'control';
  readonly message: string;
}

/** A read roster: the names to give formulas to, in roster order, and the warnings. */
export interface Roster {
  readonly names: readonly string[];
  readonly warnings: readonly RosterWarning[];
}

/** Options of {@link parseRoster}. */
export interface RosterOptions {
  /**
   * The CSV column with the names: its header (case-insensitive) or its
   * 1-based number. Without it, a file whose first line has a column called
   * `name` (or `full name`, `student`) is read as CSV; any other file has one
   * name per line.
   */
  readonly column?: string | number;
}

const NAME_HEADERS = ['name', 'full name', 'fullname', 'student', 'student name', 'nome', 'nome e cognome'];

/** Splits a CSV line (RFC 4180 quoting, `,` or `;`). */
function cells(line: string, separator: string): string[] {
  const out: string[] = [];
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
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out;
}

const show = (name: string): string => JSON.stringify(name);

/**
 * Reads a roster. Names are kept exactly as written (the script hashes them
 * as typed); what is probably a mistake is reported in `warnings`: a name
 * with a leading or trailing space, a blank line (skipped), a name twice (kept
 * once), a name in decomposed Unicode (NFD, as some systems save accents: it
 * hashes differently from the same name typed on a keyboard), control
 * characters.
 *
 * @throws {FormulaError} code `'USAGE'` for a CSV column that does not exist.
 *
 * @example
 * ```ts
 * const roster = parseRoster('Ada Lovelace\nAlan Turing \n\nAda Lovelace\n');
 * roster.names;                        // ['Ada Lovelace', 'Alan Turing ']
 * roster.warnings.map((w) => w.kind);  // ['space', 'blank', 'duplicate']
 * ```
 */
export function parseRoster(text: string, options: RosterOptions = {}): Roster {
  requireOptions(options, 'parseRoster');
  if (options.column !== undefined && typeof options.column !== 'string' && typeof options.column !== 'number') throw invalid('parseRoster', 'options.column', 'a column name or number', options.column);
  if (typeof text !== 'string') throw new FormulaError('INVALID_ARGUMENT', `parseRoster: 'text' must be a string, got ${text === null ? 'null' : typeof text}`);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  const warnings: RosterWarning[] = [];
  const separator = lines[0] !== undefined && lines[0].includes(';') && !lines[0].includes(',') ? ';' : ',';
  let column: number | null = null;
  let first = 0;
  const header = lines[0] === undefined ? [] : cells(lines[0], separator).map((h) => h.trim().toLowerCase());
  if (options.column !== undefined) {
    if (typeof options.column === 'number') {
      if (!Number.isInteger(options.column) || options.column < 1) throw new FormulaError('USAGE', `roster: --column must be a column name or a number from 1, got ${options.column}`);
      column = options.column - 1;
      // A numbered column of a file with a header: skip the header when it names no student.
      first = header.some((h) => NAME_HEADERS.includes(h)) ? 1 : 0;
    } else {
      column = header.indexOf(options.column.trim().toLowerCase());
      if (column < 0) throw new FormulaError('USAGE', `roster: no column ${show(options.column)} in the header (${header.map(show).join(', ')})`);
      first = 1;
    }
  } else {
    const named = header.findIndex((h) => NAME_HEADERS.includes(h));
    if (header.length > 1 && named >= 0) {
      column = named;
      first = 1;
    }
  }
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let i = first; i < lines.length; i++) {
    const lineNumber = i + 1;
    const raw = lines[i]!;
    const name = column === null ? raw : (cells(raw, separator)[column] ?? '');
    if (name.trim() === '') {
      warnings.push({ line: lineNumber, kind: 'blank', message: `line ${lineNumber} is blank: skipped (a row for the empty name would give it a formula of its own)` });
      continue;
    }
    if (name !== name.trim()) {
      const where = name !== name.trimStart() && name !== name.trimEnd() ? 'starts and ends' : name !== name.trimStart() ? 'starts' : 'ends';
      warnings.push({
        line: lineNumber,
        kind: 'space',
        message: `line ${lineNumber}: ${show(name)} ${where} with a space; the script hashes the name as typed, so it gives another formula than ${show(name.trim())}`,
      });
    }
    if (/[\u0000-\u001f\u007f]/.test(name)) {
      warnings.push({ line: lineNumber, kind: 'control', message: `line ${lineNumber}: ${show(name)} has a control character that a student cannot type` });
    }
    if (name.normalize('NFC') !== name) {
      warnings.push({
        line: lineNumber,
        kind: 'unicode',
        message: `line ${lineNumber}: ${show(name)} has decomposed accents (Unicode NFD); typed on a keyboard the same name is NFC and gives another formula`,
      });
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      warnings.push({ line: lineNumber, kind: 'duplicate', message: `line ${lineNumber}: ${show(name)} is already on line ${earlier}: kept once` });
      continue;
    }
    seen.set(name, lineNumber);
    names.push(name);
  }
  return { names, warnings };
}

import { invalid } from './guards';
/**
 * CSV that is safe to open in a spreadsheet: RFC 4180 quoting, and text that
 * a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a
 * tab or a carriage return) written with a leading apostrophe, as OWASP
 * recommends against CSV injection. Numbers stay numbers, negative ones too.
 */

/** A cell: text, a number, or null for an empty cell. */
export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * One CSV cell.
 *
 * @example
 * ```ts
 * csvCell('=HYPERLINK("x")'); // "'=HYPERLINK(\"\"x\"\")" quoted
 * csvCell(-5);                // '-5'
 * csvCell('a, b');            // '"a, b"'
 * ```
 */
export function csvCell(value: CsvValue): string {
  if (value !== null && typeof value !== 'string' && typeof value !== 'number') throw invalid('csvCell', 'value', 'a string, a number or null', value);
  if (value === null) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value + 0);
  }
  let text = value;
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (without the line break). */
export function csvRow(values: readonly CsvValue[]): string {
  if (!Array.isArray(values)) throw invalid('csvRow', 'values', 'an array of strings, numbers or nulls', values);
  return values.map(csvCell).join(',');
}

import { requireNumber } from './guards';
/**
 * Number formatting shared by the solution, the graph and the CLI.
 */

/**
 * A value for people: 6 significant digits, trailing zeros dropped, `nan`,
 * `inf`, `-inf` spelled as in PyTorch's JSON fixtures.
 *
 * @example
 * ```ts
 * formatValue(35.70841994057043); // '35.7084'
 * formatValue(-5.000000000000001); // '-5'
 * formatValue(NaN);                // 'nan'
 * ```
 */
export function formatValue(value: number): string {
  requireNumber(value, 'formatValue', 'value');
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return '0';
  return String(Number(value.toPrecision(6)));
}

/**
 * A number for JSON: finite numbers as they are, non-finite ones as the
 * strings `"nan"`, `"inf"`, `"-inf"`.
 *
 * @example
 * ```ts
 * jsonNumber(Infinity); // 'inf'
 * ```
 */
export function jsonNumber(value: number): number | 'nan' | 'inf' | '-inf' {
  requireNumber(value, 'jsonNumber', 'value');
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return value;
}

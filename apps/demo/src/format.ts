/**
 * Numbers as the demo prints them and as `--json` writes them. The demo never
 * prints `NaN` or `undefined`: non-finite values read `nan`, `inf`, `-inf`, as
 * PyTorch prints them and as the project's JSON files store them.
 */

/** `nan`, `inf` or `-inf` for a non-finite number, otherwise null. */
function nonFinite(value: number): string | null {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return null;
}

/**
 * Fixed-point with `digits` decimals (4, as PyTorch prints); a negative zero,
 * or a value that rounds to zero, prints without a sign.
 *
 * @example
 * ```ts
 * fixed(3.77297); // '3.7730'
 * fixed(-1e-9);   // '0.0000'
 * ```
 */
export function fixed(value: number, digits = 4): string {
  const special = nonFinite(value);
  if (special !== null) return special;
  const text = value.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/**
 * A small difference in scientific notation (`2.2e-10`), zero as `0`.
 *
 * @example
 * ```ts
 * scientific(0.000000000223); // '2.2e-10'
 * ```
 */
export function scientific(value: number, digits = 1): string {
  const special = nonFinite(value);
  if (special !== null) return special;
  if (value === 0) return '0';
  return value.toExponential(digits);
}

/**
 * Four decimals as {@link fixed}, except for magnitudes that would print as
 * `0.0000` or need more than 8 integer digits: those in scientific notation
 * with 4 decimals, as PyTorch switches.
 *
 * @example
 * ```ts
 * readable(-5.000000000000001);      // '-5.0000'
 * readable(1.3255510660014223e-270); // '1.3256e-270'
 * ```
 */
export function readable(value: number): string {
  const magnitude = Math.abs(value);
  if (Number.isFinite(value) && value !== 0 && (magnitude < 5e-5 || magnitude >= 1e8)) return value.toExponential(4);
  return fixed(value);
}

/** An integer-valued number without decimals, otherwise {@link fixed}. */
export function compact(value: number): string {
  return Number.isInteger(value) ? String(value === 0 ? 0 : value) : fixed(value);
}

/** `[a, b, c]` of {@link readable} values, for one-line vectors. */
export function vector(values: readonly number[]): string {
  return `[${values.map(readable).join(', ')}]`;
}

/**
 * JSON text with non-finite numbers as the strings "nan", "inf", "-inf" and
 * typed arrays as plain arrays, so any JSON reader (Python's included) can
 * recompute the numbers.
 *
 * @example
 * ```ts
 * toJson({ f: NaN }); // '{"f":"nan"}'
 * ```
 */
export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(
    value,
    (_key, item: unknown) => {
      if (typeof item === 'number') return nonFinite(item) ?? item;
      if (ArrayBuffer.isView(item) && !(item instanceof DataView)) return Array.from(item as unknown as ArrayLike<number>);
      return item;
    },
    indent,
  );
}

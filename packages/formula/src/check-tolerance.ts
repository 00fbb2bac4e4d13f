import { requireInteger, requireNumber } from './guards';
/** The answer checker's tolerance for hand work. */

/** The default number of significant digits. */
export const DEFAULT_DIGITS = 3;

/**
 * True when `given` matches `expected` to `digits` significant digits: within
 * one unit of the last digit, and within 10^-(digits+1) of `scale` (the size of
 * the numbers it is computed from), so that a rounding residue such as
 * 1.2e-16 matches 0.
 *
 * @example
 * ```ts
 * handClose(1.373, 1.3734);   // true
 * handClose(1.37, 137);       // false
 * handClose(0, 1.2e-16, 3, 26); // true
 * ```
 */
export function handClose(given: number, expected: number, digits = DEFAULT_DIGITS, scale = 0): boolean {
  requireNumber(given, 'handClose', 'given');
  requireNumber(expected, 'handClose', 'expected');
  requireInteger(digits, 'handClose', 'digits', 1, 15);
  requireNumber(scale, 'handClose', 'scale');
  if (!Number.isFinite(given) || !Number.isFinite(expected)) {
    return Object.is(given, expected) || (Number.isNaN(given) && Number.isNaN(expected));
  }
  const magnitude = Math.abs(expected);
  const unit = magnitude > 0 ? 10 ** (Math.floor(Math.log10(magnitude)) - (digits - 1)) : 0;
  const floor = 10 ** -(digits + 1) * Math.abs(scale);
  return Math.abs(given - expected) <= (unit + floor) * (1 + 1e-9) + 1e-300;
}

/*
 * The one rule of the PyTorch fixtures' JSON (scripts/fixtures/gen_*.py):
 * non-finite numbers are written as the strings "nan", "inf", "-inf". Shared by
 * the golden tests of every package; it imports nothing, so any package's
 * tests may use it.
 */

/** A fixture value with "nan" / "inf" / "-inf" turned back into numbers; anything else as is. */
export function decodeNonFinite<T>(value: T): T | number {
  if (value === 'nan') return Number.NaN;
  if (value === 'inf') return Number.POSITIVE_INFINITY;
  if (value === '-inf') return Number.NEGATIVE_INFINITY;
  return value;
}

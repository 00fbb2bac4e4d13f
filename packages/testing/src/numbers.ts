/*
 * The PyTorch fixtures' numbers: non-finite values are the strings "nan", "inf", "-inf", bools
 * are `true`/`false`. Imports no gradlab package at run time, so the tests of @gradlab/tensor
 * use it too (`@gradlab/testing/numbers`) without depending on the packages built on tensor.
 */
import type { DType, TypedArray } from '@gradlab/tensor';

/** A fixture value with "nan" / "inf" / "-inf" turned back into numbers; anything else as is. */
export function decodeNonFinite<T>(value: T): T | number {
  if (value === 'nan') return Number.NaN;
  if (value === 'inf') return Number.POSITIVE_INFINITY;
  if (value === '-inf') return Number.NEGATIVE_INFINITY;
  return value;
}

/** "nan" / "inf" / "-inf" back to numbers; arrays element by element; everything else as is. */
export function decode(value: unknown): unknown {
  return Array.isArray(value) ? value.map(decode) : decodeNonFinite(value);
}

/** One fixture value as a number: non-finite strings decoded, booleans as 0/1. */
export function num(value: unknown): number {
  return Number(decodeNonFinite(value));
}

/** The storage of `dtype` holding the decoded fixture values. */
export function storageOf(dtype: DType, values: readonly unknown[]): TypedArray {
  const numbers = values.map(num);
  switch (dtype) {
    case 'float32':
      return Float32Array.from(numbers);
    case 'float64':
      return Float64Array.from(numbers);
    case 'int32':
      return Int32Array.from(numbers);
    case 'bool':
      return Uint8Array.from(numbers);
  }
}

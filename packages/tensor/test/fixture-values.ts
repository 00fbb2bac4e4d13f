/*
 * Decoding of the PyTorch fixtures' numbers, shared by the golden tests:
 * non-finite values are the strings "nan", "inf", "-inf"; bools are 0/1.
 */
import { decodeNonFinite } from '../../../scripts/fixture-numbers';
import type { DType, TypedArray } from '../src/index';

/** "nan" / "inf" / "-inf" back to numbers; arrays element by element; everything else as is. */
export function decode(value: unknown): unknown {
  return Array.isArray(value) ? value.map(decode) : decodeNonFinite(value);
}

/** One fixture value as a number (booleans as 0/1). */
export function decodeNumber(value: unknown): number {
  const v = decode(value);
  return typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
}

/** The storage of `dtype` holding the decoded fixture values. */
export function storageOf(dtype: DType, values: readonly unknown[]): TypedArray {
  const numbers = values.map(decodeNumber);
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

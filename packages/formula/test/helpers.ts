import { decodeNonFinite } from '../../../scripts/fixture-numbers';

/** Reads a fixture number ("nan", "inf", "-inf" are strings in JSON). */
export function num(value: number | string): number {
  return decodeNonFinite(value) as number;
}

/**
 * True when `actual` matches `expected` to a relative tolerance: non-finite
 * values must match exactly (NaN with NaN, inf with inf of the same sign).
 */
export function close(actual: number, expected: number, rtol = 1e-9, atol = 0): boolean {
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected));
  return Math.abs(actual - expected) <= atol + rtol * Math.max(Math.abs(actual), Math.abs(expected));
}

export interface TorchResult {
  f: number | string;
  grad: (number | string)[];
}

export interface VectorEntry {
  name: string;
  formula: string;
  values: number[];
  torch64: TorchResult;
  lines?: string[];
}

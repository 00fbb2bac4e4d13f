/*
 * The one closeness check of the tests: PyTorch's `torch.allclose` rule
 * (|actual - expected| <= atol + rtol * |expected|) with the variants the tests need.
 */
import { expect } from 'vitest';

/** How close is close enough. Every field is optional; all default to 0 / false. */
export interface Tolerance {
  /** Relative to |expected| (PyTorch's rtol), or to `max(|actual|, |expected|)` when `symmetric`. */
  rtol?: number;
  /** Absolute (PyTorch's atol). */
  atol?: number;
  /**
   * Relative to the largest finite |expected| of the whole tensor: a float32 element's error is
   * bounded by the largest terms it came from, not by itself (results near 0).
   */
  scaleRtol?: number;
  /** `rtol` applies to `max(|expected|, floor)`: relative for large values, absolute below `floor`. */
  floor?: number;
  /** `rtol` relative to the larger of |actual| and |expected|, as Python's `math.isclose`. */
  symmetric?: boolean;
  /** Two zeros must have the same sign. */
  signedZero?: boolean;
}

/**
 * `true` when `actual` is within `tolerance` of `expected`. Non-finite values must match exactly
 * (NaN with NaN, an infinity with the same infinity). `scale` is what `scaleRtol` multiplies
 * (`expectAllClose` passes the largest finite |expected|).
 */
export function isClose(actual: number, expected: number, tolerance: Tolerance = {}, scale = 0): boolean {
  if (!Number.isFinite(expected) || !Number.isFinite(actual)) return Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected));
  if (tolerance.signedZero === true && actual === 0 && expected === 0) return Object.is(actual, expected);
  const { rtol = 0, atol = 0, scaleRtol = 0, floor = 0 } = tolerance;
  const magnitude = Math.max(tolerance.symmetric === true ? Math.max(Math.abs(actual), Math.abs(expected)) : Math.abs(expected), floor);
  return Math.abs(actual - expected) <= rtol * magnitude + scaleRtol * scale + atol;
}

/** The largest finite magnitude among `values` (0 for none): what `scaleRtol` is relative to. */
export function finiteScale(values: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) scale = Math.max(scale, Math.abs(v));
  }
  return scale;
}

const show = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

/**
 * Expects `actual` and `expected` to have the same length and every element to pass
 * {@link isClose}; a failure names `label[i]`, both values and the bound.
 */
export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: Tolerance, label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  const scale = tolerance.scaleRtol ? finiteScale(expected) : 0;
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual[i]);
    const e = Number(expected[i]);
    if (!isClose(a, e, tolerance, scale)) {
      expect.fail(`${label}[${i}]: got ${show(a)}, expected ${show(e)} (|diff| ${Math.abs(a - e)})`);
    }
  }
}

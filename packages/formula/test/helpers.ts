import type { Tolerance } from '@gradlab/testing';

export { num } from '@gradlab/testing';

/**
 * How close a float64 result must be to PyTorch's float64 one: relative 1e-9 of the larger of
 * the two (as Python's `math.isclose`), for `isClose` of @gradlab/testing.
 */
export const TORCH64: Tolerance = { rtol: 1e-9, symmetric: true };

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

/**
 * Checks a system's probe outputs against the float64 reference before its
 * time may count.
 *
 * An element passes when |got - expected| <= atol * scale + rtol * |expected|,
 * where scale is the largest |expected| in that array: float32 rounding stays
 * far inside (about 1e-6 of the scale here), while a wrong formula, a leaky
 * ReLU or a wrong learning rate lands far outside.
 */

export interface Tolerance {
  readonly atol: number;
  readonly rtol: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { atol: 2e-5, rtol: 2e-4 };

export interface CheckResult {
  readonly ok: boolean;
  /** Largest |got - expected| / scale over all probes (0 when exact). */
  readonly maxScaledError: number;
  /** Why it failed, naming the probe and the worst element; empty when ok. */
  readonly message: string;
}

/**
 * Compares every expected probe; `read` returns the system's values for a
 * name, or null when the system did not write that probe.
 */
export function checkProbes(expected: ReadonlyMap<string, Float64Array>, read: (name: string) => Float64Array | null, tolerance: Tolerance = DEFAULT_TOLERANCE): CheckResult {
  let maxScaledError = 0;
  const problems: string[] = [];
  for (const [name, want] of expected) {
    const got = read(name);
    if (got === null) {
      problems.push(`${name}: missing`);
      continue;
    }
    if (got.length !== want.length) {
      problems.push(`${name}: ${got.length} values, expected ${want.length}`);
      continue;
    }
    let scale = 0;
    for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]!));
    if (scale === 0) scale = 1;
    let worst = -1;
    let worstExcess = 0;
    for (let i = 0; i < want.length; i++) {
      const error = Math.abs(got[i]! - want[i]!);
      const allowed = tolerance.atol * scale + tolerance.rtol * Math.abs(want[i]!);
      // NaN fails: !(NaN <= allowed).
      if (!(error <= allowed)) {
        const excess = Number.isNaN(error) ? Infinity : error / allowed;
        if (worst < 0 || excess > worstExcess) {
          worst = i;
          worstExcess = excess;
        }
      }
      if (!Number.isNaN(error)) maxScaledError = Math.max(maxScaledError, error / scale);
      else maxScaledError = Infinity;
    }
    if (worst >= 0) {
      const failures = want.reduce((count, w, i) => count + (Math.abs(got[i]! - w) <= tolerance.atol * scale + tolerance.rtol * Math.abs(w) ? 0 : 1), 0);
      problems.push(`${name}[${worst}] = ${got[worst]}, expected ${want[worst]} (${failures} of ${want.length} values off)`);
    }
  }
  return { ok: problems.length === 0, maxScaledError, message: problems.join('; ') };
}

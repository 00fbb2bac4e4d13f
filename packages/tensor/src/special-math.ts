/*
 * erf and erfc in double precision, within a few ulps of the correctly rounded
 * value (glibc's, which PyTorch calls): measured against mpmath at 200 bits on
 * 4,000 points in [0, 27], at most 4 ulps (erfc near 2.5), and against PyTorch
 * 1.13's float64 fixtures (tensor-unary.json).
 *
 * - |x| < 0.5: the Maclaurin series of erf (alternating, no cancellation here);
 * - 0.5 <= |x| < 1: erf from the series with positive terms,
 *   erf(x) = 2/sqrt(pi) x e^(-x^2) sum (2x^2)^n / (1 * 3 * ... * (2n + 1));
 * - |x| >= 0.5 for erfc (and |x| >= 1 for erf = 1 - erfc): Laplace's continued
 *   fraction erfc(x) = e^(-x^2)/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
 *   evaluated backwards with 240/x^2 + 20 terms (enough for 2^-53 from x = 0.5 on).
 * e^(-x^2) is computed as e^(-h^2) e^(-l(x + h)) with x = h + l split at 26 bits, so that
 * the rounding of x^2 (which e^(-x^2) would amplify by x^2) does not enter.
 */

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

function expNegSquare(x: number): number {
  const c = 134217729 * x; // 2^27 + 1: Veltkamp's split
  const hi = c - (c - x);
  const lo = x - hi;
  return Math.exp(-hi * hi) * Math.exp(-(lo * (x + hi)));
}

function erfMaclaurin(x: number): number {
  const z = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 40; n++) {
    term *= -z / n;
    const t = term / (2 * n + 1);
    sum += t;
    if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

// x in [0.5, 1)
function erfPositiveSeries(x: number): number {
  const z = 2 * x * x;
  let term = 1;
  let sum = 1;
  for (let n = 1; n < 100; n++) {
    term *= z / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return TWO_OVER_SQRT_PI * x * expNegSquare(x) * sum;
}

// x >= 0.5
function erfcContinuedFraction(x: number): number {
  if (x > 27.3) return 0; // below the smallest subnormal
  const terms = Math.ceil(240 / (x * x)) + 20;
  let f = x;
  for (let k = terms; k >= 1; k--) f = x + k / 2 / f;
  return (ONE_OVER_SQRT_PI * expNegSquare(x)) / f;
}

/**
 * The error function `2/sqrt(pi) * integral from 0 to x of e^(-t^2) dt` (odd; `erf(±inf) = ±1`).
 *
 * @example
 * ```ts
 * erfValue(1); // 0.8427007929497149
 * ```
 */
export function erfValue(x: number): number {
  if (x !== x || x === 0) return x; // NaN, and the sign of 0
  const a = Math.abs(x);
  if (a < 0.5) return erfMaclaurin(x);
  let r: number;
  if (a < 1) r = erfPositiveSeries(a);
  else if (a >= 6) r = 1;
  else r = 1 - erfcContinuedFraction(a);
  return x < 0 ? -r : r;
}

/**
 * The complementary error function `1 - erf(x)`, accurate where it is small (`erfc(27) = 5.2e-319`).
 *
 * @example
 * ```ts
 * erfcValue(5); // 1.5374597944280347e-12
 * ```
 */
export function erfcValue(x: number): number {
  if (x !== x) return x;
  const a = Math.abs(x);
  if (a < 0.5) return 1 - erfMaclaurin(x);
  const r = erfcContinuedFraction(a);
  return x < 0 ? 2 - r : r;
}

/**
 * One table of operator semantics: the float64 forward value (computed as
 * PyTorch computes it, so that non-finite results appear in the same places),
 * the local derivative written as a formula, and what makes the operator fail.
 */
import { binary, constant, LEAKY_SLOPE, unary, type BinaryOp, type Expr, type UnaryOp } from './ast';
import { requireNumber } from './guards';

/** Semantics of a unary operator. */
export interface UnarySpec {
  /** The forward value in float64. */
  readonly evaluate: (u: number) => number;
  /** d op(u) / du as a formula of the operand `u`. */
  readonly local: (u: Expr) => Expr;
  /**
   * True when PyTorch's backward selects 0 instead of multiplying (ReLU's
   * `threshold_backward`): the contribution is exactly 0 even if the upstream
   * gradient is infinite or NaN.
   */
  readonly selectsZero?: boolean;
  /** Why the forward value or the local derivative is not finite at `u`, or null. */
  readonly failure: (u: number, value: number) => string | null;
}

/** How PyTorch's backward overrides a local derivative (see {@link BinarySpec.masks}). */
export type Mask = 'select' | 'zero' | null;

/** Semantics of a binary operator. */
export interface BinarySpec {
  readonly evaluate: (a: number, b: number) => number;
  /** [d op(a, b) / da, d op(a, b) / db] as formulas of `a` and `b`. */
  readonly local: (a: Expr, b: Expr) => readonly [Expr, Expr];
  /**
   * Where PyTorch's backward masks the formula (`pow`, as in PyTorch's
   * `pow_backward_self` / `pow_backward_exponent`): `'select'` makes the
   * contribution exactly 0 even when the upstream gradient is not finite;
   * `'zero'` makes the local derivative 0, still multiplied by the upstream.
   */
  readonly masks?: (a: number, b: number) => readonly [Mask, Mask];
  readonly failure: (a: number, b: number, value: number) => string | null;
}

const overflow = (value: number): string | null => (Number.isFinite(value) ? null : 'overflow to infinity');
const nonFiniteInput = (...inputs: number[]): string | null =>
  inputs.some((v) => !Number.isFinite(v)) ? 'a non-finite input' : null;

/**
 * C's `pow` (and so PyTorch's): JavaScript's `Math.pow` differs only for
 * `pow(1, NaN)` and `pow(-1, ±Infinity)`, which C defines as 1.
 */
export function cPow(a: number, b: number): number {
  requireNumber(a, 'cPow', 'a');
  requireNumber(b, 'cPow', 'b');
  if (a === 1 || (a === -1 && !Number.isFinite(b) && !Number.isNaN(b))) return 1;
  return Math.pow(a, b);
}

/** Unary operator semantics, keyed by operator. */
export const UNARY: Readonly<Record<UnaryOp, UnarySpec>> = {
  neg: {
    evaluate: (u) => -u,
    local: () => constant(-1),
    failure: (u) => nonFiniteInput(u),
  },
  square: {
    // PyTorch computes pow(u, 2) as u * u and pow(u, 3) as u * u * u.
    evaluate: (u) => u * u,
    local: (u) => binary('mul', constant(2), u),
    failure: (u, v) => nonFiniteInput(u) ?? overflow(v),
  },
  cube: {
    evaluate: (u) => u * u * u,
    local: (u) => binary('mul', constant(3), unary('square', u)),
    failure: (u, v) => nonFiniteInput(u) ?? overflow(v),
  },
  log: {
    evaluate: Math.log,
    local: (u) => unary('reciprocal', u),
    failure: (u) =>
      Number.isNaN(u)
        ? 'a non-finite input'
        : u === 0
          ? 'log of 0 (the value is -inf, the derivative 1/0)'
          : u < 0
            ? `log of a negative number (${u})`
            : u === Infinity
              ? 'a non-finite input'
              : null,
  },
  exp: {
    evaluate: Math.exp,
    local: (u) => unary('exp', u),
    failure: (u, v) => nonFiniteInput(u) ?? overflow(v),
  },
  cos: {
    evaluate: Math.cos,
    local: (u) => unary('neg', unary('sin', u)),
    failure: (u) => nonFiniteInput(u),
  },
  sin: {
    evaluate: Math.sin,
    local: (u) => unary('cos', u),
    failure: (u) => nonFiniteInput(u),
  },
  tan: {
    evaluate: Math.tan,
    local: (u) => binary('add', constant(1), unary('square', unary('tan', u))),
    // NOTE: a double never lands exactly on π/2 + kπ, where tan is ~1.6e16 rather than infinite:
    // |cos(u)| below 1e-12 is a pole for every practical purpose.
    failure: (u, v) =>
      nonFiniteInput(u) ??
      (Number.isFinite(v) && Number.isFinite(1 + v * v) && Math.abs(Math.cos(u)) >= 1e-12 ? null : `tan at a pole (${u})`),
  },
  atan: {
    evaluate: Math.atan,
    local: (u) => unary('reciprocal', binary('add', constant(1), unary('square', u))),
    failure: (u) => nonFiniteInput(u),
  },
  reciprocal: {
    evaluate: (u) => 1 / u,
    local: (u) => binary('div', constant(-1), unary('square', u)),
    failure: (u, v) => nonFiniteInput(u) ?? (u === 0 ? 'reciprocal of 0 (division by zero)' : overflow(v)),
  },
  sqrt: {
    evaluate: Math.sqrt,
    local: (u) => unary('reciprocal', binary('mul', constant(2), unary('sqrt', u))),
    failure: (u) =>
      Number.isNaN(u) || u === Infinity
        ? 'a non-finite input'
        : u < 0
          ? `square root of a negative number (${u})`
          : u === 0
            ? 'square root at 0 (its derivative 1/(2√0) is infinite)'
            : null,
  },
  relu: {
    // NOTE: ReLU'(0) = 0, as PyTorch defines it (threshold_backward keeps u > 0 only).
    evaluate: (u) => (u > 0 ? u : Number.isNaN(u) ? u : 0),
    local: (u) => unary('step', u),
    selectsZero: true,
    failure: (u) => nonFiniteInput(u),
  },
  leakyRelu: {
    // NOTE: LeakyReLU'(0) = 0.01, as PyTorch defines it (u > 0 ? 1 : slope).
    evaluate: (u) => (u > 0 ? u : u * LEAKY_SLOPE),
    local: (u) => unary('leakyStep', u),
    failure: (u) => nonFiniteInput(u),
  },
  abs: {
    evaluate: Math.abs,
    // NOTE: PyTorch's abs_backward is grad * sgn(u): 0 at u = 0, where |u| is not differentiable.
    local: (u) => unary('sign', u),
    failure: (u) => nonFiniteInput(u),
  },
  tanh: {
    evaluate: Math.tanh,
    // PyTorch's tanh_backward uses the output: grad * (1 - tanh(u)^2).
    local: (u) => binary('sub', constant(1), unary('square', unary('tanh', u))),
    failure: (u) => nonFiniteInput(u),
  },
  sigmoid: {
    // As PyTorch's CPU kernel: 1 / (1 + exp(-u)).
    evaluate: (u) => 1 / (1 + Math.exp(-u)),
    local: (u) => binary('mul', unary('sigmoid', u), binary('sub', constant(1), unary('sigmoid', u))),
    failure: (u) => nonFiniteInput(u),
  },
  sign: {
    // NOTE: as PyTorch's sgn, (u > 0) - (u < 0): 0 at ±0 and at NaN (so |NaN|'s gradient is 0, as in PyTorch).
    evaluate: (u) => Number(u > 0) - Number(u < 0),
    local: () => constant(0),
    failure: (u) => nonFiniteInput(u),
  },
  step: {
    // NOTE: PyTorch's threshold_backward tests `u <= 0`, so a NaN input passes the gradient through.
    evaluate: (u) => (u <= 0 ? 0 : 1),
    local: () => constant(0),
    failure: (u) => nonFiniteInput(u),
  },
  leakyStep: {
    // NOTE: PyTorch's leaky_relu_backward tests `u > 0`, so a NaN input takes the slope.
    evaluate: (u) => (u > 0 ? 1 : LEAKY_SLOPE),
    local: () => constant(0),
    failure: (u) => nonFiniteInput(u),
  },
};

/** Binary operator semantics, keyed by operator. */
export const BINARY: Readonly<Record<BinaryOp, BinarySpec>> = {
  add: {
    evaluate: (a, b) => a + b,
    local: () => [constant(1), constant(1)],
    failure: (a, b, v) => nonFiniteInput(a, b) ?? overflow(v),
  },
  sub: {
    evaluate: (a, b) => a - b,
    local: () => [constant(1), constant(-1)],
    failure: (a, b, v) => nonFiniteInput(a, b) ?? overflow(v),
  },
  mul: {
    evaluate: (a, b) => a * b,
    local: (a, b) => [b, a],
    failure: (a, b, v) => nonFiniteInput(a, b) ?? overflow(v),
  },
  div: {
    evaluate: (a, b) => a / b,
    local: (a, b) => [unary('reciprocal', b), binary('div', unary('neg', a), unary('square', b))],
    failure: (a, b, v) => nonFiniteInput(a, b) ?? (b === 0 ? 'division by zero' : overflow(v)),
  },
  pow: {
    evaluate: cPow,
    masks: (a, b) => [b === 0 ? 'select' : null, a === 0 && b >= 0 ? 'zero' : null],
    local: (a, b) => [
      binary('mul', b, binary('pow', a, binary('sub', b, constant(1)))),
      binary('mul', binary('pow', a, b), unary('log', a)),
    ],
    failure: (a, b, v) =>
      nonFiniteInput(a, b) ??
      (Number.isNaN(v)
        ? `power of a negative base (${a}) with a non-integer exponent (${b})`
        : !Number.isFinite(v)
          ? a === 0
            ? 'power of 0 with a negative exponent (division by zero)'
            : 'overflow to infinity'
          : null),
  },
};

/*
 * Differentiable elementwise ops, each declared once: the forward call (a
 * @gradlab/tensor kernel), what its node saves (the type parameter of its
 * `derivative`, so a formula cannot read what the op did not save) and its
 * gradient formulas with PyTorch's node name, next to each other. The recorder
 * (engine/record.ts) does the tracked check, the broadcast/dtype notes and the
 * attaching; the engine un-broadcasts the gradients (`sumTo`).
 *
 * Formulas follow PyTorch 1.13 term by term (same operations in the same
 * order), so float32 gradients round as PyTorch's do.
 */
import * as B from '@gradlab/tensor';
import { derivative } from '../engine/node';
import {
  baseOf, constant, needsGrad, op1, op2, opN, raw, saveOperand, saveOperands, saveResult, saveSelf, tracks, tracks2, unwrap,
} from '../engine/record';
import type { Operand } from '../operand';
import { Tensor } from '../tensor';
import { leakyReluBackward, sigmoidBackward, tanhBackward, thresholdBackward } from './backward-ops';
import * as K from '@gradlab/tensor/internal';
import { GradientError } from '../errors';

type Base = B.Tensor;
/** A saved operand: a tensor, or the number it was given as. */
type Saved = Tensor | number;

function zerosLike(x: Tensor): Tensor {
  return new Tensor(B.zerosLike(x.data));
}

/**
 * `a + b`, broadcasting; JS numbers are accepted on either side.
 *
 * @example
 * ```ts
 * add(tensor([1, 2]), 1); // tensor([2., 3.])
 * ```
 */
export function add(a: Operand, b: Operand): Tensor {
  return op2(AddBackward0, B.add(unwrap(a), unwrap(b)), a, b, null);
}
export const AddBackward0 = derivative('AddBackward0', {}, (g) => g, (g) => g);

/**
 * `a - b`, broadcasting (`number - tensor` records PyTorch's `RsubBackward1`).
 *
 * @example
 * ```ts
 * sub(tensor([1, 2]), 1); // tensor([0., 1.])
 * ```
 */
export function sub(a: Operand, b: Operand): Tensor {
  const out = B.sub(unwrap(a), unwrap(b));
  if (typeof a === 'number' || typeof a === 'boolean') return op1(RsubBackward1, out, b, null);
  return op2(SubBackward0, out, a, b, null);
}
export const SubBackward0 = derivative('SubBackward0', {}, (g) => g, (g) => neg(g));
export const RsubBackward1 = derivative('RsubBackward1', {}, (g) => neg(g));

/**
 * `a * b`, broadcasting.
 *
 * @example
 * ```ts
 * mul(tensor([1, 2]), tensor([3, 4])); // tensor([3., 8.])
 * ```
 */
export function mul(a: Operand, b: Operand): Tensor {
  return op2(MulBackward0, B.mul(unwrap(a), unwrap(b)), a, b, saveOperands);
}
export const MulBackward0 = derivative<ReturnType<typeof saveOperands>>(
  'MulBackward0',
  { saves: true },
  (g, s) => mul(g, s.other!),
  (g, s) => mul(g, s.self!),
);

/**
 * True division `a / b`, broadcasting. `number / tensor` is computed as
 * PyTorch does, `reciprocal(b) * a`.
 *
 * @example
 * ```ts
 * div(tensor([1, 2]), 2); // tensor([0.5000, 1.0000])
 * ```
 */
export function div(a: Operand, b: Operand): Tensor {
  if ((typeof a === 'number' || typeof a === 'boolean') && tracks(b)) {
    return mul(reciprocal(b), a);
  }
  return op2(DivBackward0, B.div(unwrap(a), unwrap(b)), a, b, saveDiv);
}
function saveDiv(_: Tensor, a: Operand, b: Operand): { self: Saved | null; other: Saved } {
  return { self: needsGrad(b) ? saveOperand(a) : null, other: saveOperand(b) };
}
export const DivBackward0 = derivative<ReturnType<typeof saveDiv>>(
  'DivBackward0',
  { saves: true },
  (g, s) => div(g, s.other),
  (g, s) => mul(neg(g), div(div(s.self!, s.other), s.other)),
);

/**
 * `a ** b`, broadcasting. A number exponent records `PowBackward0`, a tensor
 * exponent (or a number base) `PowBackward1`.
 *
 * @example
 * ```ts
 * pow(tensor([2, 3]), 2); // tensor([4., 9.])
 * ```
 */
export function pow(a: Operand, b: Operand): Tensor {
  const out = B.pow(unwrap(a), unwrap(b));
  if (typeof b === 'number' || typeof b === 'boolean') {
    if (!tracks(a)) return constant(out);
    return op1(PowBackward0, out, a, { self: a, exponent: +b });
  }
  return op2(PowBackward1, out, a, b, savePow);
}
export const PowBackward0 = derivative<{ self: Tensor; exponent: number }>('PowBackward0', { saves: true }, (g, s) => {
  // NOTE: x ** 0 has gradient 0 everywhere, even at x = 0 or NaN.
  if (s.exponent === 0) return zerosLike(s.self);
  // x ** 1 is x exactly (NaN and inf included), so skip that op
  const power = s.exponent === 2 ? s.self : pow(s.self, s.exponent - 1);
  return mul(g, mul(s.exponent, power));
});
function savePow(result: Tensor, a: Operand, b: Operand): { self: Tensor; other: Saved; result: Tensor | null } {
  // NOTE: a number base is saved as a 0-d tensor of the result's dtype, as
  // PyTorch wraps it, so that log(base) is computed in that precision.
  const self = typeof a === 'number' || typeof a === 'boolean' ? new Tensor(B.full([], +a, { dtype: result.data.dtype })) : (saveOperand(a) as Tensor);
  return { self, other: saveOperand(b), result: needsGrad(b) ? result : null };
}
export const PowBackward1 = derivative<ReturnType<typeof savePow>>(
  'PowBackward1',
  { saves: true },
  (g, s) => where(B.eq(raw(s.other), 0), 0, mul(g, mul(s.other, pow(s.self, sub(s.other, 1))))),
  // NOTE: d/dy x**y = x**y log x, taken as 0 where x = 0 and y >= 0 (not 0 * -inf).
  (g, s) => {
    const term = mul(s.result!, log(s.self));
    const zeroBase = B.eq(s.self.data, 0);
    return mul(g, where(zeroBase, where(B.ge(raw(s.other), 0), 0, term), term));
  },
);

/**
 * `-x`.
 *
 * @example
 * ```ts
 * neg(tensor([1, -2])); // tensor([-1., 2.])
 * ```
 */
export function neg(x: Operand): Tensor {
  return op1(NegBackward0, B.neg(unwrap(x)), x, null);
}
export const NegBackward0 = derivative('NegBackward0', {}, (g) => neg(g));

/**
 * `|x|`. NOTE: the gradient at 0 is 0 (PyTorch's `grad * sgn(x)`).
 *
 * @example
 * ```ts
 * abs(tensor([-1, 2])); // tensor([1., 2.])
 * ```
 */
export function abs(x: Operand): Tensor {
  return op1(AbsBackward0, B.abs(unwrap(x)), x, saveSelf);
}
// NOTE: abs'(0) = 0 (and 0 at NaN): PyTorch multiplies by sgn(x).
export const AbsBackward0 = derivative<{ self: Tensor }>('AbsBackward0', { saves: true }, (g, s) => mul(g, sign(s.self)));

/**
 * `e ** x`.
 *
 * @example
 * ```ts
 * exp(tensor([0])); // tensor([1.])
 * ```
 */
export function exp(x: Operand): Tensor {
  return op1(ExpBackward0, B.exp(unwrap(x)), x, saveResult);
}
export const ExpBackward0 = derivative<{ result: Tensor }>('ExpBackward0', { saves: true }, (g, s) => mul(g, s.result));

/**
 * Natural logarithm (`log(0) = -inf`, `log(-1) = nan`).
 *
 * @example
 * ```ts
 * log(tensor([1])); // tensor([0.])
 * ```
 */
export function log(x: Operand): Tensor {
  return op1(LogBackward0, B.log(unwrap(x)), x, saveSelf);
}
export const LogBackward0 = derivative<{ self: Tensor }>('LogBackward0', { saves: true }, (g, s) => div(g, s.self));

/**
 * `log(1 + x)`, accurate for small `x`.
 *
 * @example
 * ```ts
 * log1p(tensor([0])); // tensor([0.])
 * ```
 */
export function log1p(x: Operand): Tensor {
  return op1(Log1PBackward0, B.log1p(unwrap(x)), x, saveSelf);
}
// PyTorch's log1p_backward: grad / (x + 1)
export const Log1PBackward0 = derivative<{ self: Tensor }>('Log1PBackward0', { saves: true }, (g, s) => div(g, add(s.self, 1)));

/**
 * `e ** x - 1`, accurate for small `x`.
 *
 * @example
 * ```ts
 * expm1(tensor([0])); // tensor([0.])
 * ```
 */
export function expm1(x: Operand): Tensor {
  return op1(Expm1Backward0, B.expm1(unwrap(x)), x, saveResult);
}
export const Expm1Backward0 = derivative<{ result: Tensor }>('Expm1Backward0', { saves: true }, (g, s) => mul(g, add(s.result, 1)));

/**
 * Square root. NOTE: its gradient at 0 is `inf`, as in PyTorch.
 *
 * @example
 * ```ts
 * sqrt(tensor([4])); // tensor([2.])
 * ```
 */
export function sqrt(x: Operand): Tensor {
  return op1(SqrtBackward0, B.sqrt(unwrap(x)), x, saveResult);
}
// NOTE: sqrt'(0) = g / 0 = inf.
export const SqrtBackward0 = derivative<{ result: Tensor }>('SqrtBackward0', { saves: true }, (g, s) => div(g, mul(2, s.result)));

/**
 * `1 / x`.
 *
 * @example
 * ```ts
 * reciprocal(tensor([2])); // tensor([0.5000])
 * ```
 */
export function reciprocal(x: Operand): Tensor {
  return op1(ReciprocalBackward0, B.reciprocal(unwrap(x)), x, saveResult);
}
export const ReciprocalBackward0 = derivative<{ result: Tensor }>('ReciprocalBackward0', { saves: true }, (g, s) =>
  mul(neg(g), mul(s.result, s.result)),
);

/**
 * Sine.
 *
 * @example
 * ```ts
 * sin(tensor([0])); // tensor([0.])
 * ```
 */
export function sin(x: Operand): Tensor {
  return op1(SinBackward0, B.sin(unwrap(x)), x, saveSelf);
}
export const SinBackward0 = derivative<{ self: Tensor }>('SinBackward0', { saves: true }, (g, s) => mul(g, cos(s.self)));

/**
 * Cosine.
 *
 * @example
 * ```ts
 * cos(tensor([0])); // tensor([1.])
 * ```
 */
export function cos(x: Operand): Tensor {
  return op1(CosBackward0, B.cos(unwrap(x)), x, saveSelf);
}
export const CosBackward0 = derivative<{ self: Tensor }>('CosBackward0', { saves: true }, (g, s) => mul(g, neg(sin(s.self))));

/**
 * Tangent.
 *
 * @example
 * ```ts
 * tan(tensor([0])); // tensor([0.])
 * ```
 */
export function tan(x: Operand): Tensor {
  return op1(TanBackward0, B.tan(unwrap(x)), x, saveResult);
}
export const TanBackward0 = derivative<{ result: Tensor }>('TanBackward0', { saves: true }, (g, s) => mul(g, add(1, pow(s.result, 2))));

/**
 * Arctangent (the course's `arctan`).
 *
 * @example
 * ```ts
 * atan(tensor([1])); // tensor([0.7854])
 * ```
 */
export function atan(x: Operand): Tensor {
  return op1(AtanBackward0, B.atan(unwrap(x)), x, saveSelf);
}
export const AtanBackward0 = derivative<{ self: Tensor }>('AtanBackward0', { saves: true }, (g, s) => div(g, add(pow(s.self, 2), 1)));

/**
 * Hyperbolic tangent.
 *
 * @example
 * ```ts
 * tanh(tensor([0])); // tensor([0.])
 * ```
 */
export function tanh(x: Operand): Tensor {
  return op1(TanhBackward0, B.tanh(unwrap(x)), x, saveResult);
}
// NOTE: fused kernels, as PyTorch's tanh_backward / sigmoid_backward (with their own double backward)
export const TanhBackward0 = derivative<{ result: Tensor }>('TanhBackward0', { saves: true }, (g, s) => tanhBackward(g, s.result));

/**
 * Logistic sigmoid `1 / (1 + e^-x)`.
 *
 * @example
 * ```ts
 * sigmoid(tensor([0])); // tensor([0.5000])
 * ```
 */
export function sigmoid(x: Operand): Tensor {
  return op1(SigmoidBackward0, B.sigmoid(unwrap(x)), x, saveResult);
}
export const SigmoidBackward0 = derivative<{ result: Tensor }>('SigmoidBackward0', { saves: true }, (g, s) => sigmoidBackward(g, s.result));

/**
 * `max(x, 0)`. NOTE: ReLU'(0) = 0; the gradient reads the result, as
 * PyTorch's `threshold_backward` does.
 *
 * @example
 * ```ts
 * relu(tensor([-1, 2])); // tensor([0., 2.])
 * ```
 */
export function relu(x: Operand): Tensor {
  return op1(ReluBackward0, B.relu(unwrap(x)), x, saveResult);
}
// NOTE: ReLU'(0) = 0, decided on the result as threshold_backward does.
export const ReluBackward0 = derivative<{ result: Tensor }>('ReluBackward0', { saves: true }, (g, s) => thresholdBackward(g, s.result));

/**
 * Leaky ReLU: `x` for `x > 0`, else `negativeSlope * x`. NOTE: its gradient
 * at 0 is `negativeSlope`.
 *
 * @example
 * ```ts
 * leakyRelu(tensor([-1, 2])); // tensor([-0.0100, 2.0000])
 * ```
 */
export function leakyRelu(x: Operand, negativeSlope = 0.01): Tensor {
  const out = B.leakyRelu(unwrap(x) as Base, negativeSlope);
  if (!tracks(x)) return constant(out);
  return op1(LeakyReluBackward0, out, x, { self: x, negativeSlope });
}
// NOTE: LeakyReLU'(0) = negativeSlope (the test is x > 0).
export const LeakyReluBackward0 = derivative<{ self: Tensor; negativeSlope: number }>(
  'LeakyReluBackward0',
  { saves: true },
  (g, s) => leakyReluBackward(g, s.self, s.negativeSlope),
);

/**
 * Elementwise maximum. NOTE: ties split the gradient in halves; NaN
 * propagates to both inputs, as in PyTorch.
 *
 * @example
 * ```ts
 * maximum(tensor([1, 5]), tensor([3, 2])); // tensor([3., 5.])
 * ```
 */
export function maximum(a: Operand, b: Operand): Tensor {
  return op2(MaximumBackward0, B.maximum(unwrap(a), unwrap(b)), a, b, saveBoth);
}
function saveBoth(_: Tensor, a: Operand, b: Operand): { self: Saved; other: Saved } {
  return { self: saveOperand(a), other: saveOperand(b) };
}
// NOTE: maximum/minimum: ties send half the gradient to each side, and a NaN
// compares false everywhere, so both inputs then get the whole gradient.
function maxSide(g: Tensor, s: { self: Saved; other: Saved }, loses: (a: Base | number, b: Base | number) => Base): Tensor {
  const self = raw(s.self);
  const other = raw(s.other);
  return where(loses(self, other), 0, where(B.eq(self, other), div(g, 2), g));
}
export const MaximumBackward0 = derivative<{ self: Saved; other: Saved }>(
  'MaximumBackward0',
  { saves: true },
  (g, s) => maxSide(g, s, B.lt),
  (g, s) => maxSide(g, s, B.gt),
);

/**
 * Elementwise minimum (ties split the gradient in halves).
 *
 * @example
 * ```ts
 * minimum(tensor([1, 5]), tensor([3, 2])); // tensor([1., 2.])
 * ```
 */
export function minimum(a: Operand, b: Operand): Tensor {
  return op2(MinimumBackward0, B.minimum(unwrap(a), unwrap(b)), a, b, saveBoth);
}
export const MinimumBackward0 = derivative<{ self: Saved; other: Saved }>(
  'MinimumBackward0',
  { saves: true },
  (g, s) => maxSide(g, s, B.gt),
  (g, s) => maxSide(g, s, B.lt),
);

/**
 * Clamps into `[min, max]` (either bound may be omitted). Number bounds
 * record `ClampBackward1`; tensor bounds broadcast, are differentiable and
 * record `ClampBackward0`. NOTE: at a bound the gradient goes to `x`
 * (PyTorch's `x >= min && x <= max`); NaN gets 0.
 *
 * @example
 * ```ts
 * clamp(tensor([-2, 0.5, 3]), -1, 1); // tensor([-1.0000, 0.5000, 1.0000])
 * ```
 */
export function clamp(x: Operand, min?: Operand | null, max?: Operand | null): Tensor {
  const lo = min === undefined || min === null ? undefined : unwrap(min);
  const hi = max === undefined || max === null ? undefined : unwrap(max);
  const out = B.clamp(unwrap(x) as Base, lo, hi);
  if (typeof lo !== 'object' && typeof hi !== 'object') {
    if (!tracks(x)) return constant(out);
    return op1(ClampBackward1, out, x, { self: x, min: lo === undefined ? null : +lo, max: hi === undefined ? null : +hi });
  }
  const bounds = [x, lo === undefined ? null : min!, hi === undefined ? null : max!];
  return opN(ClampBackward0, out, bounds, saveClamp, 'broadcast');
}
// NOTE: at a bound the gradient passes (x >= min && x <= max); NaN gets 0.
export const ClampBackward1 = derivative<{ self: Tensor; min: number | null; max: number | null }>(
  'ClampBackward1',
  { saves: true },
  (g, s) => {
    const x = s.self.data;
    let out = g;
    if (s.max !== null) out = where(B.le(x, s.max), out, 0);
    if (s.min !== null) out = where(B.ge(x, s.min), out, 0);
    return out;
  },
);
function saveClamp(_: Tensor, [x, min, max]: readonly (Operand | null)[]): { self: Saved; min: Saved | null; max: Saved | null } {
  return { self: saveOperand(x!), min: min === null ? null : saveOperand(min!), max: max === null ? null : saveOperand(max!) };
}
// tensor bounds: x keeps the gradient inside [min, max]; a bound takes it where it clamps
export const ClampBackward0 = derivative<ReturnType<typeof saveClamp>>(
  'ClampBackward0',
  { saves: true },
  (g, s) => {
    const x = raw(s.self);
    let out = g;
    if (s.max !== null) out = where(B.le(x, raw(s.max)), out, 0);
    if (s.min !== null) out = where(B.ge(x, raw(s.min)), out, 0);
    return out;
  },
  (g, s) => {
    const x = raw(s.self);
    const lo = raw(s.min!);
    if (s.max === null) return where(B.lt(x, lo), g, 0);
    return where(B.lt(x, lo), where(B.lt(lo, raw(s.max)), g, 0), 0);
  },
  (g, s) => {
    const x = raw(s.self);
    const hi = raw(s.max!);
    if (s.min === null) return where(B.gt(x, hi), g, 0);
    return where(B.gt(x, hi), g, where(B.lt(hi, raw(s.min)), g, 0));
  },
);

/**
 * `condition ? a : b`, broadcasting all three (`condition` is not differentiable).
 *
 * @example
 * ```ts
 * where(tensor([true, false]), tensor([1, 2]), 0); // tensor([1., 0.])
 * ```
 */
export function where(condition: Operand, a: Operand, b: Operand): Tensor;
/**
 * `where(condition)` with one argument: the indices of the non-zero elements,
 * one int32 tensor per dim, as `torch.where(condition)` (not differentiable).
 *
 * @example
 * ```ts
 * where(tensor([false, true, true])); // [tensor([1, 2], dtype=torch.int32)]
 * ```
 */
export function where(condition: Operand): Tensor[];
export function where(condition: Operand, a?: Operand, b?: Operand): Tensor | Tensor[] {
  // indexing (issue 15): the one-argument form
  if (arguments.length === 1) return B.where(unwrap(condition) as Base).map(constant);
  a = a as Operand;
  b = b as Operand;
  const cond = unwrap(condition) as Base;
  const out = B.where(cond, unwrap(a), unwrap(b));
  if (!tracks2(a, b)) return constant(out);
  return op2(WhereBackward0, out, a, b, { condition: cond });
}
export const WhereBackward0 = derivative<{ condition: Base }>(
  'WhereBackward0',
  { saves: true },
  (g, s) => where(s.condition, g, 0),
  (g, s) => where(s.condition, 0, g),
);

/**
 * Sign: -1, 0 or 1 (0 for NaN); its gradient is zero.
 *
 * @example
 * ```ts
 * sign(tensor([-3, 0, 2])); // tensor([-1., 0., 1.])
 * ```
 */
export function sign(x: Operand): Tensor {
  return op1(SignBackward0, B.sign(unwrap(x) as Base), x, null);
}
export const SignBackward0 = derivative('SignBackward0', {}, (g) => zerosLike(g));

/**
 * `x ** 2` (records `PowBackward0`, as PyTorch's `square` does).
 *
 * @example
 * ```ts
 * square(tensor([3])); // tensor([9.])
 * ```
 */
export function square(x: Operand): Tensor {
  return pow(x, 2);
}

function compare(op: (a: Base | B.Scalar, b: Base | B.Scalar) => Base, a: Operand, b: Operand): Tensor {
  return constant(op(unwrap(a), unwrap(b)));
}

/**
 * `a == b` as a bool tensor (not differentiable).
 *
 * @example
 * ```ts
 * eq(tensor([1, 2]), 2); // tensor([False,  True])
 * ```
 */
export function eq(a: Operand, b: Operand): Tensor {
  return compare(B.eq, a, b);
}
/** `a != b` as a bool tensor. @example `ne(tensor([1, 2]), 2); // tensor([ True, False])` */
export function ne(a: Operand, b: Operand): Tensor {
  return compare(B.ne, a, b);
}
/** `a > b` as a bool tensor. @example `gt(tensor([1, 2]), 1); // tensor([False,  True])` */
export function gt(a: Operand, b: Operand): Tensor {
  return compare(B.gt, a, b);
}
/** `a >= b` as a bool tensor. @example `ge(tensor([1, 2]), 2); // tensor([False,  True])` */
export function ge(a: Operand, b: Operand): Tensor {
  return compare(B.ge, a, b);
}
/** `a < b` as a bool tensor. @example `lt(tensor([1, 2]), 2); // tensor([ True, False])` */
export function lt(a: Operand, b: Operand): Tensor {
  return compare(B.lt, a, b);
}
/** `a <= b` as a bool tensor. @example `le(tensor([1, 2]), 1); // tensor([ True, False])` */
export function le(a: Operand, b: Operand): Tensor {
  return compare(B.le, a, b);
}

// ---- elementwise (issue 15) ----------------------------------------------
// Formulas as PyTorch 1.13's derivatives.yaml, written with differentiable ops
// (so createGraph gives the double backward).

/** Saves `x` with the op's scalar arguments (recorded only when `x` is tracked). */
function saveWith<A extends object>(args: A): (result: Tensor, x: Tensor) => A & { self: Tensor } {
  return (_result, x) => ({ ...args, self: x });
}

/**
 * Base-2 logarithm.
 *
 * @example
 * ```ts
 * log2(tensor([8])); // tensor([3.])
 * ```
 */
export function log2(x: Operand): Tensor {
  return op1(Log2Backward0, B.log2(unwrap(x)), x, saveSelf);
}
export const Log2Backward0 = derivative<{ self: Tensor }>('Log2Backward0', { saves: true }, (g, s) => div(g, mul(s.self, Math.LN2)));

/**
 * Base-10 logarithm.
 *
 * @example
 * ```ts
 * log10(tensor([100])); // tensor([2.])
 * ```
 */
export function log10(x: Operand): Tensor {
  return op1(Log10Backward0, B.log10(unwrap(x)), x, saveSelf);
}
export const Log10Backward0 = derivative<{ self: Tensor }>('Log10Backward0', { saves: true }, (g, s) => div(g, mul(s.self, Math.LN10)));

/**
 * `2 ** x`.
 *
 * @example
 * ```ts
 * exp2(tensor([3])); // tensor([8.])
 * ```
 */
export function exp2(x: Operand): Tensor {
  return op1(Exp2Backward0, B.exp2(unwrap(x)), x, saveResult);
}
export const Exp2Backward0 = derivative<{ result: Tensor }>('Exp2Backward0', { saves: true }, (g, s) => mul(mul(g, s.result), Math.LN2));

/**
 * `1 / sqrt(x)`.
 *
 * @example
 * ```ts
 * rsqrt(tensor([4])); // tensor([0.5000])
 * ```
 */
export function rsqrt(x: Operand): Tensor {
  return op1(RsqrtBackward0, B.rsqrt(unwrap(x)), x, saveResult);
}
// PyTorch: -0.5 * grad * result.pow(3)
export const RsqrtBackward0 = derivative<{ result: Tensor }>('RsqrtBackward0', { saves: true }, (g, s) => mul(mul(-0.5, g), pow(s.result, 3)));

/**
 * Hyperbolic sine.
 *
 * @example
 * ```ts
 * sinh(tensor([0])); // tensor([0.])
 * ```
 */
export function sinh(x: Operand): Tensor {
  return op1(SinhBackward0, B.sinh(unwrap(x)), x, saveSelf);
}
export const SinhBackward0 = derivative<{ self: Tensor }>('SinhBackward0', { saves: true }, (g, s) => mul(g, cosh(s.self)));

/**
 * Hyperbolic cosine.
 *
 * @example
 * ```ts
 * cosh(tensor([0])); // tensor([1.])
 * ```
 */
export function cosh(x: Operand): Tensor {
  return op1(CoshBackward0, B.cosh(unwrap(x)), x, saveSelf);
}
export const CoshBackward0 = derivative<{ self: Tensor }>('CoshBackward0', { saves: true }, (g, s) => mul(g, sinh(s.self)));

/**
 * Inverse hyperbolic sine.
 *
 * @example
 * ```ts
 * asinh(tensor([0])); // tensor([0.])
 * ```
 */
export function asinh(x: Operand): Tensor {
  return op1(AsinhBackward0, B.asinh(unwrap(x)), x, saveSelf);
}
export const AsinhBackward0 = derivative<{ self: Tensor }>('AsinhBackward0', { saves: true }, (g, s) => mul(g, rsqrt(add(pow(s.self, 2), 1))));

/**
 * Inverse hyperbolic cosine.
 *
 * @example
 * ```ts
 * acosh(tensor([1])); // tensor([0.])
 * ```
 */
export function acosh(x: Operand): Tensor {
  return op1(AcoshBackward0, B.acosh(unwrap(x)), x, saveSelf);
}
export const AcoshBackward0 = derivative<{ self: Tensor }>('AcoshBackward0', { saves: true }, (g, s) => mul(g, rsqrt(sub(pow(s.self, 2), 1))));

/**
 * Inverse hyperbolic tangent.
 *
 * @example
 * ```ts
 * atanh(tensor([0])); // tensor([0.])
 * ```
 */
export function atanh(x: Operand): Tensor {
  return op1(AtanhBackward0, B.atanh(unwrap(x)), x, saveSelf);
}
// PyTorch: grad * 1 / (1 - self.pow(2))
export const AtanhBackward0 = derivative<{ self: Tensor }>('AtanhBackward0', { saves: true }, (g, s) => div(mul(g, 1), sub(1, pow(s.self, 2))));

/**
 * Arc sine.
 *
 * @example
 * ```ts
 * asin(tensor([0])); // tensor([0.])
 * ```
 */
export function asin(x: Operand): Tensor {
  return op1(AsinBackward0, B.asin(unwrap(x)), x, saveSelf);
}
// PyTorch: grad * (-self * self + 1).rsqrt()
export const AsinBackward0 = derivative<{ self: Tensor }>('AsinBackward0', { saves: true }, (g, s) =>
  mul(g, rsqrt(add(mul(neg(s.self), s.self), 1))),
);

/**
 * Arc cosine.
 *
 * @example
 * ```ts
 * acos(tensor([1])); // tensor([0.])
 * ```
 */
export function acos(x: Operand): Tensor {
  return op1(AcosBackward0, B.acos(unwrap(x)), x, saveSelf);
}
export const AcosBackward0 = derivative<{ self: Tensor }>('AcosBackward0', { saves: true }, (g, s) =>
  mul(g, neg(rsqrt(add(mul(neg(s.self), s.self), 1)))),
);

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/**
 * The error function.
 *
 * @example
 * ```ts
 * erf(tensor([0])); // tensor([0.])
 * ```
 */
export function erf(x: Operand): Tensor {
  return op1(ErfBackward0, B.erf(unwrap(x)), x, saveSelf);
}
// PyTorch: 2.0 / sqrt(M_PI) * exp(-(self.pow(2))) * grad
export const ErfBackward0 = derivative<{ self: Tensor }>('ErfBackward0', { saves: true }, (g, s) =>
  mul(mul(TWO_OVER_SQRT_PI, exp(neg(pow(s.self, 2)))), g),
);

/**
 * The complementary error function `1 - erf(x)`.
 *
 * @example
 * ```ts
 * erfc(tensor([0])); // tensor([1.])
 * ```
 */
export function erfc(x: Operand): Tensor {
  return op1(ErfcBackward0, B.erfc(unwrap(x)), x, saveSelf);
}
export const ErfcBackward0 = derivative<{ self: Tensor }>('ErfcBackward0', { saves: true }, (g, s) =>
  mul(mul(-TWO_OVER_SQRT_PI, exp(neg(pow(s.self, 2)))), g),
);

/**
 * SiLU (swish), `x * sigmoid(x)`.
 *
 * @example
 * ```ts
 * silu(tensor([0])); // tensor([0.])
 * ```
 */
export function silu(x: Operand): Tensor {
  return op1(SiluBackward0, B.silu(unwrap(x)), x, saveSelf);
}
// PyTorch's infinitely_differentiable_silu_backward: grad * sigmoid * (1 + x * (1 - sigmoid))
export const SiluBackward0 = derivative<{ self: Tensor }>('SiluBackward0', { saves: true }, (g, s) => {
  const sig = sigmoid(s.self);
  return mul(mul(g, sig), add(mul(s.self, sub(1, sig)), 1));
});

/**
 * Softplus `log(1 + e ** (beta * x)) / beta` (`x` where `beta * x > threshold`).
 *
 * @example
 * ```ts
 * softplus(tensor([0])); // tensor([0.6931])
 * ```
 */
export function softplus(x: Operand, beta = 1, threshold = 20): Tensor {
  const out = B.softplus(unwrap(x) as Base, beta, threshold);
  return op1(SoftplusBackward0, out, x, saveWith({ beta, threshold }));
}
export const SoftplusBackward0 = derivative<{ self: Tensor; beta: number; threshold: number }>('SoftplusBackward0', { saves: true }, (g, s) =>
  softplusBackward(g, s.self, s.beta, s.threshold),
);

/**
 * ELU: `x` for `x > 0`, else `alpha * (e ** x - 1)`.
 *
 * @example
 * ```ts
 * elu(tensor([2, 0])); // tensor([2., 0.])
 * ```
 */
export function elu(x: Operand, alpha = 1): Tensor {
  return op1(EluBackward0, B.elu(unwrap(x) as Base, alpha), x, saveWith({ alpha, scale: 1 }));
}
export const EluBackward0 = derivative<{ self: Tensor; alpha: number; scale: number }>('EluBackward0', { saves: true }, (g, s) =>
  eluBackward(g, s.self, s.alpha, s.scale),
);

/**
 * SELU, `scale * elu(x, alpha)` with PyTorch's constants; recorded as PyTorch records
 * it, `EluBackward0`.
 *
 * @example
 * ```ts
 * selu(tensor([0])); // tensor([0.])
 * ```
 */
export function selu(x: Operand): Tensor {
  return op1(EluBackward0, B.selu(unwrap(x) as Base), x, saveWith({ alpha: 1.6732632423543772848170429916717, scale: 1.0507009873554804934193349852946 }));
}

/**
 * GELU, exact (`'none'`) or with the tanh approximation.
 *
 * @example
 * ```ts
 * gelu(tensor([0])); // tensor([0.])
 * ```
 */
export function gelu(x: Operand, approximate: B.GeluApproximate = 'none'): Tensor {
  return op1(GeluBackward0, B.gelu(unwrap(x) as Base, approximate), x, saveWith({ approximate }));
}
export const GeluBackward0 = derivative<{ self: Tensor; approximate: B.GeluApproximate }>('GeluBackward0', { saves: true }, (g, s) =>
  geluBackward(g, s.self, s.approximate),
);

/**
 * Hardtanh: clamps into `[minVal, maxVal]`. NOTE: its gradient is 0 at and beyond the
 * bounds (PyTorch's `x <= min || x >= max`), unlike clamp's.
 *
 * @example
 * ```ts
 * hardtanh(tensor([-3, 0.5, 3])); // tensor([-1.0000, 0.5000, 1.0000])
 * ```
 */
export function hardtanh(x: Operand, minVal = -1, maxVal = 1): Tensor {
  return op1(HardtanhBackward0, B.hardtanh(unwrap(x) as Base, minVal, maxVal), x, saveWith({ minVal, maxVal }));
}
export const HardtanhBackward0 = derivative<{ self: Tensor; minVal: number; maxVal: number }>('HardtanhBackward0', { saves: true }, (g, s) =>
  hardtanhBackward(g, s.self, s.minVal, s.maxVal),
);

/**
 * `log(sigmoid(x))`, stable for large `|x|`.
 *
 * @example
 * ```ts
 * logSigmoid(tensor([0])); // tensor([-0.6931])
 * ```
 */
export function logSigmoid(x: Operand): Tensor {
  return op1(LogSigmoidBackward0, B.logSigmoid(unwrap(x)), x, saveSelf);
}
export const LogSigmoidBackward0 = derivative<{ self: Tensor }>('LogSigmoidBackward0', { saves: true }, (g, s) => logSigmoidBackward(g, s.self));

// The activations' gradients as PyTorch's fused backward ops (softplus_backward, ...), each
// differentiable in the incoming gradient and in the input with PyTorch's double backward
// (its *BackwardBackward0 nodes). Their values are the formulas evaluated on constants.

/** What a fused backward op keeps: the incoming gradient, the input and the op's arguments. */
export interface FusedSaved {
  grad: Tensor;
  self: Tensor;
}
const lift = (x: Tensor): Tensor => new Tensor(x.data);
/** 1 where `test`, 0 elsewhere, in the dtype of `like` (PyTorch's `mask.type_as(grad)`). */
const maskOf = (test: Base, like: Tensor): Tensor => new Tensor(B.cast(test, like.dtype));

function softplusBackwardValue(g: Tensor, x: Tensor, beta: number, threshold: number): Tensor {
  // z = exp(x * beta); x * beta > threshold ? grad : grad * z / (z + 1). NOTE: the exponent is
  // clamped at the threshold so that the branch not taken cannot overflow
  const scaled = mul(x, beta);
  const z = exp(clamp(scaled, null, threshold));
  return where(B.gt(scaled.data, threshold), g, div(mul(g, z), add(z, 1)));
}
/** PyTorch's `softplus_backward`. */
function softplusBackward(g: Tensor, self: Tensor, beta: number, threshold: number): Tensor {
  const out = softplusBackwardValue(lift(g), lift(self), beta, threshold).data;
  if (!tracks2(g, self)) return constant(out);
  return op2(SoftplusBackwardBackward0, out, g, self, { grad: g, self, beta, threshold }, 'exact');
}
// PyTorch's softplus_double_backward: sigmoid_backward(gg * grad, sigmoid(x * beta)) * (x * beta < threshold) * beta
export const SoftplusBackwardBackward0 = derivative<FusedSaved & { beta: number; threshold: number }>(
  'SoftplusBackwardBackward0',
  { saves: true },
  (gg, s) => softplusBackward(gg, s.self, s.beta, s.threshold),
  (gg, s) => {
    const scaled = mul(s.self, s.beta);
    return mul(mul(sigmoidBackward(mul(gg, s.grad), sigmoid(scaled)), maskOf(B.lt(scaled.data, s.threshold), gg)), s.beta);
  },
);

function eluBackwardValue(g: Tensor, x: Tensor, alpha: number, scale: number): Tensor {
  // x <= 0 ? grad * alpha * scale * exp(x) : grad * scale (the exponent clamped at 0, as above)
  const negative = mul(mul(g, alpha * scale), exp(clamp(x, null, 0)));
  return where(B.le(x.data, 0), negative, mul(g, scale));
}
/** PyTorch's `elu_backward` on the input (`is_result` false). */
function eluBackward(g: Tensor, self: Tensor, alpha: number, scale: number): Tensor {
  const out = eluBackwardValue(lift(g), lift(self), alpha, scale).data;
  if (!tracks2(g, self)) return constant(out);
  return op2(EluBackwardBackward0, out, g, self, { grad: g, self, alpha, scale }, 'exact');
}
// PyTorch's elu_double_backward: elu_backward(gg * grad, ...) * (x < 0). NOTE: 0 at x = 0
export const EluBackwardBackward0 = derivative<FusedSaved & { alpha: number; scale: number }>(
  'EluBackwardBackward0',
  { saves: true },
  (gg, s) => eluBackward(gg, s.self, s.alpha, s.scale),
  (gg, s) => mul(eluBackward(mul(gg, s.grad), s.self, s.alpha, s.scale), maskOf(B.lt(s.self.data, 0), gg)),
);

function geluBackwardValue(g: Tensor, x: Tensor, approximate: B.GeluApproximate): Tensor {
  // PyTorch's gelu_backward, term by term
  if (approximate === 'none') {
    const cdf = mul(add(erf(mul(x, Math.SQRT1_2)), 1), 0.5);
    const pdf = mul(exp(mul(mul(x, x), -0.5)), TWO_OVER_SQRT_PI * Math.SQRT1_2 * 0.5);
    return mul(g, add(cdf, mul(x, pdf)));
  }
  const xSquared = mul(x, x);
  const xCube = mul(xSquared, x);
  const tanhInner = tanh(mul(add(x, mul(xCube, GELU_KAPPA)), GELU_BETA));
  const left = mul(x, 0.5);
  const right = add(tanhInner, 1);
  const leftDerivative = mul(right, 0.5);
  const tanhDerivative = sub(1, mul(tanhInner, tanhInner));
  const innerDerivative = mul(add(mul(xSquared, 3 * GELU_KAPPA), 1), GELU_BETA);
  const rightDerivative = mul(mul(left, tanhDerivative), innerDerivative);
  return mul(g, add(leftDerivative, rightDerivative));
}
const GELU_BETA = Math.SQRT2 * TWO_OVER_SQRT_PI * 0.5;
const GELU_KAPPA = 0.044715;
/** PyTorch's `gelu_backward`. */
function geluBackward(g: Tensor, self: Tensor, approximate: B.GeluApproximate): Tensor {
  const out = geluBackwardValue(lift(g), lift(self), approximate).data;
  if (!tracks2(g, self)) return constant(out);
  return op2(GeluBackwardBackward0, out, g, self, { grad: g, self, approximate }, 'exact');
}
// PyTorch's gelu_double_backward: gg * grad * d(gelu')/dx
function geluSecond(x: Tensor, approximate: B.GeluApproximate): Tensor {
  if (approximate === 'none') {
    const xSquared = mul(x, x);
    const pdf = mul(exp(mul(xSquared, -0.5)), TWO_OVER_SQRT_PI * Math.SQRT1_2 * 0.5);
    return sub(mul(pdf, 2), mul(xSquared, pdf));
  }
  const inner = mul(add(x, mul(pow(x, 3), GELU_KAPPA)), GELU_BETA);
  const tanhInner = tanh(inner);
  const sechInner = reciprocal(cosh(inner));
  const f = mul(x, 0.5);
  const gTerm = sub(1, mul(tanhInner, tanhInner));
  const h = mul(add(mul(mul(x, x), 3 * GELU_KAPPA), 1), GELU_BETA);
  const fPrimeGh = mul(mul(gTerm, h), 0.5);
  const gPrime = mul(mul(mul(sechInner, 2), mul(neg(sechInner), tanhInner)), h);
  const gPrimeFh = mul(mul(f, h), gPrime);
  const hPrimeFg = mul(mul(f, gTerm), mul(x, 6 * GELU_KAPPA * GELU_BETA));
  return add(add(add(fPrimeGh, fPrimeGh), gPrimeFh), hPrimeFg);
}
export const GeluBackwardBackward0 = derivative<FusedSaved & { approximate: B.GeluApproximate }>(
  'GeluBackwardBackward0',
  { saves: true },
  (gg, s) => geluBackward(gg, s.self, s.approximate),
  (gg, s) => mul(mul(gg, s.grad), geluSecond(s.self, s.approximate)),
);

/** PyTorch's `hardtanh_backward`: `x <= min || x >= max ? 0 : grad` (NaN passes the gradient). */
function hardtanhBackward(g: Tensor, self: Tensor, minVal: number, maxVal: number): Tensor {
  const x = self.data;
  const out = B.where(B.le(x, minVal), 0, B.where(B.ge(x, maxVal), 0, g.data));
  if (!tracks2(g, self)) return constant(out);
  return op2(HardtanhBackwardBackward0, out, g, self, { self, minVal, maxVal }, 'exact');
}
export const HardtanhBackwardBackward0 = derivative<{ self: Tensor; minVal: number; maxVal: number }>(
  'HardtanhBackwardBackward0',
  { saves: true },
  (gg, s) => hardtanhBackward(gg, s.self, s.minVal, s.maxVal),
  (gg) => zerosLike(gg),
);

function logSigmoidBackwardValue(g: Tensor, x: Tensor): Tensor {
  // PyTorch's log_sigmoid_backward: z = exp(-|x|); grad * (x < 0 ? 1 - z / (1 + z) : z / (1 + z))
  const z = exp(neg(abs(x)));
  const t = div(z, add(z, 1));
  return mul(g, where(B.lt(x.data, 0), sub(1, t), t));
}
/** PyTorch's `log_sigmoid_backward`. */
function logSigmoidBackward(g: Tensor, self: Tensor): Tensor {
  const out = logSigmoidBackwardValue(lift(g), lift(self)).data;
  if (!tracks2(g, self)) return constant(out);
  return op2(LogSigmoidBackwardBackward0, out, g, self, { grad: g, self }, 'exact');
}
// PyTorch's log_sigmoid_double_backward: z = sigmoid(x); gg * grad * (z - 1) * z
export const LogSigmoidBackwardBackward0 = derivative<FusedSaved>('LogSigmoidBackwardBackward0', { saves: true },
  (gg, s) => logSigmoidBackward(gg, s.self),
  (gg, s) => {
    const z = sigmoid(s.self);
    return mul(mul(mul(gg, s.grad), sub(z, 1)), z);
  },
);

/**
 * Rounds down; its gradient is zero.
 *
 * @example
 * ```ts
 * floor(tensor([-1.5, 1.5])); // tensor([-2.,  1.])
 * ```
 */
export function floor(x: Operand): Tensor {
  return op1(FloorBackward0, B.floor(unwrap(x)), x, null);
}
export const FloorBackward0 = derivative('FloorBackward0', {}, (g) => zerosLike(g));

/**
 * Rounds up; its gradient is zero.
 *
 * @example
 * ```ts
 * ceil(tensor([-1.5, 1.5])); // tensor([-1.,  2.])
 * ```
 */
export function ceil(x: Operand): Tensor {
  return op1(CeilBackward0, B.ceil(unwrap(x)), x, null);
}
export const CeilBackward0 = derivative('CeilBackward0', {}, (g) => zerosLike(g));

/**
 * Rounds halves to even, or to `decimals` places (`RoundBackward1`); its gradient is zero.
 *
 * @example
 * ```ts
 * round(tensor([0.5, 1.5, 2.5])); // tensor([0., 2., 2.])
 * ```
 */
export function round(x: Operand, options: B.RoundOptions = {}): Tensor {
  const out = B.round(unwrap(x), options);
  return op1((options?.decimals ?? 0) === 0 ? RoundBackward0 : RoundBackward1, out, x, null);
}
export const RoundBackward0 = derivative('RoundBackward0', {}, (g) => zerosLike(g));
export const RoundBackward1 = derivative('RoundBackward1', {}, (g) => zerosLike(g));

/**
 * Rounds toward zero; its gradient is zero.
 *
 * @example
 * ```ts
 * trunc(tensor([-1.5, 1.5])); // tensor([-1.,  1.])
 * ```
 */
export function trunc(x: Operand): Tensor {
  return op1(TruncBackward0, B.trunc(unwrap(x)), x, null);
}
export const TruncBackward0 = derivative('TruncBackward0', {}, (g) => zerosLike(g));

/**
 * The fractional part `x - trunc(x)`; its gradient passes unchanged.
 *
 * @example
 * ```ts
 * frac(tensor([-2.5, 2.5])); // tensor([-0.5000,  0.5000])
 * ```
 */
export function frac(x: Operand): Tensor {
  return op1(FracBackward0, B.frac(unwrap(x)), x, null);
}
export const FracBackward0 = derivative('FracBackward0', {}, (g) => g);

/** PyTorch's `div(a, b, rounding_mode=...)`, recorded as there (`DivBackward2`, zero gradients). */
function divRounded(a: Saved, b: Saved, mode: 'trunc' | 'floor'): Tensor {
  const out = mode === 'trunc' ? B.trunc(B.div(raw(a), raw(b))) : K.divFloor(raw(a), raw(b));
  return op2(DivBackward2, out, a, b, null);
}
export const DivBackward2 = derivative('DivBackward2', {}, (g) => zerosLike(g), (g) => zerosLike(g));

function saveModulo(_: Tensor, a: Operand, b: Operand): { self: Saved | null; other: Saved | null } {
  return { self: needsGrad(b) ? saveOperand(a) : null, other: needsGrad(b) ? saveOperand(b) : null };
}

/**
 * C's fmod, the sign of `a`. A number divisor records `FmodBackward0`, a tensor one
 * `FmodBackward1` (whose gradient is `-g * trunc(a / b)`).
 *
 * @example
 * ```ts
 * fmod(tensor([-5, 5]), 3); // tensor([-2.,  2.])
 * ```
 */
export function fmod(a: Operand, b: Operand): Tensor {
  const out = B.fmod(unwrap(a), unwrap(b));
  if (typeof b === 'number' || typeof b === 'boolean') return op1(FmodBackward0, out, a, null);
  return op2(FmodBackward1, out, a, b, saveModulo);
}
export const FmodBackward0 = derivative('FmodBackward0', {}, (g) => g);
// PyTorch: other: -grad * self.div(other, rounding_mode="trunc")
export const FmodBackward1 = derivative<ReturnType<typeof saveModulo>>(
  'FmodBackward1',
  { saves: true },
  (g) => g,
  (g, s) => mul(neg(g), divRounded(s.self!, s.other!, 'trunc')),
);

/**
 * Python's modulo, the sign of `b`. A number divisor records `RemainderBackward0`, a
 * tensor one `RemainderBackward1` (whose gradient is `-g * floor(a / b)`).
 *
 * @example
 * ```ts
 * remainder(tensor([-5, 5]), 3); // tensor([1., 2.])
 * ```
 */
export function remainder(a: Operand, b: Operand): Tensor {
  const out = B.remainder(unwrap(a), unwrap(b));
  if (typeof b === 'number' || typeof b === 'boolean') return op1(RemainderBackward0, out, a, null);
  // NOTE: PyTorch has no derivative for remainder(number, tensor): it records `NotImplemented`,
  // whose backward throws
  if (typeof a === 'number' || typeof a === 'boolean') return op1(RemainderScalarTensor, out, b, null);
  return op2(RemainderBackward1, out, a, b, saveModulo);
}
// (not exported, so not a row of RULES: it has no gradient to check)
const RemainderScalarTensor = derivative('NotImplemented', {}, () => {
  throw new GradientError('NOT_IMPLEMENTED', 'derivative for aten::remainder is not implemented');
});
export const RemainderBackward0 = derivative('RemainderBackward0', {}, (g) => g);
// PyTorch: other: -grad * self.div(other, rounding_mode="floor")
export const RemainderBackward1 = derivative<ReturnType<typeof saveModulo>>(
  'RemainderBackward1',
  { saves: true },
  (g) => g,
  (g, s) => mul(neg(g), divRounded(s.self!, s.other!, 'floor')),
);

/**
 * The angle of the point `(b, a)`, broadcasting.
 *
 * @example
 * ```ts
 * atan2(tensor([1]), tensor([1])); // tensor([0.7854])
 * ```
 */
export function atan2(a: Operand, b: Operand): Tensor {
  return op2(Atan2Backward0, B.atan2(unwrap(a), unwrap(b)), a, b, saveBoth);
}
// PyTorch's atan2_backward: recip = 1 / (a * a + b * b); (grad * b * recip, grad * -a * recip)
// NOTE: a number operand stays a double here (neg or mul of a lone JS number would make it float32)
const squareOf = (x: Saved): Saved => (typeof x === 'number' ? x * x : mul(x, x));
const atan2Recip = (s: { self: Saved; other: Saved }): Tensor => reciprocal(add(squareOf(s.self), squareOf(s.other)));
export const Atan2Backward0 = derivative<{ self: Saved; other: Saved }>(
  'Atan2Backward0',
  { saves: true },
  (g, s) => mul(mul(g, s.other), atan2Recip(s)),
  (g, s) => mul(mul(g, typeof s.self === 'number' ? -s.self : neg(s.self)), atan2Recip(s)),
);

/** `true` where NaN (not differentiable). @example `isnan(tensor([1, NaN])); // tensor([False,  True])` */
export function isnan(x: Operand): Tensor {
  return constant(B.isnan(unwrap(x)));
}
/** `true` where infinite (not differentiable). @example `isinf(tensor([1, Infinity])); // tensor([False,  True])` */
export function isinf(x: Operand): Tensor {
  return constant(B.isinf(unwrap(x)));
}
/** `true` where finite (not differentiable). @example `isfinite(tensor([1, NaN])); // tensor([ True, False])` */
export function isfinite(x: Operand): Tensor {
  return constant(B.isfinite(unwrap(x)));
}
/** `a && b` as a bool tensor. @example `logicalAnd(tensor([0, 1]), tensor([1, 1])); // tensor([False,  True])` */
export function logicalAnd(a: Operand, b: Operand): Tensor {
  return compare(B.logicalAnd, a, b);
}
/** `a || b` as a bool tensor. @example `logicalOr(tensor([0, 1]), tensor([0, 0])); // tensor([False,  True])` */
export function logicalOr(a: Operand, b: Operand): Tensor {
  return compare(B.logicalOr, a, b);
}
/** Exclusive or of the truth values. @example `logicalXor(tensor([0, 1]), tensor([1, 1])); // tensor([ True, False])` */
export function logicalXor(a: Operand, b: Operand): Tensor {
  return compare(B.logicalXor, a, b);
}
/** `!x` as a bool tensor. @example `logicalNot(tensor([0, 2])); // tensor([ True, False])` */
export function logicalNot(x: Operand): Tensor {
  return constant(B.logicalNot(unwrap(x)));
}
/** Bitwise and of int32/bool tensors. @example `bitwiseAnd(tensor([6], { dtype: 'int32' }), 3); // tensor([2], dtype=torch.int32)` */
export function bitwiseAnd(a: Operand, b: Operand): Tensor {
  return compare(B.bitwiseAnd, a, b);
}
/** Bitwise or of int32/bool tensors. @example `bitwiseOr(tensor([6], { dtype: 'int32' }), 3); // tensor([7], dtype=torch.int32)` */
export function bitwiseOr(a: Operand, b: Operand): Tensor {
  return compare(B.bitwiseOr, a, b);
}
/** Bitwise xor of int32/bool tensors. @example `bitwiseXor(tensor([6], { dtype: 'int32' }), 3); // tensor([5], dtype=torch.int32)` */
export function bitwiseXor(a: Operand, b: Operand): Tensor {
  return compare(B.bitwiseXor, a, b);
}
/** Bitwise not of an int32/bool tensor. @example `bitwiseNot(tensor([0], { dtype: 'int32' })); // tensor([-1], dtype=torch.int32)` */
export function bitwiseNot(x: Operand): Tensor {
  return constant(B.bitwiseNot(unwrap(x)));
}

/**
 * Elementwise closeness `|a - b| <= atol + rtol * |b|` as a bool tensor (not differentiable).
 *
 * @example
 * ```ts
 * isclose(tensor([1, 1.1]), tensor([1, 1])); // tensor([ True, False])
 * ```
 */
export function isclose(a: Operand, b: Operand, options?: B.IsCloseOptions): Tensor {
  return constant(B.isclose(baseOf(a, 'isclose', 'a'), baseOf(b, 'isclose', 'b'), options));
}

/**
 * `true` when every element is close (a JS boolean, as PyTorch's Python bool).
 *
 * @example
 * ```ts
 * allclose(tensor([1, 2]), tensor([1, 2.000001])); // true
 * ```
 */
export function allclose(a: Operand, b: Operand, options?: B.IsCloseOptions): boolean {
  return B.allclose(baseOf(a, 'allclose', 'a'), baseOf(b, 'allclose', 'b'), options);
}

/**
 * Replaces NaN and infinities (by 0 and the dtype's extremes, or `options`); the gradient
 * passes where `x` is finite and is 0 elsewhere.
 *
 * @example
 * ```ts
 * nanToNum(tensor([NaN, 1])); // tensor([0., 1.])
 * ```
 */
export function nanToNum(x: Operand, options?: B.NanToNumOptions): Tensor {
  return op1(NanToNumBackward0, B.nanToNum(unwrap(x), options), x, saveSelf);
}
// PyTorch: grad * at::isfinite(self)
export const NanToNumBackward0 = derivative<{ self: Tensor }>('NanToNumBackward0', { saves: true }, (g, s) => mul(g, B.isfinite(s.self.data)));

/**
 * Linear interpolation `start + weight * (end - start)`, broadcasting. A number weight
 * records `LerpBackward0`, a tensor one `LerpBackward1` (differentiable in the weight too).
 *
 * @example
 * ```ts
 * lerp(tensor([0, 10]), tensor([10, 20]), 0.5); // tensor([ 5., 15.])
 * ```
 */
export function lerp(start: Operand, end: Operand, weight: Operand): Tensor {
  const out = B.lerp(baseOf(start, 'lerp', 'start'), baseOf(end, 'lerp', 'end'), unwrap(weight));
  if (typeof weight === 'number') return op2(LerpBackward0, out, start, end, { weight });
  return opN(LerpBackward1, out, [start, end, weight], saveLerp, 'broadcast');
}
export const LerpBackward0 = derivative<{ weight: number }>(
  'LerpBackward0',
  {},
  (g, s) => mul(g, 1 - s.weight),
  (g, s) => mul(g, s.weight),
);
function saveLerp(_: Tensor, [start, end, weight]: readonly (Operand | null)[]): { self: Saved; end: Saved; weight: Saved } {
  return { self: saveOperand(start!), end: saveOperand(end!), weight: saveOperand(weight!) };
}
export const LerpBackward1 = derivative<ReturnType<typeof saveLerp>>(
  'LerpBackward1',
  { saves: true },
  (g, s) => mul(g, sub(1, s.weight)),
  (g, s) => mul(g, s.weight),
  (g, s) => mul(g, sub(s.end, s.self)),
);

function saveAddc(value: number) {
  return (_: Tensor, [, tensor1, tensor2]: readonly (Operand | null)[]): { tensor1: Saved; tensor2: Saved; value: number } => ({
    tensor1: saveOperand(tensor1!),
    tensor2: saveOperand(tensor2!),
    value,
  });
}

/**
 * `input + value * tensor1 * tensor2`, broadcasting.
 *
 * @example
 * ```ts
 * addcmul(tensor([1]), tensor([2]), tensor([3]), { value: 0.5 }); // tensor([4.])
 * ```
 */
export function addcmul(input: Operand, tensor1: Operand, tensor2: Operand, options?: B.AddcOptions): Tensor {
  const out = B.addcmul(baseOf(input, 'addcmul', 'input'), baseOf(tensor1, 'addcmul', 'tensor1'), baseOf(tensor2, 'addcmul', 'tensor2'), options);
  return opN(AddcmulBackward0, out, [input, tensor1, tensor2], saveAddc(options?.value ?? 1), 'broadcast');
}
// PyTorch: self: grad; tensor1: grad * (tensor2 * value); tensor2: grad * (tensor1 * value)
export const AddcmulBackward0 = derivative<{ tensor1: Saved; tensor2: Saved; value: number }>(
  'AddcmulBackward0',
  { saves: true },
  (g) => g,
  (g, s) => mul(g, mul(s.tensor2, s.value)),
  (g, s) => mul(g, mul(s.tensor1, s.value)),
);

/**
 * `input + value * tensor1 / tensor2`, broadcasting.
 *
 * @example
 * ```ts
 * addcdiv(tensor([1]), tensor([3]), tensor([2]), { value: 2 }); // tensor([4.])
 * ```
 */
export function addcdiv(input: Operand, tensor1: Operand, tensor2: Operand, options?: B.AddcOptions): Tensor {
  const out = B.addcdiv(baseOf(input, 'addcdiv', 'input'), baseOf(tensor1, 'addcdiv', 'tensor1'), baseOf(tensor2, 'addcdiv', 'tensor2'), options);
  return opN(AddcdivBackward0, out, [input, tensor1, tensor2], saveAddc(options?.value ?? 1), 'broadcast');
}
// PyTorch: self: grad; tensor1: grad * (value / tensor2); tensor2: -grad * (value * tensor1 / (tensor2 * tensor2))
export const AddcdivBackward0 = derivative<{ tensor1: Saved; tensor2: Saved; value: number }>(
  'AddcdivBackward0',
  { saves: true },
  (g) => g,
  (g, s) => mul(g, div(s.value, s.tensor2)),
  (g, s) => mul(neg(g), div(mul(s.value, s.tensor1), mul(s.tensor2, s.tensor2))),
);

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
  constant, needsGrad, op1, op2, opN, raw, saveOperand, saveOperands, saveResult, saveSelf, tracks, tracks2, unwrap,
} from '../engine/record';
import type { Operand } from '../operand';
import { Tensor } from '../tensor';
import { leakyReluBackward, sigmoidBackward, tanhBackward, thresholdBackward } from './backward-ops';

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
export function where(condition: Operand, a: Operand, b: Operand): Tensor {
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

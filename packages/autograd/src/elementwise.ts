/*
 * Differentiable elementwise ops. Each computes its result with
 * @gradlab/tensor, then (only when an input requires grad in grad mode)
 * records a node pointing at its row of the gradient table and saving what
 * that row reads. Broadcasting inputs are un-broadcast by the engine.
 */
import * as B from '@gradlab/tensor';
import { gradMode } from './grad-mode';
import type { Operand } from './operand';
import { attach, broadcastNode, constant, unaryNode, unwrap } from './record';
import { RULES } from './rules';
import { Tensor } from './tensor';

type Base = B.Tensor;

function binaryTracked(a: Operand, b: Operand): boolean {
  // grad mode is read only once an input requires grad (the lazy check)
  return ((a instanceof Tensor && a._requiresGrad) || (b instanceof Tensor && b._requiresGrad)) && gradMode.enabled;
}

function isTracked(x: Operand): x is Tensor {
  return x instanceof Tensor && x._requiresGrad && gradMode.enabled;
}

/** Saves `x` on the node as a tensor: a differentiable one as is, anything else as a constant. */
function asSaved(x: Operand): Tensor | number {
  if (x instanceof Tensor) return x;
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  return new Tensor(x);
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
  const out = B.add(unwrap(a), unwrap(b));
  if (!binaryTracked(a, b)) return constant(out);
  return attach(out, broadcastNode(RULES.AddBackward0, out, [a, b]));
}

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
  if (!binaryTracked(a, b)) return constant(out);
  if (typeof a === 'number' || typeof a === 'boolean') {
    return attach(out, broadcastNode(RULES.RsubBackward1, out, [b]));
  }
  return attach(out, broadcastNode(RULES.SubBackward0, out, [a, b]));
}

/**
 * `a * b`, broadcasting.
 *
 * @example
 * ```ts
 * mul(tensor([1, 2]), tensor([3, 4])); // tensor([3., 8.])
 * ```
 */
export function mul(a: Operand, b: Operand): Tensor {
  const out = B.mul(unwrap(a), unwrap(b));
  if (!binaryTracked(a, b)) return constant(out);
  const node = broadcastNode(RULES.MulBackward0, out, [a, b]);
  // like PyTorch, save each input only when the *other* one needs its gradient
  if (node.next[1] !== null) node.self = asSaved(a) as Tensor;
  if (node.next[0] !== null) node.other = asSaved(b);
  return attach(out, node);
}

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
  if ((typeof a === 'number' || typeof a === 'boolean') && isTracked(b)) {
    return mul(reciprocal(b), a);
  }
  const out = B.div(unwrap(a), unwrap(b));
  if (!binaryTracked(a, b)) return constant(out);
  const node = broadcastNode(RULES.DivBackward0, out, [a, b]);
  node.other = asSaved(b);
  if (node.next[1] !== null) node.self = asSaved(a) as Tensor;
  return attach(out, node);
}

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
  if (!binaryTracked(a, b)) return constant(out);
  if (typeof b === 'number' || typeof b === 'boolean') {
    const node = broadcastNode(RULES.PowBackward0, out, [a]);
    node.self = a as Tensor;
    node.scalar = +b;
    return attach(out, node);
  }
  const node = broadcastNode(RULES.PowBackward1, out, [a, b]);
  // NOTE: a number base is saved as a 0-d tensor of the result's dtype, as
  // PyTorch wraps it, so that log(base) is computed in that precision.
  node.self =
    typeof a === 'number' || typeof a === 'boolean'
      ? new Tensor(B.full([], +a, { dtype: out.dtype }))
      : (asSaved(a) as Tensor);
  node.other = asSaved(b);
  const result = attach(out, node);
  if (node.next[1] !== null) node.result = result;
  return result;
}

function unary(rule: keyof typeof RULES, out: Base, x: Tensor, saveSelf: boolean, saveResult: boolean): Tensor {
  const node = unaryNode(RULES[rule], x);
  if (saveSelf) node.self = x;
  const result = attach(out, node);
  if (saveResult) node.result = result;
  return result;
}

/**
 * `-x`.
 *
 * @example
 * ```ts
 * neg(tensor([1, -2])); // tensor([-1., 2.])
 * ```
 */
export function neg(x: Operand): Tensor {
  const out = B.neg(unwrap(x));
  return isTracked(x) ? unary('NegBackward0', out, x, false, false) : constant(out);
}

/**
 * `|x|`. NOTE: the gradient at 0 is 0 (PyTorch's `grad * sgn(x)`).
 *
 * @example
 * ```ts
 * abs(tensor([-1, 2])); // tensor([1., 2.])
 * ```
 */
export function abs(x: Operand): Tensor {
  const out = B.abs(unwrap(x));
  return isTracked(x) ? unary('AbsBackward0', out, x, true, false) : constant(out);
}

/**
 * `e ** x`.
 *
 * @example
 * ```ts
 * exp(tensor([0])); // tensor([1.])
 * ```
 */
export function exp(x: Operand): Tensor {
  const out = B.exp(unwrap(x));
  return isTracked(x) ? unary('ExpBackward0', out, x, false, true) : constant(out);
}

/**
 * Natural logarithm (`log(0) = -inf`, `log(-1) = nan`).
 *
 * @example
 * ```ts
 * log(tensor([1])); // tensor([0.])
 * ```
 */
export function log(x: Operand): Tensor {
  const out = B.log(unwrap(x));
  return isTracked(x) ? unary('LogBackward0', out, x, true, false) : constant(out);
}

/**
 * Square root. NOTE: its gradient at 0 is `inf`, as in PyTorch.
 *
 * @example
 * ```ts
 * sqrt(tensor([4])); // tensor([2.])
 * ```
 */
export function sqrt(x: Operand): Tensor {
  const out = B.sqrt(unwrap(x));
  return isTracked(x) ? unary('SqrtBackward0', out, x, false, true) : constant(out);
}

/**
 * `1 / x`.
 *
 * @example
 * ```ts
 * reciprocal(tensor([2])); // tensor([0.5000])
 * ```
 */
export function reciprocal(x: Operand): Tensor {
  const out = B.reciprocal(unwrap(x));
  return isTracked(x) ? unary('ReciprocalBackward0', out, x, false, true) : constant(out);
}

/**
 * Sine.
 *
 * @example
 * ```ts
 * sin(tensor([0])); // tensor([0.])
 * ```
 */
export function sin(x: Operand): Tensor {
  const out = B.sin(unwrap(x));
  return isTracked(x) ? unary('SinBackward0', out, x, true, false) : constant(out);
}

/**
 * Cosine.
 *
 * @example
 * ```ts
 * cos(tensor([0])); // tensor([1.])
 * ```
 */
export function cos(x: Operand): Tensor {
  const out = B.cos(unwrap(x));
  return isTracked(x) ? unary('CosBackward0', out, x, true, false) : constant(out);
}

/**
 * Tangent.
 *
 * @example
 * ```ts
 * tan(tensor([0])); // tensor([0.])
 * ```
 */
export function tan(x: Operand): Tensor {
  const out = B.tan(unwrap(x));
  return isTracked(x) ? unary('TanBackward0', out, x, false, true) : constant(out);
}

/**
 * Arctangent (the course's `arctan`).
 *
 * @example
 * ```ts
 * atan(tensor([1])); // tensor([0.7854])
 * ```
 */
export function atan(x: Operand): Tensor {
  const out = B.atan(unwrap(x));
  return isTracked(x) ? unary('AtanBackward0', out, x, true, false) : constant(out);
}

/**
 * Hyperbolic tangent.
 *
 * @example
 * ```ts
 * tanh(tensor([0])); // tensor([0.])
 * ```
 */
export function tanh(x: Operand): Tensor {
  const out = B.tanh(unwrap(x));
  return isTracked(x) ? unary('TanhBackward0', out, x, false, true) : constant(out);
}

/**
 * Logistic sigmoid `1 / (1 + e^-x)`.
 *
 * @example
 * ```ts
 * sigmoid(tensor([0])); // tensor([0.5000])
 * ```
 */
export function sigmoid(x: Operand): Tensor {
  const out = B.sigmoid(unwrap(x));
  return isTracked(x) ? unary('SigmoidBackward0', out, x, false, true) : constant(out);
}

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
  const out = B.relu(unwrap(x));
  return isTracked(x) ? unary('ReluBackward0', out, x, false, true) : constant(out);
}

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
  if (!isTracked(x)) return constant(out);
  const result = unary('LeakyReluBackward0', out, x, true, false);
  result.gradFn!.scalar = negativeSlope;
  return result;
}

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
  const out = B.maximum(unwrap(a), unwrap(b));
  if (!binaryTracked(a, b)) return constant(out);
  const node = broadcastNode(RULES.MaximumBackward0, out, [a, b]);
  node.self = asSaved(a) as Tensor;
  node.other = asSaved(b);
  return attach(out, node);
}

/**
 * Elementwise minimum (ties split the gradient in halves).
 *
 * @example
 * ```ts
 * minimum(tensor([1, 5]), tensor([3, 2])); // tensor([1., 2.])
 * ```
 */
export function minimum(a: Operand, b: Operand): Tensor {
  const out = B.minimum(unwrap(a), unwrap(b));
  if (!binaryTracked(a, b)) return constant(out);
  const node = broadcastNode(RULES.MinimumBackward0, out, [a, b]);
  node.self = asSaved(a) as Tensor;
  node.other = asSaved(b);
  return attach(out, node);
}

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
  const tensorBounds = typeof lo === 'object' || typeof hi === 'object';
  if (!tensorBounds) {
    if (!isTracked(x)) return constant(out);
    const result = unary('ClampBackward1', out, x, true, false);
    const node = result.gradFn!;
    node.scalar = lo === undefined ? -Infinity : +lo;
    node.scalar2 = hi === undefined ? Infinity : +hi;
    node.keepdim = lo !== undefined; // has min
    node.extra = hi !== undefined; // has max
    return result;
  }
  const bounds: Operand[] = [x, min ?? 0, max ?? 0];
  if (!(gradMode.enabled && bounds.some((b, i) => (i === 0 || (i === 1 ? lo : hi) !== undefined) && b instanceof Tensor && b._requiresGrad))) {
    return constant(out);
  }
  const node = broadcastNode(RULES.ClampBackward0, out, bounds);
  if (lo === undefined) node.next[1] = null;
  if (hi === undefined) node.next[2] = null;
  node.self = asSaved(x) as Tensor;
  node.other = lo === undefined ? null : asSaved(min!);
  node.extra = hi === undefined ? null : asSaved(max!);
  return attach(out, node);
}

/**
 * `condition ? a : b`, broadcasting all three (`condition` is not differentiable).
 *
 * @example
 * ```ts
 * where(tensor([true, false]), tensor([1, 2]), 0); // tensor([1., 0.])
 * ```
 */
export function where(condition: Operand, a: Operand, b: Operand): Tensor {
  const cond = unwrap(condition);
  const out = B.where(cond as Base, unwrap(a), unwrap(b));
  if (!binaryTracked(a, b)) return constant(out);
  const node = broadcastNode(RULES.WhereBackward0, out, [a, b]);
  node.extra = cond;
  return attach(out, node);
}

/**
 * Sign: -1, 0 or 1 (0 for NaN); its gradient is zero.
 *
 * @example
 * ```ts
 * sign(tensor([-3, 0, 2])); // tensor([-1., 0., 1.])
 * ```
 */
export function sign(x: Operand): Tensor {
  const out = B.sign(unwrap(x) as Base);
  return isTracked(x) ? unary('SignBackward0', out, x, false, false) : constant(out);
}

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

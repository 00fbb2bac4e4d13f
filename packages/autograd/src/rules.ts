/*
 * THE gradient table: one row per op, in the spirit of PyTorch's
 * tools/autograd/derivatives.yaml. `g` is the gradient of the op's output;
 * `n.self`, `n.other`, `n.result` and the argument fields are what the op
 * saved. Formulas are written with differentiable ops, so running them with
 * grad mode on (createGraph) records the backward pass and higher-order
 * derivatives need no extra code. Un-broadcasting of elementwise inputs is
 * done once by the engine (`sumTo`), not here; dtype casts likewise.
 *
 * Formulas follow PyTorch 1.13 term by term (same operations in the same
 * order), so float32 gradients round as PyTorch's do.
 */
import * as B from '@gradlab/tensor';
import {
  add, div, exp, log, mul, neg, pow, sign, sin, cos, sub, where,
} from './elementwise';
import { mm, bmm, mv } from './linalg';
import { gradMode } from './grad-mode';
import type { GradFormula, Node, Rule } from './node';
import {
  exclusiveProd, gatherAlong, leakyReluBackward, logSoftmaxBackwardData, scatterAlong, selectBackward,
  sigmoidBackward, sliceBackward, softmaxBackwardData, sumBackward, tanhBackward, thresholdBackward,
} from './backward-ops';
import { sum, sumTo } from './reductions';
import * as K from './kernels';
import {
  binaryCrossEntropyBackward, mseLossBackward, nllLossBackward, nllOfGradient, type BceSaved, type LossReduction,
} from './loss-ops';
import { Tensor } from './tensor';
import { expand, narrow, permute, reshape, select, slice, squeeze, t, to, transpose, unsqueeze } from './views';

function rule(name: string, saves: boolean, ...grads: GradFormula[]): Rule {
  return { name, grads, saves };
}

/** A 2-D base tensor's transpose (a view), for the formulas' no-grad paths. */
function tr(x: B.Tensor): B.Tensor {
  return B.transpose(x, 0, 1);
}

function variadicRule(name: string, saves: boolean, grad: GradFormula): Rule {
  return { name, grads: [grad], saves, variadic: true };
}

/** The base tensor (or number) behind a saved value. */
function raw(x: Tensor | number | null): B.Tensor | number {
  return x instanceof Tensor ? x.data : (x as number);
}

function zerosLike(x: Tensor): Tensor {
  return new Tensor(B.zerosLike(x.data));
}

// NOTE: maximum/minimum: ties send half the gradient to each side, and a NaN
// compares false everywhere, so both inputs then get the whole gradient.
function maxSide(g: Tensor, self: B.Tensor | number, other: B.Tensor | number, loses: B.Tensor): Tensor {
  return where(loses, 0, where(B.eq(self, other), div(g, 2), g));
}

// NOTE: max()/min() over all elements: the gradient is shared evenly by every
// element equal to the result (every NaN when the result is NaN).
function evenlyDistribute(g: Tensor, n: Node): Tensor {
  const self = (n.self as Tensor).data;
  const value = n.result!.data;
  const mask = Number.isNaN(value.item()) ? B.ne(self, self) : B.eq(self, value);
  const count = B.sum(mask).item();
  return where(mask, div(g, count), 0);
}

function prodBackward(g: Tensor, n: Node, dim: number | null): Tensor {
  const self = n.self as Tensor;
  let result = n.result!;
  if (self.ndim === 0) return g;
  if (dim !== null && !n.keepdim && self.ndim !== 1) {
    g = unsqueeze(g, dim);
    result = unsqueeze(result, dim);
  }
  const zeros = B.sum(B.eq(self.data, 0)).item();
  // NOTE: result / x is 0/0 where x is 0: PyTorch then multiplies the
  // products of the other elements instead.
  if (zeros === 0) return mul(g, div(result, self));
  if (dim === null) {
    // with two zeros every product of the others is 0: PyTorch skips the work
    // when the backward is not recorded (and so gives +0, not -0)
    if (zeros > 1 && !gradMode.enabled) return zerosLike(self);
    if (!gradMode.enabled) {
      const flat = B.reshape(self.data, [-1]);
      return new Tensor(B.reshape(K.prodSafeZerosBackward(g.data, flat, 0), self.shape));
    }
    const flat = reshape(self, [-1]);
    return reshape(mul(g, exclusiveProd(flat, 0)), self.shape);
  }
  // NOTE: without createGraph, PyTorch's prod_safe_zeros_backward in one pass (linear, not the
  // quadratic differentiable form below, which only a recorded backward needs)
  if (!gradMode.enabled) return new Tensor(K.prodSafeZerosBackward(g.data, self.data, dim));
  return mul(g, exclusiveProd(self, dim));
}

/** PyTorch's `maybe_multiply`: `g * s`, or `g` itself when `s` is 1. */
function maybeMultiply(g: Tensor, s: number): Tensor {
  return s === 1 ? g : mul(g, s);
}

/**
 * PyTorch's `mm_mat1_backward`: the gradient of `mat1` in `alpha * mat1 @ mat2`,
 * `alpha * g @ mat2^T`. NOTE: a column-major `mat1` (such as a weight used as
 * `w.t()`) gets it computed in its own layout, `(mat2 @ g^T)^T`, so that the
 * leaf's `.grad` needs no copy.
 */
function mmMat1Backward(g: Tensor, mat2: Tensor, columnMajor: boolean, alpha: number): Tensor {
  if (!gradMode.enabled) {
    // NOTE: without createGraph the same base products, minus the wrappers and checks
    const o = mat2.data;
    const product = columnMajor ? tr(B.mm(o, tr(g.data))) : B.mm(g.data, tr(o));
    return new Tensor(alpha === 1 ? product : B.mul(product, alpha));
  }
  return maybeMultiply(columnMajor ? t(mm(mat2, t(g))) : mm(g, t(mat2)), alpha);
}

/** PyTorch's `mm_mat2_backward`: `alpha * mat1^T @ g` (`(g^T @ mat1)^T` for a column-major `mat2`). */
function mmMat2Backward(g: Tensor, mat1: Tensor, columnMajor: boolean, alpha: number): Tensor {
  if (!gradMode.enabled) {
    const s = mat1.data;
    const product = columnMajor ? tr(B.mm(tr(g.data), s)) : B.mm(tr(s), g.data);
    return new Tensor(alpha === 1 ? product : B.mul(product, alpha));
  }
  return maybeMultiply(columnMajor ? t(mm(t(g), mat1)) : mm(t(mat1), g), alpha);
}

/**
 * Every gradient rule of the package, keyed by PyTorch's node name (one row
 * per op, like `derivatives.yaml`). Ops point their nodes at a row; the
 * engine calls `grads[i](grad, node, i)` for each input that needs a gradient.
 *
 * @example
 * ```ts
 * RULES.MulBackward0.grads.length; // 2: self and other
 * mul(x, y).gradFn!.rule === RULES.MulBackward0; // true
 * ```
 */
export const RULES = {
  // ---- arithmetic (x: self, y: other) ----
  AddBackward0: rule('AddBackward0', false, (g) => g, (g) => g),
  SubBackward0: rule('SubBackward0', false, (g) => g, (g) => neg(g)),
  RsubBackward1: rule('RsubBackward1', false, (g) => neg(g)),
  MulBackward0: rule(
    'MulBackward0',
    true,
    (g, n) => mul(g, n.other!),
    (g, n) => mul(g, n.self!),
  ),
  DivBackward0: rule(
    'DivBackward0',
    true,
    (g, n) => div(g, n.other!),
    (g, n) => mul(neg(g), div(div(n.self!, n.other!), n.other!)),
  ),
  // NOTE: x ** 0 has gradient 0 everywhere, even at x = 0 or NaN.
  PowBackward0: rule('PowBackward0', true, (g, n) => {
    if (n.scalar === 0) return zerosLike(n.self as Tensor);
    // x ** 1 is x exactly (NaN and inf included), so skip that op
    const power = n.scalar === 2 ? (n.self as Tensor) : pow(n.self!, n.scalar - 1);
    return mul(g, mul(n.scalar, power));
  }),
  PowBackward1: rule(
    'PowBackward1',
    true,
    (g, n) =>
      where(B.eq(raw(n.other), 0), 0, mul(g, mul(n.other!, pow(n.self!, sub(n.other!, 1))))),
    // NOTE: d/dy x**y = x**y log x, taken as 0 where x = 0 and y >= 0 (not 0 * -inf).
    (g, n) => {
      const term = mul(n.result!, log(n.self!));
      const zeroBase = B.eq(raw(n.self), 0);
      return mul(g, where(zeroBase, where(B.ge(raw(n.other), 0), 0, term), term));
    },
  ),
  NegBackward0: rule('NegBackward0', false, (g) => neg(g)),
  // NOTE: abs'(0) = 0 (and 0 at NaN): PyTorch multiplies by sgn(x).
  AbsBackward0: rule('AbsBackward0', true, (g, n) => mul(g, sign(n.self!))),
  ExpBackward0: rule('ExpBackward0', true, (g, n) => mul(g, n.result!)),
  LogBackward0: rule('LogBackward0', true, (g, n) => div(g, n.self!)),
  // NOTE: sqrt'(0) = g / 0 = inf.
  SqrtBackward0: rule('SqrtBackward0', true, (g, n) => div(g, mul(2, n.result!))),
  ReciprocalBackward0: rule('ReciprocalBackward0', true, (g, n) => mul(neg(g), mul(n.result!, n.result!))),
  SinBackward0: rule('SinBackward0', true, (g, n) => mul(g, cos(n.self!))),
  CosBackward0: rule('CosBackward0', true, (g, n) => mul(g, neg(sin(n.self!)))),
  TanBackward0: rule('TanBackward0', true, (g, n) => mul(g, add(1, pow(n.result!, 2)))),
  AtanBackward0: rule('AtanBackward0', true, (g, n) => div(g, add(pow(n.self!, 2), 1))),
  // NOTE: fused kernels, as PyTorch's tanh_backward / sigmoid_backward (with their own double backward)
  TanhBackward0: rule('TanhBackward0', true, (g, n) => tanhBackward(g, n.result!)),
  SigmoidBackward0: rule('SigmoidBackward0', true, (g, n) => sigmoidBackward(g, n.result!)),
  // NOTE: ReLU'(0) = 0, decided on the result as threshold_backward does.
  ReluBackward0: rule('ReluBackward0', true, (g, n) => thresholdBackward(g, n.result!)),
  // NOTE: LeakyReLU'(0) = negativeSlope (the test is x > 0).
  LeakyReluBackward0: rule('LeakyReluBackward0', true, (g, n) => leakyReluBackward(g, n.self as Tensor, n.scalar)),
  MaximumBackward0: rule(
    'MaximumBackward0',
    true,
    (g, n) => maxSide(g, raw(n.self), raw(n.other), B.lt(raw(n.self), raw(n.other))),
    (g, n) => maxSide(g, raw(n.self), raw(n.other), B.gt(raw(n.self), raw(n.other))),
  ),
  MinimumBackward0: rule(
    'MinimumBackward0',
    true,
    (g, n) => maxSide(g, raw(n.self), raw(n.other), B.gt(raw(n.self), raw(n.other))),
    (g, n) => maxSide(g, raw(n.self), raw(n.other), B.lt(raw(n.self), raw(n.other))),
  ),
  // NOTE: at a bound the gradient passes (x >= min && x <= max); NaN gets 0.
  ClampBackward1: rule('ClampBackward1', true, (g, n) => {
    const x = (n.self as Tensor).data;
    let out = g;
    if (n.extra === true) out = where(B.le(x, n.scalar2), out, 0);
    if (n.keepdim) out = where(B.ge(x, n.scalar), out, 0);
    return out;
  }),
  // tensor bounds: x keeps the gradient inside [min, max]; a bound takes it where it clamps
  ClampBackward0: rule(
    'ClampBackward0',
    true,
    (g, n) => {
      const x = raw(n.self);
      let out = g;
      if (n.extra !== null) out = where(B.le(x, raw(n.extra as Tensor | number)), out, 0);
      if (n.other !== null) out = where(B.ge(x, raw(n.other)), out, 0);
      return out;
    },
    (g, n) => {
      const x = raw(n.self);
      const lo = raw(n.other);
      if (n.extra === null) return where(B.lt(x, lo), g, 0);
      return where(B.lt(x, lo), where(B.lt(lo, raw(n.extra as Tensor | number)), g, 0), 0);
    },
    (g, n) => {
      const x = raw(n.self);
      const hi = raw(n.extra as Tensor | number);
      if (n.other === null) return where(B.gt(x, hi), g, 0);
      return where(B.gt(x, hi), g, where(B.lt(hi, raw(n.other)), g, 0));
    },
  ),
  WhereBackward0: rule(
    'WhereBackward0',
    true,
    (g, n) => where(n.extra as B.Tensor, g, 0),
    (g, n) => where(n.extra as B.Tensor, 0, g),
  ),
  SignBackward0: rule('SignBackward0', false, (g) => zerosLike(g)),

  // ---- reductions ----
  SumBackward0: rule('SumBackward0', false, (g, n) => expand(g, n.sizes!)),
  SumBackward1: rule('SumBackward1', false, (g, n) =>
    sumBackward(g, n.sizes!, n.extra as readonly number[], n.keepdim),
  ),
  MeanBackward0: rule('MeanBackward0', false, (g, n) => div(expand(g, n.sizes!), n.scalar)),
  MeanBackward1: rule('MeanBackward1', false, (g, n) =>
    div(sumBackward(g, n.sizes!, n.extra as readonly number[], n.keepdim), n.scalar),
  ),
  ProdBackward0: rule('ProdBackward0', true, (g, n) => prodBackward(g, n, null)),
  ProdBackward1: rule('ProdBackward1', true, (g, n) => prodBackward(g, n, n.dim)),
  MaxBackward1: rule('MaxBackward1', true, evenlyDistribute),
  MinBackward1: rule('MinBackward1', true, evenlyDistribute),
  // NOTE: max/min over a dim: the whole gradient goes to the returned index.
  MaxBackward0: rule('MaxBackward0', true, (g, n) =>
    scatterAlong(g, n.dim, n.extra as B.Tensor, n.sizes!, n.keepdim),
  ),
  MinBackward0: rule('MinBackward0', true, (g, n) =>
    scatterAlong(g, n.dim, n.extra as B.Tensor, n.sizes!, n.keepdim),
  ),
  // NOTE: fused kernels, as PyTorch's: y * (g - sum(g * y)) and g - exp(y) * sum(g)
  SoftmaxBackward0: rule('SoftmaxBackward0', true, (g, n) => softmaxBackwardData(g, n.result!, n.dim)),
  LogSoftmaxBackward0: rule('LogSoftmaxBackward0', true, (g, n) => logSoftmaxBackwardData(g, n.result!, n.dim)),
  SumToSizeBackward0: rule('SumBackward1', false, (g, n) => expand(g, n.sizes!)),

  // ---- linear algebra ----
  MmBackward0: rule(
    'MmBackward0',
    true,
    (g, n) => mmMat1Backward(g, n.other as Tensor, (n.dim & 1) !== 0, 1),
    (g, n) => mmMat2Backward(g, n.self as Tensor, (n.dim & 2) !== 0, 1),
  ),
  // beta * input + alpha * mat1 @ mat2 (saved: mat1 in self, mat2 in other, alpha in scalar, beta in
  // scalar2); the engine sums the input's gradient back to its broadcast shape
  AddmmBackward0: rule(
    'AddmmBackward0',
    true,
    (g, n) => maybeMultiply(g, n.scalar2),
    (g, n) => mmMat1Backward(g, n.other as Tensor, (n.dim & 1) !== 0, n.scalar),
    (g, n) => mmMat2Backward(g, n.self as Tensor, (n.dim & 2) !== 0, n.scalar),
  ),
  BmmBackward0: rule(
    'BmmBackward0',
    true,
    (g, n) => bmm(g, transpose(n.other as Tensor, 1, 2)),
    (g, n) => bmm(transpose(n.self as Tensor, 1, 2), g),
  ),
  DotBackward0: rule(
    'DotBackward0',
    true,
    (g, n) => mul(g, n.other!),
    (g, n) => mul(g, n.self!),
  ),
  MvBackward0: rule(
    'MvBackward0',
    true,
    (g, n) => mul(unsqueeze(g, 1), unsqueeze(n.other as Tensor, 0)),
    (g, n) => mv(t(n.self as Tensor), g),
  ),

  // ---- views and copies ----
  ViewBackward0: rule('ViewBackward0', false, (g, n) => reshape(g, n.sizes!)),
  ReshapeAliasBackward0: rule('ReshapeAliasBackward0', false, (g, n) => reshape(g, n.sizes!)),
  UnsafeViewBackward0: rule('UnsafeViewBackward0', false, (g, n) => reshape(g, n.sizes!)),
  UnsqueezeBackward0: rule('UnsqueezeBackward0', false, (g, n) => squeeze(g, n.dim)),
  SqueezeBackward0: rule('SqueezeBackward0', false, (g, n) => reshape(g, n.sizes!)),
  SqueezeBackward1: rule('SqueezeBackward1', false, (g, n) =>
    n.sizes![n.dim] === 1 ? unsqueeze(g, n.dim) : g,
  ),
  SqueezeBackward3: rule('SqueezeBackward3', false, (g, n) =>
    n.sizes![n.dim] === 1 ? unsqueeze(g, n.dim) : g,
  ),
  TransposeBackward0: rule('TransposeBackward0', false, (g, n) =>
    !gradMode.enabled ? new Tensor(B.transpose(g.data, n.dim, n.scalar)) : transpose(g, n.dim, n.scalar),
  ),
  TBackward0: rule('TBackward0', false, (g) => (!gradMode.enabled && g.data.shape.length === 2 ? new Tensor(tr(g.data)) : t(g))),
  PermuteBackward0: rule('PermuteBackward0', false, (g, n) => permute(g, n.extra as readonly number[])),
  ExpandBackward0: rule('ExpandBackward0', false, (g, n) => sumTo(g, n.sizes!)),
  SelectBackward0: rule('SelectBackward0', false, (g, n) => selectBackward(g, n.sizes!, n.dim, n.scalar)),
  SliceBackward0: rule('SliceBackward0', false, (g, n) => {
    const [start, stop, step] = n.extra as readonly [number, number, number];
    return sliceBackward(g, n.sizes!, n.dim, start, stop, step);
  }),
  CatBackward0: variadicRule('CatBackward0', false, (g, n, i) => {
    const offsets = n.extra as readonly number[];
    return narrow(g, n.dim, offsets[i]!, offsets[i + 1]! - offsets[i]!);
  }),
  StackBackward0: variadicRule('StackBackward0', false, (g, n, i) => select(g, n.dim, i)),
  CloneBackward0: rule('CloneBackward0', false, (g) => g),
  ToCopyBackward0: rule('ToCopyBackward0', false, (g, n) => to(g, n.extra as B.DType)),

  // ---- the backward ops' own rules (double backward) ----
  SelectBackwardBackward0: rule('SelectBackwardBackward0', false, (g, n) => select(g, n.dim, n.scalar)),
  SliceBackwardBackward0: rule('SliceBackwardBackward0', false, (g, n) => {
    const [start, stop, step] = n.extra as readonly [number, number, number];
    return slice(g, n.dim, start, stop, step);
  }),
  ValueSelectingReductionBackwardBackward0: rule('ValueSelectingReductionBackwardBackward0', true, (g, n) =>
    gatherAlong(g, n.dim, n.extra as B.Tensor, n.keepdim),
  ),
  TanhBackwardBackward0: rule(
    'TanhBackwardBackward0',
    true,
    (g, n) => tanhBackward(g, n.other as Tensor),
    (g, n) => mul(g, mul(mul(-2, n.other as Tensor), n.self as Tensor)),
  ),
  SigmoidBackwardBackward0: rule(
    'SigmoidBackwardBackward0',
    true,
    (g, n) => sigmoidBackward(g, n.other as Tensor),
    (g, n) => mul(mul(g, n.self as Tensor), add(mul(-2, n.other as Tensor), 1)),
  ),
  ThresholdBackwardBackward0: rule(
    'ThresholdBackwardBackward0',
    true,
    (g, n) => thresholdBackward(g, n.result!),
    (g) => zerosLike(g),
  ),
  LeakyReluBackwardBackward0: rule(
    'LeakyReluBackwardBackward0',
    true,
    (g, n) => leakyReluBackward(g, n.self as Tensor, n.scalar),
    (g) => zerosLike(g),
  ),
  SoftmaxBackwardDataBackward0: rule(
    'SoftmaxBackwardDataBackward0',
    true,
    (g, n) => softmaxBackwardData(g, n.other as Tensor, n.dim),
    // d/dy of y * (go - sum(go * y)), contracted with g (PyTorch's softmax_double_backward)
    (g, n) => {
      const go = n.self as Tensor;
      const y = n.other as Tensor;
      return sub(sub(mul(go, g), mul(sum(mul(y, go), n.dim, true), g)), mul(go, sum(mul(y, g), n.dim, true)));
    },
  ),
  LogSoftmaxBackwardDataBackward0: rule(
    'LogSoftmaxBackwardDataBackward0',
    true,
    (g, n) => sub(g, sum(mul(g, exp(n.other as Tensor)), n.dim, true)),
    (g, n) => mul(mul(neg(sum(n.self as Tensor, n.dim, true)), exp(n.other as Tensor)), g),
  ),
  GatherBackward0: rule('GatherBackward0', true, (g, n) =>
    scatterAlong(g, n.dim, n.extra as B.Tensor, n.sizes!, n.keepdim),
  ),

  // ---- scalar overloads PyTorch's C++ composites record (x * s, x / s) ----
  MulBackward1: rule('MulBackward1', false, (g, n) => mul(g, n.scalar)),
  DivBackward1: rule('DivBackward1', false, (g, n) => div(g, n.scalar)),

  // ---- losses (loss-ops.ts), as derivatives.yaml ----
  NllLossBackward0: rule('NllLossBackward0', true, (g, n) => nllLossBackward(g, n)),
  NllLoss2DBackward0: rule('NllLoss2DBackward0', true, (g, n) => nllLossBackward(g, n)),
  // nll_loss_backward is linear in grad_output and constant in self
  NllLossBackwardBackward0: rule('NllLossBackwardBackward0', true, (g, n) => nllOfGradient(g, n), (g) => zerosLike(g)),
  NllLoss2DBackwardBackward0: rule('NllLoss2DBackwardBackward0', true, (g, n) => nllOfGradient(g, n), (g) => zerosLike(g)),
  MseLossBackward0: rule(
    'MseLossBackward0',
    true,
    (g, n) => mseLossBackward(g, n.self as Tensor, n.other as Tensor, n.extra as LossReduction),
    (g, n) => mseLossBackward(g, n.other as Tensor, n.self as Tensor, n.extra as LossReduction),
  ),
  // saved: self, other (target), result (the grad_output of the first backward), extra (reduction)
  MseLossBackwardBackward0: rule(
    'MseLossBackwardBackward0',
    true,
    (g, n) => mseLossBackward(g, n.self as Tensor, n.other as Tensor, n.extra as LossReduction),
    (g, n) => mseDoubleBackward(mul(g, n.result!), n.self as Tensor, n.extra as LossReduction),
    (g, n) => neg(mseDoubleBackward(mul(g, n.result!), n.other as Tensor, n.extra as LossReduction)),
  ),
  BinaryCrossEntropyBackward0: rule(
    'BinaryCrossEntropyBackward0',
    true,
    (g, n) => binaryCrossEntropyBackward(g, n.self as Tensor, n.other as Tensor, n.extra as BceSaved),
    // binary_cross_entropy_target_backward: -logit(x) * grad (* weight, / numel)
    (g, n) => {
      const x = n.self as Tensor;
      const saved = n.extra as BceSaved;
      let out = mul(neg(log(div(x, sub(1, x)))), g);
      if (saved.weight !== null) out = mul(out, saved.weight);
      return saved.reduction === 'mean' ? div(out, x.numel()) : out;
    },
  ),
  BinaryCrossEntropyBackwardBackward0: rule(
    'BinaryCrossEntropyBackwardBackward0',
    true,
    // binary_cross_entropy_double_backward_grad_output
    (g, n) => {
      const x = n.self as Tensor;
      const t = n.other as Tensor;
      const saved = n.extra as BceSaved;
      let out = mul(div(sub(x, t), mul(add(x, BCE_EPS), add(sub(1, x), BCE_EPS))), g);
      if (saved.weight !== null) out = mul(out, saved.weight);
      if (saved.reduction === 'none') return out;
      return saved.reduction === 'mean' ? div(sum(out), x.numel()) : sum(out);
    },
    // binary_cross_entropy_double_backward
    (g, n) => {
      const x = n.self as Tensor;
      const t = n.other as Tensor;
      const saved = n.extra as BceSaved;
      const numerator = add(sub(mul(x, x), mul(mul(2, x), t)), t);
      const denominator = mul(pow(add(x, BCE_EPS), 2), pow(add(sub(1, x), BCE_EPS), 2));
      let out = mul(div(numerator, denominator), mul(g, n.result!));
      if (saved.weight !== null) out = mul(out, saved.weight);
      return saved.reduction === 'mean' ? div(out, x.numel()) : out;
    },
    // binary_cross_entropy_double_backward_target
    (g, n) => {
      const x = n.self as Tensor;
      const saved = n.extra as BceSaved;
      let out = mul(neg(g), n.result!);
      if (saved.weight !== null) out = mul(out, saved.weight);
      const denominator = new Tensor(B.clamp(B.mul(B.sub(1, x.data), x.data), 1e-12));
      out = div(out, denominator);
      return saved.reduction === 'mean' ? div(out, x.numel()) : out;
    },
  ),
} satisfies Record<string, Rule>;

/** PyTorch's epsilon in binary_cross_entropy's double backward. */
const BCE_EPS = 1e-12;

/** PyTorch's `mse_loss_double_backward`: `2 * grad`, over numel for `'mean'`. */
function mseDoubleBackward(g: Tensor, input: Tensor, reduction: LossReduction): Tensor {
  const out = mul(2, g);
  return reduction === 'mean' ? div(out, input.numel()) : out;
}

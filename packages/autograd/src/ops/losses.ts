/*
 * The loss functions as the single ops PyTorch records (NllLossBackward0,
 * NllLoss2DBackward0, MseLossBackward0, BinaryCrossEntropyBackward0), with
 * PyTorch's kernels (loss-kernels.ts) and their backward ops, so that a
 * loss's graph shows what PyTorch's shows and double backward follows
 * derivatives.yaml. `@gradlab/losses` checks the arguments and calls these.
 */
import * as B from '@gradlab/tensor';
import { derivative } from '../engine/node';
import { baseOf, constant, op1, opN, saveTensor, tracks, tracksAny } from '../engine/record';
import type { Operand } from '../operand';
import { Tensor } from '../tensor';
import { bceBackward, bceTerms, mseBackward, mseTerms, nllBackward, nllForward, nllLayout, type LossReduction } from '@gradlab/tensor/internal';
import { add, div, log, mul, neg, pow, sub } from './elementwise';
import { sum } from './reductions';

export type { LossReduction } from '@gradlab/tensor/internal';

function zerosLike(x: Tensor): Tensor {
  return new Tensor(B.zerosLike(x.data));
}

/** What the NLL nodes keep: the input, the labels, weights and options of the forward call. */
export interface NllSaved {
  self: Tensor;
  target: B.Tensor;
  labels: Int32Array;
  weight: B.Tensor | null;
  weights: B.TypedArray | null;
  reduction: LossReduction;
  ignoreIndex: number;
  totalWeight: number;
  shape: readonly number[];
  dtype: B.DType;
}

const REDUCTIONS: readonly string[] = ['none', 'mean', 'sum'];

function checkReduction(op: string, reduction: unknown): LossReduction {
  if (typeof reduction !== 'string' || !REDUCTIONS.includes(reduction)) {
    throw new B.ValueError('INVALID_ARGUMENT', `${op}: 'reduction' must be 'none', 'mean' or 'sum', got ${B.describeValue(reduction)}`);
  }
  return reduction as LossReduction;
}

function checkFloating(op: string, name: string, x: B.Tensor): void {
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new B.DTypeError(`${op}: '${name}' must be a float32 or float64 tensor, got ${x.dtype}`);
  }
}

function sameShape(op: string, a: B.Tensor, b: B.Tensor): void {
  if (!B.shapesEqual(a.shape, b.shape)) {
    throw new B.ShapeError('SHAPE_MISMATCH', `${op}: 'target' has shape ${B.formatShape(b.shape)}, expected the input's shape ${B.formatShape(a.shape)}`);
  }
  if (a.dtype !== b.dtype) throw new B.DTypeError(`${op}: 'target' has dtype ${b.dtype}, expected the input's ${a.dtype}`);
}

/** A base tensor from a plain or differentiable tensor, or a typed error. */
function baseTensorOf(x: unknown, op: string, name: string): B.Tensor {
  if (x instanceof Tensor) return x.data;
  if (x instanceof B.Tensor) return x;
  throw new B.ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be a tensor, got ${B.describeValue(x)}`);
}

function int32Labels(target: B.Tensor): Int32Array {
  const t = target.offset === 0 && target.isContiguous() ? target : B.contiguous(target);
  return (t.storage as Int32Array).subarray(t.offset, t.offset + t.numel());
}

function weightArray(weight: B.Tensor | null): B.TypedArray | null {
  if (weight === null) return null;
  const w = B.contiguous(weight);
  return w.storage.subarray(w.offset, w.offset + w.numel());
}

/** Options of {@link nllLossOp}. */
export interface NllLossOpOptions {
  /** A weight per class, of the input's dtype (or null). */
  weight?: B.Tensor | null;
  /** `'mean'` (default), `'sum'` or `'none'`. */
  reduction?: LossReduction;
  /** A target equal to this is skipped (default -100). */
  ignoreIndex?: number;
}

/**
 * PyTorch's `nll_loss` (input `[C]` or `[N, C]`, recorded as `NllLossBackward0`)
 * and `nll_loss2d` (input `[N, C, H, W]`, `NllLoss2DBackward0`) as one op: it
 * reads only the target entries, so NaN or -inf in entries PyTorch never reads
 * (a masked logit, a row whose target is ignored, a class of weight 0) cannot
 * reach the loss. The arguments are not checked here: `@gradlab/losses`'
 * `nllLoss` checks them and handles other ranks as PyTorch's `nll_loss_nd`.
 *
 * @example
 * ```ts
 * const logProbs = tensor([[0, -Infinity]], { requiresGrad: true });
 * nllLossOp(logProbs, base.tensor([0], { dtype: 'int32' })); // tensor(0., grad_fn=<NllLossBackward0>)
 * ```
 */
export function nllLossOp(input: Operand, target: B.Tensor | Tensor, options: NllLossOpOptions = {}): Tensor {
  const op = 'nllLossOp';
  const data = baseOf(input, op, 'input');
  checkFloating(op, 'input', data);
  const labelsTensor = baseTensorOf(target, op, 'target');
  if (typeof options !== 'object' || options === null) {
    throw new B.ValueError('INVALID_ARGUMENT', `${op}: 'options' must be an object, got ${B.describeValue(options)}`);
  }
  const reduction = checkReduction(op, options.reduction ?? 'mean');
  const ignoreIndex = options.ignoreIndex ?? -100;
  if (!Number.isInteger(ignoreIndex)) {
    throw new B.ValueError('INVALID_ARGUMENT', `${op}: 'ignoreIndex' must be an integer, got ${B.describeValue(ignoreIndex)}`);
  }
  const nd = data.shape.length;
  if (nd !== 1 && nd !== 2 && nd !== 4) {
    throw new B.ShapeError('INVALID_SHAPE', `${op}: 'input' must be [C], [N, C] or [N, C, H, W], got shape ${B.formatShape(data.shape)}`);
  }
  const layout = nllLayout(data.shape);
  const sampleShape = nd === 1 ? [] : nd === 2 ? [layout.batch] : [layout.batch, data.shape[2]!, data.shape[3]!];
  if (labelsTensor.dtype !== 'int32' || !B.shapesEqual(labelsTensor.shape, sampleShape)) {
    throw new B.ShapeError(
      'SHAPE_MISMATCH',
      `${op}: 'target' must be int32 class indices of shape ${B.formatShape(sampleShape)}, got ${labelsTensor.dtype} of shape ${B.formatShape(labelsTensor.shape)}`,
    );
  }
  const given = options.weight ?? null;
  const weight = given === null ? null : baseTensorOf(given, op, 'weight');
  if (weight !== null && (weight.dtype !== data.dtype || !B.shapesEqual(weight.shape, [layout.classes]))) {
    throw new B.ShapeError('SHAPE_MISMATCH', `${op}: 'weight' must be ${data.dtype} of shape [${layout.classes}], got ${weight.dtype} of shape ${B.formatShape(weight.shape)}`);
  }
  const labels = int32Labels(labelsTensor);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label !== ignoreIndex && (label < 0 || label >= layout.classes)) {
      throw new B.IndexError('INDEX_OUT_OF_RANGE', `${op}: Target ${label} is out of bounds.`);
    }
  }
  const weights = weightArray(weight);
  const { output, totalWeight } = nllForward(data, labels, weights, reduction, ignoreIndex);
  if (!tracks(input)) return constant(output);
  const saved: NllSaved = {
    self: input, target: labelsTensor, labels, weight, weights, reduction, ignoreIndex, totalWeight, shape: data.shape, dtype: data.dtype,
  };
  return op1(data.shape.length === 4 ? NllLoss2DBackward0 : NllLossBackward0, output, input, saved);
}
export const NllLossBackward0 = derivative<NllSaved>('NllLossBackward0', { saves: true }, (g, s) => nllLossBackward(g, s));
export const NllLoss2DBackward0 = derivative<NllSaved>('NllLoss2DBackward0', { saves: true }, (g, s) => nllLossBackward(g, s));

/** The gradient of an NLL node (`nll_loss_backward`), differentiable in `grad` (NllLossBackwardBackward0). */
function nllLossBackward(grad: Tensor, saved: NllSaved): Tensor {
  const out = nllBackward(grad.data, saved.shape, saved.dtype, saved.labels, saved.weights, saved.reduction, saved.ignoreIndex, saved.totalWeight);
  const rule = saved.shape.length === 4 ? NllLoss2DBackwardBackward0 : NllLossBackwardBackward0;
  return opN(rule, out, [grad, saved.self], saved, 'exact');
}

/** `nll_loss_backward`'s own gradient in `grad_output`: the NLL of the incoming gradient. */
function nllOfGradient(gg: Tensor, saved: NllSaved): Tensor {
  return nllLossOp(gg, saved.target, { weight: saved.weight, reduction: saved.reduction, ignoreIndex: saved.ignoreIndex });
}
// nll_loss_backward is linear in grad_output and constant in self
export const NllLossBackwardBackward0 = derivative<NllSaved>(
  'NllLossBackwardBackward0',
  { saves: true },
  (g, s) => nllOfGradient(g, s),
  (g) => zerosLike(g),
);
export const NllLoss2DBackwardBackward0 = derivative<NllSaved>(
  'NllLoss2DBackwardBackward0',
  { saves: true },
  (g, s) => nllOfGradient(g, s),
  (g) => zerosLike(g),
);

/**
 * PyTorch's `mse_loss` of two tensors of one shape, recorded as `MseLossBackward0`:
 * `(input - target)^2`, reduced; its gradient is `norm * (input - target) * grad`
 * with `norm = 2 / numel` for `'mean'` (2 otherwise), and the target gets its negative.
 *
 * @example
 * ```ts
 * mseLossOp(tensor([2.5, 0], { requiresGrad: true }), tensor([3, -0.5])); // grad_fn=<MseLossBackward0>
 * ```
 */
export function mseLossOp(input: Operand, target: Operand, reduction: LossReduction = 'mean'): Tensor {
  const x = baseOf(input, 'mseLossOp', 'input');
  const t = baseOf(target, 'mseLossOp', 'target');
  checkFloating('mseLossOp', 'input', x);
  sameShape('mseLossOp', x, t);
  checkReduction('mseLossOp', reduction);
  const terms = mseTerms(x, t);
  const output = reduction === 'none' ? terms : reduction === 'sum' ? B.sum(terms) : B.mean(terms);
  const inputs = [input, target];
  if (!tracksAny(inputs)) return constant(output);
  return opN(MseLossBackward0, output, inputs, { self: saveTensor(input), target: saveTensor(target), reduction }, 'exact');
}
/** What the MSE nodes keep: input, target and the reduction. */
export interface MseSaved {
  self: Tensor;
  target: Tensor;
  reduction: LossReduction;
}
export const MseLossBackward0 = derivative<MseSaved>(
  'MseLossBackward0',
  { saves: true },
  (g, s) => mseLossBackward(g, s.self, s.target, s.reduction),
  (g, s) => mseLossBackward(g, s.target, s.self, s.reduction),
);

/** `mse_loss_backward(grad, self, target)`, differentiable (MseLossBackwardBackward0). */
function mseLossBackward(grad: Tensor, self: Tensor, target: Tensor, reduction: LossReduction): Tensor {
  const out = mseBackward(grad.data, self.data, target.data, reduction);
  const inputs = [grad, self, target];
  if (!tracksAny(inputs)) return constant(out);
  // grad_output's gradient is input-shaped: the engine sums it back to a reduced loss's shape (as PyTorch's validate_outputs)
  return opN(MseLossBackwardBackward0, out, inputs, { self, target, grad, reduction }, 'broadcast');
}
// saved: self, target, grad (the grad_output of the first backward), reduction
export const MseLossBackwardBackward0 = derivative<MseSaved & { grad: Tensor }>(
  'MseLossBackwardBackward0',
  { saves: true },
  (g, s) => mseLossBackward(g, s.self, s.target, s.reduction),
  (g, s) => mseDoubleBackward(mul(g, s.grad), s.self, s.reduction),
  (g, s) => neg(mseDoubleBackward(mul(g, s.grad), s.target, s.reduction)),
);

/** PyTorch's `mse_loss_double_backward`: `2 * grad`, over numel for `'mean'`. */
function mseDoubleBackward(g: Tensor, input: Tensor, reduction: LossReduction): Tensor {
  const out = mul(2, g);
  return reduction === 'mean' ? div(out, input.numel()) : out;
}

/**
 * PyTorch 1.13's `binary_cross_entropy` of probabilities, recorded as
 * `BinaryCrossEntropyBackward0`: `-w (t log(x) + (1 - t) log(1 - x))` with each
 * log clamped at -100, reduced. The input gradient is
 * `grad * (x - t) / max(x (1 - x), 1e-12)` (times `w`, over numel for `'mean'`),
 * the target's `-logit(x) * grad` (±inf at x = 0 or 1, as PyTorch). `weight`
 * must broadcast to the input's shape and takes no gradient.
 *
 * @example
 * ```ts
 * binaryCrossEntropyOp(tensor([0.9, 0.2], { requiresGrad: true }), tensor([1, 0])); // tensor(0.1643, grad_fn=<BinaryCrossEntropyBackward0>)
 * ```
 */
export function binaryCrossEntropyOp(
  input: Operand,
  target: Operand,
  weight: B.Tensor | Tensor | null = null,
  reduction: LossReduction = 'mean',
): Tensor {
  const op = 'binaryCrossEntropyOp';
  const x = baseOf(input, op, 'input');
  const t = baseOf(target, op, 'target');
  checkFloating(op, 'input', x);
  sameShape(op, x, t);
  checkReduction(op, reduction);
  if (weight !== null) {
    const w = baseTensorOf(weight, op, 'weight');
    let fits = w.shape.length <= x.shape.length;
    try {
      fits = fits && B.shapesEqual(B.broadcastShapes(w.shape, x.shape), x.shape);
    } catch {
      fits = false;
    }
    if (!fits) {
      throw new B.ShapeError('SHAPE_MISMATCH', `${op}: 'weight' of shape ${B.formatShape(w.shape)} must broadcast to the input's shape ${B.formatShape(x.shape)}`);
    }
    weight = w;
  }
  let terms = bceTerms(x, t, 'binaryCrossEntropy');
  if (weight !== null) terms = B.mul(terms, weight);
  const output = reduction === 'none' ? terms : reduction === 'sum' ? B.sum(terms) : B.mean(terms);
  const inputs = [input, target];
  if (!tracksAny(inputs)) return constant(output);
  const saved: BceSaved = { self: saveTensor(input), target: saveTensor(target), options: { weight: weight as B.Tensor | null, reduction } };
  return opN(BinaryCrossEntropyBackward0, output, inputs, saved, 'exact');
}

/** What a BCE node keeps: input, target, and the weight and reduction (kept apart: the weight is not a saved variable of the check). */
export interface BceSaved {
  self: Tensor;
  target: Tensor;
  options: { weight: B.Tensor | null; reduction: LossReduction };
}
export const BinaryCrossEntropyBackward0 = derivative<BceSaved>(
  'BinaryCrossEntropyBackward0',
  { saves: true },
  (g, s) => binaryCrossEntropyBackward(g, s),
  // binary_cross_entropy_target_backward: -logit(x) * grad (* weight, / numel)
  (g, s) => {
    const x = s.self;
    const { weight, reduction } = s.options;
    let out = mul(neg(log(div(x, sub(1, x)))), g);
    if (weight !== null) out = mul(out, weight);
    return reduction === 'mean' ? div(out, x.numel()) : out;
  },
);

/** `binary_cross_entropy_backward(grad, self, target, weight)`, differentiable (BinaryCrossEntropyBackwardBackward0). */
function binaryCrossEntropyBackward(grad: Tensor, s: BceSaved): Tensor {
  const out = bceBackward(grad.data, s.self.data, s.target.data, s.options.weight, s.options.reduction);
  const inputs = [grad, s.self, s.target];
  if (!tracksAny(inputs)) return constant(out);
  return opN(BinaryCrossEntropyBackwardBackward0, out, inputs, { ...s, grad }, 'exact');
}
/** PyTorch's epsilon in binary_cross_entropy's double backward. */
const BCE_EPS = 1e-12;
export const BinaryCrossEntropyBackwardBackward0 = derivative<BceSaved & { grad: Tensor }>(
  'BinaryCrossEntropyBackwardBackward0',
  { saves: true },
  // binary_cross_entropy_double_backward_grad_output
  (g, s) => {
    const x = s.self;
    const t = s.target;
    const { weight, reduction } = s.options;
    let out = mul(div(sub(x, t), mul(add(x, BCE_EPS), add(sub(1, x), BCE_EPS))), g);
    if (weight !== null) out = mul(out, weight);
    if (reduction === 'none') return out;
    return reduction === 'mean' ? div(sum(out), x.numel()) : sum(out);
  },
  // binary_cross_entropy_double_backward
  (g, s) => {
    const x = s.self;
    const t = s.target;
    const { weight, reduction } = s.options;
    const numerator = add(sub(mul(x, x), mul(mul(2, x), t)), t);
    const denominator = mul(pow(add(x, BCE_EPS), 2), pow(add(sub(1, x), BCE_EPS), 2));
    let out = mul(div(numerator, denominator), mul(g, s.grad));
    if (weight !== null) out = mul(out, weight);
    return reduction === 'mean' ? div(out, x.numel()) : out;
  },
  // binary_cross_entropy_double_backward_target
  (g, s) => {
    const x = s.self;
    const { weight, reduction } = s.options;
    let out = mul(neg(g), s.grad);
    if (weight !== null) out = mul(out, weight);
    const denominator = new Tensor(B.clamp(B.mul(B.sub(1, x.data), x.data), 1e-12));
    out = div(out, denominator);
    return reduction === 'mean' ? div(out, x.numel()) : out;
  },
);

/**
 * `x * s` recorded as PyTorch's C++ `mul(Tensor, Scalar)` (`MulBackward1`), the
 * node PyTorch's composite losses show (`(1 - label_smoothing) * nll`).
 *
 * @example
 * ```ts
 * mulScalar(x, 0.9).gradFn!.name; // 'MulBackward1'
 * ```
 */
export function mulScalar(x: Operand, s: number): Tensor {
  if (typeof s !== 'number') throw new B.ValueError('INVALID_ARGUMENT', `mulScalar: 's' must be a number, got ${B.describeValue(s)}`);
  return op1(MulBackward1, B.mul(baseOf(x, 'mulScalar', 'x'), s), x, { other: s });
}
export const MulBackward1 = derivative<{ other: number }>('MulBackward1', {}, (g, s) => mul(g, s.other));

/**
 * `x / s` recorded as PyTorch's C++ `div(Tensor, Scalar)` (`DivBackward1`), as in
 * `cross_entropy`'s mean over probability targets.
 *
 * @example
 * ```ts
 * divScalar(x, 4).gradFn!.name; // 'DivBackward1'
 * ```
 */
export function divScalar(x: Operand, s: number): Tensor {
  if (typeof s !== 'number') throw new B.ValueError('INVALID_ARGUMENT', `divScalar: 's' must be a number, got ${B.describeValue(s)}`);
  return op1(DivBackward1, B.div(baseOf(x, 'divScalar', 'x'), s), x, { other: s });
}
export const DivBackward1 = derivative<{ other: number }>('DivBackward1', {}, (g, s) => div(g, s.other));

/*
 * The loss functions as the single ops PyTorch records (NllLossBackward0,
 * NllLoss2DBackward0, MseLossBackward0, BinaryCrossEntropyBackward0), with
 * PyTorch's kernels (loss-kernels.ts) and their backward ops, so that a
 * loss's graph shows what PyTorch's shows and double backward follows
 * derivatives.yaml. `@gradlab/losses` checks the arguments and calls these.
 */
import * as B from '@gradlab/tensor';
import { gradMode } from './grad-mode';
import { Node } from './node';
import type { Operand } from './operand';
import { attach, baseOf, constant, edgeOf } from './record';
import { RULES } from './rules';
import { Tensor } from './tensor';
import { bceBackward, bceTerms, mseBackward, mseTerms, nllBackward, nllForward, nllLayout, type LossReduction } from './loss-kernels';

export type { LossReduction } from './loss-kernels';

/** What the NLL nodes keep besides the input: the labels, weights and options of the forward call. */
interface NllSaved {
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

function tracked(x: Operand): boolean {
  return x instanceof Tensor && x._requiresGrad && gradMode.enabled;
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
  if (!tracked(input)) return constant(output);
  const saved: NllSaved = {
    target: labelsTensor, labels, weight, weights, reduction, ignoreIndex, totalWeight, shape: data.shape, dtype: data.dtype,
  };
  const node = new Node(data.shape.length === 4 ? RULES.NllLoss2DBackward0 : RULES.NllLossBackward0, [edgeOf(input)]);
  node.self = input as Tensor;
  node.extra = saved;
  return attach(output, node);
}

/** @internal the gradient of an NLL node (`nll_loss_backward`), differentiable in `grad` (NllLossBackwardBackward0). */
export function nllLossBackward(grad: Tensor, node: Node): Tensor {
  const saved = node.extra as NllSaved;
  const out = nllBackward(grad.data, saved.shape, saved.dtype, saved.labels, saved.weights, saved.reduction, saved.ignoreIndex, saved.totalWeight);
  const self = node.self as Tensor;
  if (!gradMode.enabled || !(grad._requiresGrad || self._requiresGrad)) return constant(out);
  const rule = saved.shape.length === 4 ? RULES.NllLoss2DBackwardBackward0 : RULES.NllLossBackwardBackward0;
  const backward = new Node(rule, [edgeOf(grad), edgeOf(self)]);
  backward.self = self;
  backward.extra = saved;
  return attach(out, backward);
}

/** @internal `nll_loss_backward`'s own gradient in `grad_output`: the NLL of the incoming gradient. */
export function nllOfGradient(gg: Tensor, node: Node): Tensor {
  const saved = node.extra as NllSaved;
  return nllLossOp(gg, saved.target, { weight: saved.weight, reduction: saved.reduction, ignoreIndex: saved.ignoreIndex });
}

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
  if (!tracked(input) && !tracked(target)) return constant(output);
  const node = new Node(RULES.MseLossBackward0, [edgeOf(input), edgeOf(target)]);
  node.self = input instanceof Tensor ? input : new Tensor(x);
  node.other = target instanceof Tensor ? target : new Tensor(t);
  node.extra = reduction;
  return attach(output, node);
}

/** @internal `mse_loss_backward(grad, self, target)`, differentiable (MseLossBackwardBackward0). */
export function mseLossBackward(grad: Tensor, self: Tensor, target: Tensor, reduction: LossReduction): Tensor {
  const out = mseBackward(grad.data, self.data, target.data, reduction);
  if (!gradMode.enabled || !(grad._requiresGrad || self._requiresGrad || target._requiresGrad)) return constant(out);
  const node = new Node(RULES.MseLossBackwardBackward0, [edgeOf(grad), edgeOf(self), edgeOf(target)]);
  // grad_output's gradient is input-shaped: the engine sums it back to a reduced loss's shape (as PyTorch's validate_outputs)
  if (!B.shapesEqual(grad.data.shape, out.shape)) node.shapes = [grad.data.shape, null, null];
  node.self = self;
  node.other = target;
  node.result = grad;
  node.extra = reduction;
  return attach(out, node);
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
  if (!tracked(input) && !tracked(target)) return constant(output);
  const node = new Node(RULES.BinaryCrossEntropyBackward0, [edgeOf(input), edgeOf(target)]);
  node.self = input instanceof Tensor ? input : new Tensor(x);
  node.other = target instanceof Tensor ? target : new Tensor(t);
  node.extra = { weight, reduction };
  return attach(output, node);
}

/** What a BCE node keeps besides input and target. */
export interface BceSaved {
  weight: B.Tensor | null;
  reduction: LossReduction;
}

/** @internal `binary_cross_entropy_backward(grad, self, target, weight)`, differentiable (BinaryCrossEntropyBackwardBackward0). */
export function binaryCrossEntropyBackward(grad: Tensor, self: Tensor, target: Tensor, saved: BceSaved): Tensor {
  const out = bceBackward(grad.data, self.data, target.data, saved.weight, saved.reduction);
  if (!gradMode.enabled || !(grad._requiresGrad || self._requiresGrad || target._requiresGrad)) return constant(out);
  const node = new Node(RULES.BinaryCrossEntropyBackwardBackward0, [edgeOf(grad), edgeOf(self), edgeOf(target)]);
  node.self = self;
  node.other = target;
  node.result = grad;
  node.extra = saved;
  return attach(out, node);
}

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
  const out = B.mul(baseOf(x, 'mulScalar', 'x'), s);
  if (!tracked(x)) return constant(out);
  const node = new Node(RULES.MulBackward1, [edgeOf(x)]);
  node.scalar = s;
  const data = (x as Tensor).data;
  if (data.dtype !== out.dtype) node.dtypes = [data.dtype];
  return attach(out, node);
}

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
  const out = B.div(baseOf(x, 'divScalar', 'x'), s);
  if (!tracked(x)) return constant(out);
  const node = new Node(RULES.DivBackward1, [edgeOf(x)]);
  node.scalar = s;
  const data = (x as Tensor).data;
  if (data.dtype !== out.dtype) node.dtypes = [data.dtype];
  return attach(out, node);
}

/*
 * Differentiable ops that only gradient formulas use: the inverses of
 * select, slice and max/min over a dim, sum's un-reduction, the zero-safe
 * exclusive product of prod, and PyTorch's fused backward kernels. Each is
 * declared like any op (forward, saved record, formulas), so the backward
 * pass is differentiable again (createGraph).
 */
import * as B from '@gradlab/tensor';
import { derivative } from '../engine/node';
import { constant, op1, op2, opN, tracks, tracks2 } from '../engine/record';
import { Tensor } from '../tensor';
import { add, mul, sub, exp, neg } from './elementwise';
import { sum } from './reductions';
import { cat, narrow, expand, select, slice, unsqueeze } from './views';
import { prod } from './reductions';
import * as K from '@gradlab/tensor/internal';

function zerosLike(x: Tensor): Tensor {
  return new Tensor(B.zerosLike(x.data));
}

/** PyTorch's `select_backward`: zeros of `sizes` with `g` at `index` along `dim`. */
export function selectBackward(g: Tensor, sizes: readonly number[], dim: number, index: number): Tensor {
  const out = K.embedSelect(g.data, sizes, dim, index);
  // the common case, a backward not recorded: no record to build
  if (!tracks(g)) return constant(out);
  return op1(SelectBackwardBackward0, out, g, { dim, index });
}
export const SelectBackwardBackward0 = derivative<{ dim: number; index: number }>('SelectBackwardBackward0', {}, (g, s) =>
  select(g, s.dim, s.index),
);

/** PyTorch's `slice_backward`: zeros of `sizes` with `g` at `start:stop:step` along `dim`. */
export function sliceBackward(
  g: Tensor,
  sizes: readonly number[],
  dim: number,
  start: number,
  stop: number,
  step: number,
): Tensor {
  const out = K.embed(g.data, sizes, dim, start, step);
  if (!tracks(g)) return constant(out);
  return op1(SliceBackwardBackward0, out, g, { dim, start, stop, step });
}
export const SliceBackwardBackward0 = derivative<{ dim: number; start: number; stop: number; step: number }>(
  'SliceBackwardBackward0',
  {},
  (g, s) => slice(g, s.dim, s.start, s.stop, s.step),
);

/** What the value-selecting backward ops keep: the dim, the selected indices, keepdim. */
export interface Selected {
  dim: number;
  indices: B.Tensor;
  keepdim: boolean;
}

/** PyTorch's `value_selecting_reduction_backward`: `g` scattered to `indices` along `dim`. */
export function scatterAlong(
  g: Tensor,
  dim: number,
  indices: B.Tensor,
  sizes: readonly number[],
  keepdim: boolean,
): Tensor {
  // NOTE: max/min of a 0-d tensor over dim 0 (or -1) selects its one element: the gradient passes as is
  if (sizes.length === 0) return g;
  const src = keepdim ? g.data : B.unsqueeze(g.data, dim);
  const idx = keepdim ? indices : B.unsqueeze(indices, dim);
  const out = K.scatter(src, dim, idx, sizes);
  if (!tracks(g)) return constant(out);
  return op1(ValueSelectingReductionBackwardBackward0, out, g, { dim, indices, keepdim });
}
export const ValueSelectingReductionBackwardBackward0 = derivative<Selected>(
  'ValueSelectingReductionBackwardBackward0',
  { saves: true },
  (g, s) => gatherAlong(g, s.dim, s.indices, s.keepdim),
);

/** `torch.gather` along `dim` by the indices of a max/min (the inverse of {@link scatterAlong}). */
export function gatherAlong(g: Tensor, dim: number, indices: B.Tensor, keepdim: boolean): Tensor {
  if (g.data.shape.length === 0) return g;
  const idx = keepdim ? indices : B.unsqueeze(indices, dim);
  let out = K.gather(g.data, dim, idx);
  if (!keepdim) out = B.squeeze(out, dim);
  if (!tracks(g)) return constant(out);
  return op1(GatherBackward0, out, g, { dim, indices, keepdim, sizes: g.data.shape });
}
export const GatherBackward0 = derivative<Selected & { sizes: readonly number[] }>('GatherBackward0', { saves: true }, (g, s) =>
  scatterAlong(g, s.dim, s.indices, s.sizes, s.keepdim),
);

/** PyTorch's `sum_backward`: re-inserts the reduced dims and expands to `sizes`. */
export function sumBackward(g: Tensor, sizes: readonly number[], dims: readonly number[], keepdim: boolean): Tensor {
  let out = g;
  if (!keepdim) for (const d of dims) out = unsqueeze(out, d);
  return expand(out, sizes);
}

/**
 * For each element, the product of the *other* elements along `dim`
 * (PyTorch's `prod_safe_zeros_backward`), built from differentiable ops so
 * that it is exact with zeros and differentiable again.
 */
export function exclusiveProd(x: Tensor, dim: number): Tensor {
  const n = x.shape[dim]!;
  const parts: Tensor[] = [];
  for (let i = 0; i < n; i++) {
    const pieces: Tensor[] = [];
    if (i > 0) pieces.push(narrow(x, dim, 0, i));
    if (i < n - 1) pieces.push(narrow(x, dim, i + 1, n - 1 - i));
    if (pieces.length === 0) {
      const shape = x.shape.slice();
      shape[dim] = 1;
      parts.push(constant(B.ones(shape, { dtype: x.dtype })));
    } else {
      const others = pieces.length === 1 ? pieces[0]! : cat(pieces, dim);
      parts.push(prod(others, dim, true));
    }
  }
  return parts.length === 1 ? parts[0]! : cat(parts, dim);
}

/**
 * ReLU's gradient as PyTorch's fused `threshold_backward`: `result <= 0 ? 0 : g`.
 * Differentiable in both arguments (the derivative in `result` is zero), so
 * that, as in PyTorch, ReLU's first derivative requires grad under createGraph.
 */
export function thresholdBackward(g: Tensor, result: Tensor): Tensor {
  return op2(ThresholdBackwardBackward0, K.thresholdBackward(g.data, result.data), g, result, saveOutput, 'exact');
}
function saveOutput(_: Tensor, _g: unknown, result: unknown): { result: Tensor } {
  return { result: result as Tensor };
}
export const ThresholdBackwardBackward0 = derivative<{ result: Tensor }>(
  'ThresholdBackwardBackward0',
  { saves: true },
  (g, s) => thresholdBackward(g, s.result),
  (g) => zerosLike(g),
);

/** LeakyReLU's gradient as PyTorch's fused `leaky_relu_backward`: `x > 0 ? g : g * slope`. */
export function leakyReluBackward(g: Tensor, self: Tensor, negativeSlope: number): Tensor {
  const out = K.leakyReluBackward(g.data, self.data, negativeSlope);
  if (!tracks2(g, self)) return constant(out);
  return op2(LeakyReluBackwardBackward0, out, g, self, { self, negativeSlope }, 'exact');
}
export const LeakyReluBackwardBackward0 = derivative<{ self: Tensor; negativeSlope: number }>(
  'LeakyReluBackwardBackward0',
  { saves: true },
  (g, s) => leakyReluBackward(g, s.self, s.negativeSlope),
  (g) => zerosLike(g),
);

/** What the fused backward ops of an output keep: the incoming gradient and the forward's output. */
function saveGradOutput(_: Tensor, g: unknown, output: unknown): { grad: Tensor; output: Tensor } {
  return { grad: g as Tensor, output: output as Tensor };
}

/** Sigmoid's gradient as PyTorch's fused `sigmoid_backward`: `g * (1 - y) * y`. */
export function sigmoidBackward(g: Tensor, output: Tensor): Tensor {
  return op2(SigmoidBackwardBackward0, K.sigmoidBackward(g.data, output.data), g, output, saveGradOutput, 'exact');
}
export const SigmoidBackwardBackward0 = derivative<{ grad: Tensor; output: Tensor }>(
  'SigmoidBackwardBackward0',
  { saves: true },
  (g, s) => sigmoidBackward(g, s.output),
  (g, s) => mul(mul(g, s.grad), add(mul(-2, s.output), 1)),
);

/** Tanh's gradient as PyTorch's fused `tanh_backward`: `g * (1 - y * y)`. */
export function tanhBackward(g: Tensor, output: Tensor): Tensor {
  return op2(TanhBackwardBackward0, K.tanhBackward(g.data, output.data), g, output, saveGradOutput, 'exact');
}
export const TanhBackwardBackward0 = derivative<{ grad: Tensor; output: Tensor }>(
  'TanhBackwardBackward0',
  { saves: true },
  (g, s) => tanhBackward(g, s.output),
  (g, s) => mul(g, mul(mul(-2, s.output), s.grad)),
);

/** Softmax's gradient as PyTorch's fused `_softmax_backward_data`: `y * (g - sum(g * y, dim))`. */
export function softmaxBackwardData(g: Tensor, output: Tensor, dim: number): Tensor {
  const out = K.softmaxBackwardData(g.data, output.data, dim);
  if (!tracks2(g, output)) return constant(out);
  return opN(SoftmaxBackwardDataBackward0, out, [g, output], { grad: g, output, dim }, 'exact');
}
export const SoftmaxBackwardDataBackward0 = derivative<{ grad: Tensor; output: Tensor; dim: number }>(
  'SoftmaxBackwardDataBackward0',
  { saves: true },
  (g, s) => softmaxBackwardData(g, s.output, s.dim),
  // d/dy of y * (go - sum(go * y)), contracted with g (PyTorch's softmax_double_backward)
  (g, s) => {
    const go = s.grad;
    const y = s.output;
    return sub(sub(mul(go, g), mul(sum(mul(y, go), s.dim, true), g)), mul(go, sum(mul(y, g), s.dim, true)));
  },
);

/** LogSoftmax's gradient as PyTorch's fused `_log_softmax_backward_data`: `g - exp(y) * sum(g, dim)`. */
export function logSoftmaxBackwardData(g: Tensor, output: Tensor, dim: number): Tensor {
  const out = K.logSoftmaxBackwardData(g.data, output.data, dim);
  if (!tracks2(g, output)) return constant(out);
  return opN(LogSoftmaxBackwardDataBackward0, out, [g, output], { grad: g, output, dim }, 'exact');
}
export const LogSoftmaxBackwardDataBackward0 = derivative<{ grad: Tensor; output: Tensor; dim: number }>(
  'LogSoftmaxBackwardDataBackward0',
  { saves: true },
  (g, s) => sub(g, sum(mul(g, exp(s.output)), s.dim, true)),
  (g, s) => mul(mul(neg(sum(s.grad, s.dim, true)), exp(s.output)), g),
);

/*
 * Differentiable ops that only gradient formulas use: the inverses of
 * select, slice and max/min over a dim, sum's un-reduction, and the
 * zero-safe exclusive product of prod. Each records its own node, so the
 * backward pass is differentiable again (createGraph).
 */
import * as B from '@gradlab/tensor';
import { gradMode } from './grad-mode';
import { attach, constant, edgeOf, unaryNode } from './record';
import { Node } from './node';
import { RULES } from './rules';
import { Tensor } from './tensor';
import { cat, expand, narrow, unsqueeze } from './views';
import { prod } from './reductions';
import * as K from './kernels';
import { embed, embedSelect, gather, scatter } from './kernels';

function isTracked(x: Tensor): boolean {
  return x._requiresGrad && gradMode.enabled;
}

/** PyTorch's `select_backward`: zeros of `sizes` with `g` at `index` along `dim`. */
export function selectBackward(g: Tensor, sizes: readonly number[], dim: number, index: number): Tensor {
  const out = embedSelect(g.data, sizes, dim, index);
  if (!isTracked(g)) return constant(out);
  const node = unaryNode(RULES.SelectBackwardBackward0, g);
  node.dim = dim;
  node.scalar = index;
  return attach(out, node);
}

/** PyTorch's `slice_backward`: zeros of `sizes` with `g` at `start:stop:step` along `dim`. */
export function sliceBackward(
  g: Tensor,
  sizes: readonly number[],
  dim: number,
  start: number,
  stop: number,
  step: number,
): Tensor {
  const out = embed(g.data, sizes, dim, start, step);
  if (!isTracked(g)) return constant(out);
  const node = unaryNode(RULES.SliceBackwardBackward0, g);
  node.dim = dim;
  node.extra = [start, stop, step];
  return attach(out, node);
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
  const out = scatter(src, dim, idx, sizes);
  if (!isTracked(g)) return constant(out);
  const node = unaryNode(RULES.ValueSelectingReductionBackwardBackward0, g);
  node.dim = dim;
  node.extra = indices;
  node.keepdim = keepdim;
  return attach(out, node);
}

/** `torch.gather` along `dim` by the indices of a max/min (the inverse of {@link scatterAlong}). */
export function gatherAlong(g: Tensor, dim: number, indices: B.Tensor, keepdim: boolean): Tensor {
  if (g.data.shape.length === 0) return g;
  const idx = keepdim ? indices : B.unsqueeze(indices, dim);
  let out = gather(g.data, dim, idx);
  if (!keepdim) out = B.squeeze(out, dim);
  if (!isTracked(g)) return constant(out);
  const node = unaryNode(RULES.GatherBackward0, g);
  node.dim = dim;
  node.extra = indices;
  node.keepdim = keepdim;
  node.sizes = g.data.shape;
  return attach(out, node);
}

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
  const out = K.thresholdBackward(g.data, result.data);
  if (!gradMode.enabled || !(g._requiresGrad || result._requiresGrad)) return constant(out);
  const node = new Node(RULES.ThresholdBackwardBackward0, [edgeOf(g), edgeOf(result)]);
  node.result = result;
  return attach(out, node);
}

/** LeakyReLU's gradient as PyTorch's fused `leaky_relu_backward`: `x > 0 ? g : g * slope`. */
export function leakyReluBackward(g: Tensor, self: Tensor, slope: number): Tensor {
  const out = K.leakyReluBackward(g.data, self.data, slope);
  if (!gradMode.enabled || !(g._requiresGrad || self._requiresGrad)) return constant(out);
  const node = new Node(RULES.LeakyReluBackwardBackward0, [edgeOf(g), edgeOf(self)]);
  node.self = self;
  node.scalar = slope;
  return attach(out, node);
}

/** Sigmoid's gradient as PyTorch's fused `sigmoid_backward`: `g * (1 - y) * y`. */
export function sigmoidBackward(g: Tensor, output: Tensor): Tensor {
  const out = K.sigmoidBackward(g.data, output.data);
  if (!gradMode.enabled || !(g._requiresGrad || output._requiresGrad)) return constant(out);
  return attach(out, pairNode(RULES.SigmoidBackwardBackward0, g, output, 0));
}

/** Tanh's gradient as PyTorch's fused `tanh_backward`: `g * (1 - y * y)`. */
export function tanhBackward(g: Tensor, output: Tensor): Tensor {
  const out = K.tanhBackward(g.data, output.data);
  if (!gradMode.enabled || !(g._requiresGrad || output._requiresGrad)) return constant(out);
  return attach(out, pairNode(RULES.TanhBackwardBackward0, g, output, 0));
}

function pairNode(rule: Node['rule'], g: Tensor, output: Tensor, dim: number): Node {
  const node = new Node(rule, [edgeOf(g), edgeOf(output)]);
  node.self = g;
  node.other = output;
  node.dim = dim;
  return node;
}

/** Softmax's gradient as PyTorch's fused `_softmax_backward_data`: `y * (g - sum(g * y, dim))`. */
export function softmaxBackwardData(g: Tensor, output: Tensor, dim: number): Tensor {
  const out = K.softmaxBackwardData(g.data, output.data, dim);
  if (!gradMode.enabled || !(g._requiresGrad || output._requiresGrad)) return constant(out);
  return attach(out, pairNode(RULES.SoftmaxBackwardDataBackward0, g, output, dim));
}

/** LogSoftmax's gradient as PyTorch's fused `_log_softmax_backward_data`: `g - exp(y) * sum(g, dim)`. */
export function logSoftmaxBackwardData(g: Tensor, output: Tensor, dim: number): Tensor {
  const out = K.logSoftmaxBackwardData(g.data, output.data, dim);
  if (!gradMode.enabled || !(g._requiresGrad || output._requiresGrad)) return constant(out);
  return attach(out, pairNode(RULES.LogSoftmaxBackwardDataBackward0, g, output, dim));
}

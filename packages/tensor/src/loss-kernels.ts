/*
 * The loops of PyTorch 1.13's loss kernels (aten/src/ATen/native/LossNLL.cpp,
 * LossNLL2d.cpp, Loss.cpp), on @gradlab/tensor tensors: the same operations
 * in the same order, rounded to float32 after each step for float32 tensors,
 * so results match PyTorch's bit for bit where its kernels are sequential.
 */
import * as B from './index';
import { allocateResult } from './checked';

type Base = B.Tensor;

/** PyTorch's `reduction` argument. */
export type LossReduction = 'none' | 'mean' | 'sum';

function values(t: Base): B.TypedArray {
  return t.offset === 0 && t.isContiguous() ? t.storage : t.dataSync();
}

/** Rounding to the tensor's precision: `Math.fround` for float32, identity for float64. */
function rounding(dtype: B.DType): (v: number) => number {
  return dtype === 'float32' ? Math.fround : (v: number) => v;
}

/** The shape of an NLL input as PyTorch's kernels walk it: `batch` samples of `classes` rows of `map` elements. */
export interface NllLayout {
  batch: number;
  classes: number;
  map: number;
}

/** `[C]` is one sample, `[N, C]` N samples, `[N, C, H, W]` N samples of H*W elements. */
export function nllLayout(shape: readonly number[]): NllLayout {
  if (shape.length === 1) return { batch: 1, classes: shape[0]!, map: 1 };
  const map = shape.length === 4 ? shape[2]! * shape[3]! : 1;
  return { batch: shape[0]!, classes: shape[1]!, map };
}

/**
 * `nll_loss_forward` / `nll_loss2d_forward`: `-input[target] * weight[target]`
 * per sample (0 where the target is `ignoreIndex`), or their sum (and mean
 * over the total weight) with PyTorch's 8-level cascade summation. Only the
 * target entries are read: a NaN or -inf anywhere else never reaches the loss.
 */
export function nllForward(
  input: Base,
  target: Int32Array,
  weight: B.TypedArray | null,
  reduction: LossReduction,
  ignoreIndex: number,
): { output: Base; totalWeight: number } {
  const x = values(input);
  const { batch, classes, map } = nllLayout(input.shape);
  const f = rounding(input.dtype);
  // NOTE: a 1-D input (one sample) takes PyTorch's summing path even with 'none' (no mean): the loss
  // is 0 - x[t] * w, so a zero is +0 (-x[t] * w would be -0, and atan2 of the loss would flip sign)
  if (reduction === 'none' && input.shape.length !== 1) {
    const shape = input.shape.length === 4 ? [batch, input.shape[2]!, input.shape[3]!] : [batch];
    const out = allocateResult(input.dtype, batch * map);
    for (let b = 0; b < batch; b++) {
      for (let e = 0; e < map; e++) {
        const i = b * map + e;
        const t = target[i]!;
        if (t === ignoreIndex) continue;
        const w = weight === null ? 1 : weight[t]!;
        out[i] = f(-x[(b * classes + t) * map + e]! * w);
      }
    }
    return { output: new B.Tensor(out, shape, input.dtype), totalWeight: 0 };
  }
  // NOTE: PyTorch sums in the tensor's dtype with a cascade of 8 partial sums; level j flushes into
  // level j + 1 at every sample whose index is a multiple of 16^(j+1) (level_power is 4 below 2^40 samples)
  const levels = 8;
  const loss = new Float64Array(levels);
  const weights = new Float64Array(levels);
  const count = batch * map;
  let ignored = 0;
  for (let i = 0; i < count; i++) {
    const t = target[i]!;
    if (t === ignoreIndex) {
      ignored++;
      continue;
    }
    const b = Math.floor(i / map);
    const e = i - b * map;
    const value = x[(b * classes + t) * map + e]!;
    if (weight !== null) {
      const w = weight[t]!;
      loss[0] = f(loss[0]! - f(value * w));
      weights[0] = f(weights[0]! + w);
    } else {
      loss[0] = f(loss[0]! - value);
    }
    for (let j = 0; j + 1 < levels; j++) {
      if ((i & (15 * 16 ** j)) !== 0) break;
      weights[j + 1] = f(weights[j + 1]! + weights[j]!);
      loss[j + 1] = f(loss[j + 1]! + loss[j]!);
      weights[j] = 0;
      loss[j] = 0;
    }
  }
  let totalWeight = 0;
  let sum = 0;
  for (let j = 0; j < levels; j++) {
    totalWeight = f(totalWeight + weights[j]!);
    sum = f(sum + loss[j]!);
  }
  if (weight === null) totalWeight = count - ignored;
  if (reduction === 'mean') sum = f(sum / totalWeight);
  const out = allocateResult(input.dtype, 1);
  out[0] = sum;
  return { output: new B.Tensor(out, [], input.dtype), totalWeight };
}

/**
 * `nll_loss_backward`: zeros of the input's shape, with `-weight[t] * grad`
 * (divided by the total weight for `'mean'`) at each target entry.
 */
export function nllBackward(
  grad: Base,
  shape: readonly number[],
  dtype: B.DType,
  target: Int32Array,
  weight: B.TypedArray | null,
  reduction: LossReduction,
  ignoreIndex: number,
  totalWeight: number,
): Base {
  const { batch, classes, map } = nllLayout(shape);
  const f = rounding(dtype);
  const g = values(grad);
  const out = B.zeros(shape, { dtype });
  const o = out.storage;
  // PyTorch: grad = -(mean ? grad_output / total_weight : grad_output), then weight[t] * grad
  const scalar = reduction === 'none' ? 0 : -(reduction === 'mean' ? f(g[0]! / totalWeight) : g[0]!);
  for (let b = 0; b < batch; b++) {
    for (let e = 0; e < map; e++) {
      const i = b * map + e;
      const t = target[i]!;
      if (t === ignoreIndex) continue;
      const position = (b * classes + t) * map + e;
      if (reduction === 'none') {
        const w = weight === null ? 1 : weight[t]!;
        o[position] = f(-w * g[i]!);
      } else {
        o[position] = weight === null ? scalar : f(weight[t]! * scalar);
      }
    }
  }
  return out;
}

/** `mse_loss`'s elementwise part: `(x - t) * (x - t)`. */
export function mseTerms(input: Base, target: Base): Base {
  const d = B.sub(input, target);
  return B.mul(d, d);
}

/** `mse_loss_backward`: `norm * (x - t) * grad`, `norm = 2 / numel` for `'mean'`, else 2 (in the tensor's dtype). */
export function mseBackward(grad: Base, input: Base, target: Base, reduction: LossReduction): Base {
  const f = rounding(input.dtype);
  const norm = f(reduction === 'mean' ? 2 / input.numel() : 2);
  return B.mul(B.mul(B.sub(input, target), norm), grad.dtype === input.dtype ? grad : B.to(grad, input.dtype));
}

/** `max(log(v), -100)` rounded to the dtype (PyTorch clamps the logs of binary_cross_entropy at -100). */
function clampedLog(v: number, f: (v: number) => number): number {
  const l = f(Math.log(v));
  return l > -100 ? l : -100;
}

/**
 * `binary_cross_entropy`'s elementwise part, PyTorch 1.13's formula:
 * `(t - 1) * max(log(1 - x), -100) - t * max(log(x), -100)`. Throws for an
 * input outside [0, 1] (NaN included), as PyTorch does; the target is not checked.
 */
export function bceTerms(input: Base, target: Base, op: string): Base {
  const x = values(input);
  const t = values(target);
  const n = input.numel();
  const f = rounding(input.dtype);
  const out = allocateResult(input.dtype, n);
  for (let i = 0; i < n; i++) {
    const xv = x[i]!;
    if (!(xv >= 0 && xv <= 1)) {
      throw new B.ValueError(
        'INVALID_VALUE',
        `${op}: all elements of 'input' must be probabilities between 0 and 1, got ${xv} (apply sigmoid to logits first)`,
      );
    }
    const tv = t[i]!;
    out[i] = f(f(f(tv - 1) * clampedLog(f(1 - xv), f)) - f(tv * clampedLog(xv, f)));
  }
  return new B.Tensor(out, input.shape, input.dtype);
}

/** `binary_cross_entropy_backward`: `grad * (x - t) / max((1 - x) * x, 1e-12)`, times the weight, over numel for `'mean'`. */
export function bceBackward(grad: Base, input: Base, target: Base, weight: Base | null, reduction: LossReduction): Base {
  const x = values(input);
  const t = values(target);
  const n = input.numel();
  const f = rounding(input.dtype);
  const eps = f(1e-12);
  const g = values(grad);
  const gStep = grad.numel() === 1 ? 0 : 1;
  const out = allocateResult(input.dtype, n);
  for (let i = 0; i < n; i++) {
    const xv = x[i]!;
    const denominator = f(f(1 - xv) * xv);
    out[i] = f(f(g[i * gStep]! * f(xv - t[i]!)) / (denominator > eps ? denominator : eps));
  }
  let result = new B.Tensor(out, input.shape, input.dtype);
  if (weight !== null) result = B.mul(result, weight);
  if (reduction === 'mean') result = B.div(result, input.numel());
  return result;
}

/*
 * Differentiable reductions and scans of issue 15: var/std, logsumexp,
 * amax/amin, all/any, norm, cumsum/cumprod, with PyTorch 1.13's node names
 * and gradient formulas (FunctionsManual.cpp), written with differentiable
 * ops so that every gradient can be differentiated again.
 */
import * as B from '@gradlab/tensor';
import { normalizeDim } from '@gradlab/tensor';
import { normOrder } from '@gradlab/tensor/internal';
import { derivative } from '../engine/node';
import { baseOf, constant, op1, tracks } from '../engine/record';
import type { Operand } from '../operand';
import { Tensor } from '../tensor';
import { abs, div, exp, mul, pow, sign, sqrt, sub, where } from './elementwise';
import { indexSelect } from './indexing';
import { mean, prod, reducedDims, sum } from './reductions';
import { cat, slice, stack, unsqueeze } from './views';

/** A reduction's saved dims (sorted, non-negative; all dims when none were given) and keepdim. */
interface Over {
  dims: readonly number[];
  keepdim: boolean;
}

/** `t` with the reduced dims re-inserted as size 1 (PyTorch's unsqueeze_multiple). */
function restore(t: Tensor, s: Over): Tensor {
  if (s.keepdim) return t;
  let out = t;
  for (const d of s.dims) out = unsqueeze(out, d);
  return out;
}

function countOf(shape: readonly number[], dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= shape[d]!;
  return n;
}

/** What var/std keep: the input, the dims, keepdim and the correction. */
export interface VarSaved extends Over {
  self: Tensor;
  correction: number;
  /** no dim was given */
  all: boolean;
}

/**
 * The variance over all dims or `dim`, dividing by N - `correction` (1 by
 * default), as `torch.var`. (`var` is a reserved word: the function is
 * `variance`, exported as `var` too; the method is `x.var()`.)
 *
 * @example
 * ```ts
 * variance(tensor([1, 2, 3, 4]), 0, { correction: 0 }); // tensor(1.25)
 * ```
 */
export function variance(x: Operand, dim?: B.Dims, options?: B.VarOptions): Tensor {
  const data = baseOf(x, 'var', 'input');
  const out = B.variance(data, dim, options);
  if (!tracks(x)) return constant(out);
  const dims = reducedDims(dim, data.ndim, 'var');
  const all = dim === undefined || dim === null;
  return op1(VarBackward0, out, x, { self: x, dims, keepdim: options?.keepdim ?? false, correction: options?.correction ?? 1, all });
}
// NOTE: (2 / (N - correction)) * grad * (self - mean(self)); unlike the forward, PyTorch's
// backward does not clamp N - correction at 0 (a correction above N gives a negative factor)
function varBackward(g: Tensor, s: VarSaved): Tensor {
  const dof = countOf(s.self.shape, s.dims) - s.correction;
  // NOTE: over all elements (no dim, or a 0-d input) with N = correction, PyTorch 1.13 returns
  // inf * grad instead of the formula's inf * 0 = NaN
  if (dof === 0 && (s.all || s.self.ndim === 0)) return mul(restore(g, s), Infinity);
  return mul(mul(restore(g, s), 2 / dof), sub(s.self, mean(s.self, s.dims, true)));
}
export const VarBackward0 = derivative<VarSaved>('VarBackward0', { saves: true }, varBackward);

/**
 * The standard deviation, the square root of {@link variance}.
 *
 * @example
 * ```ts
 * std(tensor([1, 3])); // tensor(1.4142)
 * ```
 */
export function std(x: Operand, dim?: B.Dims, options?: B.VarOptions): Tensor {
  const data = baseOf(x, 'std', 'input');
  const out = B.std(data, dim, options);
  if (!tracks(x)) return constant(out);
  const dims = reducedDims(dim, data.ndim, 'std');
  return op1(StdBackward0, out, x, (result) => ({
    self: x,
    result,
    dims,
    keepdim: options?.keepdim ?? false,
    correction: options?.correction ?? 1,
    all: dim === undefined || dim === null,
  }));
}
// NOTE: var's gradient of grad / (2 std), 0 where std is 0 (a constant input), as PyTorch
export const StdBackward0 = derivative<VarSaved & { result: Tensor }>('StdBackward0', { saves: true }, (g, s) =>
  varBackward(where(B.eq(s.result.data, 0), 0, div(g, mul(s.result, 2))), s),
);

/** What logsumexp, amax/amin and norm keep: the input, the result, the dims and keepdim. */
export interface SelfResult extends Over {
  self: Tensor;
  result: Tensor;
}

/**
 * log(sum(exp(x))) over `dim`, stable for large inputs.
 *
 * @example
 * ```ts
 * logsumexp(tensor([1000, 1000]), 0); // tensor(1000.6931)
 * ```
 */
export function logsumexp(x: Operand, dim: number | readonly number[], keepdim = false): Tensor {
  const data = baseOf(x, 'logsumexp', 'input');
  const out = B.logsumexp(data, dim, keepdim);
  if (!tracks(x)) return constant(out);
  const dims = reducedDims(dim, data.ndim, 'logsumexp');
  return op1(LogsumexpBackward0, out, x, (result) => ({ self: x, result, dims, keepdim }));
}
// NOTE: grad * exp(self - result): the softmax of the row
export const LogsumexpBackward0 = derivative<SelfResult>('LogsumexpBackward0', { saves: true }, (g, s) =>
  mul(restore(g, s), exp(sub(s.self, restore(s.result, s)))),
);

function extremes(kind: 'amax' | 'amin', x: Operand, dim: B.Dims, keepdim: boolean): Tensor {
  const data = baseOf(x, kind, 'input');
  const out = kind === 'amax' ? B.amax(data, dim, keepdim) : B.amin(data, dim, keepdim);
  if (!tracks(x)) return constant(out);
  const dims = reducedDims(dim, data.ndim, kind);
  return op1(kind === 'amax' ? AmaxBackward0 : AminBackward0, out, x, (result) => ({ self: x, result, dims, keepdim }));
}
// NOTE: the gradient is split evenly among the elements equal to the result (scale_grad_by_count)
function evenly(g: Tensor, s: SelfResult): Tensor {
  const mask = B.eq(s.self.data, restore(s.result, s).data);
  const count = s.dims.length === 0 ? B.sum(mask, null, true) : B.sum(mask, s.dims, true);
  return mul(div(restore(g, s), count), mask);
}
export const AmaxBackward0 = derivative<SelfResult>('AmaxBackward0', { saves: true }, evenly);
export const AminBackward0 = derivative<SelfResult>('AminBackward0', { saves: true }, evenly);

/**
 * The maximum over `dim` (a dim, a list, or all dims); ties share the gradient evenly.
 *
 * @example
 * ```ts
 * amax(tensor([[1, 5], [7, 2]]), 1); // tensor([5., 7.])
 * ```
 */
export function amax(x: Operand, dim?: B.Dims, keepdim = false): Tensor {
  return extremes('amax', x, dim, keepdim);
}

/**
 * The minimum over `dim` (see {@link amax}).
 *
 * @example
 * ```ts
 * amin(tensor([[1, 5], [7, 2]])); // tensor(1.)
 * ```
 */
export function amin(x: Operand, dim?: B.Dims, keepdim = false): Tensor {
  return extremes('amin', x, dim, keepdim);
}

/**
 * Whether every element (over all dims or one `dim`) is non-zero (bool, not differentiable).
 *
 * @example
 * ```ts
 * all(tensor([1, 0])); // tensor(False)
 * ```
 */
export function all(x: Operand, dim?: number | null, keepdim = false): Tensor {
  return constant(B.all(baseOf(x, 'all', 'input'), dim, keepdim));
}

/**
 * Whether some element (over all dims or one `dim`) is non-zero (bool, not differentiable).
 *
 * @example
 * ```ts
 * any(tensor([1, 0])); // tensor(True)
 * ```
 */
export function any(x: Operand, dim?: number | null, keepdim = false): Tensor {
  return constant(B.any(baseOf(x, 'any', 'input'), dim, keepdim));
}

/** What norm keeps: the input, the result, the order, the dims and keepdim. */
export interface NormSaved extends SelfResult {
  p: number;
}

/**
 * The vector p-norm over all dims or `dim`, as `torch.norm` (p = 2 by
 * default; 'fro' over two dims is sqrt(sum(x * x)), as PyTorch records it).
 * NOTE: at 0 the 2-norm's gradient is 0 (PyTorch's subgradient).
 *
 * @example
 * ```ts
 * norm(tensor([3, 4])); // tensor(5.)
 * ```
 */
export function norm(x: Operand, p: B.NormOrder = 2, dim?: B.Dims, keepdim = false): Tensor {
  const data = baseOf(x, 'norm', 'input');
  if (p === 'fro' && Array.isArray(dim) && dim.length === 2) {
    B.norm(data, p, dim, keepdim); // its checks (dtype, dims)
    return sqrt(sum(mul(x, x), dim, keepdim));
  }
  const out = B.norm(data, p, dim, keepdim);
  if (!tracks(x)) return constant(out);
  const dims = reducedDims(dim, data.ndim, 'norm');
  return op1(NormBackward1, out, x, (result) => ({ self: x, result, dims, keepdim, p: normOrder(p) }));
}
// PyTorch 1.13's norm_backward, case by case
function normBackward(g: Tensor, s: NormSaved): Tensor {
  const self = s.self;
  const grad = s.self.ndim === 0 ? g : restore(g, s);
  const result = s.self.ndim === 0 ? s.result : restore(s.result, s);
  const p = s.p;
  const zeroNorm = B.eq(result.data, 0);
  if (p === 0) return new Tensor(B.zerosLike(self.data));
  if (p === 1) return mul(sign(self), grad);
  if (p === 2) return mul(grad, where(zeroNorm, 0, div(self, result)));
  if (p === Infinity || p === -Infinity) {
    const selfAbs = B.abs(self.data);
    const mask = B.logicalOr(B.eq(selfAbs, result.data), B.isnan(selfAbs));
    const count = s.dims.length === 0 ? B.sum(mask, null, true) : B.sum(mask, s.dims, true);
    return mul(sign(self), mul(div(grad, count), mask));
  }
  if (p < 1) {
    const scaled = mul(sign(self), where(B.eq(self.data, 0), 0, pow(abs(self), p - 1)));
    return mul(mul(scaled, grad), pow(result, 1 - p));
  }
  const scaled = p < 2 ? mul(sign(self), pow(abs(self), p - 1)) : mul(self, pow(abs(self), p - 2));
  return mul(scaled, where(zeroNorm, 0, div(grad, pow(result, p - 1))));
}
export const NormBackward1 = derivative<NormSaved>('NormBackward1', { saves: true }, normBackward);

/**
 * Running sums along `dim`.
 *
 * @example
 * ```ts
 * cumsum(tensor([1, 2, 3]), 0); // tensor([1., 3., 6.])
 * ```
 */
export function cumsum(x: Operand, dim: number): Tensor {
  const data = baseOf(x, 'cumsum', 'input');
  const out = B.cumsum(data, dim);
  if (!tracks(x)) return constant(out);
  return op1(CumsumBackward0, out, x, { dim: normalizeDim(dim, data.ndim, 'cumsum') });
}

function flip(t: Tensor, dim: number): Tensor {
  const n = t.shape[dim]!;
  const reversed = new Int32Array(n);
  for (let i = 0; i < n; i++) reversed[i] = n - 1 - i;
  return indexSelect(t, dim, B.tensor(reversed, { dtype: 'int32' }));
}
/** Sums from each position to the end along `dim` (PyTorch's reversed_cumsum: flip, cumsum, flip). */
function reversedCumsum(t: Tensor, dim: number): Tensor {
  if (t.ndim === 0) return t;
  return flip(cumsum(flip(t, dim), dim), dim);
}
export const CumsumBackward0 = derivative<{ dim: number }>('CumsumBackward0', {}, (g, s) => reversedCumsum(g, s.dim));

/**
 * Running products along `dim`. NOTE: the gradient is exact with zeros in
 * the input (the products of the other elements, as PyTorch), not result / x.
 *
 * @example
 * ```ts
 * cumprod(tensor([1, 2, 3]), 0); // tensor([1., 2., 6.])
 * ```
 */
export function cumprod(x: Operand, dim: number): Tensor {
  const data = baseOf(x, 'cumprod', 'input');
  const out = B.cumprod(data, dim);
  if (!tracks(x)) return constant(out);
  const d = normalizeDim(dim, data.ndim, 'cumprod');
  return op1(CumprodBackward0, out, x, (result) => ({ self: x, result, dim: d }));
}
function cumprodBackward(g: Tensor, s: { self: Tensor; result: Tensor; dim: number }): Tensor {
  const { self, dim } = s;
  if (self.ndim === 0 || self.numel() === 0) return g;
  // no zeros: reversed_cumsum(result * grad) / self
  if (!B.any(B.eq(self.data, 0)).item()) return div(reversedCumsum(mul(s.result, g), dim), self);
  // NOTE: with zeros, PyTorch's differentiable form: for each k, the sum over j >= k of
  // grad_j times the product of the inputs up to j without input k
  const n = self.shape[dim]!;
  const onesShape = self.shape.slice();
  onesShape[dim] = 1;
  const ones = new Tensor(B.ones(onesShape, { dtype: g.dtype }));
  const parts: Tensor[] = [];
  for (let k = 0; k < n; k++) {
    let omitted: Tensor;
    if (k === 0) omitted = n === 1 ? ones : cat([ones, cumprod(slice(self, dim, 1), dim)], dim);
    else {
      const until = prod(slice(self, dim, 0, k), dim, true);
      omitted = k === n - 1 ? until : cat([until, mul(until, cumprod(slice(self, dim, k + 1), dim))], dim);
    }
    parts.push(sum(mul(slice(g, dim, k), omitted), dim));
  }
  return stack(parts, dim);
}
export const CumprodBackward0 = derivative<{ self: Tensor; result: Tensor; dim: number }>(
  'CumprodBackward0',
  { saves: true },
  cumprodBackward,
);

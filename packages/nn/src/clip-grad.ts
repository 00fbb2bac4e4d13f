import { fromData, Tensor } from '@gradlab/autograd';
import { markModified, Tensor as BaseTensor, ValueError, type TypedArray } from '@gradlab/tensor';

import { describeValue } from './check';

/** What clipGradNorm_ / clipGradValue_ take: one tensor or an iterable of them (PyTorch's `_tensor_or_tensors`). */
export type TensorOrTensors = Tensor | Iterable<Tensor>;

/** Options of {@link clipGradNorm_}, PyTorch's keyword arguments in camelCase. */
export interface ClipGradNormOptions {
  /** The p of the p-norm: any number, `Infinity` for the largest magnitude (default 2). */
  normType?: number;
  /** Throw when the total norm is NaN or infinite instead of scaling by it (default false, as PyTorch 1.13). */
  errorIfNonfinite?: boolean;
}

function gradients(op: string, parameters: TensorOrTensors): Tensor[] {
  let list: unknown[];
  if (parameters instanceof Tensor) list = [parameters];
  else if (typeof parameters === 'object' && parameters !== null && Symbol.iterator in parameters) list = [...parameters];
  else {
    const hint = typeof parameters === 'function' ? ' (call it: model.parameters())' : '';
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'parameters' must be a Tensor or an iterable of Tensors, got ${describeValue(parameters)}${hint}`);
  }
  const grads: Tensor[] = [];
  list.forEach((parameter, i) => {
    if (!(parameter instanceof Tensor)) {
      throw new ValueError('INVALID_ARGUMENT', `${op}: 'parameters' must hold Tensors, but item ${i} is ${describeValue(parameter)}`);
    }
    if (parameter.grad !== null) grads.push(parameter.grad);
  });
  return grads;
}

/** A gradient's values, contiguous, and the writable storage to put scaled values back into. */
function values(gradient: Tensor): { data: BaseTensor; flat: TypedArray; start: number; count: number } {
  const data = gradient.data;
  const dense = data.isContiguous() ? data : data.contiguous();
  return { data, flat: dense.storage, start: dense.offset, count: dense.numel() };
}

/** The p-norm of `count` values, as `torch.norm(g, p)`: max |x| for Infinity, min |x| for -Infinity, the count of non-zeros for 0. */
function pNorm(flat: ArrayLike<number>, start: number, count: number, p: number): number {
  if (p === Infinity || p === -Infinity) {
    let result = count === 0 ? (p === Infinity ? 0 : Infinity) : Math.abs(flat[start]!);
    for (let i = 1; i < count; i++) {
      const v = Math.abs(flat[start + i]!);
      // NOTE: NaN propagates, as torch.norm's max
      if (Number.isNaN(v) || (p === Infinity ? v > result : v < result)) result = v;
    }
    return result;
  }
  let sum = 0;
  if (p === 0) {
    for (let i = 0; i < count; i++) sum += flat[start + i] !== 0 ? 1 : 0;
    return sum;
  }
  for (let i = 0; i < count; i++) sum += p === 2 ? flat[start + i]! * flat[start + i]! : Math.abs(flat[start + i]!) ** p;
  return p === 1 ? sum : p === 2 ? Math.sqrt(sum) : sum ** (1 / p);
}

/**
 * Scales the gradients of `parameters` in place so that their total norm (as
 * if concatenated into one vector) is at most `maxNorm`, and returns that
 * total norm before clipping, as `torch.nn.utils.clip_grad_norm_`. The scale is
 * `min(1, maxNorm / (totalNorm + 1e-6))`, computed in the gradients' dtype.
 *
 * @example
 * ```ts
 * loss.backward();
 * const norm = clipGradNorm_(model.parameters(), 1.0); // a 0-d tensor, like PyTorch's
 * optimizer.step();
 * ```
 */
export function clipGradNorm_(parameters: TensorOrTensors, maxNorm: number, options: ClipGradNormOptions = {}): Tensor {
  const op = 'clipGradNorm_';
  if (typeof maxNorm !== 'number' || Number.isNaN(maxNorm)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'maxNorm' must be a number, got ${describeValue(maxNorm)}`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'options' must be an object such as { normType: 2 }, got ${describeValue(options)}`);
  }
  const normType = options.normType ?? 2;
  const errorIfNonfinite = options.errorIfNonfinite ?? false;
  if (typeof normType !== 'number' || Number.isNaN(normType)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'normType' must be a number (Infinity for the max norm), got ${describeValue(normType)}`);
  }
  if (typeof errorIfNonfinite !== 'boolean') {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'errorIfNonfinite' must be a boolean, got ${describeValue(errorIfNonfinite)}`);
  }
  const grads = gradients(op, parameters);
  if (grads.length === 0) return fromData(new BaseTensor(new Float32Array(1), [], 'float32'));
  for (const gradient of grads) {
    if (gradient.dtype !== 'float32' && gradient.dtype !== 'float64') {
      throw new ValueError('INVALID_ARGUMENT', `${op}: gradients must be float32 or float64, got ${gradient.dtype}`);
    }
  }
  const wide = grads.some((g) => g.dtype === 'float64');
  // NOTE: PyTorch computes each gradient's norm as a tensor of its dtype, then the norm of those norms
  // (stacked in the promoted dtype): round to float32 at the same two places.
  const round = wide ? (v: number) => v : Math.fround;
  const norms = grads.map((g) => {
    const { flat, start, count } = values(g);
    return g.dtype === 'float32' ? Math.fround(pNorm(flat, start, count, normType)) : pNorm(flat, start, count, normType);
  });
  const totalNorm = normType === Infinity ? (norms.length === 1 ? norms[0]! : pNorm(norms, 0, norms.length, Infinity)) : round(pNorm(norms, 0, norms.length, normType));
  if (errorIfNonfinite && !Number.isFinite(totalNorm)) {
    throw new ValueError(
      'INVALID_VALUE',
      `${op}: The total norm of order ${normType} for gradients from \`parameters\` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set errorIfNonfinite to false`,
    );
  }
  // PyTorch: clip_coef = max_norm / (total_norm + 1e-6), i.e. (total_norm + 1e-6).reciprocal() * max_norm, clamped to 1
  const coefficient = Math.min(round(round(1 / round(totalNorm + round(1e-6))) * round(maxNorm)), 1);
  for (const gradient of grads) {
    const { data } = values(gradient);
    const scale = gradient.dtype === 'float32' ? Math.fround(coefficient) : coefficient;
    scaleInPlace(data, scale);
  }
  const result = wide ? new Float64Array([totalNorm]) : new Float32Array([totalNorm]);
  return fromData(new BaseTensor(result, [], wide ? 'float64' : 'float32'));
}

/**
 * Clamps every gradient of `parameters` in place to `[-clipValue, clipValue]`,
 * as `torch.nn.utils.clip_grad_value_`.
 *
 * @example
 * ```ts
 * loss.backward();
 * clipGradValue_(model.parameters(), 0.5);
 * ```
 */
export function clipGradValue_(parameters: TensorOrTensors, clipValue: number): void {
  const op = 'clipGradValue_';
  if (typeof clipValue !== 'number' || Number.isNaN(clipValue)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'clipValue' must be a number, got ${describeValue(clipValue)}`);
  }
  for (const gradient of gradients(op, parameters)) {
    const data = gradient.data;
    forEachElement(data, (v) => (v < -clipValue ? -clipValue : v > clipValue ? clipValue : v));
  }
}

function scaleInPlace(data: BaseTensor, scale: number): void {
  forEachElement(data, (v) => v * scale);
}

/** Rewrites every element of a (possibly strided) tensor in place and marks the write. */
function forEachElement(data: BaseTensor, fn: (value: number) => number): void {
  const { storage, shape, strides, offset } = data;
  const count = data.numel();
  if (data.isContiguous()) {
    for (let i = 0; i < count; i++) storage[offset + i] = fn(storage[offset + i]!);
  } else {
    const index = new Array<number>(shape.length).fill(0);
    for (let n = 0; n < count; n++) {
      let position = offset;
      for (let d = 0; d < shape.length; d++) position += index[d]! * strides[d]!;
      storage[position] = fn(storage[position]!);
      for (let d = shape.length - 1; d >= 0; d--) {
        if (++index[d]! < shape[d]!) break;
        index[d] = 0;
      }
    }
  }
  markModified(data);
}

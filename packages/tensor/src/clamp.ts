import { DTypeError, ValueError, describeValue } from './errors';
import { mapTernary, toOperand, type TernaryKernel } from './elementwise-engine';
import { resultType, type TensorLike } from './promotion';
import { Tensor } from './tensor';

// NOTE: PyTorch's clamp is min(max(x, lo), hi) with NaN propagating from x and
// from either bound; when lo > hi every element becomes hi.
const clampKernel: TernaryKernel = (x, xo, xs, l, lo, ls, h, ho, hs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs, lo += ls, ho += hs) {
    const v = x[xo]!;
    const low = l[lo]!;
    const high = h[ho]!;
    let r = v !== v ? v : low !== low ? low : v < low ? low : v;
    r = r !== r ? r : high !== high ? high : r > high ? high : r;
    out[oo + i] = r;
  }
};

function checkBound(x: unknown, name: string): void {
  if (x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean') return;
  throw new DTypeError(`clamp: '${name}' must be a Tensor, a number or null, got ${describeValue(x)}`);
}

/**
 * Clamps `x` into `[min, max]` (either bound may be `null`/`undefined`, not
 * both; bounds broadcast). The dtype is the promotion of `x` and the bounds.
 *
 * @example
 * ```ts
 * clamp(tensor([-2, 0.5, 3]), 0, 1).toArray(); // [0, 0.5, 1]
 * ```
 */
export function clamp(x: Tensor, min?: TensorLike | null, max?: TensorLike | null): Tensor {
  const hasMin = min !== undefined && min !== null;
  const hasMax = max !== undefined && max !== null;
  if (!hasMin && !hasMax) {
    throw new ValueError('INVALID_ARGUMENT', "clamp: At least one of 'min' or 'max' must not be None");
  }
  if (!(x instanceof Tensor)) throw new DTypeError(`clamp: 'x' must be a Tensor, got ${describeValue(x)}`);
  if (x.dtype === 'bool') throw new DTypeError("clamp: not implemented for 'Bool'");
  if (hasMin) checkBound(min, 'min');
  if (hasMax) checkBound(max, 'max');
  const dtype = hasMin && hasMax ? resultType(x, min, max) : hasMin ? resultType(x, min) : resultType(x, max!);
  const low = hasMin ? toOperand(min, dtype) : -Infinity;
  const high = hasMax ? toOperand(max, dtype) : Infinity;
  return mapTernary(toOperand(x, dtype), low, high, dtype, clampKernel);
}

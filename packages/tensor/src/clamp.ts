import { checkedInt32, type DType } from './dtype';
import { DTypeError, ValueError, describeValue } from './errors';
import { mapTernary, toOperand, type TernaryKernel } from './elementwise-engine';
import { resultType, type TensorLike } from './promotion';
import { Tensor, isForeignTensor } from './tensor';

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

// PyTorch converts a number bound to the result dtype with an overflow check (int32 [1, 2]
// clamped to 3e9 throws rather than wrapping to -1294967296)
function bound(x: TensorLike, dtype: DType): Tensor | number {
  if (typeof x === 'number' && dtype === 'int32') return checkedInt32(x, 'clamp');
  return toOperand(x, dtype);
}

function checkBound(x: unknown, name: string): void {
  if (x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean' || isForeignTensor(x)) return;
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
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`clamp: 'x' must be a Tensor, got ${describeValue(x)}`);
  if (hasMin) checkBound(min, 'min');
  if (hasMax) checkBound(max, 'max');
  const dtype = hasMin && hasMax ? resultType(x, min, max) : hasMin ? resultType(x, min) : resultType(x, max!);
  // NOTE: as PyTorch, a bool tensor clamps when the bounds promote it (clamp(bool, 0, 0.5) is
  // float32 [0.5, 0.]) or are tensors; number bounds of a bool result are not implemented
  if (dtype === 'bool' && ((!(min instanceof Tensor || isForeignTensor(min)) && !(max instanceof Tensor || isForeignTensor(max))) || (hasMin && hasMax))) {
    throw new DTypeError("clamp: not implemented for 'Bool'");
  }
  const low = hasMin ? bound(min, dtype) : -Infinity;
  const high = hasMax ? bound(max, dtype) : Infinity;
  return mapTernary(toOperand(x, dtype), low, high, dtype, clampKernel);
}

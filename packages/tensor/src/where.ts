import { checkedInt32, type DType } from './dtype';
import { DTypeError, describeValue } from './errors';
import { mapTernary, toOperand, type TernaryKernel } from './elementwise-engine';
import { resultType2, type TensorLike } from './promotion';
import { Tensor, isForeignTensor } from './tensor';
import { nonzero } from './indexing';

const whereKernel: TernaryKernel = (c, co, cs, a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, co += cs, ao += as, bo += bs) out[oo + i] = c[co]! !== 0 ? a[ao]! : b[bo]!;
};

function operand(x: TensorLike, dtype: DType, name: string): Tensor | number {
  // NOTE: PyTorch checks a number put into an int32 result (2 ** 31 throws instead of wrapping)
  if (typeof x === 'number' && dtype === 'int32') return checkedInt32(x, 'where');
  if (x instanceof Tensor || typeof x === 'number' || typeof x === 'boolean' || isForeignTensor(x)) return toOperand(x, dtype);
  throw new DTypeError(`where: '${name}' must be a Tensor, a number or a boolean, got ${describeValue(x)}`);
}

/**
 * Picks `a` where `condition` is true and `b` elsewhere, broadcasting all
 * three; the dtype is the promotion of `a` and `b`.
 *
 * @example
 * ```ts
 * where(tensor([true, false]), tensor([1, 2]), 0).toArray(); // [1, 0]
 * ```
 */
export function where(condition: Tensor, a: TensorLike, b: TensorLike): Tensor;
/**
 * `where(condition)` with one argument: the indices of the non-zero elements of
 * `condition`, one int32 tensor per dim, as `torch.where(condition)`
 * (= `nonzero(condition, { asTuple: true })`).
 *
 * @example
 * ```ts
 * where(tensor([[true, false], [false, true]])); // [tensor([0, 1]), tensor([0, 1])]
 * ```
 */
export function where(condition: Tensor): Tensor[];
export function where(condition: Tensor, a?: TensorLike, b?: TensorLike): Tensor | Tensor[] {
  // indexing (issue 15): the one-argument form
  if (arguments.length === 1) return nonzero(condition, { asTuple: true });
  a = a as TensorLike;
  b = b as TensorLike;
  if (!(condition instanceof Tensor || isForeignTensor(condition))) {
    throw new DTypeError(`where: 'condition' must be a bool Tensor, got ${condition === null ? 'null' : typeof condition}`);
  }
  if (condition.dtype !== 'bool') {
    throw new DTypeError(
      `where expected condition to be a boolean tensor, but got a tensor with dtype ${condition.dtype}`,
    );
  }
  operand(a, 'float64', 'a');
  operand(b, 'float64', 'b');
  const dtype = resultType2(a, b);
  return mapTernary(condition, operand(a, dtype, 'a'), operand(b, dtype, 'b'), dtype, whereKernel);
}

import { promoteTypes, scalarDType, type DType, type Scalar } from './dtype';
import { DTypeError, describeValue } from './errors';
import type { Tensor } from './tensor';

/** Every elementwise operand: a tensor or a JS scalar (numbers; booleans count as bool). */
export type TensorLike = Tensor | Scalar;

const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };
const BY_RANK: readonly DType[] = ['bool', 'int32', 'float32', 'float64'];

// NOTE: PyTorch ranks operands in three priority classes: tensors with at least
// one dim, 0-d tensors, then JS/Python scalars. A lower class only changes the
// result when it is of a higher *category* (bool < integer < floating), and a
// scalar then contributes its category's default dtype (int32, float32).
function combine(higher: number, lower: number): number {
  if (higher >= 2) return higher; // floating
  if (higher === 0 || lower >= 2) return higher > lower ? higher : lower;
  if (higher >= 0) return higher;
  return lower;
}

/**
 * The dtype of an elementwise result, with PyTorch's rules: tensors promote
 * `bool < int32 < float32 < float64`; 0-d tensors and JS numbers only promote
 * across categories (an integer-valued number is an int, any other number a
 * float, a boolean a bool).
 *
 * @example
 * ```ts
 * resultType(tensor([1, 2], { dtype: 'int32' }), 2.5); // 'float32'
 * resultType(tensor([1], { dtype: 'float32' }), tensor(1, { dtype: 'float64' })); // 'float32'
 * ```
 */
export function resultType(...operands: TensorLike[]): DType {
  let dim = -1;
  let zero = -1;
  let wrapped = -1;
  for (let i = 0; i < operands.length; i++) {
    const x = operands[i]!;
    if (typeof x === 'object') {
      const r = x === null ? undefined : RANK[x.dtype];
      if (r === undefined) throw new DTypeError(`resultType: operand ${i} must be a Tensor, a number or a boolean, got ${describeValue(x)}`);
      if (x.shape.length > 0) dim = r > dim ? r : dim;
      else zero = r > zero ? r : zero;
    } else {
      if (typeof x !== 'number' && typeof x !== 'boolean') {
        throw new DTypeError(`resultType: operand ${i} must be a Tensor, a number or a boolean, got ${describeValue(x)}`);
      }
      const r = RANK[scalarDType(x)];
      wrapped = r > wrapped ? r : wrapped;
    }
  }
  return BY_RANK[combine(dim, combine(zero, wrapped))]!;
}

/** {@link resultType} for exactly two operands, without the rest-array. */
export function resultType2(a: TensorLike, b: TensorLike): DType {
  if (typeof a === 'object') {
    if (typeof b === 'object') {
      if (a.dtype === b.dtype) return a.dtype;
      if (a.shape.length > 0 === b.shape.length > 0) return promoteTypes(a.dtype, b.dtype);
    } else if (typeof b === 'number' && (a.dtype === 'float32' || a.dtype === 'float64')) {
      // the common case `x * 2`: a float tensor absorbs any number
      return a.dtype;
    }
  } else if (typeof a === 'number' && typeof b === 'object' && (b.dtype === 'float32' || b.dtype === 'float64')) {
    return b.dtype;
  }
  return resultType(a, b);
}

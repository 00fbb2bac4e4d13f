/*
 * Shape logic, batching and dtype around the gemm kernel: PyTorch's rules for
 * 1-D (vector), 2-D (matrix) and batched (>= 3-D, broadcast batch dims)
 * operands. Strided operands are handed to the kernel as they are (it packs
 * them itself); only a dtype conversion copies.
 */
import { allocateResult } from './pool';
import { promoteTypes, type DType } from './dtype';
import { DTypeError, ShapeError, describeValue } from './errors';
import { gemmUnchecked as gemm, type NumericArray } from './matmul-kernel';
import { broadcastShapes, broadcastStrides, contiguousStrides, formatShape, shapeSize } from './shape';
import { coalesce } from './strided';
import { cast } from './cast';
import { resultTensor, Tensor } from './tensor';

function checkOperands(a: Tensor, b: Tensor, op: string, names: [string, string]): DType {
  if (!(a instanceof Tensor)) throw new DTypeError(`${op}: '${names[0]}' must be a Tensor, got ${describeValue(a)}`);
  if (!(b instanceof Tensor)) throw new DTypeError(`${op}: '${names[1]}' must be a Tensor, got ${describeValue(b)}`);
  const dtype = promoteTypes(a.dtype, b.dtype);
  if (dtype === 'bool') throw new DTypeError(`${op}: not implemented for bool tensors (convert them with .int() or .float())`);
  return dtype;
}

function cannotMultiply(m1: number, k1: number, k2: number, n2: number): ShapeError {
  return new ShapeError('SHAPE_MISMATCH', `mat1 and mat2 shapes cannot be multiplied (${m1}x${k1} and ${k2}x${n2})`);
}

/**
 * The product of two matrices `[n, m]` and `[m, p]`.
 *
 * @example
 * ```ts
 * mm(tensor([[1, 2]]), tensor([[3], [4]])).toArray(); // [[11]]
 * ```
 */
export function mm(a: Tensor, b: Tensor): Tensor {
  const dtype = checkOperands(a, b, 'mm', ['a', 'b']);
  if (a.ndim !== 2) throw new ShapeError('INVALID_SHAPE', `mm: 'a' must be a matrix (2-D), got shape ${formatShape(a.shape)}`);
  if (b.ndim !== 2) throw new ShapeError('INVALID_SHAPE', `mm: 'b' must be a matrix (2-D), got shape ${formatShape(b.shape)}`);
  return matrixProduct(cast(a, dtype), cast(b, dtype), dtype);
}

function matrixProduct(a: Tensor, b: Tensor, dtype: DType): Tensor {
  const [M, K] = a.shape as [number, number];
  const [K2, N] = b.shape as [number, number];
  if (K !== K2) throw cannotMultiply(M, K, K2, N);
  const out = allocateResult(dtype, M * N) as NumericArray;
  gemm(
    M, N, K,
    a.storage as NumericArray, a.offset, a.strides[0]!, a.strides[1]!,
    b.storage as NumericArray, b.offset, b.strides[0]!, b.strides[1]!,
    out, 0, N,
  );
  const shape = [M, N];
  return resultTensor(out, shape, dtype, contiguousStrides(shape), 0);
}

/**
 * The batched product of `[batch, n, m]` and `[batch, m, p]` (no broadcasting, as in PyTorch).
 *
 * @example
 * ```ts
 * bmm(ones([2, 1, 3]), ones([2, 3, 1])).toArray(); // [[[3]], [[3]]]
 * ```
 */
export function bmm(a: Tensor, b: Tensor): Tensor {
  const dtype = checkOperands(a, b, 'bmm', ['a', 'b']);
  if (a.ndim !== 3) throw new ShapeError('INVALID_SHAPE', `bmm: batch1 must be a 3D tensor, got shape ${formatShape(a.shape)}`);
  if (b.ndim !== 3) throw new ShapeError('INVALID_SHAPE', `bmm: batch2 must be a 3D tensor, got shape ${formatShape(b.shape)}`);
  const [batch, , K] = a.shape as [number, number, number];
  if (b.shape[0] !== batch || b.shape[1] !== K) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `Expected size for first two dimensions of batch2 tensor to be: [${batch}, ${K}] but got: [${b.shape[0]}, ${b.shape[1]}].`,
    );
  }
  return batched(cast(a, dtype), cast(b, dtype), dtype);
}

/**
 * Matrix product with PyTorch's rules: 1-D·1-D is a dot product (0-d), 2-D·2-D
 * a matrix product, a 1-D operand is treated as a row (left) or a column
 * (right) vector whose dim is removed afterwards, and operands with more
 * dims are batches of matrices whose batch dims broadcast.
 *
 * @example
 * ```ts
 * matmul(tensor([1, 2]), tensor([3, 4])).item(); // 11
 * matmul(ones([5, 2, 3]), ones([3, 4])).shape; // [5, 2, 4]
 * ```
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  const dtype = checkOperands(a, b, 'matmul', ['a', 'b']);
  const da = a.ndim;
  const db = b.ndim;
  if (da === 0 || db === 0) {
    throw new ShapeError(
      'INVALID_SHAPE',
      `both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`,
    );
  }
  const K = a.shape[da - 1]!;
  const Kb = db === 1 ? b.shape[0]! : b.shape[db - 2]!;
  if (da === 1 && db === 1) {
    if (K !== Kb) {
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `inconsistent tensor size, expected tensor [${K}] and src [${Kb}] to have the same number of elements, but got ${K} and ${Kb} elements respectively`,
      );
    }
    const x = cast(a, dtype);
    const y = cast(b, dtype);
    const out = allocateResult(dtype, 1) as NumericArray;
    gemm(1, 1, K, x.storage as NumericArray, x.offset, 0, x.strides[0]!, y.storage as NumericArray, y.offset, y.strides[0]!, 0, out, 0, 1);
    return new Tensor(out, [], dtype);
  }
  if (db === 1) {
    // matrix (or batch of matrices) times a column vector
    if (K !== Kb) {
      const rows = shapeSize(a.shape) / (K || 1);
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `size mismatch, got input (${rows}), mat (${rows}x${K}), vec (${Kb})`,
      );
    }
    return batched(cast(a, dtype), cast(b, dtype), dtype);
  }
  const N = b.shape[db - 1]!;
  if (K !== Kb) {
    if (db === 2) {
      // PyTorch folds the batch dims of `a` into rows before calling mm
      const rows = da === 1 ? 1 : shapeSize(a.shape) / (K || 1);
      throw cannotMultiply(rows, K, Kb, N);
    }
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `matmul: 'b' has shape ${formatShape(b.shape)}, expected [*, ${K}, *] to match 'a' of shape ${formatShape(a.shape)}`,
    );
  }
  if (da === 2 && db === 2) return matrixProduct(cast(a, dtype), cast(b, dtype), dtype);
  return batched(cast(a, dtype), cast(b, dtype), dtype);
}

// The general case: a is [...batchA, M, K] or [K]; b is [...batchB, K, N] or [K].
function batched(a: Tensor, b: Tensor, dtype: DType): Tensor {
  const da = a.ndim;
  const db = b.ndim;
  const M = da === 1 ? 1 : a.shape[da - 2]!;
  const K = a.shape[da - 1]!;
  const N = db === 1 ? 1 : b.shape[db - 1]!;
  const aRow = da === 1 ? 0 : a.strides[da - 2]!;
  const aCol = a.strides[da - 1]!;
  const bRow = db === 1 ? b.strides[0]! : b.strides[db - 2]!;
  const bCol = db === 1 ? 0 : b.strides[db - 1]!;
  const batchA = da > 2 ? a.shape.slice(0, da - 2) : [];
  const batchB = db > 2 ? b.shape.slice(0, db - 2) : [];
  const batch = broadcastShapes(batchA, batchB);
  const outShape = batch.slice();
  if (da > 1) outShape.push(M);
  if (db > 1) outShape.push(N);
  const count = shapeSize(batch);
  const out = allocateResult(dtype, count * M * N) as NumericArray;
  const result = new Tensor(out, outShape, dtype);
  if (count === 0 || M === 0 || N === 0) return result;
  const aData = a.storage as NumericArray;
  const bData = b.storage as NumericArray;
  if (batchB.length === 0 && da > 2) {
    // b is shared by every batch: when a's batch and row dims merge into one
    // strided dim, the whole product is a single [batch*M, K] x [K, N] gemm.
    const list = [a.strides.slice(0, da - 1)];
    const dims = coalesce(a.shape.slice(0, da - 1), list);
    if (dims.length === 1) {
      gemm(count * M, N, K, aData, a.offset, list[0]![0]!, aCol, bData, b.offset, bRow, bCol, out, 0, N);
      return result;
    }
  }
  const sa = broadcastStrides(batchA, a.strides.slice(0, batchA.length), batch);
  const sb = broadcastStrides(batchB, b.strides.slice(0, batchB.length), batch);
  const nd = batch.length;
  const counter = new Int32Array(nd);
  let ao = a.offset;
  let bo = b.offset;
  for (let i = 0; i < count; i++) {
    gemm(M, N, K, aData, ao, aRow, aCol, bData, bo, bRow, bCol, out, i * M * N, N);
    for (let d = nd - 1; d >= 0; d--) {
      ao += sa[d]!;
      bo += sb[d]!;
      if (++counter[d]! < batch[d]!) break;
      ao -= sa[d]! * batch[d]!;
      bo -= sb[d]! * batch[d]!;
      counter[d] = 0;
    }
  }
  return result;
}

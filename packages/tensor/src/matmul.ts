/*
 * Shape logic, batching and dtype around the gemm kernel: PyTorch's rules for
 * 1-D (vector), 2-D (matrix) and batched (>= 3-D, broadcast batch dims)
 * operands. Strided operands are handed to the kernel as they are (it packs
 * them itself); only a dtype conversion copies.
 */
import { allocateResult } from './pool';
import { type DType } from './dtype';
import { DTypeError, ShapeError, ValueError, describeValue } from './errors';
import { type NumericArray } from './matmul-kernel';
import { gemm } from './matmul-wasm';
import { broadcastShapes, broadcastStrides, contiguousStrides, formatShape, shapeSize } from './shape';
import { coalesce } from './strided';
import { cast } from './cast';
import { resultTensor, Tensor, isForeignTensor } from './tensor';

function checkOperands(a: Tensor, b: Tensor, op: string, names: [string, string]): DType {
  if (!(a instanceof Tensor || isForeignTensor(a))) throw new DTypeError(`${op}: '${names[0]}' must be a Tensor, got ${describeValue(a)}`);
  if (!(b instanceof Tensor || isForeignTensor(b))) throw new DTypeError(`${op}: '${names[1]}' must be a Tensor, got ${describeValue(b)}`);
  // NOTE: as PyTorch 1.13, matrix products do not promote: float32 @ float64 is an error
  if (a.dtype !== b.dtype) {
    const first = op === 'matmul' && a.ndim <= 2 && b.ndim >= 3 ? b : a; // PyTorch computes (b^T @ a^T)^T there
    const second = first === a ? b : a;
    if (op === 'matmul' && a.ndim === 1 && b.ndim === 1) {
      throw new DTypeError(`dot : expected both vectors to have same dtype, but found ${TORCH_NAMES[a.dtype]} and ${TORCH_NAMES[b.dtype]}`);
    }
    throw new DTypeError(`${op}: expected scalar type ${TORCH_NAMES[first.dtype]} but found ${TORCH_NAMES[second.dtype]}`);
  }
  const dtype = a.dtype;
  // (PyTorch runs no kernel for an empty operand, so an empty bool product is fine there)
  const isDot = a.ndim === 1 && b.ndim === 1; // dot checks its dtype first, even when empty
  if (dtype === 'bool' && (isDot || (a.numel() > 0 && b.numel() > 0))) throw new DTypeError(`${op}: not implemented for bool tensors (convert them with .int() or .float())`);
  return dtype;
}

/** PyTorch's scalar type names, as its dtype errors print them. */
const TORCH_NAMES: Record<DType, string> = { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' };

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

/** Options of {@link addmm}: `beta * input + alpha * (mat1 @ mat2)`. */
export interface AddmmOptions {
  /** The factor of `input` (default 1). With 0, `input` is not read: its NaN and inf do not propagate. */
  beta?: number;
  /** The factor of the product (default 1). With 0, the product is not computed (BLAS semantics). */
  alpha?: number;
}

// PyTorch converts beta and alpha to the result's type: int32 truncates toward
// zero and rejects values that do not fit; float32 rounds them.
function factor(value: number | undefined, name: string, dtype: DType): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number') {
    throw new ValueError('INVALID_ARGUMENT', `addmm: '${name}' must be a number, got ${describeValue(value)}`);
  }
  if (dtype === 'int32') {
    const truncated = Math.trunc(value);
    if (!(truncated >= -2147483648 && truncated <= 2147483647)) {
      throw new ValueError(
        'INVALID_VALUE',
        `addmm: '${name}' is ${value}: value cannot be converted to type int without overflow`,
      );
    }
    return truncated;
  }
  return dtype === 'float32' ? Math.fround(value) : value;
}

function checkAddmm(input: Tensor, mat1: Tensor, mat2: Tensor): void {
  const names = ['input', 'mat1', 'mat2'] as const;
  [input, mat1, mat2].forEach((x, i) => {
    if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`addmm: '${names[i]}' must be a Tensor, got ${describeValue(x)}`);
  });
  // PyTorch's order: dtypes first, then ranks, then sizes
  if (input.dtype !== mat2.dtype) {
    throw new DTypeError(
      `addmm: 'input' has dtype ${input.dtype}, expected ${mat2.dtype} like 'mat2' (self and mat2 must have the same dtype)`,
    );
  }
  if (mat1.dtype !== mat2.dtype) {
    throw new DTypeError(
      `addmm: 'mat1' has dtype ${mat1.dtype}, expected ${mat2.dtype} like 'mat2' (mat1 and mat2 must have the same dtype)`,
    );
  }
  if (mat2.dtype === 'bool') {
    throw new DTypeError(`addmm: "addmm_impl_cpu_" not implemented for 'Bool' (convert the tensors with .int() or .float())`);
  }
  for (const [x, name] of [[mat1, 'mat1'], [mat2, 'mat2']] as const) {
    if (x.ndim !== 2) {
      throw new ShapeError('INVALID_SHAPE', `addmm: ${name} must be a matrix, got ${x.ndim}-D tensor (shape ${formatShape(x.shape)})`);
    }
  }
  const [M, K] = mat1.shape as [number, number];
  const [K2, N] = mat2.shape as [number, number];
  if (K !== K2) {
    throw new ShapeError('SHAPE_MISMATCH', `addmm: ${cannotMultiply(M, K, K2, N).message}`);
  }
  const target = [M, N];
  const s = input.shape;
  if (s.length > 2) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `addmm: 'input' has shape ${formatShape(s)}, expected a shape that broadcasts to ${formatShape(target)} ` +
        `(the number of sizes provided (2) must be greater or equal to the number of dimensions in the tensor (${s.length}))`,
    );
  }
  for (let i = s.length - 1; i >= 0; i--) {
    const d = 2 - s.length + i;
    if (s[i] !== 1 && s[i] !== target[d]) {
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `addmm: 'input' has shape ${formatShape(s)}, expected a shape that broadcasts to ${formatShape(target)} ` +
          `(The expanded size of the tensor (${target[d]}) must match the existing size (${s[i]}) at non-singleton dimension ${d}.  ` +
          `Target sizes: ${formatShape(target)}.  Tensor sizes: ${formatShape(s)})`,
      );
    }
  }
}

/**
 * `beta * input + alpha * (mat1 @ mat2)` in one pass, as `torch.addmm` (the
 * op behind `F.linear` with a bias): `mat1` is `[n, k]`, `mat2` `[k, m]`, and
 * `input` broadcasts to `[n, m]`. The three tensors must have the same dtype.
 * With `beta = 0` the input is ignored (NaN in it does not propagate), with
 * `alpha = 0` (or k = 0) the product is. For beta = alpha = 1 the result has
 * exactly the bits of `add(mm(mat1, mat2), input)`.
 *
 * @example
 * ```ts
 * addmm(tensor([10, 20]), tensor([[1, 2]]), tensor([[3, 4], [5, 6]])).toArray(); // [[23, 36]]
 * addmm(ones([2]), ones([1, 3]), ones([3, 2]), { beta: 0.5, alpha: 2 }).toArray(); // [[6.5, 6.5]]
 * ```
 */
export function addmm(input: Tensor, mat1: Tensor, mat2: Tensor, options: AddmmOptions = {}): Tensor {
  checkAddmm(input, mat1, mat2);
  const dtype = mat2.dtype;
  const beta = factor(options.beta, 'beta', dtype);
  const alpha = factor(options.alpha, 'alpha', dtype);
  const [M, K] = mat1.shape as [number, number];
  const N = mat2.shape[1]!;
  const out = allocateResult(dtype, M * N) as NumericArray;
  const shape = [M, N];
  const result = resultTensor(out, shape, dtype, contiguousStrides(shape), 0);
  if (M === 0 || N === 0) return result;
  // the product goes straight into the result buffer (zeros when skipped)
  const product = alpha !== 0 && K !== 0;
  if (product) {
    gemm(
      M, N, K,
      mat1.storage as NumericArray, mat1.offset, mat1.strides[0]!, mat1.strides[1]!,
      mat2.storage as NumericArray, mat2.offset, mat2.strides[0]!, mat2.strides[1]!,
      out, 0, N,
    );
  }
  if (beta === 0) {
    if (product && alpha !== 1) {
      if (dtype === 'int32') for (let i = 0; i < out.length; i++) out[i] = Math.imul(alpha, out[i]!);
      else for (let i = 0; i < out.length; i++) out[i] = alpha * out[i]!;
    }
    return result;
  }
  // then the broadcast input, added in place row by row
  const [rowStride, colStride] = broadcastStrides(input.shape, input.strides, shape) as [number, number];
  const c = input.storage as NumericArray;
  let rowStart = input.offset;
  let o = 0;
  if (dtype === 'int32') {
    const a = product ? alpha : 0;
    for (let i = 0; i < M; i++, rowStart += rowStride) {
      for (let j = 0, p = rowStart; j < N; j++, o++, p += colStride) {
        out[o] = (Math.imul(a, out[o]!) + Math.imul(beta, c[p]!)) | 0;
      }
    }
  } else if (!product) {
    for (let i = 0; i < M; i++, rowStart += rowStride) {
      for (let j = 0, p = rowStart; j < N; j++, o++, p += colStride) out[o] = beta * c[p]!;
    }
  } else if (alpha === 1 && beta === 1) {
    // NOTE: the same single rounding as add(mm(mat1, mat2), input), bit for bit
    for (let i = 0; i < M; i++, rowStart += rowStride) {
      for (let j = 0, p = rowStart; j < N; j++, o++, p += colStride) out[o] = out[o]! + c[p]!;
    }
  } else {
    for (let i = 0; i < M; i++, rowStart += rowStride) {
      for (let j = 0, p = rowStart; j < N; j++, o++, p += colStride) out[o] = alpha * out[o]! + beta * c[p]!;
    }
  }
  return result;
}

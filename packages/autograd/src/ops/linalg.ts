/*
 * Differentiable matrix products. `matmul` follows PyTorch's dispatch: dot
 * for 1-D x 1-D, mv for 2-D x 1-D, mm for 2-D x 2-D, folding of a batched
 * left operand into mm, and bmm over the broadcast batch dims otherwise, so
 * the recorded nodes are the ones PyTorch records.
 */
import * as B from '@gradlab/tensor';
import { ShapeError, ValueError } from '@gradlab/tensor';
import { gradMode } from '../engine/grad-mode';
import { derivative } from '../engine/node';
import { baseOf, constant, needsGrad, op2, opN, saveTensor, tracks2, tracksAny } from '../engine/record';
import type { Operand } from '../operand';
import { Tensor } from '../tensor';
import { mul } from './elementwise';
import { contiguous, expand, reshape, t, transpose, unsqueeze } from './views';
import { squeezeDims, unsafeView } from './view-internals';

type Base = B.Tensor;

/**
 * What a product of two matrices keeps: each operand only when the other one
 * needs its gradient (PyTorch saves `self` for mat2's gradient and `mat2` for
 * self's), and for mm/addmm whether each is column-major.
 */
export interface Product {
  self: Tensor | null;
  other: Tensor | null;
}
export interface MatrixProduct extends Product {
  selfColumnMajor: boolean;
  otherColumnMajor: boolean;
}

function saveProduct(_: Tensor, a: Operand, b: Operand): Product {
  return { self: needsGrad(b) ? saveTensor(a) : null, other: needsGrad(a) ? saveTensor(b) : null };
}

/**
 * Matrix product of two 2-D tensors.
 *
 * @example
 * ```ts
 * mm(ones([2, 3]), ones([3, 4])); // shape [2, 4]
 * ```
 */
export function mm(a: Operand, b: Operand): Tensor {
  const x = baseOf(a, 'mm', 'self');
  const y = baseOf(b, 'mm', 'mat2');
  const out = B.mm(x, y);
  if (!tracks2(a, b)) return constant(out);
  // NOTE: as PyTorch's mm_mat1/mat2_backward, a column-major input (such as
  // a weight used as w.t()) gets its gradient computed in its own layout, so
  // that the leaf's .grad needs no copy
  const saved: MatrixProduct = {
    self: needsGrad(b) ? saveTensor(a) : null,
    other: needsGrad(a) ? saveTensor(b) : null,
    selfColumnMajor: columnMajor(x),
    otherColumnMajor: columnMajor(y),
  };
  return op2(MmBackward0, out, a, b, saved, 'exact');
}
export const MmBackward0 = derivative<MatrixProduct>(
  'MmBackward0',
  { saves: true },
  (g, s) => mmMat1Backward(g, s.other!, s.selfColumnMajor, 1),
  (g, s) => mmMat2Backward(g, s.self!, s.otherColumnMajor, 1),
);

/** A 2-D base tensor's transpose (a view), for the formulas' no-grad paths. */
function tr(x: Base): Base {
  return B.transpose(x, 0, 1);
}

/** PyTorch's `maybe_multiply`: `g * s`, or `g` itself when `s` is 1. */
function maybeMultiply(g: Tensor, s: number): Tensor {
  return s === 1 ? g : mul(g, s);
}

/**
 * PyTorch's `mm_mat1_backward`: the gradient of `mat1` in `alpha * mat1 @ mat2`,
 * `alpha * g @ mat2^T`. NOTE: a column-major `mat1` (such as a weight used as
 * `w.t()`) gets it computed in its own layout, `(mat2 @ g^T)^T`, so that the
 * leaf's `.grad` needs no copy.
 */
function mmMat1Backward(g: Tensor, mat2: Tensor, columnMajor: boolean, alpha: number): Tensor {
  if (!gradMode.enabled) {
    // NOTE: without createGraph the same base products, minus the wrappers and checks
    const o = mat2.data;
    const product = columnMajor ? tr(B.mm(o, tr(g.data))) : B.mm(g.data, tr(o));
    return new Tensor(alpha === 1 ? product : B.mul(product, alpha));
  }
  return maybeMultiply(columnMajor ? t(mm(mat2, t(g))) : mm(g, t(mat2)), alpha);
}

/** PyTorch's `mm_mat2_backward`: `alpha * mat1^T @ g` (`(g^T @ mat1)^T` for a column-major `mat2`). */
function mmMat2Backward(g: Tensor, mat1: Tensor, columnMajor: boolean, alpha: number): Tensor {
  if (!gradMode.enabled) {
    const s = mat1.data;
    const product = columnMajor ? tr(B.mm(tr(g.data), s)) : B.mm(tr(s), g.data);
    return new Tensor(alpha === 1 ? product : B.mul(product, alpha));
  }
  return maybeMultiply(columnMajor ? t(mm(t(g), mat1)) : mm(t(mat1), g), alpha);
}

/**
 * `beta * input + alpha * (mat1 @ mat2)` as `torch.addmm` (what `F.linear`
 * runs for a 2-D input with a bias), recorded as `AddmmBackward0`: `input`
 * broadcasts to `[n, m]` and gets `beta * grad` summed back to its shape,
 * `mat1` and `mat2` get `alpha` times mm's gradients.
 *
 * @example
 * ```ts
 * const w = randn([3, 2], { requiresGrad: true });
 * const b = zeros([2], { requiresGrad: true });
 * addmm(b, ones([4, 3]), w).gradFn!.name; // 'AddmmBackward0'
 * ```
 */
export function addmm(input: Operand, mat1: Operand, mat2: Operand, options: B.AddmmOptions = {}): Tensor {
  const c = baseOf(input, 'addmm', 'input');
  const x = baseOf(mat1, 'addmm', 'mat1');
  const y = baseOf(mat2, 'addmm', 'mat2');
  const out = B.addmm(c, x, y, options);
  const inputs = [input, mat1, mat2];
  if (!tracksAny(inputs)) return constant(out);
  const saved: MatrixProduct & { alpha: number; beta: number } = {
    self: needsGrad(mat2) ? saveTensor(mat1) : null,
    other: needsGrad(mat1) ? saveTensor(mat2) : null,
    selfColumnMajor: columnMajor(x),
    otherColumnMajor: columnMajor(y),
    alpha: options.alpha ?? 1,
    beta: options.beta ?? 1,
  };
  // the input broadcasts: the engine sums its gradient back (`sumTo`)
  return opN(AddmmBackward0, out, inputs, saved, ADDMM_LAYOUT);
}
const ADDMM_LAYOUT = ['broadcast', 'exact', 'exact'] as const;
// beta * input + alpha * mat1 @ mat2: mm's formulas scaled by alpha, beta * grad for the input
export const AddmmBackward0 = derivative<MatrixProduct & { alpha: number; beta: number }>(
  'AddmmBackward0',
  { saves: true },
  (g, s) => maybeMultiply(g, s.beta),
  (g, s) => mmMat1Backward(g, s.other!, s.selfColumnMajor, s.alpha),
  (g, s) => mmMat2Backward(g, s.self!, s.otherColumnMajor, s.alpha),
);

function columnMajor(x: Base): boolean {
  const [rows, cols] = x.shape as [number, number];
  return rows > 1 && cols > 1 && x.strides[0] === 1 && x.strides[1] === rows;
}

/**
 * Batched matrix product of two 3-D tensors.
 *
 * @example
 * ```ts
 * bmm(ones([5, 2, 3]), ones([5, 3, 4])); // shape [5, 2, 4]
 * ```
 */
export function bmm(a: Operand, b: Operand): Tensor {
  return op2(BmmBackward0, B.bmm(baseOf(a, 'bmm', 'self'), baseOf(b, 'bmm', 'mat2')), a, b, saveProduct, 'exact');
}
export const BmmBackward0 = derivative<Product>(
  'BmmBackward0',
  { saves: true },
  (g, s) => bmm(g, transpose(s.other!, 1, 2)),
  (g, s) => bmm(transpose(s.self!, 1, 2), g),
);

/**
 * Dot product of two 1-D tensors (a 0-d tensor).
 *
 * @example
 * ```ts
 * dot(tensor([1, 2]), tensor([3, 4])); // tensor(11.)
 * ```
 */
export function dot(a: Operand, b: Operand): Tensor {
  const x = baseOf(a, 'dot', 'self');
  const y = baseOf(b, 'dot', 'tensor');
  if (x.shape.length !== 1 || y.shape.length !== 1) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `1D tensors expected, but got ${x.shape.length}D and ${y.shape.length}D tensors`,
    );
  }
  return op2(DotBackward0, B.matmul(x, y), a, b, saveProduct, 'exact');
}
export const DotBackward0 = derivative<Product>(
  'DotBackward0',
  { saves: true },
  (g, s) => mul(g, s.other!),
  (g, s) => mul(g, s.self!),
);

/**
 * Matrix-vector product of a 2-D and a 1-D tensor.
 *
 * @example
 * ```ts
 * mv(ones([2, 3]), ones([3])); // tensor([3., 3.])
 * ```
 */
export function mv(a: Operand, b: Operand): Tensor {
  const x = baseOf(a, 'mv', 'self');
  const y = baseOf(b, 'mv', 'vec');
  if (x.shape.length !== 2 || y.shape.length !== 1) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `vector + matrix @ vector expected, got ${x.shape.length}, ${x.shape.length}, ${y.shape.length}`,
    );
  }
  if (x.dtype !== y.dtype) {
    const names = { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' } as const;
    throw new B.DTypeError(`mv: expected scalar type ${names[x.dtype]} but found ${names[y.dtype]}`);
  }
  return op2(MvBackward0, B.matmul(x, y), a, b, saveProduct, 'exact');
}
export const MvBackward0 = derivative<Product>(
  'MvBackward0',
  { saves: true },
  (g, s) => mul(unsqueeze(g, 1), unsqueeze(s.other!, 0)),
  (g, s) => mv(t(s.self!), g),
);

function broadcastBatch(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `The size of tensor a (${x}) must match the size of tensor b (${y}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = x === 1 ? y : x;
  }
  return out;
}

/**
 * Matrix product with PyTorch's rules for 1-D, 2-D and batched (broadcast) operands.
 *
 * @example
 * ```ts
 * matmul(ones([4, 2, 3]), ones([3, 5])); // shape [4, 2, 5]
 * ```
 */
export function matmul(a: Operand, b: Operand): Tensor {
  const x = baseOf(a, 'matmul', 'input');
  const y = baseOf(b, 'matmul', 'other');
  if (!tracks2(a, b)) return constant(B.matmul(x, y));
  const da = x.shape.length;
  const db = y.shape.length;
  if (da === 0 || db === 0) {
    throw new ShapeError(
      'INVALID_SHAPE',
      `both arguments to matmul need to be at least 1D, but they are ${da}D and ${db}D`,
    );
  }
  if (da === 1 && db === 1) return dot(a, b);
  if (da === 2 && db === 1) return mv(a, b);
  if (da === 1 && db === 2) return squeezeDims(mm(unsqueeze(a, 0), b), 0);
  if (da === 2 && db === 2) return mm(a, b);
  const left = a instanceof Tensor ? a : constant(x);
  const right = b instanceof Tensor ? b : constant(y);
  if (da >= 3 && db <= 2) {
    // fold the batch dims of the left operand into the rows of one mm/mv
    // NOTE: the folded row count is given, not -1: with an empty inner dim ([3, 4, 0]) -1 is ambiguous
    // (PyTorch's matmul folds with reshape({folded_dim1, k}) for the same reason)
    const k = x.shape[da - 1]!;
    let rows = 1;
    for (let d = 0; d < da - 1; d++) rows *= x.shape[d]!;
    const folded = reshape(left, [rows, k]);
    const outShape = x.shape.slice(0, -1);
    if (db === 2) {
      outShape.push(y.shape[1]!);
      return unsafeView(mm(folded, right), outShape);
    }
    return unsafeView(mv(folded, right), outShape);
  }
  if (da <= 2 && db >= 3) {
    // PyTorch transposes the problem so that the batched operand is folded:
    // a @ b = (b^T @ a^T)^T, made contiguous
    if (da === 1) return matmul(transpose(right, -1, -2), left);
    return contiguous(transpose(matmul(transpose(right, -1, -2), transpose(left, -1, -2)), -1, -2));
  }
  const l = da === 1 ? unsqueeze(left, 0) : left;
  const r = db === 1 ? unsqueeze(right, 1) : right;
  const n = l.shape[l.ndim - 2]!;
  const k = l.shape[l.ndim - 1]!;
  const k2 = r.shape[r.ndim - 2]!;
  const m = r.shape[r.ndim - 1]!;
  if (k !== k2) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `Expected size for first two dimensions of batch2 tensor to be: [*, ${k}] but got: [*, ${k2}].`,
    );
  }
  const batch = broadcastBatch(l.shape.slice(0, -2), r.shape.slice(0, -2));
  const count = batch.reduce((p, s) => p * s, 1);
  const l3 = reshape(expandIfNeeded(l, [...batch, n, k]), [count, n, k]);
  const r3 = reshape(expandIfNeeded(r, [...batch, k, m]), [count, k, m]);
  const outShape = [...batch];
  if (da > 1) outShape.push(n);
  if (db > 1) outShape.push(m);
  return unsafeView(bmm(l3, r3), outShape);
}

function expandIfNeeded(x: Tensor, shape: readonly number[]): Tensor {
  const s = x.shape;
  if (s.length === shape.length && s.every((v, i) => v === shape[i])) return x;
  return expand(x, shape);
}

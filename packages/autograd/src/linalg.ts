/*
 * Differentiable matrix products. `matmul` follows PyTorch's dispatch: dot
 * for 1-D x 1-D, mv for 2-D x 1-D, mm for 2-D x 2-D, folding of a batched
 * left operand into mm, and bmm over the broadcast batch dims otherwise, so
 * the recorded nodes are the ones PyTorch records.
 */
import * as B from '@gradlab/tensor';
import { ShapeError, ValueError } from '@gradlab/tensor';
import { gradMode } from './grad-mode';
import type { Operand } from './operand';
import { Node } from './node';
import { anyTracks, attach, baseOf, constant, edgeOf, unwrap } from './record';
import { RULES } from './rules';
import { Tensor } from './tensor';
import { contiguous, expand, reshape, squeezeDims, transpose, unsafeView, unsqueeze } from './views';

type Base = B.Tensor;

function tracked(a: Operand, b: Operand): boolean {
  return ((a instanceof Tensor && a._requiresGrad) || (b instanceof Tensor && b._requiresGrad)) && gradMode.enabled;
}

function product(rule: keyof typeof RULES, out: Base, a: Operand, b: Operand): Tensor {
  // mm/bmm/dot/mv do not broadcast; the node only keeps dtype notes (as broadcastNode's)
  const ea = edgeOf(a);
  const eb = edgeOf(b);
  const node = new Node(RULES[rule], [ea, eb]);
  const dtype = out.dtype;
  const da = ea !== null && (a as Tensor).data.dtype !== dtype ? (a as Tensor).data.dtype : null;
  const db = eb !== null && (b as Tensor).data.dtype !== dtype ? (b as Tensor).data.dtype : null;
  if (da !== null || db !== null) node.dtypes = [da, db];
  if (node.next[0] !== null) node.other = b instanceof Tensor ? b : new Tensor(b as Base);
  if (node.next[1] !== null) node.self = a instanceof Tensor ? a : new Tensor(a as Base);
  return attach(out, node);
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
  if (!tracked(a, b)) return constant(out);
  const result = product('MmBackward0', out, a, b);
  // NOTE: as PyTorch's mm_mat1/mat2_backward, a column-major input (such as
  // a weight used as w.t()) gets its gradient computed in its own layout, so
  // that the leaf's .grad needs no copy
  result.gradFn!.dim = (columnMajor(x) ? 1 : 0) | (columnMajor(y) ? 2 : 0);
  return result;
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
  if (!anyTracks([input, mat1, mat2])) return constant(out);
  const ec = edgeOf(input);
  const ex = edgeOf(mat1);
  const ey = edgeOf(mat2);
  const node = new Node(RULES.AddmmBackward0, [ec, ex, ey]);
  // the input broadcasts: the engine sums its gradient back (`sumTo`); the dtypes are all the same
  if (ec !== null && !B.shapesEqual(c.shape, out.shape)) node.shapes = [c.shape, null, null];
  if (ex !== null) node.other = mat2 instanceof Tensor ? mat2 : new Tensor(y);
  if (ey !== null) node.self = mat1 instanceof Tensor ? mat1 : new Tensor(x);
  node.scalar = options.alpha ?? 1;
  node.scalar2 = options.beta ?? 1;
  node.dim = (columnMajor(x) ? 1 : 0) | (columnMajor(y) ? 2 : 0);
  return attach(out, node);
}

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
  const out = B.bmm(baseOf(a, 'bmm', 'self'), baseOf(b, 'bmm', 'mat2'));
  return tracked(a, b) ? product('BmmBackward0', out, a, b) : constant(out);
}

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
  const out = B.matmul(x, y);
  return tracked(a, b) ? product('DotBackward0', out, a, b) : constant(out);
}

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
  const out = B.matmul(x, y);
  return tracked(a, b) ? product('MvBackward0', out, a, b) : constant(out);
}

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
  if (!tracked(a, b)) return constant(B.matmul(x, y));
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

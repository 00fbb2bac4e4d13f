/*
 * Shapes and linear algebra (issue 15): split, chunk, unbind, flip, roll,
 * repeat, tile, repeatInterleave, tril, triu, diag, diagonal, trace, outer,
 * kron, recorded with PyTorch 1.13's node names. split/chunk/unbind/diagonal
 * return views of their input, as in PyTorch.
 *
 * NOTE: PyTorch records one SplitBackward0 (UnbindBackward0) node for all the
 * pieces of a split; this engine's nodes have one output, so each piece gets
 * its own node of that name. The gradients are the same (the engine sums the
 * pieces' gradients, so under createGraph the input's gradient records an
 * AddBackward0 where PyTorch's records the CatBackward0/StackBackward0 of its
 * one node).
 */
import * as B from '@gradlab/tensor';
import { ShapeError, normalizeDim } from '@gradlab/tensor';
import * as K from '@gradlab/tensor/internal';
import { derivative } from '../engine/node';
import { baseOf, constant, op1, tracks } from '../engine/record';
import type { Operand } from '../operand';
import { Tensor } from '../tensor';
import { mul } from './elementwise';
import { indexSelect } from './indexing';
import { sum } from './reductions';
import { cat, expand, permute, reshape, stack, view } from './views';
import { mm } from './linalg';
import { unsafeView } from './view-internals';

function zeros(shape: readonly number[], dtype: B.DType): Tensor {
  return new Tensor(B.zeros(shape.slice(), { dtype }));
}

/** What a split piece keeps: the input's shape, the dim, where the piece starts and its length. */
export interface Piece {
  sizes: readonly number[];
  dim: number;
  start: number;
  length: number;
}

/** PyTorch's split_backward for one piece: the piece's gradient between zeros, joined with cat. */
function pieceBackward(g: Tensor, s: Piece): Tensor {
  const before = s.sizes.slice();
  before[s.dim] = s.start;
  const after = s.sizes.slice();
  after[s.dim] = s.sizes[s.dim]! - s.start - s.length;
  const dtype = g.data.dtype;
  return cat([zeros(before, dtype), g, zeros(after, dtype)], s.dim);
}

function pieces(rule: typeof SplitBackward0, x: Operand, data: B.Tensor, outs: B.Tensor[], dim: number): Tensor[] {
  if (!tracks(x)) return outs.map((o) => constant(o));
  let start = 0;
  return outs.map((o) => {
    const length = o.shape[dim]!;
    const t = op1(rule, o, x, { sizes: data.shape, dim, start, length });
    start += length;
    return t;
  });
}

/**
 * Cuts `x` along `dim` into pieces of `sizeOrSections` elements (the last may be smaller,
 * `SplitBackward0`) or of the listed sizes (`SplitWithSizesBackward0`); each piece is a view.
 *
 * @example
 * ```ts
 * split(arange(5), 2).map((p) => p.shape); // [[2], [2], [1]]
 * ```
 */
export function split(x: Operand, sizeOrSections: number | readonly number[], dim = 0): Tensor[] {
  const data = baseOf(x, 'split', 'input');
  const outs = B.split(data, sizeOrSections, dim);
  const d = normalizeDim(dim, data.shape.length, 'split');
  return pieces(typeof sizeOrSections === 'number' ? SplitBackward0 : SplitWithSizesBackward0, x, data, outs, d);
}
export const SplitBackward0 = derivative<Piece>('SplitBackward0', {}, (g, s) => pieceBackward(g, s));
export const SplitWithSizesBackward0 = derivative<Piece>('SplitWithSizesBackward0', {}, (g, s) => pieceBackward(g, s));

/**
 * At most `chunks` views of `ceil(size / chunks)` elements along `dim` (PyTorch's `torch.chunk`,
 * recorded as its split: `SplitBackward0`).
 *
 * @example
 * ```ts
 * chunk(arange(6), 4).length; // 3
 * ```
 */
export function chunk(x: Operand, chunks: number, dim = 0): Tensor[] {
  const data = baseOf(x, 'chunk', 'input');
  const size = K.chunkSize(data, chunks, dim);
  const d = normalizeDim(dim, data.shape.length, 'chunk');
  if (size === 0) return split(x, new Array<number>(chunks).fill(0), d);
  return split(x, size, d);
}

/** What an unbound slice keeps: the input's shape, the dim and the slice's index. */
export interface Slot {
  sizes: readonly number[];
  dim: number;
  index: number;
}

/**
 * The slices of `x` along `dim`, without that dim (views, `UnbindBackward0`).
 *
 * @example
 * ```ts
 * unbind(tensor([[1, 2], [3, 4]])).length; // 2
 * ```
 */
export function unbind(x: Operand, dim = 0): Tensor[] {
  const data = baseOf(x, 'unbind', 'input');
  const outs = B.unbind(data, dim);
  if (!tracks(x)) return outs.map((o) => constant(o));
  const d = normalizeDim(dim, data.shape.length, 'unbind');
  return outs.map((o, index) => op1(UnbindBackward0, o, x, { sizes: data.shape, dim: d, index }));
}
// PyTorch's unbind_backward: the slices' gradients (zeros for the others) stacked
export const UnbindBackward0 = derivative<Slot>('UnbindBackward0', {}, (g, s) => {
  const n = s.sizes[s.dim]!;
  const parts: Tensor[] = [];
  for (let i = 0; i < n; i++) parts.push(i === s.index ? g : zeros(g.data.shape, g.data.dtype));
  return stack(parts, s.dim);
});

/**
 * `x` reversed along each of `dims` (a copy, `FlipBackward0`).
 *
 * @example
 * ```ts
 * flip(tensor([1, 2, 3]), 0); // tensor([3., 2., 1.])
 * ```
 */
export function flip(x: Operand, dims: number | readonly number[]): Tensor {
  const data = baseOf(x, 'flip', 'input');
  return op1(FlipBackward0, B.flip(data, dims), x, { dims });
}
export const FlipBackward0 = derivative<{ dims: number | readonly number[] }>('FlipBackward0', {}, (g, s) => flip(g, s.dims));

/**
 * `x` shifted by `shifts` along `dims`, wrapping around; without `dims` the flattened tensor
 * (`RollBackward0`).
 *
 * @example
 * ```ts
 * roll(tensor([1, 2, 3]), 1); // tensor([3., 1., 2.])
 * ```
 */
export function roll(x: Operand, shifts: number | readonly number[], dims?: number | readonly number[] | null): Tensor {
  const data = baseOf(x, 'roll', 'input');
  const out = B.roll(data, shifts, dims);
  const back = typeof shifts === 'number' ? -shifts : shifts.map((s) => -s);
  return op1(RollBackward0, out, x, { shifts: back, dims: dims ?? null });
}
export const RollBackward0 = derivative<{ shifts: number | readonly number[]; dims: number | readonly number[] | null }>(
  'RollBackward0',
  {},
  (g, s) => roll(g, s.shifts, s.dims),
);

/**
 * `x` repeated `sizes[i]` times along each dim (leading new dims allowed; `RepeatBackward0`).
 *
 * @example
 * ```ts
 * repeat(tensor([1, 2]), [2]); // tensor([1., 2., 1., 2.])
 * ```
 */
export function repeat(x: Operand, sizes: readonly number[]): Tensor {
  const data = baseOf(x, 'repeat', 'input');
  return op1(RepeatBackward0, B.repeat(data, sizes), x, { sizes: data.shape, repeats: sizes.slice() });
}
// PyTorch 1.13's repeat_backward: sum the new leading dims, then the repeats of each dim
export const RepeatBackward0 = derivative<{ sizes: readonly number[]; repeats: readonly number[] }>('RepeatBackward0', {}, (g, s) => {
  if (s.repeats.includes(0)) return zeros(s.sizes, g.data.dtype);
  let grad = g;
  const lead = s.repeats.length - s.sizes.length;
  for (let i = 0; i < lead; i++) grad = sum(grad, 0);
  const gradSize: number[] = [];
  const sumDims: number[] = [];
  for (let d = 0; d < s.sizes.length; d++) {
    const r = s.repeats[d + lead]!;
    if (r !== 1) {
      gradSize.push(r);
      sumDims.push(gradSize.length - 1);
    }
    gradSize.push(s.sizes[d]!);
  }
  if (sumDims.length === 0) return grad;
  return sum(reshape(grad, gradSize), sumDims);
});

/**
 * `x` repeated `dims[i]` times along each dim, a shorter `dims` padded with leading ones
 * (PyTorch's `torch.tile`, a repeat: `RepeatBackward0`).
 *
 * @example
 * ```ts
 * tile(tensor([[1, 2]]), [2]); // shape [1, 4]
 * ```
 */
export function tile(x: Operand, dims: readonly number[]): Tensor {
  const data = baseOf(x, 'tile', 'input');
  if (!Array.isArray(dims)) return constant(B.tile(data, dims));
  const n = data.shape.length;
  return repeat(x, dims.length < n ? [...new Array<number>(n - dims.length).fill(1), ...dims] : dims);
}

/**
 * Each slice of `x` along `dim` (each element of the flattened `x` without `dim`) repeated
 * `repeats` times in place; `repeats` a number or an int32 tensor (PyTorch records the
 * index_select it is made of: `IndexSelectBackward0`).
 *
 * @example
 * ```ts
 * repeatInterleave(tensor([1, 2]), 2); // tensor([1., 1., 2., 2.])
 * ```
 */
export function repeatInterleave(x: Operand, repeats: number | B.Tensor, dim?: number | null): Tensor {
  const data = baseOf(x, 'repeatInterleave', 'input');
  const { index, dim: d } = K.repeatInterleaveIndex(data, repeats, dim);
  return d === null ? indexSelect(reshape(x, [-1]), 0, index) : indexSelect(x, d, index);
}

/**
 * The lower triangle of the last two dims, zeros above diagonal `diagonal` (`TrilBackward0`).
 *
 * @example
 * ```ts
 * tril(ones([2, 2])); // [[1, 0], [1, 1]]
 * ```
 */
export function tril(x: Operand, diagonal = 0): Tensor {
  return op1(TrilBackward0, B.tril(baseOf(x, 'tril', 'input'), diagonal), x, { diagonal });
}
export const TrilBackward0 = derivative<{ diagonal: number }>('TrilBackward0', {}, (g, s) => tril(g, s.diagonal));

/**
 * The upper triangle of the last two dims, zeros below diagonal `diagonal` (`TriuBackward0`).
 *
 * @example
 * ```ts
 * triu(ones([2, 2])); // [[1, 1], [0, 1]]
 * ```
 */
export function triu(x: Operand, diagonal = 0): Tensor {
  return op1(TriuBackward0, B.triu(baseOf(x, 'triu', 'input'), diagonal), x, { diagonal });
}
export const TriuBackward0 = derivative<{ diagonal: number }>('TriuBackward0', {}, (g, s) => triu(g, s.diagonal));

/** Where a diagonal lies: the input's shape, the offset and the two dims. */
export interface DiagonalOf {
  sizes: readonly number[];
  offset: number;
  dim1: number;
  dim2: number;
}

/**
 * The diagonal `offset` of dims `dim1`, `dim2` as the last dim (a view, `DiagonalBackward0`).
 *
 * @example
 * ```ts
 * diagonal(tensor([[1, 2], [3, 4]])); // tensor([1., 4.])
 * ```
 */
export function diagonal(x: Operand, offset = 0, dim1 = 0, dim2 = 1): Tensor {
  const data = baseOf(x, 'diagonal', 'input');
  const out = B.diagonal(data, offset, dim1, dim2);
  if (!tracks(x)) return constant(out);
  const n = data.shape.length;
  return op1(DiagonalBackward0, out, x, { sizes: data.shape, offset, dim1: normalizeDim(dim1, n), dim2: normalizeDim(dim2, n) });
}
export const DiagonalBackward0 = derivative<DiagonalOf>('DiagonalBackward0', {}, (g, s) => diagonalBackward(g, s));

/** PyTorch's `diagonal_backward`: zeros of the input's shape with `g` on the diagonal. */
export function diagonalBackward(g: Tensor, s: DiagonalOf): Tensor {
  const out = K.diagonalEmbed(g.data, s.sizes, s.offset, s.dim1, s.dim2);
  if (!tracks(g)) return constant(out);
  return op1(DiagonalBackwardBackward0, out, g, s);
}
export const DiagonalBackwardBackward0 = derivative<DiagonalOf>('DiagonalBackwardBackward0', {}, (g, s) =>
  diagonal(g, s.offset, s.dim1, s.dim2),
);

/**
 * A 1-D `x` as diagonal `diagonal` of a square matrix, or (2-D `x`) a copy of its diagonal
 * `diagonal` (`DiagBackward0`).
 *
 * @example
 * ```ts
 * diag(tensor([1, 2])); // [[1, 0], [0, 2]]
 * ```
 */
export function diag(x: Operand, diagonal_ = 0): Tensor {
  const data = baseOf(x, 'diag', 'input');
  return op1(DiagBackward0, B.diag(data, diagonal_), x, { sizes: data.shape, diagonal: diagonal_ });
}
export const DiagBackward0 = derivative<{ sizes: readonly number[]; diagonal: number }>('DiagBackward0', {}, (g, s) =>
  s.sizes.length === 1
    ? diag(g, s.diagonal)
    : diagonalBackward(g, { sizes: s.sizes, offset: s.diagonal, dim1: 0, dim2: 1 }),
);

/**
 * The sum of a matrix's main diagonal (`TraceBackward0`).
 *
 * @example
 * ```ts
 * trace(tensor([[1, 2], [3, 4]])); // tensor(5.)
 * ```
 */
export function trace(x: Operand): Tensor {
  const data = baseOf(x, 'trace', 'input');
  return op1(TraceBackward0, B.trace(data), x, { sizes: data.shape });
}
// PyTorch's trace_backward: zeros with the gradient on the diagonal, returned as a view
export const TraceBackward0 = derivative<{ sizes: readonly number[] }>('TraceBackward0', {}, (g, s) => {
  const n = Math.min(s.sizes[0]!, s.sizes[1]!);
  return view(diagonalBackward(expand(g, [n]), { sizes: s.sizes, offset: 0, dim1: 0, dim2: 1 }), s.sizes);
});

function check1d(x: B.Tensor, name: string): void {
  if (x.shape.length !== 1) throw new ShapeError('INVALID_SHAPE', `outer: Expected 1-D argument ${name}, but got ${x.shape.length}-D`);
}

/**
 * The outer product of two 1-D tensors, recorded as PyTorch 1.13 computes it:
 * `a.reshape(n, 1) * b` (`MulBackward0`).
 *
 * @example
 * ```ts
 * outer(tensor([1, 2]), tensor([3, 4])); // [[3, 4], [6, 8]]
 * ```
 */
export function outer(a: Operand, b: Operand): Tensor {
  const da = baseOf(a, 'outer', 'input');
  const db = baseOf(b, 'outer', 'vec2');
  check1d(da, 'self');
  check1d(db, 'vec2');
  return mul(reshape(a, [da.shape[0]!, 1]), b);
}

/**
 * The Kronecker product, recorded as PyTorch 1.13 computes it: the inputs viewed with
 * interleaved dims, multiplied, and `_unsafe_view`ed to the result (`UnsafeViewBackward0`).
 *
 * @example
 * ```ts
 * kron(eye(2), tensor([[1, 2]])); // shape [2, 4]
 * ```
 */
export function kron(a: Operand, b: Operand): Tensor {
  const da = baseOf(a, 'kron', 'input');
  const db = baseOf(b, 'kron', 'other');
  const s = K.kronShapes(da, db);
  return unsafeView(mul(reshape(a, s.a), reshape(b, s.b)), s.result);
}

// ---- pad, tensordot, einsum ------------------------------------------------

/** What a reflect or replicate pad keeps: the padded dims and the mode. */
export interface Padded {
  dims: readonly K.PadDim[];
  mode: 'reflect' | 'replicate';
  pad: readonly number[];
}

function padRules(mode: 'reflect' | 'replicate', n: number): [typeof ReflectionPad1DBackward0, typeof ReflectionPad1DBackwardBackward0] {
  const table = {
    reflect: [
      [ReflectionPad1DBackward0, ReflectionPad1DBackwardBackward0],
      [ReflectionPad2DBackward0, ReflectionPad2DBackwardBackward0],
      [ReflectionPad3DBackward0, ReflectionPad3DBackwardBackward0],
    ],
    replicate: [
      [ReplicationPad1DBackward0, ReplicationPad1DBackwardBackward0],
      [ReplicationPad2DBackward0, ReplicationPad2DBackwardBackward0],
      [ReplicationPad3DBackward0, ReplicationPad3DBackwardBackward0],
    ],
  } as const;
  return table[mode][n - 1]! as [typeof ReflectionPad1DBackward0, typeof ReflectionPad1DBackwardBackward0];
}

/**
 * Pads the last `pad.length / 2` dims (`pad`: (before, after) pairs from the last dim backwards),
 * as `torch.nn.functional.pad`: `'constant'` with `value` (`ConstantPadNdBackward0`; negative pads
 * crop), `'reflect'` (`ReflectionPad{1,2,3}DBackward0`) or `'replicate'` (`ReplicationPad{1,2,3}DBackward0`).
 *
 * @example
 * ```ts
 * pad(tensor([[1, 2, 3]]), [1, 1], { mode: 'replicate' }); // [[1, 1, 2, 3, 3]]
 * ```
 */
export function pad(x: Operand, pad_: readonly number[], options: B.PadOptions = {}): Tensor {
  const data = baseOf(x, 'pad', 'input');
  const out = B.pad(data, pad_, options);
  if (!tracks(x)) return constant(out);
  const mode = options.mode ?? 'constant';  // B.pad checked `options`
  if (mode === 'constant') return op1(ConstantPadNdBackward0, out, x, { pad: pad_.map((p) => -p) });
  const { dims, kind } = K.padPlan(data, pad_, mode);
  return op1(padRules(mode, kind)[0], out, x, { dims, mode, pad: pad_.slice() });
}
export const ConstantPadNdBackward0 = derivative<{ pad: readonly number[] }>('ConstantPadNdBackward0', {}, (g, s) => pad(g, s.pad));

/** The backward of a reflect or replicate pad, recorded as PyTorch's `*PadNDBackwardBackward0`. */
function padBackward(g: Tensor, s: Padded): Tensor {
  const out = K.padBackwardKernel(g.data, s.dims, s.mode);
  if (!tracks(g)) return constant(out);
  return op1(padRules(s.mode, s.dims.length)[1], out, g, s);
}
const padGrad = (g: Tensor, s: Padded): Tensor => padBackward(g, s);
const padGradGrad = (g: Tensor, s: Padded): Tensor => pad(g, s.pad, { mode: s.mode });
export const ReflectionPad1DBackward0 = derivative<Padded>('ReflectionPad1DBackward0', {}, padGrad);
export const ReflectionPad2DBackward0 = derivative<Padded>('ReflectionPad2DBackward0', {}, padGrad);
export const ReflectionPad3DBackward0 = derivative<Padded>('ReflectionPad3DBackward0', {}, padGrad);
export const ReplicationPad1DBackward0 = derivative<Padded>('ReplicationPad1DBackward0', {}, padGrad);
export const ReplicationPad2DBackward0 = derivative<Padded>('ReplicationPad2DBackward0', {}, padGrad);
export const ReplicationPad3DBackward0 = derivative<Padded>('ReplicationPad3DBackward0', {}, padGrad);
export const ReflectionPad1DBackwardBackward0 = derivative<Padded>('ReflectionPad1DBackwardBackward0', {}, padGradGrad);
export const ReflectionPad2DBackwardBackward0 = derivative<Padded>('ReflectionPad2DBackwardBackward0', {}, padGradGrad);
export const ReflectionPad3DBackwardBackward0 = derivative<Padded>('ReflectionPad3DBackwardBackward0', {}, padGradGrad);
export const ReplicationPad1DBackwardBackward0 = derivative<Padded>('ReplicationPad1DBackwardBackward0', {}, padGradGrad);
export const ReplicationPad2DBackwardBackward0 = derivative<Padded>('ReplicationPad2DBackwardBackward0', {}, padGradGrad);
export const ReplicationPad3DBackwardBackward0 = derivative<Padded>('ReplicationPad3DBackwardBackward0', {}, padGradGrad);

/**
 * The sum of products over the dims `dims` names (a count: the last of `a` with the first of
 * `b`; or two lists), recorded as PyTorch 1.13 computes it: permutes, reshapes, one `mm`, a reshape.
 *
 * @example
 * ```ts
 * tensordot(ones([2, 3]), ones([3, 4]), 1); // shape [2, 4]
 * ```
 */
export function tensordot(a: Operand, b: Operand, dims: number | readonly [readonly number[], readonly number[]] = 2): Tensor {
  const da = baseOf(a, 'tensordot', 'a');
  const db = baseOf(b, 'tensordot', 'b');
  const p = K.tensordotPlan(da.shape, db.shape, dims);
  return reshape(mm(reshape(permute(a, p.permA), p.a2), reshape(permute(b, p.permB), p.b2)), p.result);
}

/**
 * Einstein summation (PyTorch's `torch.einsum` without ellipsis): `'ij,jk->ik'`, `'bij,bjk->bik'`,
 * `'i,i->'`, `'ij->ji'`, `'ii->i'`, `'ij->'`, `'i,j->ij'`, ... Computed as diagonals, permutes and
 * reshapes of each operand, one broadcast product and one sum, all differentiable.
 * NOTE: PyTorch contracts pairs with `bmm`, so its nodes (and float32 rounding) differ.
 *
 * @example
 * ```ts
 * einsum('ij,jk->ik', a, b); // mm(a, b)
 * ```
 */
export function einsum(equation: string, ...operands: Operand[]): Tensor {
  const datas = operands.map((x, i) => baseOf(x, 'einsum', `operands[${i}]`));
  const plan = K.einsumPlan(equation, datas.map((d) => d.shape));
  let product: Tensor | null = null;
  operands.forEach((x, i) => {
    const p = plan.operands[i]!;
    let y: Tensor = x instanceof Tensor ? x : constant(datas[i]!);
    for (const [d1, d2] of p.diagonals) y = diagonal(y, 0, d1, d2);
    y = reshape(permute(y, p.perm), p.shape);
    product = product === null ? y : mul(product, y);
  });
  const out = product!;
  return plan.sumDims.length > 0 ? sum(out, plan.sumDims) : out;
}

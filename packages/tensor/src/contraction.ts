/*
 * pad (torch.nn.functional.pad), tensordot and einsum (issue 15). The plans
 * (`padPlan`, `tensordotPlan`, `einsumPlan`) check the arguments with PyTorch's
 * messages and say which views and products to take; the kernels here and the
 * autograd declarations both run them.
 */
import { allocate } from './dtype';
import { DTypeError, ShapeError, ValueError, describeValue, formatValue } from './errors';
import { formatShape, normalizeDim, shapeSize } from './shape';
import { Tensor, isForeignTensor } from './tensor';
import { diagonal, copyInto } from './rearrange';
import { narrow, permute, reshape } from './views';
import { indexAdd, indexSelect } from './indexing';
import { mm } from './matmul';
import { mul } from './binary';
import { sum } from './reduce';

function checkTensor(x: unknown, op: string): void {
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`${op}: expected a Tensor, got ${describeValue(x)}`);
}

/** Modes of {@link pad}. */
export type PadMode = 'constant' | 'reflect' | 'replicate';

/** Options of {@link pad}. */
export interface PadOptions {
  /** `'constant'` (default), `'reflect'` or `'replicate'`. */
  mode?: PadMode;
  /** The fill value of `'constant'` (default 0). */
  value?: number;
}

/** One padded dim: its index, the size before, the pads before and after. */
export interface PadDim {
  dim: number;
  size: number;
  before: number;
  after: number;
}

/**
 * The padded dims of `pad(x, pad, { mode })`, with F.pad's checks; `kind` names the
 * non-constant modes' node dimension (1 to 3).
 * (For @gradlab/autograd, through `@gradlab/tensor/internal`.)
 */
export function padPlan(x: Tensor, pad: readonly number[], mode: PadMode): { dims: PadDim[]; kind: number } {
  if (!Array.isArray(pad) || pad.some((p) => typeof p !== 'number' || !Number.isInteger(p))) {
    throw new ValueError('INVALID_ARGUMENT', `pad(): argument 'pad' must be an array of integers, got ${describeValue(pad)}`);
  }
  if (mode !== 'constant' && mode !== 'reflect' && mode !== 'replicate') {
    throw new ValueError('INVALID_ARGUMENT', `pad: mode ${formatValue(mode as string)} is not supported: use 'constant', 'reflect' or 'replicate'`);
  }
  if (pad.length % 2 !== 0) throw new ValueError('INVALID_ARGUMENT', 'Padding length must be divisible by 2');
  const n = pad.length / 2;
  if (n > x.ndim) throw new ValueError('INVALID_ARGUMENT', 'Padding length too large');
  let kind = 0;
  if (mode !== 'constant') {
    // F.pad of PyTorch 1.13: 1-D padding of 2-D/3-D inputs, 2-D of 3-D/4-D, 3-D of 4-D/5-D
    if (!(n >= 1 && n <= 3 && (x.ndim === n + 1 || x.ndim === n + 2))) {
      throw new ValueError('INVALID_ARGUMENT', 'Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
    }
    kind = n;
  }
  const dims: PadDim[] = [];
  for (let i = 0; i < n; i++) {
    const dim = x.ndim - 1 - i;
    const size = x.shape[dim]!;
    const before = pad[2 * i]!;
    const after = pad[2 * i + 1]!;
    if (mode === 'reflect' && (before >= size || after >= size)) {
      throw new ValueError(
        'INVALID_ARGUMENT',
        `Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${dim} of input ${formatShape(x.shape)}`,
      );
    }
    if (mode === 'replicate' && size === 0) {
      throw new ValueError('INVALID_ARGUMENT', `pad: replicate padding of an empty dim (dimension ${dim} of input ${formatShape(x.shape)})`);
    }
    if (size + before + after < 0 || (mode === 'constant' && size + before + after < 0)) {
      throw new ValueError('INVALID_ARGUMENT', `The input size ${size}, plus negative padding ${before} and ${after} resulted in a negative output size, which is invalid. Check dimension ${dim} of your input.`);
    }
    dims.push({ dim, size, before, after });
  }
  return { dims, kind };
}

/**
 * The int32 source index of each element of a padded dim (reflect or replicate).
 * (For @gradlab/autograd, through `@gradlab/tensor/internal`.)
 */
export function padIndex(d: PadDim, mode: 'reflect' | 'replicate'): Tensor {
  const length = d.size + d.before + d.after;
  const buf = allocate('int32', Math.max(length, 0));
  for (let k = 0; k < length; k++) {
    const j = k - d.before;
    buf[k] = mode === 'replicate' ? Math.min(Math.max(j, 0), d.size - 1) : j < 0 ? -j : j >= d.size ? 2 * (d.size - 1) - j : j;
  }
  return new Tensor(buf, [Math.max(length, 0)], 'int32');
}

/**
 * The backward of a reflect or replicate pad: each element's gradient added back to its source.
 * (For @gradlab/autograd, through `@gradlab/tensor/internal`.)
 */
export function padBackwardKernel(g: Tensor, dims: readonly PadDim[], mode: 'reflect' | 'replicate'): Tensor {
  let out = g;
  for (let i = dims.length - 1; i >= 0; i--) {
    const d = dims[i]!;
    const shape = out.shape.slice();
    shape[d.dim] = d.size;
    out = indexAdd(new Tensor(allocate(out.dtype, shapeSize(shape)), shape, out.dtype), d.dim, padIndex(d, mode), out);
  }
  return out;
}

/**
 * Pads the last `pad.length / 2` dims of `x`: `pad` lists (before, after) pairs from the last dim
 * backwards (PyTorch's `torch.nn.functional.pad`). `'constant'` fills with `value` (negative pads
 * crop), `'reflect'` mirrors without repeating the edge, `'replicate'` repeats the edge.
 *
 * @example
 * ```ts
 * pad(tensor([[1, 2, 3]]), [1, 1], { mode: 'reflect' }).toArray(); // [[2, 1, 2, 3, 2]]
 * ```
 */
export function pad(x: Tensor, pad: readonly number[], options: PadOptions = {}): Tensor {
  checkTensor(x, 'pad');
  if (options === null || typeof options !== 'object') {
    throw new ValueError('INVALID_ARGUMENT', `pad: 'options' must be an object, got ${describeValue(options)}`);
  }
  const mode = options.mode ?? 'constant';
  const { dims } = padPlan(x, pad, mode);
  if (mode !== 'constant') {
    let out = x;
    for (const d of dims) out = indexSelect(out, d.dim, padIndex(d, mode));
    return out;
  }
  const value = options.value ?? 0;
  if (typeof value !== 'number') throw new ValueError('INVALID_ARGUMENT', `pad: 'value' must be a number, got ${describeValue(value)}`);
  const shape = x.shape.slice();
  for (const d of dims) shape[d.dim] = d.size + d.before + d.after;
  const storage = allocate(x.dtype, shapeSize(shape));
  if (value !== 0) storage.fill(x.dtype === 'bool' ? 1 : value);
  const out = new Tensor(storage, shape, x.dtype);
  let src = x;
  let dst = out;
  for (const d of dims) {
    const cutBefore = Math.max(0, -d.before);
    const cutAfter = Math.max(0, -d.after);
    const length = d.size - cutBefore - cutAfter;
    if (length <= 0) return out;
    src = narrow(src, d.dim, cutBefore, length);
    dst = narrow(dst, d.dim, Math.max(0, d.before), length);
  }
  copyInto(dst, src);
  return out;
}

/**
 * The contracted dims of `tensordot(a, b, dims)` (a count: the last of `a` with the first of `b`;
 * or two lists), with PyTorch's checks, and the permutations and shapes of its one matrix product.
 * (For @gradlab/autograd, through `@gradlab/tensor/internal`.)
 */
export function tensordotPlan(
  aShape: readonly number[],
  bShape: readonly number[],
  dims: number | readonly [readonly number[], readonly number[]],
): { permA: number[]; permB: number[]; a2: [number, number]; b2: [number, number]; result: number[] } {
  let da: number[];
  let db: number[];
  if (typeof dims === 'number') {
    if (!Number.isInteger(dims) || dims < 0) throw new ValueError('INVALID_ARGUMENT', `tensordot expects dims >= 0, but got dims=${formatValue(dims)}`);
    if (dims > aShape.length || dims > bShape.length) {
      throw new ValueError('INVALID_ARGUMENT', `tensordot expects dims < ndim_a or ndim_b, but got dims=${dims}`);
    }
    da = Array.from({ length: dims }, (_, i) => aShape.length - dims + i);
    db = Array.from({ length: dims }, (_, i) => i);
  } else {
    if (!Array.isArray(dims) || dims.length !== 2 || !Array.isArray(dims[0]) || !Array.isArray(dims[1])) {
      throw new ValueError('INVALID_ARGUMENT', `tensordot: 'dims' must be a number or two arrays of dims, got ${describeValue(dims)}`);
    }
    if (dims[0].length !== dims[1].length) throw new ValueError('INVALID_ARGUMENT', 'both dimension lists should have same length');
    da = dims[0].map((d) => normalizeDim(d, aShape.length, 'tensordot'));
    db = dims[1].map((d) => normalizeDim(d, bShape.length, 'tensordot'));
  }
  let k = 1;
  for (let i = 0; i < da.length; i++) {
    const sa = aShape[da[i]!]!;
    const sb = bShape[db[i]!]!;
    if (sa !== sb) {
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `contracted dimensions need to match, but first has size ${sa} in dim ${da[i]} and second has size ${sb} in dim ${db[i]}`,
      );
    }
    k *= sa;
  }
  const freeA = aShape.map((_, i) => i).filter((i) => !da.includes(i));
  const freeB = bShape.map((_, i) => i).filter((i) => !db.includes(i));
  const m = shapeSize(freeA.map((i) => aShape[i]!));
  const n = shapeSize(freeB.map((i) => bShape[i]!));
  return {
    permA: [...freeA, ...da],
    permB: [...db, ...freeB],
    a2: [m, k],
    b2: [k, n],
    result: [...freeA.map((i) => aShape[i]!), ...freeB.map((i) => bShape[i]!)],
  };
}

/**
 * The sum of products of `a` and `b` over the dims `dims` names (a count: the last `dims` of `a`
 * with the first of `b`; or `[dimsOfA, dimsOfB]`), PyTorch's `torch.tensordot`.
 *
 * @example
 * ```ts
 * tensordot(ones([2, 3]), ones([3, 4]), 1).shape; // [2, 4]
 * ```
 */
export function tensordot(a: Tensor, b: Tensor, dims: number | readonly [readonly number[], readonly number[]] = 2): Tensor {
  checkTensor(a, 'tensordot');
  checkTensor(b, 'tensordot');
  const p = tensordotPlan(a.shape, b.shape, dims);
  return reshape(mm(reshape(permute(a, p.permA), p.a2), reshape(permute(b, p.permB), p.b2)), p.result);
}

/** How `einsum` treats one operand: diagonals to take, then a permutation and a shape over all letters. */
export interface EinsumOperandPlan {
  /** Pairs of dims to take the diagonal of, in order (each moves the diagonal last). */
  diagonals: [number, number][];
  /** The permutation to the order of the equation's letters. */
  perm: number[];
  /** The shape over all letters (1 for the letters it lacks). */
  shape: number[];
}

/**
 * The plan of `einsum(equation, ...operands)` for operands of `shapes`: per operand its
 * diagonals, permutation and broadcast shape, and the dims to sum at the end.
 * (For @gradlab/autograd, through `@gradlab/tensor/internal`.)
 */
export function einsumPlan(equation: string, shapes: readonly (readonly number[])[]): { operands: EinsumOperandPlan[]; sumDims: number[] } {
  if (typeof equation !== 'string') throw new ValueError('INVALID_ARGUMENT', `einsum(): 'equation' must be a string, got ${describeValue(equation)}`);
  const eq = equation.replace(/\s+/g, '');
  if (eq.includes('.')) throw new ValueError('INVALID_ARGUMENT', 'einsum(): ellipsis (...) is not supported by gradlab');
  const arrow = eq.indexOf('->');
  const lhs = arrow === -1 ? eq : eq.slice(0, arrow);
  const inputs = lhs.split(',');
  if (inputs.length > shapes.length) throw new ValueError('INVALID_ARGUMENT', 'einsum(): fewer operands were provided than specified in the equation');
  if (inputs.length < shapes.length) throw new ValueError('INVALID_ARGUMENT', 'einsum(): more operands were provided than specified in the equation');
  const valid = /^[a-zA-Z]*$/;
  const counts = new Map<string, number>();
  const sizes = new Map<string, number>();
  inputs.forEach((subs, i) => {
    if (!valid.test(subs)) throw new ValueError('INVALID_ARGUMENT', `einsum(): invalid subscript given at index ${i}`);
    if (subs.length !== shapes[i]!.length) {
      throw new ValueError(
        'INVALID_ARGUMENT',
        `einsum(): the number of subscripts in the equation (${subs.length}) does not match the number of dimensions (${shapes[i]!.length}) for operand ${i} and no ellipsis was given`,
      );
    }
    for (let k = 0; k < subs.length; k++) {
      const c = subs[k]!;
      counts.set(c, (counts.get(c) ?? 0) + 1);
      const size = shapes[i]![k]!;
      const known = sizes.get(c);
      if (known === undefined || known === 1) sizes.set(c, size);
      else if (size !== known && size !== 1) {
        throw new ShapeError('SHAPE_MISMATCH', `einsum(): operands do not broadcast with remapped shapes (original->remapped): subscript ${c} has sizes ${known} and ${size}`);
      }
    }
  });
  let output: string;
  if (arrow === -1) {
    output = [...counts.keys()].filter((c) => counts.get(c) === 1).sort().join('');
  } else {
    output = eq.slice(arrow + 2);
    if (!valid.test(output)) throw new ValueError('INVALID_ARGUMENT', 'einsum(): invalid subscript given in the output');
    for (let k = 0; k < output.length; k++) {
      const c = output[k]!;
      if (output.indexOf(c) !== k) throw new ValueError('INVALID_ARGUMENT', `einsum(): output subscript ${c} appears more than once in the output`);
      if (!counts.has(c)) throw new ValueError('INVALID_ARGUMENT', `einsum(): output subscript ${c} does not appear in the equation for any input operand`);
    }
  }
  const letters = [...output, ...[...counts.keys()].filter((c) => !output.includes(c))];
  const operands = inputs.map((subs, i) => {
    const shape = shapes[i]!.slice();
    const labels = [...subs];
    const diagonals: [number, number][] = [];
    for (;;) {
      let p = -1;
      let q = -1;
      for (let a = 0; a < labels.length && p < 0; a++) {
        const b = labels.indexOf(labels[a]!, a + 1);
        if (b >= 0) {
          p = a;
          q = b;
        }
      }
      if (p < 0) break;
      if (shape[p] !== shape[q]) {
        throw new ShapeError('SHAPE_MISMATCH', `einsum(): subscript ${labels[p]} is repeated for operand ${i} but the sizes don't match, ${shape[q]} != ${shape[p]}`);
      }
      diagonals.push([p, q]);
      const c = labels[p]!;
      const size = shape[p]!;
      labels.splice(q, 1);
      labels.splice(p, 1);
      shape.splice(q, 1);
      shape.splice(p, 1);
      labels.push(c);
      shape.push(size);
    }
    const present = letters.filter((c) => labels.includes(c));
    const perm = present.map((c) => labels.indexOf(c));
    const full = letters.map((c) => (labels.includes(c) ? shape[labels.indexOf(c)]! : 1));
    return { diagonals, perm, shape: full };
  });
  const sumDims: number[] = [];
  for (let d = output.length; d < letters.length; d++) sumDims.push(d);
  return { operands, sumDims };
}

/**
 * Einstein summation over the operands' subscripts (PyTorch's `torch.einsum` without ellipsis):
 * `'ij,jk->ik'` is a matrix product, `'ii->i'` a diagonal, `'i,j->ij'` an outer product;
 * without `->` the output is the letters used once, in alphabetical order.
 *
 * @example
 * ```ts
 * einsum('ij,jk->ik', ones([2, 3]), ones([3, 4])).shape; // [2, 4]
 * ```
 */
export function einsum(equation: string, ...operands: Tensor[]): Tensor {
  operands.forEach((x) => checkTensor(x, 'einsum'));
  const plan = einsumPlan(equation, operands.map((x) => x.shape));
  let product: Tensor | null = null;
  operands.forEach((x, i) => {
    const p = plan.operands[i]!;
    let y = x;
    for (const [a, b] of p.diagonals) y = diagonal(y, 0, a, b);
    y = reshape(permute(y, p.perm), p.shape);
    product = product === null ? y : mul(product, y);
  });
  const out = product!;
  if (plan.sumDims.length > 0) return sum(out, plan.sumDims);
  // a result that is only a view of one operand is still a new tensor, as PyTorch's einsum
  return out;
}

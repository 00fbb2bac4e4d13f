/*
 * The loops behind every elementwise op. An op supplies a *row kernel* that
 * processes `n` elements with given strides; the engine calls it once for a
 * contiguous operand (or a same-shape / tensor-scalar pair), else once per row
 * of the broadcast output after merging dims. Kernels are separate function
 * literals so that each stays monomorphic.
 */
import { allocateResult } from './pool';
import { castValue, type DType, type TypedArray } from './dtype';
import { cast } from './cast';
import { broadcastShapes, broadcastStrides, contiguousStrides, shapeSize, shapesEqual } from './shape';
import { coalesce, isContiguousLayout } from './strided';
import { denseStrides, elementwiseOrder } from './layout';

const NO_STRIDES: readonly number[] = [];

/** Row-major strides of a result; 0-d results (most of a scalar formula's) share one empty array. */
function resultStrides(shape: readonly number[]): readonly number[] {
  return shape.length === 0 ? NO_STRIDES : contiguousStrides(shape);
}
import { resultTensor, Tensor } from './tensor';

/** Reads `n` elements of `x` from `xo` by `xs` and writes them to `out` from `oo` (stride 1). */
export type UnaryKernel = (x: TypedArray, xo: number, xs: number, out: TypedArray, oo: number, n: number) => void;

/** Combines `a` (from `ao` by `as`) and `b` (from `bo` by `bs`) into `out` from `oo` (stride 1). */
export type BinaryKernel = (
  a: TypedArray,
  ao: number,
  as: number,
  b: TypedArray,
  bo: number,
  bs: number,
  out: TypedArray,
  oo: number,
  n: number,
) => void;

/** True when every stride is 0: all elements are the one at the offset (a 0-d tensor, or an expanded one). */
function allZero(strides: readonly number[]): boolean {
  for (let d = 0; d < strides.length; d++) if (strides[d] !== 0) return false;
  return true;
}

/**
 * Applies `kernel` to every element of `x`, writing a new contiguous tensor of `outDType`.
 *
 * @example
 * ```ts
 * mapUnary(x, 'float32', (x, xo, xs, out, oo, n) => { ... });
 * ```
 */
export function mapUnary(x: Tensor, outDType: DType, kernel: UnaryKernel): Tensor {
  const shape = x.shape;
  const n = shapeSize(shape);
  const out = allocateResult(outDType, n);
  if (isContiguousLayout(shape, x.strides)) {
    kernel(x.storage, x.offset, 1, out, 0, n);
    return resultTensor(out, shape, outDType, resultStrides(shape), 0);
  }
  // PyTorch's layout rule: the result is dense in the order of x's strides (x.T.exp() stays transposed)
  const order = elementwiseOrder(shape, [x.strides]);
  const list = [order === null ? x.strides.slice() : order.map((d) => x.strides[d]!)];
  const dims = coalesce(order === null ? shape : order.map((d) => shape[d]!), list);
  const strides = list[0]!;
  const nd = dims.length;
  const inner = dims[nd - 1]!;
  const innerStride = strides[nd - 1]!;
  const rows = n / inner;
  const counter = new Int32Array(nd);
  const src = x.storage;
  let xo = x.offset;
  let oo = 0;
  for (let r = 0; r < rows; r++) {
    kernel(src, xo, innerStride, out, oo, inner);
    oo += inner;
    for (let d = nd - 2; d >= 0; d--) {
      xo += strides[d]!;
      if (++counter[d]! < dims[d]!) break;
      xo -= strides[d]! * dims[d]!;
      counter[d] = 0;
    }
  }
  return resultTensor(out, shape, outDType, order === null ? resultStrides(shape) : denseStrides(shape, order), 0);
}

// `true` when `part` (ignoring leading size-1 dims) is the trailing dims of `whole`.
function isTrailing(part: readonly number[], whole: readonly number[]): boolean {
  let start = 0;
  while (start < part.length && part[start] === 1) start++;
  const k = part.length - start;
  if (k > whole.length) return false;
  for (let i = 0; i < k; i++) if (part[start + i] !== whole[whole.length - k + i]) return false;
  return true;
}

// Scratch storage for JS-number operands (read with stride 0). Safe because a
// kernel call never re-enters the engine.
const SCALAR_A = new Float64Array(1);
const SCALAR_B = new Float64Array(1);

/**
 * Applies `kernel` to the broadcast pair `(a, b)`. JS numbers must already be
 * converted to the computation dtype by the caller (`scalarA`/`scalarB`).
 *
 * @example
 * ```ts
 * mapBinary(a, b, 'float32', addKernel);
 * ```
 */
export function mapBinary(a: Tensor | number, b: Tensor | number, outDType: DType, kernel: BinaryKernel): Tensor {
  let aData: TypedArray;
  let aOffset: number;
  let aShape: readonly number[];
  let aStrides: readonly number[];
  if (typeof a === 'number') {
    SCALAR_A[0] = a;
    aData = SCALAR_A;
    aOffset = 0;
    aShape = [];
    aStrides = [];
  } else {
    aData = a.storage;
    aOffset = a.offset;
    aShape = a.shape;
    aStrides = a.strides;
  }
  let bData: TypedArray;
  let bOffset: number;
  let bShape: readonly number[];
  let bStrides: readonly number[];
  if (typeof b === 'number') {
    SCALAR_B[0] = b;
    bData = SCALAR_B;
    bOffset = 0;
    bShape = [];
    bStrides = [];
  } else {
    bData = b.storage;
    bOffset = b.offset;
    bShape = b.shape;
    bStrides = b.strides;
  }
  const shape =
    bShape.length === 0 || shapesEqual(aShape, bShape) ? aShape : aShape.length === 0 ? bShape : broadcastShapes(aShape, bShape);
  const n = shapeSize(shape);
  const out = allocateResult(outDType, n);
  if (n === 0) return new Tensor(out, shape, outDType);
  const aNumel = shapeSize(aShape);
  const bNumel = shapeSize(bShape);
  // Fast paths: the contiguous operands are read in output order with stride 1,
  // a one-element operand with stride 0.
  const aFlat = aNumel === n && isContiguousLayout(aShape, aStrides);
  const bFlat = bNumel === n && isContiguousLayout(bShape, bStrides);
  // (an operand expanded from one element, such as sum's gradient, has only zero strides)
  if ((aFlat || aNumel === 1 || allZero(aStrides)) && (bFlat || bNumel === 1 || allZero(bStrides))) {
    kernel(aData, aOffset, aFlat ? 1 : 0, bData, bOffset, bFlat ? 1 : 0, out, 0, n);
    return resultTensor(out, shape, outDType, resultStrides(shape), 0);
  }
  // Row broadcast (a bias [m] added to [n, m]): one operand is contiguous over
  // the whole output, the other contiguous and repeating every `period` elements.
  if (aFlat && bNumel > 0 && isTrailing(bShape, shape) && isContiguousLayout(bShape, bStrides)) {
    for (let o = 0; o < n; o += bNumel) kernel(aData, aOffset + o, 1, bData, bOffset, 1, out, o, bNumel);
    return resultTensor(out, shape, outDType, resultStrides(shape), 0);
  }
  if (bFlat && aNumel > 0 && isTrailing(aShape, shape) && isContiguousLayout(aShape, aStrides)) {
    for (let o = 0; o < n; o += aNumel) kernel(aData, aOffset, 1, bData, bOffset + o, 1, out, o, aNumel);
    return resultTensor(out, shape, outDType, resultStrides(shape), 0);
  }
  let list = [broadcastStrides(aShape, aStrides, shape), broadcastStrides(bShape, bStrides, shape)];
  // PyTorch's layout rule: the result is dense in the order of the operands' strides
  const order = elementwiseOrder(shape, list);
  const iterShape = order === null ? shape : order.map((d) => shape[d]!);
  if (order !== null) list = list.map((strides) => order.map((d) => strides[d]!));
  list.push(contiguousStrides(iterShape));
  const dims = coalesce(iterShape, list);
  const sa = list[0]!;
  const sb = list[1]!;
  const nd = dims.length;
  const inner = dims[nd - 1]!;
  const innerA = sa[nd - 1]!;
  const innerB = sb[nd - 1]!;
  const rows = n / inner;
  const counter = new Int32Array(nd);
  let ao = aOffset;
  let bo = bOffset;
  let oo = 0;
  for (let r = 0; r < rows; r++) {
    kernel(aData, ao, innerA, bData, bo, innerB, out, oo, inner);
    oo += inner;
    for (let d = nd - 2; d >= 0; d--) {
      ao += sa[d]!;
      bo += sb[d]!;
      if (++counter[d]! < dims[d]!) break;
      ao -= sa[d]! * dims[d]!;
      bo -= sb[d]! * dims[d]!;
      counter[d] = 0;
    }
  }
  return resultTensor(out, shape, outDType, order === null ? resultStrides(shape) : denseStrides(shape, order), 0);
}

/** Combines three broadcast operands into `out` from `oo` (stride 1). */
export type TernaryKernel = (
  a: TypedArray,
  ao: number,
  as: number,
  b: TypedArray,
  bo: number,
  bs: number,
  c: TypedArray,
  co: number,
  cs: number,
  out: TypedArray,
  oo: number,
  n: number,
) => void;

const SCALAR_TERNARY = [new Float64Array(1), new Float64Array(1), new Float64Array(1)] as const;

/**
 * Applies `kernel` to three broadcast operands (JS numbers are read with stride 0).
 *
 * @example
 * ```ts
 * mapTernary(condition, a, b, 'float32', whereKernel);
 * ```
 */
export function mapTernary(
  a: Tensor | number,
  b: Tensor | number,
  c: Tensor | number,
  outDType: DType,
  kernel: TernaryKernel,
): Tensor {
  const operands = [a, b, c];
  const data: TypedArray[] = [];
  const offsets: number[] = [];
  const shapes: (readonly number[])[] = [];
  const stridesOf: (readonly number[])[] = [];
  let shape: readonly number[] = [];
  for (let k = 0; k < 3; k++) {
    const x = operands[k]!;
    if (typeof x === 'number') {
      const scratch = SCALAR_TERNARY[k as 0 | 1 | 2];
      scratch[0] = x;
      data.push(scratch);
      offsets.push(0);
      shapes.push([]);
      stridesOf.push([]);
    } else {
      data.push(x.storage);
      offsets.push(x.offset);
      shapes.push(x.shape);
      stridesOf.push(x.strides);
      shape = shapesEqual(shape, x.shape) ? shape : broadcastShapes(shape, x.shape);
    }
  }
  const n = shapeSize(shape);
  const out = allocateResult(outDType, n);
  if (n === 0) return new Tensor(out, shape, outDType);
  let list = [
    broadcastStrides(shapes[0]!, stridesOf[0]!, shape),
    broadcastStrides(shapes[1]!, stridesOf[1]!, shape),
    broadcastStrides(shapes[2]!, stridesOf[2]!, shape),
  ];
  const order = elementwiseOrder(shape, list);
  const iterShape = order === null ? shape : order.map((d) => shape[d]!);
  if (order !== null) list = list.map((strides) => order.map((d) => strides[d]!));
  list.push(contiguousStrides(iterShape));
  const dims = coalesce(iterShape, list);
  const [sa, sb, sc] = list as [number[], number[], number[]];
  const nd = dims.length;
  const inner = dims[nd - 1]!;
  const rows = n / inner;
  const counter = new Int32Array(nd);
  let ao = offsets[0]!;
  let bo = offsets[1]!;
  let co = offsets[2]!;
  let oo = 0;
  for (let r = 0; r < rows; r++) {
    kernel(data[0]!, ao, sa[nd - 1]!, data[1]!, bo, sb[nd - 1]!, data[2]!, co, sc[nd - 1]!, out, oo, inner);
    oo += inner;
    for (let d = nd - 2; d >= 0; d--) {
      ao += sa[d]!;
      bo += sb[d]!;
      co += sc[d]!;
      if (++counter[d]! < dims[d]!) break;
      ao -= sa[d]! * dims[d]!;
      bo -= sb[d]! * dims[d]!;
      co -= sc[d]! * dims[d]!;
      counter[d] = 0;
    }
  }
  return resultTensor(out, shape, outDType, order === null ? resultStrides(shape) : denseStrides(shape, order), 0);
}

/**
 * Prepares an operand for a kernel computing in `dtype`: JS scalars and 0-d
 * tensors become numbers of that dtype (so float32 ops see float32(0.1), as in
 * PyTorch), int32 tensors entering a float32 computation are converted first
 * (rounding beyond 2^24 exactly as PyTorch does); other tensors pass as they are.
 *
 * @example
 * ```ts
 * toOperand(0.1, 'float32'); // 0.10000000149011612
 * ```
 */
export function toOperand(x: Tensor | number | boolean, dtype: DType): Tensor | number {
  if (typeof x === 'object') {
    if (x.dtype === dtype) return x;
    if (x.shape.length === 0) return castValue(x.storage[x.offset]!, dtype);
    if (x.dtype === 'int32' && dtype === 'float32') return cast(x, 'float32');
    return x;
  }
  return castValue(x, dtype);
}

import { allocate, dtypeOfArray, isDType, type DType, type NestedArray, type TypedArray } from './dtype';
import { DTypeError, IndexError, ShapeError, ValueError, describeValue, formatValue } from './errors';
import { contiguousStrides, formatShape, normalizeDim, shapeSize } from './shape';
import { gatherContiguous, isContiguousLayout } from './strided';
import type { TensorLike } from './promotion';
import { formatTensor } from './format-tensor';
import * as views from './views';
import { cast } from './cast';
import * as unary from './unary';
import * as binary from './binary';
import { clamp } from './clamp';
import { where } from './where';
import * as reduce from './reduce';
import { logSoftmax, softmax } from './softmax';
import { sumTo } from './sum-to';
import { addmm, bmm, matmul, mm, type AddmmOptions } from './matmul';
import { versionOf } from './version';
// indexing (issue 15)
import * as indexing from './indexing';
import * as advanced from './advanced-indexing';

import * as pointwise from './pointwise'; // elementwise (issue 15)
import * as rearrange from './rearrange'; // shapes (issue 15)

import * as statistics from './statistics'; // reductions (issue 15)
import * as sorting from './sorting'; // reductions (issue 15)

// One instanceof check instead of dtypeOfArray's chain: this runs for every op result.
function storageMatches(storage: TypedArray, dtype: DType): boolean {
  switch (dtype) {
    case 'float32':
      return storage instanceof Float32Array;
    case 'float64':
      return storage instanceof Float64Array;
    case 'int32':
      return storage instanceof Int32Array;
    case 'bool':
      return storage instanceof Uint8Array;
    default:
      return false;
  }
}

let trustedResult = false;

/**
 * Internal (not exported from the package): a tensor for a result a kernel of
 * this package has just built, without the public constructor's checks (which
 * cost ~5% of a small op). The caller guarantees that `storage` holds `dtype`,
 * that `strides` has one entry per dim and that the view stays inside the storage.
 */
export function resultTensor(
  storage: TypedArray,
  shape: readonly number[],
  dtype: DType,
  strides: readonly number[],
  offset: number,
): Tensor {
  trustedResult = true;
  return new Tensor(storage, shape, dtype, strides, offset);
}

/** The result of `max(x, dim)` / `min(x, dim)`: the values and the int32 indices where they occur. */
export interface ValuesIndices {
  values: Tensor;
  indices: Tensor;
}

type ShapeArgs = [shape: readonly number[]] | number[];

function shapeFromArgs(args: ShapeArgs): readonly number[] {
  const first = args[0];
  return args.length === 1 && Array.isArray(first) ? first : (args as number[]);
}

/**
 * An n-dimensional array: a typed-array `storage` read through `shape`,
 * `strides` and `offset`, with a `dtype`. Views (reshape, transpose, slice,
 * expand, ...) share the storage; every other op returns a new tensor.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]]);
 * x.T.matmul(x).sum().item(); // 52
 * String(x.at(0)); // 'tensor([1., 2.])'
 * ```
 */
export class Tensor {
  /**
   * The backing typed array (bool tensors use 0/1 in a `Uint8Array`). NOTE: a
   * small op result may be a view into a shared `ArrayBuffer`; use the typed
   * array itself, not `storage.buffer`.
   */
  readonly storage: TypedArray;
  /** The size of each dim. */
  readonly shape: readonly number[];
  /** How many storage elements to step per index along each dim. */
  readonly strides: readonly number[];
  /** Storage index of the first element. */
  readonly offset: number;
  /** The element type. */
  readonly dtype: DType;

  /**
   * Wraps a storage without copying. `strides` default to row-major; the view
   * must stay inside the storage.
   *
   * @example
   * ```ts
   * new Tensor(new Float32Array([1, 2, 3, 4]), [2, 2], 'float32');
   * ```
   */
  constructor(storage: TypedArray, shape: readonly number[], dtype: DType, strides?: readonly number[], offset = 0) {
    if (trustedResult) {
      // an op's own result (see `resultTensor`): already consistent, skip the checks
      trustedResult = false;
      this.storage = storage;
      this.shape = shape;
      this.strides = strides!;
      this.offset = offset;
      this.dtype = dtype;
      return;
    }
    if (!storageMatches(storage, dtype)) {
      if (!isDType(dtype)) throw new DTypeError(`Tensor: unknown dtype ${formatValue(dtype)}`);
      dtypeOfArray(storage); // throws for arrays that are no storage at all
      throw new DTypeError(`Tensor: storage ${storage.constructor.name} does not hold dtype ${dtype}`);
    }
    const st = strides ?? contiguousStrides(shape);
    if (st.length !== shape.length) {
      throw new ShapeError(
        'INVALID_SHAPE',
        `Tensor: 'strides' has ${st.length} entries, expected ${shape.length} (one per dim of shape ${formatShape(shape)})`,
      );
    }
    // bounds check: the farthest element the view can reach must be inside the storage
    let lo = offset;
    let hi = offset;
    let empty = false;
    for (let d = 0; d < shape.length; d++) {
      const size = shape[d]!;
      if (!(size >= 0) || !Number.isInteger(size)) {
        throw new ShapeError('INVALID_SHAPE', `Tensor: 'shape' must contain non-negative integers, got ${formatShape(shape)}`);
      }
      if (size === 0) empty = true;
      if (!Number.isInteger(st[d])) {
        throw new ShapeError('INVALID_SHAPE', `Tensor: 'strides' must contain integers, got ${formatShape(st)}`);
      }
      const step = st[d]! * (size - 1);
      if (step > 0) hi += step;
      else lo += step;
    }
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new IndexError('INDEX_OUT_OF_RANGE', `Tensor: 'offset' must be a non-negative integer, got ${formatValue(offset)}`);
    }
    if (!empty && (lo < 0 || hi >= storage.length)) {
      throw new IndexError(
        'INDEX_OUT_OF_RANGE',
        `Tensor: a view of shape ${formatShape(shape)}, strides ${formatShape(st)} and offset ${offset} reaches outside a storage of ${storage.length} elements`,
      );
    }
    this.storage = storage;
    this.shape = shape;
    this.strides = st;
    this.offset = offset;
    this.dtype = dtype;
  }

  /** The number of dims. */
  get ndim(): number {
    return this.shape.length;
  }

  /**
   * PyTorch's `x._version`: the in-place writes to this tensor's memory so far (see
   * {@link markModified}; views share it).
   */
  get _version(): number {
    return versionOf(this);
  }

  /** The number of elements. */
  numel(): number {
    return shapeSize(this.shape);
  }

  /** PyTorch's `x.dim()`: the number of dims. */
  dim(): number {
    return this.shape.length;
  }

  /**
   * The shape, or the size of one dim (negative dims count from the end).
   *
   * @example
   * ```ts
   * zeros([2, 3]).size(-1); // 3
   * ```
   */
  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): number | readonly number[] {
    if (dim === undefined) return this.shape;
    if (this.shape.length === 0) {
      throw new IndexError('INVALID_DIM', `size: dimension specified as ${dim} but tensor has no dimensions`);
    }
    return this.shape[normalizeDim(dim, this.shape.length, 'size')]!;
  }

  /** `true` when the elements are laid out row-major without gaps (size-1 dims ignored). */
  isContiguous(): boolean {
    return isContiguousLayout(this.shape, this.strides);
  }

  /**
   * The value of a one-element tensor (bool gives 0 or 1).
   *
   * @example
   * ```ts
   * tensor([[2.5]]).item(); // 2.5
   * ```
   */
  item(): number {
    const n = this.numel();
    if (n !== 1) {
      throw new ValueError('INVALID_ARGUMENT', `item: a Tensor with ${n} elements cannot be converted to Scalar`);
    }
    return this.storage[this.offset]!;
  }

  /**
   * The values as nested JS arrays (a number for a 0-d tensor; booleans for
   * bool tensors).
   *
   * @example
   * ```ts
   * tensor([[1, 2]]).toArray(); // [[1, 2]]
   * ```
   */
  toArray(): NestedArray {
    // a contiguous tensor is read in place from `offset` (no subarray, no copy)
    const contiguous = this.isContiguous();
    const values = contiguous ? this.storage : this.dataSync();
    const isBool = this.dtype === 'bool';
    const shape = this.shape;
    let position = contiguous ? this.offset : 0;
    if (shape.length === 0) return isBool ? values[position] !== 0 : values[position]!;
    const build = (d: number): NestedArray[] => {
      const size = shape[d]!;
      const out = new Array<NestedArray>(size);
      if (d === shape.length - 1) {
        for (let i = 0; i < size; i++) out[i] = isBool ? values[position++] !== 0 : values[position++]!;
      } else {
        for (let i = 0; i < size; i++) out[i] = build(d + 1);
      }
      return out;
    };
    return build(0);
  }

  /**
   * The elements in row-major order as a typed array of the tensor's dtype.
   * NOTE: for a contiguous tensor this may be a view of the storage itself;
   * copy it before writing to it.
   *
   * @example
   * ```ts
   * tensor([[1, 2], [3, 4]]).T.dataSync(); // Float32Array [1, 3, 2, 4]
   * ```
   */
  dataSync(): TypedArray {
    const n = this.numel();
    if (this.isContiguous()) return this.storage.subarray(this.offset, this.offset + n);
    return gatherContiguous(this.storage, this.offset, this.shape, this.strides, this.dtype);
  }

  /** PyTorch's repr, e.g. `tensor([3.7730, 1.8865])`. */
  toString(): string {
    return formatTensor(this);
  }

  // ---- views and movement -------------------------------------------------

  /** See {@link views.reshape}. Accepts `x.reshape([2, 3])` or `x.reshape(2, 3)`. */
  reshape(...shape: ShapeArgs): Tensor {
    return views.reshape(this, shapeFromArgs(shape));
  }
  /** See {@link views.view}. Accepts `x.view([2, 3])` or `x.view(2, 3)`. */
  view(...shape: ShapeArgs): Tensor {
    return views.view(this, shapeFromArgs(shape));
  }
  /** See {@link views.flatten}. */
  flatten(startDim = 0, endDim = -1): Tensor {
    return views.flatten(this, startDim, endDim);
  }
  /** See {@link views.squeeze}. */
  squeeze(dim?: number | readonly number[]): Tensor {
    return views.squeeze(this, dim);
  }
  /** See {@link views.unsqueeze}. */
  unsqueeze(dim: number): Tensor {
    return views.unsqueeze(this, dim);
  }
  /** See {@link views.transpose}. */
  transpose(dim0: number, dim1: number): Tensor {
    return views.transpose(this, dim0, dim1);
  }
  /** See {@link views.permute}. Accepts `x.permute([1, 0])` or `x.permute(1, 0)`. */
  permute(...dims: ShapeArgs): Tensor {
    return views.permute(this, shapeFromArgs(dims));
  }
  /** PyTorch's `x.t()`: transpose of a tensor with at most 2 dims. */
  t(): Tensor {
    return views.t(this);
  }
  /** All dims reversed (PyTorch's `x.T`). */
  get T(): Tensor {
    return views.T(this);
  }
  /** The last two dims swapped (PyTorch's `x.mT`). */
  get mT(): Tensor {
    return views.mT(this);
  }
  /** See {@link views.expand}. Accepts `x.expand([2, 3])` or `x.expand(2, 3)`. */
  expand(...shape: ShapeArgs): Tensor {
    return views.expand(this, shapeFromArgs(shape));
  }
  /** `x.expand(other.shape)`. */
  expandAs(other: Tensor): Tensor {
    if (!(other instanceof Tensor)) throw new DTypeError(`expandAs: 'other' must be a Tensor, got ${describeValue(other)}`);
    return views.expand(this, other.shape);
  }
  /** See {@link views.broadcastTo}. */
  broadcastTo(shape: readonly number[]): Tensor {
    return views.broadcastTo(this, shape);
  }
  /** See {@link views.select}. */
  select(dim: number, index: number): Tensor {
    return views.select(this, dim, index);
  }
  /** PyTorch's `x[index]`: see {@link views.at}. */
  at(index: number): Tensor {
    return views.at(this, index);
  }
  /** PyTorch's `x[..., start:stop:step, ...]` along `dim`: see {@link views.slice}. */
  slice(dim: number, start?: number | null, stop?: number | null, step?: number): Tensor {
    return views.slice(this, dim, start, stop, step);
  }
  /** See {@link views.movedim}. */
  movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor {
    return views.movedim(this, source, destination);
  }
  /** See {@link views.narrow}. */
  narrow(dim: number, start: number, length: number): Tensor {
    return views.narrow(this, dim, start, length);
  }
  /** This tensor if contiguous, else a row-major copy. */
  contiguous(): Tensor {
    return views.contiguous(this);
  }
  /** A row-major copy with its own storage. */
  clone(): Tensor {
    return views.clone(this);
  }
  /** This tensor if it has `dtype` already, else a converted copy. */
  to(dtype: DType): Tensor {
    return cast(this, dtype);
  }
  /** `x.to('float32')`. */
  float(): Tensor {
    return cast(this, 'float32');
  }
  /** `x.to('float64')`. */
  double(): Tensor {
    return cast(this, 'float64');
  }
  /** `x.to('int32')` (truncates toward zero). */
  int(): Tensor {
    return cast(this, 'int32');
  }
  /** `x.to('bool')` (non-zero, including NaN, is true). */
  bool(): Tensor {
    return cast(this, 'bool');
  }

  // ---- elementwise ---------------------------------------------------------

  /** `this + other`, broadcasting. */
  add(other: TensorLike): Tensor {
    return binary.add(this, other);
  }
  /** `this - other`, broadcasting. */
  sub(other: TensorLike): Tensor {
    return binary.sub(this, other);
  }
  /** `this * other`, broadcasting. */
  mul(other: TensorLike): Tensor {
    return binary.mul(this, other);
  }
  /** `this / other` (true division), broadcasting. */
  div(other: TensorLike): Tensor {
    return binary.div(this, other);
  }
  /** `this ** exponent`, broadcasting. */
  pow(exponent: TensorLike): Tensor {
    return binary.pow(this, exponent);
  }
  /** Elementwise maximum, NaN-propagating. */
  maximum(other: TensorLike): Tensor {
    return binary.maximum(this, other);
  }
  /** Elementwise minimum, NaN-propagating. */
  minimum(other: TensorLike): Tensor {
    return binary.minimum(this, other);
  }
  /** `this == other` as a bool tensor. */
  eq(other: TensorLike): Tensor {
    return binary.eq(this, other);
  }
  /** `this != other` as a bool tensor. */
  ne(other: TensorLike): Tensor {
    return binary.ne(this, other);
  }
  /** `this > other` as a bool tensor. */
  gt(other: TensorLike): Tensor {
    return binary.gt(this, other);
  }
  /** `this >= other` as a bool tensor. */
  ge(other: TensorLike): Tensor {
    return binary.ge(this, other);
  }
  /** `this < other` as a bool tensor. */
  lt(other: TensorLike): Tensor {
    return binary.lt(this, other);
  }
  /** `this <= other` as a bool tensor. */
  le(other: TensorLike): Tensor {
    return binary.le(this, other);
  }
  /** PyTorch's `x.where(condition, other)`: `where(condition, this, other)`. */
  where(condition: Tensor, other: TensorLike): Tensor {
    return where(condition, this, other);
  }
  /** Clamps into `[min, max]`; either bound may be omitted (`null`/`undefined`). */
  clamp(min?: TensorLike | null, max?: TensorLike | null): Tensor {
    return clamp(this, min, max);
  }
  /** `-this`. */
  neg(): Tensor {
    return unary.neg(this);
  }
  /** `|this|`. */
  abs(): Tensor {
    return unary.abs(this);
  }
  /** `e ** this`. */
  exp(): Tensor {
    return unary.exp(this);
  }
  /** Natural logarithm (`log(0) = -Infinity`, negative gives NaN). */
  log(): Tensor {
    return unary.log(this);
  }
  /** `log(1 + this)`, accurate near 0. */
  log1p(): Tensor {
    return unary.log1p(this);
  }
  /** `e ** this - 1`, accurate near 0. */
  expm1(): Tensor {
    return unary.expm1(this);
  }
  /** Square root. */
  sqrt(): Tensor {
    return unary.sqrt(this);
  }
  /** `1 / this`. */
  reciprocal(): Tensor {
    return unary.reciprocal(this);
  }
  /** Sine. */
  sin(): Tensor {
    return unary.sin(this);
  }
  /** Cosine. */
  cos(): Tensor {
    return unary.cos(this);
  }
  /** Tangent. */
  tan(): Tensor {
    return unary.tan(this);
  }
  /** Arc tangent. */
  atan(): Tensor {
    return unary.atan(this);
  }
  /** Hyperbolic tangent. */
  tanh(): Tensor {
    return unary.tanh(this);
  }
  /** Logistic sigmoid `1 / (1 + e ** -this)`. */
  sigmoid(): Tensor {
    return unary.sigmoid(this);
  }
  /** `max(this, 0)`, NaN-propagating. */
  relu(): Tensor {
    return unary.relu(this);
  }
  /** `this` where positive, `negativeSlope * this` elsewhere. */
  leakyRelu(negativeSlope = 0.01): Tensor {
    return unary.leakyRelu(this, negativeSlope);
  }
  /** -1, 0 or 1 (NaN stays NaN). */
  sign(): Tensor {
    return unary.sign(this);
  }
  /** `this * this`. */
  square(): Tensor {
    return unary.square(this);
  }

  // ---- reductions ----------------------------------------------------------

  /** See {@link reduce.sum}. */
  sum(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return reduce.sum(this, dim, keepdim);
  }
  /** See {@link reduce.mean}. */
  mean(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return reduce.mean(this, dim, keepdim);
  }
  /** See {@link reduce.prod}. */
  prod(dim?: number | readonly number[] | null, keepdim = false): Tensor {
    return reduce.prod(this, dim, keepdim);
  }
  /** The largest element (0-d), or `{ values, indices }` along `dim`. See {@link reduce.max}. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): ValuesIndices;
  max(dim?: number, keepdim = false): Tensor | ValuesIndices {
    return dim === undefined ? reduce.max(this) : reduce.max(this, dim, keepdim);
  }
  /** The smallest element (0-d), or `{ values, indices }` along `dim`. See {@link reduce.min}. */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): ValuesIndices;
  min(dim?: number, keepdim = false): Tensor | ValuesIndices {
    return dim === undefined ? reduce.min(this) : reduce.min(this, dim, keepdim);
  }
  /** See {@link reduce.argmax}. */
  argmax(dim?: number | null, keepdim = false): Tensor {
    return reduce.argmax(this, dim, keepdim);
  }
  /** See {@link reduce.argmin}. */
  argmin(dim?: number | null, keepdim = false): Tensor {
    return reduce.argmin(this, dim, keepdim);
  }
  /** Softmax along `dim`, stable for large logits. */
  softmax(dim: number): Tensor {
    return softmax(this, dim);
  }
  /** Log-softmax along `dim`, stable for large logits. */
  logSoftmax(dim: number): Tensor {
    return logSoftmax(this, dim);
  }
  /** Sums a broadcast result back to `shape` (see {@link sumTo}). */
  sumTo(shape: readonly number[]): Tensor {
    return sumTo(this, shape);
  }

  // ---- linear algebra ------------------------------------------------------

  /** Matrix product with PyTorch's 1-D, 2-D and batched rules. */
  matmul(other: Tensor): Tensor {
    return matmul(this, other);
  }
  /** Product of two matrices. */
  mm(other: Tensor): Tensor {
    return mm(this, other);
  }
  /** Batched product of `[b, n, m]` and `[b, m, p]`. */
  bmm(other: Tensor): Tensor {
    return bmm(this, other);
  }
  /** `beta * this + alpha * (mat1 @ mat2)`, as `torch.addmm` (see {@link addmm}). */
  addmm(mat1: Tensor, mat2: Tensor, options?: AddmmOptions): Tensor {
    return addmm(this, mat1, mat2, options);
  }

  // ---- indexing (issue 15) ---------------------------------------------------

  /** `torch.index_select`: the entries at `index` (int32, 1-D) along `dim`. */
  indexSelect(dim: number, index: Tensor): Tensor {
    return indexing.indexSelect(this, dim, index);
  }
  /** `torch.gather`: `out[i][j] = this[index[i][j]][j]` along `dim`. */
  gather(dim: number, index: Tensor): Tensor {
    return indexing.gather(this, dim, index);
  }
  /** `torch.scatter`: a copy with `src` written at `index` along `dim` (optionally reduced). */
  scatter(dim: number, index: Tensor, src: Tensor | number | boolean, options?: indexing.ScatterOptions): Tensor {
    return indexing.scatter(this, dim, index, src, options);
  }
  /** `torch.scatter_add`: a copy with `src` added at `index` along `dim`. */
  scatterAdd(dim: number, index: Tensor, src: Tensor): Tensor {
    return indexing.scatterAdd(this, dim, index, src);
  }
  /** `torch.take`: the elements at flat positions `index`. */
  take(index: Tensor): Tensor {
    return indexing.take(this, index);
  }
  /** `torch.masked_fill`: a copy with `value` where `mask` is true. */
  maskedFill(mask: Tensor, value: number | boolean | Tensor): Tensor {
    return indexing.maskedFill(this, mask, value);
  }
  /** `torch.masked_select`: the elements where `mask` is true, 1-D. */
  maskedSelect(mask: Tensor): Tensor {
    return indexing.maskedSelect(this, mask);
  }
  /** `torch.nonzero`: the indices of the non-zero elements (`[count, ndim]`, or one tensor per dim). */
  nonzero(): Tensor;
  nonzero(options: indexing.NonzeroOptions & { asTuple: true }): Tensor[];
  nonzero(options?: indexing.NonzeroOptions): Tensor | Tensor[];
  nonzero(options?: indexing.NonzeroOptions): Tensor | Tensor[] {
    return indexing.nonzero(this, options);
  }
  /** PyTorch's `x[...]`: numbers, slices (`sl(1, 3)` or `'1:3'`), `null`, `'...'`, int32 tensors, bool masks (see `index`). */
  index(...spec: advanced.IndexItem[]): Tensor {
    return advanced.index(this, ...spec);
  }
  /** `torch.index_put` out of place: a copy with `values` at `this[indices]` (added with `{ accumulate: true }`). */
  indexPut(indices: readonly (Tensor | readonly number[] | null)[], values: Tensor | number, options?: advanced.IndexPutOptions): Tensor {
    return advanced.indexPut(this, indices, values, options);
  }

  // ---- elementwise (issue 15) ----------------------------------------------

  /** Base-2 logarithm. */
  log2(): Tensor {
    return unary.log2(this);
  }
  /** Base-10 logarithm. */
  log10(): Tensor {
    return unary.log10(this);
  }
  /** `2 ** this`. */
  exp2(): Tensor {
    return unary.exp2(this);
  }
  /** `1 / sqrt(this)`. */
  rsqrt(): Tensor {
    return unary.rsqrt(this);
  }
  /** Hyperbolic sine. */
  sinh(): Tensor {
    return unary.sinh(this);
  }
  /** Hyperbolic cosine. */
  cosh(): Tensor {
    return unary.cosh(this);
  }
  /** Inverse hyperbolic sine. */
  asinh(): Tensor {
    return unary.asinh(this);
  }
  /** Inverse hyperbolic cosine. */
  acosh(): Tensor {
    return unary.acosh(this);
  }
  /** Inverse hyperbolic tangent. */
  atanh(): Tensor {
    return unary.atanh(this);
  }
  /** Arc sine. */
  asin(): Tensor {
    return unary.asin(this);
  }
  /** Arc cosine. */
  acos(): Tensor {
    return unary.acos(this);
  }
  /** The error function. */
  erf(): Tensor {
    return unary.erf(this);
  }
  /** `1 - erf(this)`, accurate where it is tiny. */
  erfc(): Tensor {
    return unary.erfc(this);
  }
  /** SiLU, `this * sigmoid(this)`. */
  silu(): Tensor {
    return unary.silu(this);
  }
  /** Softplus, see {@link unary.softplus}. */
  softplus(beta = 1, threshold = 20): Tensor {
    return unary.softplus(this, beta, threshold);
  }
  /** ELU, see {@link unary.elu}. */
  elu(alpha = 1): Tensor {
    return unary.elu(this, alpha);
  }
  /** SELU, see {@link unary.selu}. */
  selu(): Tensor {
    return unary.selu(this);
  }
  /** GELU, see {@link unary.gelu}. */
  gelu(approximate: unary.GeluApproximate = 'none'): Tensor {
    return unary.gelu(this, approximate);
  }
  /** Clamps into `[minVal, maxVal]`, see {@link unary.hardtanh}. */
  hardtanh(minVal = -1, maxVal = 1): Tensor {
    return unary.hardtanh(this, minVal, maxVal);
  }
  /** `log(sigmoid(this))`, stable. */
  logSigmoid(): Tensor {
    return unary.logSigmoid(this);
  }
  /** Rounds down. */
  floor(): Tensor {
    return unary.floor(this);
  }
  /** Rounds up. */
  ceil(): Tensor {
    return unary.ceil(this);
  }
  /** Rounds halves to even, or to `decimals` places, see {@link unary.round}. */
  round(options?: unary.RoundOptions): Tensor {
    return unary.round(this, options);
  }
  /** Rounds toward zero. */
  trunc(): Tensor {
    return unary.trunc(this);
  }
  /** `this - trunc(this)`. */
  frac(): Tensor {
    return unary.frac(this);
  }
  /** C's fmod (the sign of `this`), see {@link binary.fmod}. */
  fmod(other: TensorLike): Tensor {
    return binary.fmod(this, other);
  }
  /** Python's modulo (the sign of `other`), see {@link binary.remainder}. */
  remainder(other: TensorLike): Tensor {
    return binary.remainder(this, other);
  }
  /** The angle of `(other, this)`, see {@link binary.atan2}. */
  atan2(other: TensorLike): Tensor {
    return binary.atan2(this, other);
  }
  /** `true` where NaN. */
  isnan(): Tensor {
    return unary.isnan(this);
  }
  /** `true` where infinite. */
  isinf(): Tensor {
    return unary.isinf(this);
  }
  /** `true` where finite. */
  isfinite(): Tensor {
    return unary.isfinite(this);
  }
  /** `this && other` as a bool tensor. */
  logicalAnd(other: TensorLike): Tensor {
    return binary.logicalAnd(this, other);
  }
  /** `this || other` as a bool tensor. */
  logicalOr(other: TensorLike): Tensor {
    return binary.logicalOr(this, other);
  }
  /** Exclusive or of the truth values, as a bool tensor. */
  logicalXor(other: TensorLike): Tensor {
    return binary.logicalXor(this, other);
  }
  /** `!this` as a bool tensor. */
  logicalNot(): Tensor {
    return unary.logicalNot(this);
  }
  /** Bitwise and (int32, bool). */
  bitwiseAnd(other: TensorLike): Tensor {
    return binary.bitwiseAnd(this, other);
  }
  /** Bitwise or (int32, bool). */
  bitwiseOr(other: TensorLike): Tensor {
    return binary.bitwiseOr(this, other);
  }
  /** Bitwise exclusive or (int32, bool). */
  bitwiseXor(other: TensorLike): Tensor {
    return binary.bitwiseXor(this, other);
  }
  /** Bitwise not (int32, bool). */
  bitwiseNot(): Tensor {
    return unary.bitwiseNot(this);
  }
  /** Elementwise closeness, see {@link binary.isclose}. */
  isclose(other: Tensor, options?: binary.IsCloseOptions): Tensor {
    return binary.isclose(this, other, options);
  }
  /** `true` when every element is close, see {@link binary.allclose}. */
  allclose(other: Tensor, options?: binary.IsCloseOptions): boolean {
    return binary.allclose(this, other, options);
  }
  /** Replaces NaN and infinities, see {@link unary.nanToNum}. */
  nanToNum(options?: unary.NanToNumOptions): Tensor {
    return unary.nanToNum(this, options);
  }
  /** Linear interpolation towards `end`, see {@link pointwise.lerp}. */
  lerp(end: Tensor, weight: TensorLike): Tensor {
    return pointwise.lerp(this, end, weight);
  }
  /** `this + value * tensor1 * tensor2`, see {@link pointwise.addcmul}. */
  addcmul(tensor1: Tensor, tensor2: Tensor, options?: pointwise.AddcOptions): Tensor {
    return pointwise.addcmul(this, tensor1, tensor2, options);
  }
  /** `this + value * tensor1 / tensor2`, see {@link pointwise.addcdiv}. */
  addcdiv(tensor1: Tensor, tensor2: Tensor, options?: pointwise.AddcOptions): Tensor {
    return pointwise.addcdiv(this, tensor1, tensor2, options);
  }

  // ---- shapes (issue 15) ----------------------------------------------------
  /** Pieces along `dim` (views), see {@link rearrange.split}. */
  split(sizeOrSections: number | readonly number[], dim = 0): Tensor[] { return rearrange.split(this, sizeOrSections, dim); }
  /** At most `chunks` pieces along `dim` (views), see {@link rearrange.chunk}. */
  chunk(chunks: number, dim = 0): Tensor[] { return rearrange.chunk(this, chunks, dim); }
  /** The slices along `dim` (views), see {@link rearrange.unbind}. */
  unbind(dim = 0): Tensor[] { return rearrange.unbind(this, dim); }
  /** Reversed along `dims`, see {@link rearrange.flip}. */
  flip(dims: number | readonly number[]): Tensor { return rearrange.flip(this, dims); }
  /** Rolled by `shifts` along `dims`, see {@link rearrange.roll}. */
  roll(shifts: number | readonly number[], dims?: number | readonly number[] | null): Tensor { return rearrange.roll(this, shifts, dims); }
  /** Repeated along each dim, see {@link rearrange.repeat}. */
  repeat(sizes: readonly number[]): Tensor { return rearrange.repeat(this, sizes); }
  /** Repeated along each dim, see {@link rearrange.tile}. */
  tile(dims: readonly number[]): Tensor { return rearrange.tile(this, dims); }
  /** Each slice repeated in place, see {@link rearrange.repeatInterleave}. */
  repeatInterleave(repeats: number | Tensor, dim?: number | null): Tensor { return rearrange.repeatInterleave(this, repeats, dim); }
  /** The lower triangle, see {@link rearrange.tril}. */
  tril(diagonal = 0): Tensor { return rearrange.tril(this, diagonal); }
  /** The upper triangle, see {@link rearrange.triu}. */
  triu(diagonal = 0): Tensor { return rearrange.triu(this, diagonal); }
  /** A diagonal matrix or a diagonal, see {@link rearrange.diag}. */
  diag(diagonal = 0): Tensor { return rearrange.diag(this, diagonal); }
  /** A diagonal (a view), see {@link rearrange.diagonal}. */
  diagonal(offset = 0, dim1 = 0, dim2 = 1): Tensor { return rearrange.diagonal(this, offset, dim1, dim2); }
  /** The sum of the diagonal, see {@link rearrange.trace}. */
  trace(): Tensor { return rearrange.trace(this); }
  /** The outer product, see {@link rearrange.outer}. */
  outer(other: Tensor): Tensor { return rearrange.outer(this, other); }
  /** The Kronecker product, see {@link rearrange.kron}. */
  kron(other: Tensor): Tensor { return rearrange.kron(this, other); }

  // ---- reductions (issue 15) -----------------------------------------------

  /** Variance, see {@link statistics.variance}. */
  var(dim?: statistics.Dims, options?: statistics.VarOptions): Tensor {
    return statistics.variance(this, dim, options);
  }
  /** Standard deviation, see {@link statistics.std}. */
  std(dim?: statistics.Dims, options?: statistics.VarOptions): Tensor {
    return statistics.std(this, dim, options);
  }
  /** Stable log(sum(exp(this))) over `dim`, see {@link statistics.logsumexp}. */
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return statistics.logsumexp(this, dim, keepdim);
  }
  /** Maximum over dims, see {@link statistics.amax}. */
  amax(dim?: statistics.Dims, keepdim = false): Tensor {
    return statistics.amax(this, dim, keepdim);
  }
  /** Minimum over dims, see {@link statistics.amin}. */
  amin(dim?: statistics.Dims, keepdim = false): Tensor {
    return statistics.amin(this, dim, keepdim);
  }
  /** Whether every element is non-zero, see {@link statistics.all}. */
  all(dim?: number | null, keepdim = false): Tensor {
    return statistics.all(this, dim, keepdim);
  }
  /** Whether some element is non-zero, see {@link statistics.any}. */
  any(dim?: number | null, keepdim = false): Tensor {
    return statistics.any(this, dim, keepdim);
  }
  /** Vector p-norm, see {@link statistics.norm}. */
  norm(p: statistics.NormOrder = 2, dim?: statistics.Dims, keepdim = false): Tensor {
    return statistics.norm(this, p, dim, keepdim);
  }
  /** Running sums along `dim`, see {@link statistics.cumsum}. */
  cumsum(dim: number): Tensor {
    return statistics.cumsum(this, dim);
  }
  /** Running products along `dim`, see {@link statistics.cumprod}. */
  cumprod(dim: number): Tensor {
    return statistics.cumprod(this, dim);
  }
  /** Sorted values and indices along `dim`, see {@link sorting.sort}. */
  sort(dim = -1, options?: sorting.SortOptions): ValuesIndices {
    return sorting.sort(this, dim, options);
  }
  /** The indices that sort along `dim`, see {@link sorting.argsort}. */
  argsort(dim = -1, options?: sorting.SortOptions): Tensor {
    return sorting.argsort(this, dim, options);
  }
  /** The k largest (or smallest) along `dim`, see {@link sorting.topk}. */
  topk(k: number, dim = -1, options?: sorting.TopkOptions): ValuesIndices {
    return sorting.topk(this, k, dim, options);
  }
  /** The k-th smallest along `dim`, see {@link sorting.kthvalue}. */
  kthvalue(k: number, dim = -1, keepdim = false): ValuesIndices {
    return sorting.kthvalue(this, k, dim, keepdim);
  }
  /** The lower median, over all or along `dim`, see {@link sorting.median}. */
  median(): Tensor;
  median(dim: number, keepdim?: boolean): ValuesIndices;
  median(dim?: number, keepdim = false): Tensor | ValuesIndices {
    return dim === undefined ? sorting.median(this) : sorting.median(this, dim, keepdim);
  }
  /** The most frequent value along `dim`, see {@link sorting.mode}. */
  mode(dim = -1, keepdim = false): ValuesIndices {
    return sorting.mode(this, dim, keepdim);
  }
}

/**
 * `true` when `value` is a gradlab {@link Tensor}.
 *
 * @example
 * ```ts
 * isTensor(zeros([2])); // true
 * isTensor([0, 0]); // false
 * ```
 */
export function isTensor(value: unknown): value is Tensor {
  return value instanceof Tensor || isForeignTensor(value);
}

/**
 * @internal `true` for a tensor of another copy of @gradlab/tensor (two versions installed, or the
 * ESM and CommonJS builds loaded together): it has the same fields and carries the same registered
 * symbol, so the kernels take it as it is. NOTE: the ops test `instanceof Tensor` first and call
 * this only when that fails, so the common case costs nothing more.
 */
export function isForeignTensor(value: unknown): value is Tensor {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[TENSOR_BRAND] === 1;
}

/**
 * The mark every `@gradlab/tensor` Tensor carries, whichever copy of the package made it
 * (`Symbol.for`, so all copies share it; the value is the layout version of the fields).
 */
export const TENSOR_BRAND: unique symbol = Symbol.for('@gradlab/tensor.Tensor') as never;
(Tensor.prototype as unknown as Record<symbol, unknown>)[TENSOR_BRAND] = 1;

/**
 * A 0-d tensor holding `value` (bool stores 0/1; other values are stored as a
 * write to the typed array converts them).
 *
 * @example
 * ```ts
 * scalarTensor(2.5, 'float64').item(); // 2.5
 * ```
 */
export function scalarTensor(value: number, dtype: DType): Tensor {
  const storage = allocate(dtype, 1);
  storage[0] = dtype === 'bool' ? (value !== 0 ? 1 : 0) : value;
  return new Tensor(storage, [], dtype, [], 0);
}


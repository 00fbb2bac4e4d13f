import type * as B from '@gradlab/tensor';
import {
  describeValue,
  formatShape,
  formatTensor,
  normalizeDim,
  shapesEqual,
  Tensor as BaseTensor,
  ValueError,
  WRAPPED_TENSOR,
  type DType,
  type NestedArray,
} from '@gradlab/tensor';
import { BACKWARD_OPTIONS, checkFunction, checkOptions, describeOperand } from './arguments';
import { backward as runBackward } from './engine/backward';
import { GradientError } from './errors';
import { Node } from './engine/node';
import * as elementwise from './ops/elementwise';
import * as reductions from './ops/reductions';
import * as views from './ops/views';
import * as linalg from './ops/linalg';
import type { Operand } from './operand';
// indexing (issue 15)
import * as indexing from './ops/indexing';
// shapes (issue 15)
import * as shapes from './ops/shapes';

// reductions (issue 15)
import * as statistics from './ops/statistics';
import * as sorting from './ops/sorting';

type ShapeArgs = [shape: readonly number[]] | number[];

function shapeFromArgs(args: ShapeArgs): readonly number[] {
  const first = args[0];
  return args.length === 1 && Array.isArray(first) ? first : (args as number[]);
}

/** Options of {@link Tensor.backward}. */
export interface BackwardOptions {
  /** Keep the saved tensors so that the graph can be walked again (default: `createGraph`). */
  retainGraph?: boolean;
  /** Record the backward pass, so that gradients can be differentiated again (default `false`). */
  createGraph?: boolean;
}

/** A function called with the gradient of a tensor during backward; may return a replacement. */
export type TensorHook = (grad: Tensor) => Tensor | void;

/** What {@link Tensor.registerHook} returns. */
export interface RemovableHandle {
  /** Unregisters the hook. */
  remove(): void;
}

/**
 * A differentiable tensor: the values (`data`, a `@gradlab/tensor` tensor)
 * plus what autograd needs, `requiresGrad`, `grad` and `gradFn`.
 *
 * Every op of `@gradlab/tensor` is a method here and records the graph when
 * an input requires grad and grad mode is on.
 *
 * @example
 * ```ts
 * const x = tensor([1, 2, -1, 3, 5], { requiresGrad: true });
 * const y = x.at(0).mul(x.at(1)).exp().pow(2).add(x.at(2).add(x.at(3)).add(x.at(4)).sin().mul(x.at(4))).log();
 * y.backward();
 * String(x.grad); // 'tensor([3.7730, 1.8865, 0.0651, 0.0651, 0.0765])'
 * String(y);      // 'tensor(4.0584, grad_fn=<LogBackward0>)'
 * ```
 */
export class Tensor {
  // NOTE: the fields are declared here and set in the constructor, with no class-field
  // initializers: an initializer is a second function that the constructor calls, and the
  // pair is too big for V8 to inline into the ops that make tensors, which then go through
  // the generic construct stub (see docs/design.md, "Speed of the recorder").
  /** The values, without any gradient bookkeeping (PyTorch's `.data`). Shares storage with this tensor. */
  declare readonly data: BaseTensor;
  /** The node that made this tensor, or `null` for a leaf (PyTorch's `grad_fn`). */
  declare gradFn: Node | null;
  /** @internal */ declare _requiresGrad: boolean;
  /** @internal */ declare _grad: Tensor | null;
  /** @internal leaf hooks (a non-leaf's hooks live on its `gradFn`). */
  declare _hooks: TensorHook[] | null;
  /** @internal engine scratch for leaves. */
  declare _buffer: Tensor | null;
  /** @internal */ declare _mark: number;
  /** @internal engine: the backward run whose in-place sum this is (0: nobody's), see `accumulate` in engine.ts. */
  declare _sumOf: number;

  /**
   * Wraps a base tensor without copying. Prefer {@link tensor} / {@link fromData}.
   *
   * @example
   * ```ts
   * new Tensor(base.ones([2]), true).requiresGrad; // true
   * ```
   */
  constructor(data: BaseTensor, requiresGrad = false) {
    (this as { data: BaseTensor }).data = data;
    this.gradFn = null;
    this._requiresGrad = false;
    this._grad = null;
    this._hooks = null;
    this._buffer = null;
    this._mark = 0;
    this._sumOf = 0;
    if (requiresGrad !== false) this.requiresGrad = requiresGrad;
  }

  /** @internal the wrapper mark of @gradlab/tensor: its ops, `markModified` and messages recognise this tensor by it. */
  get [WRAPPED_TENSOR](): BaseTensor {
    return this.data;
  }

  /** `true` when gradients flow to (or through) this tensor. */
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }

  set requiresGrad(flag: boolean) {
    if (typeof flag !== 'boolean') {
      throw new GradientError('REQUIRES_GRAD', `requires_grad must be a bool, got ${describeValue(flag)}`);
    }
    if (this.gradFn !== null) {
      if (flag) return;
      throw new GradientError(
        'REQUIRES_GRAD',
        'you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn\'t require differentiation use var_no_grad = var.detach().',
      );
    }
    if (flag && this.data.dtype !== 'float32' && this.data.dtype !== 'float64') {
      throw new GradientError(
        'REQUIRES_GRAD',
        `only Tensors of floating point dtype can require gradients, got ${this.data.dtype}`,
      );
    }
    this._requiresGrad = flag;
  }

  /**
   * The accumulated gradient of a leaf (summed over backward calls until reset
   * to `null`).
   *
   * NOTE: a non-leaf's gradient is not kept (PyTorch warns when it is read):
   * intermediate gradients would double the memory of every backward pass, so
   * reading `.grad` of a non-leaf gives `null` unless {@link retainGrad} was
   * called on it before backward. gradlab never warns: check {@link isLeaf}.
   *
   * @example
   * ```ts
   * const w = tensor([1, 2], { requiresGrad: true });
   * const h = w.mul(3);
   * h.sum().backward();
   * w.grad; // tensor([3., 3.])
   * h.grad; // null (h.isLeaf is false); call h.retainGrad() before backward to keep it
   * ```
   */
  get grad(): Tensor | null {
    if (this.gradFn !== null && this.gradFn.retained !== this) return null;
    return this._grad;
  }

  set grad(value: Tensor | null) {
    if (value !== null && !(value instanceof Tensor)) {
      throw new GradientError(
        'GRADIENT_MISMATCH',
        `assigned grad expected to be a Tensor or null but got ${describeOperand(value)}`,
      );
    }
    if (value !== null) {
      if (!shapesEqual(value.data.shape, this.data.shape)) {
        throw new GradientError(
          'GRADIENT_MISMATCH',
          `assigned grad has data of a different size: got ${formatShape(value.data.shape)}, expected ${formatShape(this.data.shape)}`,
        );
      }
      if (value.data.dtype !== this.data.dtype) {
        throw new GradientError(
          'GRADIENT_MISMATCH',
          `assigned grad has data of a different type: got ${value.data.dtype}, expected ${this.data.dtype}`,
        );
      }
    }
    this._grad = value;
  }

  /**
   * `true` when no recorded op made this tensor (user-created, or not requiring
   * grad). Only leaves keep their `.grad` after backward.
   */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** `true` when {@link retainGrad} was called on this non-leaf. */
  get retainsGrad(): boolean {
    return this.gradFn !== null && this.gradFn.retained === this;
  }

  /** The sizes of the dims. */
  get shape(): readonly number[] {
    return this.data.shape;
  }

  /** The element type. */
  get dtype(): DType {
    return this.data.dtype;
  }

  /** PyTorch's `x._version`: the in-place writes to this tensor's memory so far (views share it). */
  get _version(): number {
    return this.data._version;
  }

  /** The number of dims. */
  get ndim(): number {
    return this.data.shape.length;
  }

  /** The number of dims (PyTorch's `dim()`). */
  dim(): number {
    return this.data.shape.length;
  }

  /** The number of elements. */
  numel(): number {
    return this.data.numel();
  }

  /** The size of one dim, or all sizes (PyTorch's `size()`). */
  size(): readonly number[];
  size(dim: number): number;
  size(dim?: number): number | readonly number[] {
    if (dim === undefined) return this.data.shape;
    return this.data.shape[normalizeDim(dim, this.data.shape.length, 'size')]!;
  }

  /** `true` when the values are laid out row-major (a view may not be). */
  isContiguous(): boolean {
    return this.data.isContiguous();
  }

  /** The value of a one-element tensor. */
  item(): number {
    return this.data.item();
  }

  /** The values in row-major order (a copy when the tensor is a strided view). */
  dataSync(): B.TypedArray {
    return this.data.dataSync();
  }

  /** The values as nested JS arrays. */
  toArray(): NestedArray {
    return this.data.toArray();
  }

  /**
   * PyTorch's repr, with `grad_fn=<...>` or `requires_grad=True` appended.
   *
   * @example
   * ```ts
   * String(tensor([1, 2], { requiresGrad: true })); // 'tensor([1., 2.], requires_grad=True)'
   * ```
   */
  toString(): string {
    if (this.gradFn !== null) return formatTensor(this.data, [`grad_fn=<${this.gradFn.name}>`]);
    if (this._requiresGrad) return formatTensor(this.data, ['requires_grad=True']);
    return formatTensor(this.data);
  }

  /**
   * What `console.log(t)` prints in Node: the repr, as Python's `print(t)`.
   *
   * @example
   * ```ts
   * console.log('gradient', x.grad); // gradient tensor([3.7730, 1.8865, 0.0651, 0.0651, 0.0765])
   * ```
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /**
   * Computes the gradient of this tensor with respect to the graph leaves and
   * accumulates it into their `.grad`.
   *
   * @param gradient the gradient of this tensor; may be omitted for a one-element tensor.
   * @throws GradientError `NO_GRAD_FN` when this tensor does not require grad,
   *   `NON_SCALAR_OUTPUT` without `gradient` on a tensor of several elements,
   *   `GRAPH_FREED` when the graph was already walked without `retainGraph`.
   *
   * @example
   * ```ts
   * const x = tensor(3, { requiresGrad: true });
   * x.mul(x).backward();
   * x.grad!.item(); // 6
   * ```
   */
  backward(gradient?: Tensor | BaseTensor | null, options: BackwardOptions = {}): void {
    checkOptions(options, 'backward', BACKWARD_OPTIONS);
    const createGraph = options.createGraph ?? false;
    runBackward([this], [gradient ?? null], options.retainGraph ?? createGraph, createGraph);
  }

  /**
   * A new tensor sharing the values, cut from the graph (`requiresGrad` false).
   *
   * @example
   * ```ts
   * y.detach().requiresGrad; // false
   * ```
   */
  detach(): Tensor {
    return new Tensor(this.data);
  }

  /**
   * Sets `requiresGrad` in place and returns this tensor (only on leaves).
   *
   * @example
   * ```ts
   * const w = zeros([3]).requiresGrad_();
   * ```
   */
  requiresGrad_(flag = true): this {
    this.requiresGrad = flag;
    return this;
  }

  /**
   * Keeps the gradient of this non-leaf in `.grad` during backward (a no-op on leaves).
   *
   * @example
   * ```ts
   * const h = x.mul(2); h.retainGrad(); h.sum().backward(); h.grad; // ones
   * ```
   */
  retainGrad(): void {
    if (this.gradFn === null) {
      if (!this._requiresGrad) {
        throw new GradientError('REQUIRES_GRAD', "can't retain_grad on Tensor that has requires_grad=False");
      }
      return;
    }
    this.gradFn.retained = this;
  }

  /**
   * Registers a function called with this tensor's gradient each time it is
   * computed; returning a tensor replaces the gradient.
   *
   * @example
   * ```ts
   * const handle = x.registerHook((g) => g.mul(2));
   * handle.remove();
   * ```
   */
  registerHook(hook: TensorHook): RemovableHandle {
    checkFunction(hook, 'registerHook', 'hook');
    if (!this._requiresGrad) {
      throw new GradientError('REQUIRES_GRAD', "cannot register a hook on a tensor that doesn't require gradient");
    }
    let list: TensorHook[];
    if (this.gradFn !== null) list = this.gradFn.hooks ??= [];
    else list = this._hooks ??= [];
    list.push(hook);
    return {
      remove() {
        const i = list.indexOf(hook);
        if (i >= 0) list.splice(i, 1);
      },
    };
  }

  // ---- elementwise ----
  /** `this + other`, see {@link elementwise.add}. */
  add(other: Operand): Tensor { return elementwise.add(this, other); }
  /** `this - other`. */
  sub(other: Operand): Tensor { return elementwise.sub(this, other); }
  /** `this * other`. */
  mul(other: Operand): Tensor { return elementwise.mul(this, other); }
  /** `this / other` (true division). */
  div(other: Operand): Tensor { return elementwise.div(this, other); }
  /** `this ** exponent`. */
  pow(exponent: Operand): Tensor { return elementwise.pow(this, exponent); }
  /** `-this`. */
  neg(): Tensor { return elementwise.neg(this); }
  /** `|this|`. */
  abs(): Tensor { return elementwise.abs(this); }
  /** `e ** this`. */
  exp(): Tensor { return elementwise.exp(this); }
  /** Natural logarithm. */
  log(): Tensor { return elementwise.log(this); }
  /** Square root. */
  sqrt(): Tensor { return elementwise.sqrt(this); }
  /** `log(1 + this)`, see {@link elementwise.log1p}. */
  log1p(): Tensor { return elementwise.log1p(this); }
  /** `e ** this - 1`, see {@link elementwise.expm1}. */
  expm1(): Tensor { return elementwise.expm1(this); }
  /** `1 / this`. */
  reciprocal(): Tensor { return elementwise.reciprocal(this); }
  /** Sine. */
  sin(): Tensor { return elementwise.sin(this); }
  /** Cosine. */
  cos(): Tensor { return elementwise.cos(this); }
  /** Tangent. */
  tan(): Tensor { return elementwise.tan(this); }
  /** Arctangent. */
  atan(): Tensor { return elementwise.atan(this); }
  /** Hyperbolic tangent. */
  tanh(): Tensor { return elementwise.tanh(this); }
  /** Logistic sigmoid. */
  sigmoid(): Tensor { return elementwise.sigmoid(this); }
  /** `max(this, 0)`. */
  relu(): Tensor { return elementwise.relu(this); }
  /** Leaky ReLU with `negativeSlope` (default 0.01). */
  leakyRelu(negativeSlope = 0.01): Tensor { return elementwise.leakyRelu(this, negativeSlope); }
  /** Elementwise maximum. */
  maximum(other: Operand): Tensor { return elementwise.maximum(this, other); }
  /** Elementwise minimum. */
  minimum(other: Operand): Tensor { return elementwise.minimum(this, other); }
  /** Clamps into `[min, max]`. */
  clamp(min?: Operand | null, max?: Operand | null): Tensor { return elementwise.clamp(this, min, max); }
  /** Sign (-1, 0, 1). */
  sign(): Tensor { return elementwise.sign(this); }
  /** `this ** 2`. */
  square(): Tensor { return elementwise.square(this); }
  /** `this == other` (bool). */
  eq(other: Operand): Tensor { return elementwise.eq(this, other); }
  /** `this != other` (bool). */
  ne(other: Operand): Tensor { return elementwise.ne(this, other); }
  /** `this > other` (bool). */
  gt(other: Operand): Tensor { return elementwise.gt(this, other); }
  /** `this >= other` (bool). */
  ge(other: Operand): Tensor { return elementwise.ge(this, other); }
  /** `this < other` (bool). */
  lt(other: Operand): Tensor { return elementwise.lt(this, other); }
  /** `this <= other` (bool). */
  le(other: Operand): Tensor { return elementwise.le(this, other); }
  /** `condition ? this : other`, like PyTorch's `x.where(condition, y)`. */
  where(condition: Operand, other: Operand): Tensor { return elementwise.where(condition, this, other); }

  // ---- reductions ----
  /** Sum over all elements or over `dim`. */
  sum(dim?: number | readonly number[] | null, keepdim = false): Tensor { return reductions.sum(this, dim, keepdim); }
  /** Mean over all elements or over `dim`. */
  mean(dim?: number | readonly number[] | null, keepdim = false): Tensor { return reductions.mean(this, dim, keepdim); }
  /** Product over all elements or over `dim`. */
  prod(dim?: number | null, keepdim = false): Tensor { return reductions.prod(this, dim, keepdim); }
  /** The maximum (a scalar tensor), or `{ values, indices }` over `dim`. */
  max(): Tensor;
  max(dim: number, keepdim?: boolean): reductions.ValuesIndices;
  max(dim?: number, keepdim = false): Tensor | reductions.ValuesIndices {
    return dim === undefined ? reductions.max(this) : reductions.max(this, dim, keepdim);
  }
  /** The minimum (a scalar tensor), or `{ values, indices }` over `dim`. */
  min(): Tensor;
  min(dim: number, keepdim?: boolean): reductions.ValuesIndices;
  min(dim?: number, keepdim = false): Tensor | reductions.ValuesIndices {
    return dim === undefined ? reductions.min(this) : reductions.min(this, dim, keepdim);
  }
  /** Index of the maximum (int32). */
  argmax(dim?: number | null, keepdim = false): Tensor { return reductions.argmax(this, dim, keepdim); }
  /** Index of the minimum (int32). */
  argmin(dim?: number | null, keepdim = false): Tensor { return reductions.argmin(this, dim, keepdim); }
  /** Softmax over `dim`. */
  softmax(dim: number): Tensor { return reductions.softmax(this, dim); }
  /** Log-softmax over `dim`. */
  logSoftmax(dim: number): Tensor { return reductions.logSoftmax(this, dim); }
  /** Sums a broadcast tensor back to `shape`. */
  sumTo(shape: readonly number[]): Tensor { return reductions.sumTo(this, shape); }

  // ---- linear algebra ----
  /** Matrix product with PyTorch's 1-D, 2-D and batched rules. */
  matmul(other: Operand): Tensor { return linalg.matmul(this, other); }
  /** 2-D matrix product. */
  mm(other: Operand): Tensor { return linalg.mm(this, other); }
  /** `beta * this + alpha * (mat1 @ mat2)`, as `torch.addmm` (`AddmmBackward0`). */
  addmm(mat1: Operand, mat2: Operand, options?: B.AddmmOptions): Tensor { return linalg.addmm(this, mat1, mat2, options); }
  /** Batched 3-D matrix product. */
  bmm(other: Operand): Tensor { return linalg.bmm(this, other); }
  /** Dot product of two 1-D tensors. */
  dot(other: Operand): Tensor { return linalg.dot(this, other); }
  /** Matrix-vector product. */
  mv(other: Operand): Tensor { return linalg.mv(this, other); }

  // ---- views and movement ----
  /** Same values in a new shape (a view when possible); one size may be -1. */
  reshape(...shape: ShapeArgs): Tensor { return views.reshape(this, shapeFromArgs(shape)); }
  /** A view with a new shape; one size may be -1. */
  view(...shape: ShapeArgs): Tensor { return views.view(this, shapeFromArgs(shape)); }
  /** Flattens dims `startDim..endDim`. */
  flatten(startDim = 0, endDim = -1): Tensor { return views.flatten(this, startDim, endDim); }
  /** Removes size-1 dims (or only `dim`). */
  squeeze(dim?: number | readonly number[]): Tensor { return views.squeeze(this, dim); }
  /** Inserts a size-1 dim at `dim`. */
  unsqueeze(dim: number): Tensor { return views.unsqueeze(this, dim); }
  /** Swaps two dims. */
  transpose(dim0: number, dim1: number): Tensor { return views.transpose(this, dim0, dim1); }
  /** Reorders the dims. */
  permute(...dims: ShapeArgs): Tensor { return views.permute(this, shapeFromArgs(dims)); }
  /** Transpose of a tensor of at most 2 dims. */
  t(): Tensor { return views.t(this); }
  /** All dims reversed (PyTorch's `x.T`). */
  get T(): Tensor { return views.T(this); }
  /** The last two dims swapped (PyTorch's `x.mT`). */
  get mT(): Tensor { return views.transpose(this, -2, -1); }
  /** Broadcasts size-1 dims to `shape` (a view; -1 keeps a size). */
  expand(...shape: ShapeArgs): Tensor { return views.expand(this, shapeFromArgs(shape)); }
  /** Expands to `other`'s shape. */
  expandAs(other: Tensor | BaseTensor): Tensor {
    if (!(other instanceof Tensor) && !(other instanceof BaseTensor)) {
      throw new ValueError('INVALID_ARGUMENT', `expandAs: 'other' must be a tensor, got ${describeValue(other)}`);
    }
    return views.expand(this, other.shape);
  }
  /** Broadcasts to `shape`. */
  broadcastTo(shape: readonly number[]): Tensor { return views.broadcastTo(this, shape); }
  /** The sub-tensor at `index` along `dim` (one dim fewer). */
  select(dim: number, index: number): Tensor { return views.select(this, dim, index); }
  /** `select(0, index)`, PyTorch's `x[index]`. */
  at(index: number): Tensor { return views.select(this, 0, index); }
  /** Python's `x[start:stop:step]` along `dim`. */
  slice(dim: number, start?: number | null, stop?: number | null, step = 1): Tensor {
    return views.slice(this, dim, start, stop, step);
  }
  /** `length` elements from `start` along `dim`. */
  narrow(dim: number, start: number, length: number): Tensor { return views.narrow(this, dim, start, length); }
  /** Moves dims, see {@link views.movedim}. */
  movedim(source: number | readonly number[], destination: number | readonly number[]): Tensor { return views.movedim(this, source, destination); }
  /** This tensor when contiguous, else a contiguous copy. */
  contiguous(): Tensor { return views.contiguous(this); }
  /** A copy. */
  clone(): Tensor { return views.clone(this); }
  /** A copy converted to `dtype` (this tensor itself when the dtype matches). */
  to(dtype: DType): Tensor { return views.to(this, dtype); }
  /** `to('float32')`. */
  float(): Tensor { return views.to(this, 'float32'); }
  /** `to('float64')`. */
  double(): Tensor { return views.to(this, 'float64'); }
  /** `to('int32')` (not differentiable). */
  int(): Tensor { return views.to(this, 'int32'); }
  /** `to('bool')` (not differentiable). */
  bool(): Tensor { return views.to(this, 'bool'); }

  // ---- indexing (issue 15) ----
  /** `torch.index_select`: the entries at `index` (int32, 1-D) along `dim`. */
  indexSelect(dim: number, index: Operand): Tensor { return indexing.indexSelect(this, dim, index); }
  /** `torch.gather`: `out[i][j] = this[index[i][j]][j]` along `dim`. */
  gather(dim: number, index: Operand): Tensor { return indexing.gather(this, dim, index); }
  /** `torch.scatter`: a copy with `src` written at `index` along `dim` (optionally reduced). */
  scatter(dim: number, index: Operand, src: Operand, options?: B.ScatterOptions): Tensor { return indexing.scatter(this, dim, index, src, options); }
  /** `torch.scatter_add`: a copy with `src` added at `index` along `dim`. */
  scatterAdd(dim: number, index: Operand, src: Operand): Tensor { return indexing.scatterAdd(this, dim, index, src); }
  /** `torch.take`: the elements at flat positions `index`. */
  take(index: Operand): Tensor { return indexing.take(this, index); }
  /** `torch.masked_fill`: a copy with `value` where `mask` is true. */
  maskedFill(mask: Operand, value: Operand): Tensor { return indexing.maskedFill(this, mask, value); }
  /** `torch.masked_select`: the elements where `mask` is true, 1-D. */
  maskedSelect(mask: Operand): Tensor { return indexing.maskedSelect(this, mask); }
  /** `torch.nonzero`: the indices of the non-zero elements (`[count, ndim]`, or one tensor per dim). */
  nonzero(): Tensor;
  nonzero(options: B.NonzeroOptions & { asTuple: true }): Tensor[];
  nonzero(options?: B.NonzeroOptions): Tensor | Tensor[];
  nonzero(options?: B.NonzeroOptions): Tensor | Tensor[] { return indexing.nonzero(this, options); }
  /** PyTorch's `x[...]`: numbers, slices (`sl(1, 3)` or `'1:3'`), `null`, `'...'`, int32 tensors, bool masks (see `index`). */
  index(...spec: indexing.IndexItem[]): Tensor { return indexing.index(this, ...spec); }
  /** `torch.index_put` out of place: a copy with `values` at `this[indices]` (added with `{ accumulate: true }`). */
  indexPut(indices: readonly (Operand | readonly number[] | null)[], values: Operand, options?: B.IndexPutOptions): Tensor {
    return indexing.indexPut(this, indices, values, options);
  }

  // ---- elementwise (issue 15) ----------------------------------------------

  /** Base-2 logarithm. */
  log2(): Tensor { return elementwise.log2(this); }
  /** Base-10 logarithm. */
  log10(): Tensor { return elementwise.log10(this); }
  /** `2 ** this`. */
  exp2(): Tensor { return elementwise.exp2(this); }
  /** `1 / sqrt(this)`. */
  rsqrt(): Tensor { return elementwise.rsqrt(this); }
  /** Hyperbolic sine. */
  sinh(): Tensor { return elementwise.sinh(this); }
  /** Hyperbolic cosine. */
  cosh(): Tensor { return elementwise.cosh(this); }
  /** Inverse hyperbolic sine. */
  asinh(): Tensor { return elementwise.asinh(this); }
  /** Inverse hyperbolic cosine. */
  acosh(): Tensor { return elementwise.acosh(this); }
  /** Inverse hyperbolic tangent. */
  atanh(): Tensor { return elementwise.atanh(this); }
  /** Arc sine. */
  asin(): Tensor { return elementwise.asin(this); }
  /** Arc cosine. */
  acos(): Tensor { return elementwise.acos(this); }
  /** The error function. */
  erf(): Tensor { return elementwise.erf(this); }
  /** `1 - erf(this)`. */
  erfc(): Tensor { return elementwise.erfc(this); }
  /** SiLU, see {@link elementwise.silu}. */
  silu(): Tensor { return elementwise.silu(this); }
  /** Softplus, see {@link elementwise.softplus}. */
  softplus(beta = 1, threshold = 20): Tensor { return elementwise.softplus(this, beta, threshold); }
  /** ELU, see {@link elementwise.elu}. */
  elu(alpha = 1): Tensor { return elementwise.elu(this, alpha); }
  /** SELU, see {@link elementwise.selu}. */
  selu(): Tensor { return elementwise.selu(this); }
  /** GELU, see {@link elementwise.gelu}. */
  gelu(approximate: B.GeluApproximate = 'none'): Tensor { return elementwise.gelu(this, approximate); }
  /** Hardtanh, see {@link elementwise.hardtanh}. */
  hardtanh(minVal = -1, maxVal = 1): Tensor { return elementwise.hardtanh(this, minVal, maxVal); }
  /** `log(sigmoid(this))`, see {@link elementwise.logSigmoid}. */
  logSigmoid(): Tensor { return elementwise.logSigmoid(this); }
  /** Rounds down. */
  floor(): Tensor { return elementwise.floor(this); }
  /** Rounds up. */
  ceil(): Tensor { return elementwise.ceil(this); }
  /** Rounds halves to even, or to `decimals` places. */
  round(options?: B.RoundOptions): Tensor { return elementwise.round(this, options); }
  /** Rounds toward zero. */
  trunc(): Tensor { return elementwise.trunc(this); }
  /** `this - trunc(this)`. */
  frac(): Tensor { return elementwise.frac(this); }
  /** C's fmod (the sign of `this`). */
  fmod(other: Operand): Tensor { return elementwise.fmod(this, other); }
  /** Python's modulo (the sign of `other`). */
  remainder(other: Operand): Tensor { return elementwise.remainder(this, other); }
  /** The angle of `(other, this)`. */
  atan2(other: Operand): Tensor { return elementwise.atan2(this, other); }
  /** `true` where NaN. */
  isnan(): Tensor { return elementwise.isnan(this); }
  /** `true` where infinite. */
  isinf(): Tensor { return elementwise.isinf(this); }
  /** `true` where finite. */
  isfinite(): Tensor { return elementwise.isfinite(this); }
  /** `this && other` as a bool tensor. */
  logicalAnd(other: Operand): Tensor { return elementwise.logicalAnd(this, other); }
  /** `this || other` as a bool tensor. */
  logicalOr(other: Operand): Tensor { return elementwise.logicalOr(this, other); }
  /** Exclusive or of the truth values. */
  logicalXor(other: Operand): Tensor { return elementwise.logicalXor(this, other); }
  /** `!this` as a bool tensor. */
  logicalNot(): Tensor { return elementwise.logicalNot(this); }
  /** Bitwise and (int32, bool). */
  bitwiseAnd(other: Operand): Tensor { return elementwise.bitwiseAnd(this, other); }
  /** Bitwise or (int32, bool). */
  bitwiseOr(other: Operand): Tensor { return elementwise.bitwiseOr(this, other); }
  /** Bitwise exclusive or (int32, bool). */
  bitwiseXor(other: Operand): Tensor { return elementwise.bitwiseXor(this, other); }
  /** Bitwise not (int32, bool). */
  bitwiseNot(): Tensor { return elementwise.bitwiseNot(this); }
  /** Elementwise closeness, see {@link elementwise.isclose}. */
  isclose(other: Operand, options?: B.IsCloseOptions): Tensor { return elementwise.isclose(this, other, options); }
  /** `true` when every element is close. */
  allclose(other: Operand, options?: B.IsCloseOptions): boolean { return elementwise.allclose(this, other, options); }
  /** Replaces NaN and infinities, see {@link elementwise.nanToNum}. */
  nanToNum(options?: B.NanToNumOptions): Tensor { return elementwise.nanToNum(this, options); }
  /** Linear interpolation towards `end`. */
  lerp(end: Operand, weight: Operand): Tensor { return elementwise.lerp(this, end, weight); }
  /** `this + value * tensor1 * tensor2`. */
  addcmul(tensor1: Operand, tensor2: Operand, options?: B.AddcOptions): Tensor { return elementwise.addcmul(this, tensor1, tensor2, options); }
  /** `this + value * tensor1 / tensor2`. */
  addcdiv(tensor1: Operand, tensor2: Operand, options?: B.AddcOptions): Tensor { return elementwise.addcdiv(this, tensor1, tensor2, options); }

  // ---- shapes (issue 15) ----------------------------------------------------
  /** Pieces along `dim` (views), see {@link shapes.split}. */
  split(sizeOrSections: number | readonly number[], dim = 0): Tensor[] { return shapes.split(this, sizeOrSections, dim); }
  /** At most `chunks` pieces along `dim` (views), see {@link shapes.chunk}. */
  chunk(chunks: number, dim = 0): Tensor[] { return shapes.chunk(this, chunks, dim); }
  /** The slices along `dim` (views), see {@link shapes.unbind}. */
  unbind(dim = 0): Tensor[] { return shapes.unbind(this, dim); }
  /** Reversed along `dims`, see {@link shapes.flip}. */
  flip(dims: number | readonly number[]): Tensor { return shapes.flip(this, dims); }
  /** Rolled by `shifts` along `dims`, see {@link shapes.roll}. */
  roll(shifts: number | readonly number[], dims?: number | readonly number[] | null): Tensor { return shapes.roll(this, shifts, dims); }
  /** Repeated along each dim, see {@link shapes.repeat}. */
  repeat(sizes: readonly number[]): Tensor { return shapes.repeat(this, sizes); }
  /** Repeated along each dim, see {@link shapes.tile}. */
  tile(dims: readonly number[]): Tensor { return shapes.tile(this, dims); }
  /** Each slice repeated in place, see {@link shapes.repeatInterleave}. */
  repeatInterleave(repeats: number | B.Tensor, dim?: number | null): Tensor { return shapes.repeatInterleave(this, repeats, dim); }
  /** The lower triangle, see {@link shapes.tril}. */
  tril(diagonal = 0): Tensor { return shapes.tril(this, diagonal); }
  /** The upper triangle, see {@link shapes.triu}. */
  triu(diagonal = 0): Tensor { return shapes.triu(this, diagonal); }
  /** A diagonal matrix or a diagonal, see {@link shapes.diag}. */
  diag(diagonal = 0): Tensor { return shapes.diag(this, diagonal); }
  /** A diagonal (a view), see {@link shapes.diagonal}. */
  diagonal(offset = 0, dim1 = 0, dim2 = 1): Tensor { return shapes.diagonal(this, offset, dim1, dim2); }
  /** The sum of the diagonal, see {@link shapes.trace}. */
  trace(): Tensor { return shapes.trace(this); }
  /** The outer product, see {@link shapes.outer}. */
  outer(other: Operand): Tensor { return shapes.outer(this, other); }
  /** The Kronecker product, see {@link shapes.kron}. */
  kron(other: Operand): Tensor { return shapes.kron(this, other); }

  // ---- reductions (issue 15) ----
  /** Variance over dims (N - correction). */
  var(dim?: B.Dims, options?: B.VarOptions): Tensor { return statistics.variance(this, dim, options); }
  /** Standard deviation over dims. */
  std(dim?: B.Dims, options?: B.VarOptions): Tensor { return statistics.std(this, dim, options); }
  /** Stable log(sum(exp(this))) over `dim`. */
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor { return statistics.logsumexp(this, dim, keepdim); }
  /** Maximum over dims; ties share the gradient. */
  amax(dim?: B.Dims, keepdim = false): Tensor { return statistics.amax(this, dim, keepdim); }
  /** Minimum over dims; ties share the gradient. */
  amin(dim?: B.Dims, keepdim = false): Tensor { return statistics.amin(this, dim, keepdim); }
  /** Whether every element is non-zero (bool). */
  all(dim?: number | null, keepdim = false): Tensor { return statistics.all(this, dim, keepdim); }
  /** Whether some element is non-zero (bool). */
  any(dim?: number | null, keepdim = false): Tensor { return statistics.any(this, dim, keepdim); }
  /** Vector p-norm over dims. */
  norm(p: B.NormOrder = 2, dim?: B.Dims, keepdim = false): Tensor { return statistics.norm(this, p, dim, keepdim); }
  /** Running sums along `dim`. */
  cumsum(dim: number): Tensor { return statistics.cumsum(this, dim); }
  /** Running products along `dim`. */
  cumprod(dim: number): Tensor { return statistics.cumprod(this, dim); }
  /** Sorted values and indices along `dim`. */
  sort(dim = -1, options?: B.SortOptions): reductions.ValuesIndices { return sorting.sort(this, dim, options); }
  /** The indices that sort along `dim`. */
  argsort(dim = -1, options?: B.SortOptions): Tensor { return sorting.argsort(this, dim, options); }
  /** The k largest (or smallest) along `dim`. */
  topk(k: number, dim = -1, options?: B.TopkOptions): reductions.ValuesIndices { return sorting.topk(this, k, dim, options); }
  /** The k-th smallest along `dim`. */
  kthvalue(k: number, dim = -1, keepdim = false): reductions.ValuesIndices { return sorting.kthvalue(this, k, dim, keepdim); }
  /** The lower median, over all or along `dim`. */
  median(): Tensor;
  median(dim: number, keepdim?: boolean): reductions.ValuesIndices;
  median(dim?: number, keepdim = false): Tensor | reductions.ValuesIndices {
    return dim === undefined ? sorting.median(this) : sorting.median(this, dim, keepdim);
  }
  /** The most frequent value along `dim`. */
  mode(dim = -1, keepdim = false): reductions.ValuesIndices { return sorting.mode(this, dim, keepdim); }
}

/**
 * The mark every `@gradlab/autograd` Tensor carries, whichever copy of the package made it
 * (`Symbol.for`): a tensor of another copy is then named as such instead of failing deep inside.
 */
export const AUTOGRAD_BRAND: unique symbol = Symbol.for('@gradlab/autograd.Tensor') as never;
(Tensor.prototype as unknown as Record<symbol, unknown>)[AUTOGRAD_BRAND] = 1;

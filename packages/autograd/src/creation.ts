/*
 * Factories: the @gradlab/tensor ones, plus `requiresGrad`.
 */
import * as B from '@gradlab/tensor';
import { Tensor } from './tensor';

/** Options of the factories: a dtype and whether the result requires grad. */
export interface TensorOptions extends B.CreationOptions {
  /** Make the result a leaf that requires grad (floating dtypes only). */
  requiresGrad?: boolean;
}

/** Options of the random factories. */
export interface RandomTensorOptions extends B.RandomOptions {
  /** Make the result a leaf that requires grad. */
  requiresGrad?: boolean;
}

// NOTE: anything but an object is passed on for @gradlab/tensor to reject
// with its message; a non-boolean requiresGrad is rejected by the Tensor.
function split<T extends { requiresGrad?: boolean }>(options: T | undefined): [Omit<T, 'requiresGrad'> | undefined, boolean] {
  if (options === undefined || options === null || typeof options !== 'object') return [options, false];
  const { requiresGrad, ...rest } = options;
  return [rest, requiresGrad ?? false];
}

/**
 * A leaf wrapping `data`, requiring grad when asked. NOTE: the flag is set here, not
 * through the constructor's second argument, so that the constructor V8 sees in
 * the ops stays small enough to inline (see the note on `Tensor`).
 */
function leaf(data: B.Tensor, requiresGrad: boolean | undefined): Tensor {
  const t = new Tensor(data);
  if (requiresGrad !== undefined && requiresGrad !== false) t.requiresGrad = requiresGrad;
  return t;
}

/**
 * Wraps a `@gradlab/tensor` tensor without copying.
 *
 * @example
 * ```ts
 * const w = fromData(base.randn([3, 2]), true);
 * ```
 */
export function fromData(data: B.Tensor, requiresGrad = false): Tensor {
  if (!(data instanceof B.Tensor)) {
    throw new B.ValueError('INVALID_ARGUMENT', `fromData: 'data' must be a @gradlab/tensor Tensor, got ${B.describeValue(data)}`);
  }
  return leaf(data, requiresGrad);
}

/**
 * A tensor from nested arrays, a typed array or a number (float32 by default;
 * int32 for an Int32Array, bool for booleans).
 *
 * @example
 * ```ts
 * const x = tensor([1, 2, -1, 3, 5], { requiresGrad: true });
 * String(x); // 'tensor([ 1.,  2., -1.,  3.,  5.], requires_grad=True)'
 * ```
 */
export function tensor(data: B.NestedArray | ArrayLike<number> | Tensor | B.Tensor, options?: TensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  let source: B.NestedArray | ArrayLike<number>;
  if (data instanceof Tensor) source = data.data.toArray();
  else if (data instanceof B.Tensor) source = data.toArray();
  else source = data;
  return leaf(B.tensor(source, rest), requiresGrad);
}

/** Zeros. @example `zeros([2, 3], { requiresGrad: true })` */
export function zeros(shape: B.ShapeLike, options?: TensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.zeros(shape, rest), requiresGrad);
}

/** Ones. @example `ones([2])` */
export function ones(shape: B.ShapeLike, options?: TensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.ones(shape, rest), requiresGrad);
}

/** Uninitialized memory (zeros here). @example `empty([2])` */
export function empty(shape: B.ShapeLike, options?: TensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.empty(shape, rest), requiresGrad);
}

/** Filled with `value`. @example `full([2], 7)` */
export function full(shape: B.ShapeLike, value: number | boolean, options?: TensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.full(shape, value, rest), requiresGrad);
}

function dataOf(x: Tensor | B.Tensor): B.Tensor {
  return x instanceof Tensor ? x.data : x;
}

/** Zeros of `x`'s shape and dtype. @example `zerosLike(x)` */
export function zerosLike(x: Tensor | B.Tensor, options?: TensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.zerosLike(dataOf(x), rest), requiresGrad);
}

/** Ones of `x`'s shape and dtype. @example `onesLike(x)` */
export function onesLike(x: Tensor | B.Tensor, options?: TensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.onesLike(dataOf(x), rest), requiresGrad);
}

/** `value` in `x`'s shape and dtype. @example `fullLike(x, 2)` */
export function fullLike(x: Tensor | B.Tensor, value: number | boolean, options?: TensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.fullLike(dataOf(x), value, rest), requiresGrad);
}

/** Uninitialized memory of `x`'s shape and dtype (zeros here). @example `emptyLike(x)` */
export function emptyLike(x: Tensor | B.Tensor, options?: TensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.emptyLike(dataOf(x), rest), requiresGrad);
}

/** Uniform samples in `[0, 1)` of `x`'s shape and dtype. @example `randLike(x)` */
export function randLike(x: Tensor | B.Tensor, options?: RandomTensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.randLike(dataOf(x), rest), requiresGrad);
}

/** Standard normal samples of `x`'s shape and dtype. @example `randnLike(x)` */
export function randnLike(x: Tensor | B.Tensor, options?: RandomTensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.randnLike(dataOf(x), rest), requiresGrad);
}

/**
 * `[start, end)` by `step`: `arange(end)`, `arange(start, end)` or `arange(start, end, step)`.
 *
 * @example
 * ```ts
 * arange(0, 1, 0.25, { dtype: 'float64' });
 * ```
 */
export function arange(end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end: number, options?: TensorOptions): Tensor;
export function arange(start: number, end: number, step: number, options?: TensorOptions): Tensor;
export function arange(a: number, b?: number | TensorOptions, c?: number | TensorOptions, d?: TensorOptions): Tensor {
  const options = [b, c, d].find((v): v is TensorOptions => typeof v === 'object' && v !== null);
  const [rest, requiresGrad] = split(options);
  let base: B.Tensor;
  if (typeof b !== 'number') base = B.arange(a, rest);
  else if (typeof c !== 'number') base = B.arange(a, b, rest);
  else base = B.arange(a, b, c, rest);
  return leaf(base, requiresGrad);
}

/** `steps` evenly spaced values from `start` to `end`. @example `linspace(0, 1, 5)` */
export function linspace(start: number, end: number, steps: number, options?: TensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.linspace(start, end, steps, rest), requiresGrad);
}

/** The identity matrix (`n x n` or `n x m`). @example `eye(3)` */
export function eye(n: number, m?: number | TensorOptions, options?: TensorOptions): Tensor {
  const opts = typeof m === 'object' ? m : options;
  const [rest, requiresGrad] = split(opts);
  const base = typeof m === 'number' ? B.eye(n, m, rest) : B.eye(n, rest);
  return leaf(base, requiresGrad);
}

/** Uniform samples in `[0, 1)` from the seeded generator. @example `rand([2, 2], { requiresGrad: true })` */
export function rand(shape: B.ShapeLike, options?: RandomTensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.rand(shape, rest), requiresGrad);
}

/** Standard normal samples. @example `randn([3], { generator: new Generator(0) })` */
export function randn(shape: B.ShapeLike, options?: RandomTensorOptions): Tensor {
  const [rest, requiresGrad] = split(options);
  return leaf(B.randn(shape, rest), requiresGrad);
}

/**
 * Random integers in `[low, high)` (int32; never requires grad).
 *
 * @example
 * ```ts
 * randint(0, 4, [10]);
 * ```
 */
export function randint(high: number, shape: B.ShapeLike, options?: B.RandomOptions): Tensor;
export function randint(low: number, high: number, shape: B.ShapeLike, options?: B.RandomOptions): Tensor;
export function randint(
  a: number,
  b: number | B.ShapeLike,
  c?: B.ShapeLike | B.RandomOptions,
  d?: B.RandomOptions,
): Tensor {
  if (typeof b === 'number' && c !== undefined && (Array.isArray(c) || typeof c === 'number')) {
    return new Tensor(B.randint(a, b, c as B.ShapeLike, d));
  }
  return new Tensor(B.randint(a, b as B.ShapeLike, c as B.RandomOptions | undefined));
}

// indexing (issue 15)
/**
 * A random permutation of `0..n-1` (int32 by default), the same as
 * `torch.randperm(n, generator=g)` for the same seed (see `@gradlab/tensor`'s `randperm`).
 *
 * @example
 * ```ts
 * randperm(10, { generator: new Generator(0) });
 * ```
 */
export function randperm(n: number, options?: B.RandomOptions): Tensor {
  return new Tensor(B.randperm(n, options));
}

/*
 * Tensor factories. Defaults follow PyTorch where JavaScript can tell the
 * difference: float32 for numbers (JS has no separate int literal, so
 * `tensor([1, 2])` is float32), bool for booleans, int32 for an Int32Array;
 * `full` and `arange` look at their numbers like PyTorch's scalar rules do
 * (an integer-valued number means int32).
 */
import { allocate, castValue, checkDType, checkedInt32, checkWideInteger, scalarDType, type DType, type NestedArray, type TypedArray } from './dtype';
import { DTypeError, ValueError, describeValue, formatValue } from './errors';
import { Generator, defaultGenerator, fillNormal, fillRandint, fillUniform } from './random';
import { checkShape, shapeSize } from './shape';
import { copyStrided } from './strided';
import { Tensor, isForeignTensor } from './tensor';

/** Options of the factories. */
export interface CreationOptions {
  /** The dtype of the result (each factory documents its default). */
  dtype?: DType;
}

/** Options of the random factories. */
export interface RandomOptions extends CreationOptions {
  /** The generator to draw from (the seeded `defaultGenerator` when omitted). */
  generator?: Generator;
}

/** What `tensor()` accepts: nested arrays of numbers/booleans, typed arrays, or arrays of typed arrays. */
export type TensorData = NestedArray | ArrayLike<number> | Tensor | readonly TensorData[];

/** A shape given as an array of sizes, or one number for a 1-D shape. */
export type ShapeLike = readonly number[] | number;

function optionDType(options: CreationOptions | undefined, fallback: DType, op: string): DType {
  if (options === undefined || options === null) return fallback;
  if (typeof options !== 'object') {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `${op}: 'options' must be an object such as { dtype: 'float64' }, got ${describeValue(options)}`,
    );
  }
  if (options.dtype === undefined) return fallback;
  return checkDType(options.dtype, op);
}

function isTypedArray(value: unknown): value is ArrayLike<number> {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function pathOf(path: readonly number[]): string {
  return path.map((i) => `[${i}]`).join('');
}

/**
 * A new tensor from nested arrays, a typed array or a single number/boolean.
 * The dtype defaults to float32 for numbers, bool when every element is a
 * boolean, and the array's own dtype for Float64Array, Int32Array and
 * Uint8Array (bool). Ragged or non-numeric data throws a {@link ValueError}.
 *
 * @example
 * ```ts
 * tensor([[1, 2], [3, 4]]).shape; // [2, 2]
 * tensor([true, false]).dtype; // 'bool'
 * tensor([1.7, -1.7], { dtype: 'int32' }).toArray(); // [1, -1]
 * ```
 */
export function tensor(data: TensorData, options?: CreationOptions): Tensor {
  if (data instanceof Tensor) {
    // like torch.tensor(t): a copy, converted when a dtype is given
    const dtype = optionDType(options, data.dtype, 'tensor');
    const out = allocate(dtype, data.numel(), 'tensor');
    copyStrided(data.storage, data.offset, data.shape, data.strides, out, 0, dtype === 'bool');
    return new Tensor(out, data.shape.slice(), dtype);
  }
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    throw new ValueError('INVALID_VALUE', `tensor: ${data.constructor.name} is not supported (int64 values do not fit int32)`);
  }
  if (isTypedArray(data)) {
    let inferred: DType = 'float32';
    if (data instanceof Float64Array) inferred = 'float64';
    else if (data instanceof Int32Array) inferred = 'int32';
    else if (data instanceof Uint8Array) inferred = 'bool';
    const dtype = optionDType(options, inferred, 'tensor');
    const out = allocate(dtype, data.length, 'tensor');
    fillValues(out, data, dtype);
    return new Tensor(out, [data.length], dtype);
  }
  // infer the shape from the first element at every depth
  const shape: number[] = [];
  let probe: unknown = data;
  while (Array.isArray(probe) || isTypedArray(probe)) {
    const list = probe as ArrayLike<unknown>;
    shape.push(list.length);
    if (list.length === 0) break;
    probe = list[0];
  }
  const n = shapeSize(shape);
  const flat = new Float64Array(n);
  let allBool = true;
  let sawNumber = false;
  let position = 0;
  const visit = (node: unknown, depth: number, path: number[]): void => {
    if (depth === shape.length) {
      if (typeof node === 'number') {
        sawNumber = true;
        flat[position++] = node;
      } else if (typeof node === 'boolean') {
        flat[position++] = node ? 1 : 0;
      } else if (Array.isArray(node) || isTypedArray(node)) {
        throw new ValueError(
          'INVALID_VALUE',
          `tensor: expected a number at ${pathOf(path)} (depth ${depth}), got a sequence: the nested arrays are ragged`,
        );
      } else {
        throw new ValueError(
          'INVALID_VALUE',
          `tensor: expected a number or boolean at ${pathOf(path) || 'the top level'}, got ${describeValue(node)}`,
        );
      }
      return;
    }
    if (!Array.isArray(node) && !isTypedArray(node)) {
      if (typeof node === 'number' || typeof node === 'boolean') {
        throw new ValueError(
          'INVALID_VALUE',
          `tensor: expected sequence of length ${shape[depth]} at dim ${depth} (got a scalar at ${pathOf(path)}): the nested arrays are ragged`,
        );
      }
      throw new ValueError(
        'INVALID_VALUE',
        `tensor: expected a number, boolean or array at ${pathOf(path)}, got ${describeValue(node)}`,
      );
    }
    const list = node as ArrayLike<unknown>;
    if (list.length !== shape[depth]) {
      throw new ValueError(
        'INVALID_VALUE',
        `tensor: expected sequence of length ${shape[depth]} at dim ${depth} (got ${list.length} at ${pathOf(path)})`,
      );
    }
    if (isTypedArray(node)) allBool = false;
    for (let i = 0; i < list.length; i++) {
      path.push(i);
      visit(list[i], depth + 1, path);
      path.pop();
    }
  };
  visit(data, 0, []);
  if (sawNumber || n === 0) allBool = false;
  const dtype = optionDType(options, allBool ? 'bool' : 'float32', 'tensor');
  const out = allocate(dtype, n, 'tensor');
  fillValues(out, flat, dtype);
  return new Tensor(out, shape, dtype);
}

// Converts as `castValue` does, without a call per element.
function fillValues(out: TypedArray, values: ArrayLike<number>, dtype: DType): void {
  const n = values.length;
  if (dtype === 'bool') {
    for (let i = 0; i < n; i++) out[i] = values[i]! !== 0 ? 1 : 0;
  } else if (dtype === 'int32') {
    // NOTE: PyTorch checks every value put into an int32 tensor (NaN or 2^31 throw, not wrap)
    for (let i = 0; i < n; i++) out[i] = checkedInt32(values[i]!, 'tensor');
  } else {
    for (let i = 0; i < n; i++) out[i] = values[i]!;
  }
}


/**
 * A tensor of `shape` filled with zeros (float32 by default).
 *
 * @example
 * ```ts
 * zeros([2, 3]).toArray(); // [[0, 0, 0], [0, 0, 0]]
 * ```
 */
export function zeros(shape: ShapeLike, options?: CreationOptions): Tensor {
  const s = checkShape(shape, 'zeros');
  const dtype = optionDType(options, 'float32', 'zeros');
  return new Tensor(allocate(dtype, shapeSize(s), 'zeros'), s, dtype);
}

/**
 * A tensor of `shape` filled with ones (float32 by default).
 *
 * @example
 * ```ts
 * ones([2], { dtype: 'int32' }).toArray(); // [1, 1]
 * ```
 */
export function ones(shape: ShapeLike, options?: CreationOptions): Tensor {
  return full(shape, 1, { dtype: optionDType(options, 'float32', 'ones') });
}

/**
 * An uninitialised tensor of `shape`. (Typed arrays are always zeroed, so this is `zeros`.)
 *
 * @example
 * ```ts
 * empty([3]).shape; // [3]
 * ```
 */
export function empty(shape: ShapeLike, options?: CreationOptions): Tensor {
  return zeros(shape, options);
}

/**
 * A tensor of `shape` filled with `value`. The dtype defaults like a PyTorch
 * scalar: bool for a boolean, int32 for an integer-valued number, float32 otherwise.
 *
 * @example
 * ```ts
 * full([2], 7).dtype; // 'int32'
 * full([2], 0.5).toArray(); // [0.5, 0.5]
 * ```
 */
export function full(shape: ShapeLike, value: number | boolean, options?: CreationOptions): Tensor {
  return filled(shape, value, options, 'full');
}

function filled(shape: ShapeLike, value: number | boolean, options: CreationOptions | undefined, op: string): Tensor {
  const s = checkShape(shape, op);
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'value' must be a number or boolean, got ${describeValue(value)}`);
  }
  const given = options !== undefined && options !== null && (options as CreationOptions).dtype !== undefined;
  const dtype = optionDType(options, scalarDType(value), op);
  // NOTE: PyTorch's full of a Python int beyond int32 is an int64 tensor (none here); into an
  // int32 tensor the value is checked, as PyTorch's "cannot be converted without overflow"
  if (!given && typeof value === 'number') checkWideInteger(value, op, "'value'");
  const out = allocate(dtype, shapeSize(s), op);
  out.fill(dtype === 'int32' ? checkedInt32(+value, op) : castValue(value, dtype));
  return new Tensor(out, s, dtype);
}

/**
 * Zeros with the shape (and by default the dtype) of `x`.
 *
 * @example
 * ```ts
 * zerosLike(ones([2, 2])).toArray(); // [[0, 0], [0, 0]]
 * ```
 */
export function zerosLike(x: Tensor, options?: CreationOptions): Tensor {
  return zeros(likeShape(x, 'zerosLike'), { dtype: optionDType(options, x.dtype, 'zerosLike') });
}

/**
 * Ones with the shape (and by default the dtype) of `x`.
 *
 * @example
 * ```ts
 * onesLike(zeros([2], { dtype: 'int32' })).toArray(); // [1, 1]
 * ```
 */
export function onesLike(x: Tensor, options?: CreationOptions): Tensor {
  return full(likeShape(x, 'onesLike'), 1, { dtype: optionDType(options, x.dtype, 'onesLike') });
}

/**
 * `value` with the shape (and by default the dtype) of `x`.
 *
 * @example
 * ```ts
 * fullLike(zeros([2]), 0.5).toArray(); // [0.5, 0.5]
 * ```
 */
export function fullLike(x: Tensor, value: number | boolean, options?: CreationOptions): Tensor {
  return filled(likeShape(x, 'fullLike'), value, { dtype: optionDType(options, x.dtype, 'fullLike') }, 'fullLike');
}

/**
 * An uninitialised (zeroed) tensor with the shape and dtype of `x`.
 *
 * @example
 * ```ts
 * emptyLike(ones([2])).shape; // [2]
 * ```
 */
export function emptyLike(x: Tensor, options?: CreationOptions): Tensor {
  return zerosLike(x, options);
}

function checkNumber(value: unknown, op: string, name: string): number {
  if (typeof value !== 'number') {
    throw new ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be a number, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Values from `start` (inclusive) to `end` (exclusive) by `step`, like
 * PyTorch's `arange`: `arange(end)`, `arange(start, end)`,
 * `arange(start, end, step)`, each with optional options last. int32 when
 * every argument is an integer, else float32.
 *
 * @example
 * ```ts
 * arange(5).toArray(); // [0, 1, 2, 3, 4]
 * arange(0, 1, 0.25).toArray(); // [0, 0.25, 0.5, 0.75]
 * ```
 */
export function arange(end: number, options?: CreationOptions): Tensor;
export function arange(start: number, end: number, options?: CreationOptions): Tensor;
export function arange(start: number, end: number, step: number, options?: CreationOptions): Tensor;
export function arange(
  a: number,
  b?: number | CreationOptions,
  c?: number | CreationOptions,
  d?: CreationOptions,
): Tensor {
  let start = 0;
  let end: number;
  let step = 1;
  let options: CreationOptions | undefined;
  if (typeof b !== 'number') {
    end = a;
    options = b;
  } else if (typeof c !== 'number') {
    start = a;
    end = b;
    options = c;
  } else {
    start = a;
    end = b;
    step = c;
    options = d;
  }
  checkNumber(start, 'arange', 'start');
  checkNumber(end, 'arange', 'end');
  checkNumber(step, 'arange', 'step');
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw new ValueError('INVALID_ARGUMENT', `arange: unsupported range: ${start} -> ${end}`);
  }
  if (step === 0 || !Number.isFinite(step)) {
    throw new ValueError('INVALID_ARGUMENT', `arange: 'step' must be nonzero and finite, got ${step}`);
  }
  if ((step > 0 && end < start) || (step < 0 && end > start)) {
    throw new ValueError('INVALID_ARGUMENT', 'arange: upper bound and larger bound inconsistent with step sign');
  }
  const allInt = Number.isInteger(start) && Number.isInteger(end) && Number.isInteger(step);
  const dtype = optionDType(options, allInt ? 'int32' : 'float32', 'arange');
  const n = Math.ceil((end - start) / step);
  const out = allocate(dtype, n, 'arange');
  // PyTorch computes start + i * step in double precision, then casts
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  if (dtype === 'bool') for (let i = 0; i < n; i++) out[i] = out[i] !== 0 ? 1 : 0;
  return new Tensor(out, [n], dtype);
}

/**
 * `steps` evenly spaced values from `start` to `end`, both included (float32 by default).
 *
 * @example
 * ```ts
 * linspace(0, 1, 5).toArray(); // [0, 0.25, 0.5, 0.75, 1]
 * ```
 */
export function linspace(start: number, end: number, steps: number, options?: CreationOptions): Tensor {
  checkNumber(start, 'linspace', 'start');
  checkNumber(end, 'linspace', 'end');
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 0) {
    throw new ValueError('INVALID_ARGUMENT', `linspace: 'steps' must be a non-negative integer, got ${formatValue(steps)}`);
  }
  const dtype = optionDType(options, 'float32', 'linspace');
  const out = allocate(dtype, steps, 'linspace');
  if (steps === 1) out[0] = start;
  else if (steps > 1) {
    // NOTE: PyTorch's kernel computes the step in the output dtype and fills
    // from both ends towards the middle (so the last value is exactly `end`),
    // each value a fused multiply-add rounded once.
    const f = dtype === 'float32' ? Math.fround : (v: number): number => v;
    const s = f(start);
    const e = f(end);
    const step = f((e - s) / (steps - 1));
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) {
      out[i] = i < half ? f(s + step * i) : f(e - step * (steps - i - 1));
    }
  }
  return new Tensor(out, [steps], dtype);
}

/**
 * The `n`×`m` identity matrix (`m` defaults to `n`; float32 by default).
 *
 * @example
 * ```ts
 * eye(2).toArray(); // [[1, 0], [0, 1]]
 * ```
 */
export function eye(n: number, options?: CreationOptions): Tensor;
export function eye(n: number, m: number, options?: CreationOptions): Tensor;
export function eye(n: number, b?: number | CreationOptions, c?: CreationOptions): Tensor {
  const m = typeof b === 'number' ? b : n;
  const options = typeof b === 'number' ? c : b;
  const [rows, cols] = checkShape([n, m], 'eye') as [number, number];
  const dtype = optionDType(options, 'float32', 'eye');
  const out = allocate(dtype, rows * cols, 'eye');
  const k = rows < cols ? rows : cols;
  for (let i = 0; i < k; i++) out[i * cols + i] = 1;
  return new Tensor(out, [rows, cols], dtype);
}

function randomFloatDType(options: RandomOptions | undefined, op: string): DType {
  const dtype = optionDType(options, 'float32', op);
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DTypeError(`${op}: expected a floating point dtype, got ${dtype}`);
  }
  return dtype;
}

function generatorOf(options: RandomOptions | undefined, op: string): Generator {
  const generator = options?.generator ?? defaultGenerator;
  if (!(generator instanceof Generator)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'generator' must be a Generator, got ${describeValue(generator)}`);
  }
  return generator;
}

// rand and randn: a float tensor of `shape` filled from the generator with standard parameters.
function randomFloats(
  shape: ShapeLike,
  options: RandomOptions | undefined,
  op: string,
  fill: (out: Float32Array | Float64Array, gen: Generator) => void,
): Tensor {
  const s = checkShape(shape, op);
  const dtype = randomFloatDType(options, op);
  const out = allocate(dtype, shapeSize(s), op) as Float32Array | Float64Array;
  fill(out, generatorOf(options, op));
  return new Tensor(out, s, dtype);
}

// The `x` of zerosLike, onesLike, fullLike, emptyLike, randLike and randnLike.
function likeShape(x: Tensor, op: string): number[] {
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`${op}: 'x' must be a Tensor, got ${describeValue(x)}`);
  return x.shape.slice();
}

/**
 * Uniform samples from `[0, 1)` (float32 by default), drawn from the seeded
 * generator in `options.generator` or the default one.
 *
 * @example
 * ```ts
 * manualSeed(0);
 * rand([2, 2]).shape; // [2, 2]
 * ```
 */
export function rand(shape: ShapeLike, options?: RandomOptions): Tensor {
  return randomFloats(shape, options, 'rand', fillUniform);
}

/**
 * Standard normal samples (float32 by default).
 *
 * @example
 * ```ts
 * randn([3], { generator: new Generator(42) }).shape; // [3]
 * ```
 */
export function randn(shape: ShapeLike, options?: RandomOptions): Tensor {
  return randomFloats(shape, options, 'randn', fillNormal);
}

/**
 * Uniform random integers in `[low, high)` (int32 by default):
 * `randint(low, high, shape)` or `randint(high, shape)`.
 *
 * @example
 * ```ts
 * randint(0, 10, [5]).dtype; // 'int32'
 * ```
 */
export function randint(high: number, shape: ShapeLike, options?: RandomOptions): Tensor;
export function randint(low: number, high: number, shape: ShapeLike, options?: RandomOptions): Tensor;
export function randint(
  a: number,
  b: number | ShapeLike,
  c?: ShapeLike | RandomOptions,
  d?: RandomOptions,
): Tensor {
  let low = 0;
  let high: number;
  let shape: ShapeLike;
  let options: RandomOptions | undefined;
  if (Array.isArray(b)) {
    high = a;
    shape = b as readonly number[];
    options = c as RandomOptions | undefined;
  } else {
    low = a;
    high = b as number;
    shape = c as ShapeLike;
    options = d;
  }
  if (!Number.isInteger(low) || !Number.isInteger(high)) {
    throw new ValueError('INVALID_ARGUMENT', `randint: 'low' and 'high' must be integers, got ${formatValue(low)} and ${formatValue(high)}`);
  }
  if (!(low < high)) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `random_ expects 'from' to be less than 'to', but got from=${low} >= to=${high}`,
    );
  }
  const s = checkShape(shape, 'randint');
  const dtype = optionDType(options, 'int32', 'randint');
  const n = shapeSize(s);
  const ints = allocate('int32', n, 'randint') as Int32Array;
  fillRandint(ints, generatorOf(options, 'randint'), low, high);
  if (dtype === 'int32') return new Tensor(ints, s, 'int32');
  const out = allocate(dtype, n, 'randint');
  fillValues(out, ints, dtype);
  return new Tensor(out, s, dtype);
}

/**
 * Uniform samples shaped like `x`, of its dtype (an int32 or bool `x` needs an explicit float `dtype`, as in PyTorch).
 *
 * @example
 * ```ts
 * randLike(zeros([2])).shape; // [2]
 * ```
 */
export function randLike(x: Tensor, options?: RandomOptions): Tensor {
  const shape = likeShape(x, 'randLike');
  return rand(shape, { ...options, dtype: likeFloatDType(x, options, 'randLike') });
}

/**
 * Standard normal samples shaped like `x`, of its dtype (an int32 or bool `x` needs an explicit float `dtype`, as in PyTorch).
 *
 * @example
 * ```ts
 * randnLike(zeros([2])).shape; // [2]
 * ```
 */
export function randnLike(x: Tensor, options?: RandomOptions): Tensor {
  const shape = likeShape(x, 'randnLike');
  return randn(shape, { ...options, dtype: likeFloatDType(x, options, 'randnLike') });
}

// NOTE: PyTorch's rand_like/randn_like keep the input's dtype, and an int or bool one is an error
// ("check_uniform_bounds" not implemented for 'Int'); an explicit floating dtype is fine.
function likeFloatDType(x: Tensor, options: RandomOptions | undefined, op: string): DType {
  const given = optionDType(options, x.dtype, op);
  if (given !== 'float32' && given !== 'float64') {
    throw new DTypeError(`${op}: expected a floating point dtype (float32 or float64), got ${given}; pass { dtype: 'float32' } for random floats shaped like an ${given} tensor`);
  }
  return given;
}


// indexing (issue 15)
/**
 * A random permutation of `0..n-1` (int32 by default; float32 and float64 also
 * accepted), drawn as `torch.randperm(n, generator=g)` draws it on the CPU: the
 * same seed gives the same permutation. PyTorch 1.13's `randperm_cpu` fills
 * `0..n-1` and, for `i` in `0..n-2`, swaps entry `i` with entry `i + z`, where
 * `z` is one 32-bit MT19937 draw modulo `n - i` (so it consumes `n - 1` draws).
 *
 * NOTE: PyTorch keeps that algorithm for every `n` below 2^32 / 20 (214748364)
 * and switches to a 64-bit "inside-out" Fisher-Yates above it; gradlab's
 * tensors hold at most 2^31 - 1 elements, and an int32 result covers every
 * such `n`, but only `n < 214748364` follows PyTorch's draws (larger `n` throws
 * rather than giving another permutation).
 *
 * @example
 * ```ts
 * randperm(5, { generator: new Generator(0) }).toArray(); // [4, 0, 1, 3, 2], as torch.randperm(5, generator=torch.Generator().manual_seed(0))
 * ```
 */
export function randperm(n: number, options?: RandomOptions): Tensor {
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new ValueError('INVALID_ARGUMENT', `randperm(): argument 'n' (position 1) must be int, not ${describeValue(n)}`);
  }
  if (n < 0) throw new ValueError('INVALID_ARGUMENT', `Trying to create tensor with negative dimension ${n}: [${n}]`);
  const dtype = optionDType(options, 'int32', 'randperm');
  if (dtype === 'bool') throw new DTypeError(`"randperm" not implemented for 'Bool'`);
  if (dtype === 'float32' && n > 2 ** 24 + 1) {
    throw new ValueError('INVALID_ARGUMENT', 'n cannot be greater than 2^24+1 for Float type.');
  }
  if (n >= RANDPERM_SMALL_N) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `randperm: n = ${n} is at least 2^32 / 20 = ${RANDPERM_SMALL_N}, where PyTorch draws with another algorithm (64-bit draws) that gradlab does not reproduce`,
    );
  }
  const generator = generatorOf(options, 'randperm');
  const out = allocate(dtype, n, 'randperm');
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = 0; i < n - 1; i++) {
    const j = i + (generator.nextUint32() % (n - i));
    const saved = out[i]!;
    out[i] = out[j]!;
    out[j] = saved;
  }
  return new Tensor(out, [n], dtype);
}

/** `std::numeric_limits<uint32_t>::max() / 20`: below it PyTorch's randperm_cpu keeps the 32-bit draws. */
const RANDPERM_SMALL_N = Math.floor(4294967295 / 20);

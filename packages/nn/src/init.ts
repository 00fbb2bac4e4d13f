import type { Tensor } from '@gradlab/autograd';
import { defaultGenerator, DTypeError, fillUniform, ShapeError, ValueError, type Generator, markModified } from '@gradlab/tensor';

import { checkTensorInput, describeValue } from './check';

/**
 * In-place initialisers, like `torch.nn.init`. Each writes into the tensor's
 * storage without recording a graph and returns the tensor.
 */

/** Options shared by the random initialisers. */
export interface InitOptions {
  /** The random source (default: the global generator, seeded by `manualSeed`). */
  generator?: Generator;
}

function checkOptions(op: string, options: unknown): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'options' must be an object such as { generator }, got ${describeValue(options)}`);
  }
}

function contiguousStorage(op: string, x: Tensor) {
  checkTensorInput(op, x, 'tensor');
  const base = x.data;
  if (!base.isContiguous()) throw new ValueError('INVALID_ARGUMENT', `${op}: expected a contiguous tensor`);
  return { storage: base.storage, offset: base.offset, count: base.numel() };
}

/**
 * Fills `x` with values drawn from U(low, high).
 *
 * @example
 * ```ts
 * const w = new Parameter(zeros([3, 2]));
 * uniform_(w, -0.5, 0.5, { generator: new Generator(0) });
 * ```
 */
export function uniform_(x: Tensor, low = 0, high = 1, options: InitOptions = {}): Tensor {
  checkOptions('uniform_', options);
  return fillUniformInto('uniform_', x, low, high, options);
}

/** Draws U(low, high) into `x`; `op` names the initialiser the user called in messages. */
function fillUniformInto(op: string, x: Tensor, low: number, high: number, options: InitOptions): Tensor {
  const { storage, offset, count } = contiguousStorage(op, x);
  if (!(storage instanceof Float32Array || storage instanceof Float64Array)) {
    throw new DTypeError(`${op}: expected a float32 or float64 tensor, got ${x.dtype}`);
  }
  if (count === 0) return x; // PyTorch: initialising a zero-element tensor is a no-op.
  for (const [name, value] of [['low', low], ['high', high]] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be a finite number, got ${describeValue(value)}`);
    }
  }
  if (low > high) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: expects to return a [low, high) range, but found low=${low} > high=${high}`);
  }
  // Draws in the tensor's own dtype, so the values equal PyTorch's uniform_ for the same seed.
  fillUniform(storage.subarray(offset, offset + count), options.generator ?? defaultGenerator, low, high);
  markModified(x.data);
  return x;
}

/**
 * Fills `x` with `value`.
 *
 * @example
 * ```ts
 * constant_(linear.bias!, 0.1);
 * ```
 */
export function constant_(x: Tensor, value: number): Tensor {
  const { storage, offset, count } = contiguousStorage('constant_', x);
  if (typeof value !== 'number') {
    throw new ValueError('INVALID_ARGUMENT', `constant_: 'value' must be a number, got ${describeValue(value)}`);
  }
  storage.fill(value, offset, offset + count);
  markModified(x.data);
  return x;
}

/** Fills `x` with zeros. @example `zeros_(linear.bias!)` */
export function zeros_(x: Tensor): Tensor {
  return constant_(x, 0);
}

/** Fills `x` with ones. @example `ones_(scale)` */
export function ones_(x: Tensor): Tensor {
  return constant_(x, 1);
}

/** PyTorch's fan-in and fan-out of a weight: `[out, in, *kernel]`. */
export function fanInAndFanOut(shape: readonly number[], op = 'fanInAndFanOut'): { fanIn: number; fanOut: number } {
  if (typeof op !== 'string') op = 'fanInAndFanOut';
  if (!Array.isArray(shape) || !shape.every((size) => Number.isInteger(size) && size >= 0)) {
    throw new ShapeError('INVALID_SHAPE', `${op}: 'shape' must be an array of non-negative integers, got ${describeValue(shape)}`);
  }
  if (shape.length < 2) {
    throw new ShapeError('INVALID_SHAPE', `${op}: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions, got shape [${shape.join(', ')}]`);
  }
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1]! * receptive, fanOut: shape[0]! * receptive };
}

/**
 * Kaiming (He) uniform initialisation for a leaky-ReLU gain with slope `a`,
 * fan-in mode: U(-b, b) with `b = sqrt(6 / ((1 + a^2) fanIn))`. PyTorch's Linear
 * uses `a = sqrt(5)`, which gives `b = 1 / sqrt(fanIn)`.
 *
 * @example
 * ```ts
 * kaimingUniform_(linear.weight, { a: Math.sqrt(5) });
 * ```
 */
export function kaimingUniform_(x: Tensor, options: InitOptions & { a?: number } = {}): Tensor {
  checkOptions('kaimingUniform_', options);
  const a = options.a ?? 0;
  if (typeof a !== 'number' || !Number.isFinite(a)) {
    throw new ValueError('INVALID_ARGUMENT', `kaimingUniform_: 'a' must be a finite number, got ${describeValue(a)}`);
  }
  checkTensorInput('kaimingUniform_', x, 'tensor');
  const { fanIn } = fanInAndFanOut(x.shape, 'kaimingUniform_');
  if (fanIn === 0) return fillUniformInto('kaimingUniform_', x, 0, 0, options);
  // The same float operations as torch.nn.init.kaiming_uniform_, so bounds agree to the last bit.
  const gain = Math.sqrt(2 / (1 + a ** 2));
  const bound = Math.sqrt(3) * (gain / Math.sqrt(fanIn));
  return fillUniformInto('kaimingUniform_', x, -bound, bound, options);
}

/**
 * Xavier (Glorot) uniform initialisation: U(-b, b), `b = gain * sqrt(6 / (fanIn + fanOut))`.
 *
 * @example
 * ```ts
 * xavierUniform_(linear.weight);
 * ```
 */
export function xavierUniform_(x: Tensor, options: InitOptions & { gain?: number } = {}): Tensor {
  checkOptions('xavierUniform_', options);
  checkTensorInput('xavierUniform_', x, 'tensor');
  const { fanIn, fanOut } = fanInAndFanOut(x.shape, 'xavierUniform_');
  if (x.numel() === 0) return x;
  const bound = (options.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut));
  return fillUniformInto('xavierUniform_', x, -bound, bound, options);
}

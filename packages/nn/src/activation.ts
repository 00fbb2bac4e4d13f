import { elu, gelu, sigmoid, silu, softplus, tanh, type Tensor } from '@gradlab/autograd';
import { IndexError, ShapeError, ValueError } from '@gradlab/tensor';

import { checkInteger, checkTensorInput, describeValue } from './check';
import { Module } from './module';

/**
 * `max(x, 0)` elementwise, like `torch.nn.ReLU`.
 *
 * @example
 * ```ts
 * new ReLU().call(tensor([-1, 2])); // tensor([0., 2.])
 * ```
 */
export class ReLU extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'ReLU';
  forward(input: Tensor): Tensor {
    checkTensorInput('ReLU', input);
    return input.relu();
  }
}

/**
 * `x` for `x >= 0`, `negativeSlope * x` otherwise, like `torch.nn.LeakyReLU`.
 *
 * @example
 * ```ts
 * new LeakyReLU(0.2).call(tensor([-1, 2])); // tensor([-0.2000,  2.0000])
 * ```
 */
export class LeakyReLU extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'LeakyReLU';
  readonly negativeSlope: number;

  constructor(negativeSlope = 0.01) {
    super();
    if (typeof negativeSlope !== 'number' || !Number.isFinite(negativeSlope)) {
      throw new ValueError('INVALID_ARGUMENT', `LeakyReLU: 'negativeSlope' must be a finite number, got ${describeValue(negativeSlope)}`);
    }
    this.negativeSlope = negativeSlope;
  }

  forward(input: Tensor): Tensor {
    checkTensorInput('LeakyReLU', input);
    return input.leakyRelu(this.negativeSlope);
  }

  override extraRepr(): string {
    return `negative_slope=${pythonFloat(this.negativeSlope)}`;
  }
}

/** A module that works along one dimension, `dim` (Softmax, LogSoftmax). */
export abstract class DimModule extends Module {
  readonly dim: number;

  constructor(name: string, dim: number) {
    super();
    // PyTorch's implicit dim (dim=None) is deprecated and warns; gradlab asks for it.
    checkInteger(name, 'dim', dim);
    this.dim = dim;
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/**
 * Softmax along `dim`, like `torch.nn.Softmax(dim)`: rows summing to 1, computed stably.
 *
 * @example
 * ```ts
 * new Softmax(1).call(tensor([[1, 1]])); // tensor([[0.5000, 0.5000]])
 * ```
 */
export class Softmax extends DimModule {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'Softmax';

  constructor(dim: number) {
    super('Softmax', dim);
  }

  forward(input: Tensor): Tensor {
    checkTensorInput('Softmax', input);
    return input.softmax(this.dim);
  }
}

/**
 * `log(softmax(x, dim))`, computed stably (finite for logits of 1000), like `torch.nn.LogSoftmax(dim)`.
 *
 * @example
 * ```ts
 * new LogSoftmax(1).call(tensor([[1000, 0]])); // tensor([[    0., -1000.]])
 * ```
 */
export class LogSoftmax extends DimModule {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'LogSoftmax';

  constructor(dim: number) {
    super('LogSoftmax', dim);
  }

  forward(input: Tensor): Tensor {
    checkTensorInput('LogSoftmax', input);
    return input.logSoftmax(this.dim);
  }
}

/**
 * Flattens dimensions `startDim..endDim` into one, like `torch.nn.Flatten`
 * (defaults keep the batch dimension: `[N, C, H, W] -> [N, C*H*W]`).
 *
 * @example
 * ```ts
 * new Flatten().call(zeros([2, 3, 4])).shape; // [2, 12]
 * ```
 */
export class Flatten extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'Flatten';
  readonly startDim: number;
  readonly endDim: number;

  constructor(startDim = 1, endDim = -1) {
    super();
    checkInteger('Flatten', 'startDim', startDim);
    checkInteger('Flatten', 'endDim', endDim);
    this.startDim = startDim;
    this.endDim = endDim;
  }

  forward(input: Tensor): Tensor {
    checkTensorInput('Flatten', input);
    return input.flatten(this.startDim, this.endDim);
  }

  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/**
 * Returns its input unchanged, like `torch.nn.Identity` (a placeholder layer).
 *
 * @example
 * ```ts
 * new Identity().call(x) === x; // true
 * ```
 */
export class Identity extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'Identity';
  forward(input: Tensor): Tensor {
    return input;
  }
}

/** A number as Python's `repr(float)` writes it: `0.01`, `1.0`, `1e-05`, `1e+16`. */
export function pythonFloat(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-4 || magnitude >= 1e16)) {
    // Python pads the exponent to two digits: 1e-05, 1.5e+16.
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

// activations (issue 16)

/**
 * `tanh(x)` elementwise, like `torch.nn.Tanh`.
 *
 * @example
 * ```ts
 * new Tanh().call(tensor([0, 1])); // tensor([0.0000, 0.7616])
 * ```
 */
export class Tanh extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'Tanh';
  forward(input: Tensor): Tensor {
    checkTensorInput('Tanh', input);
    return tanh(input);
  }
}

/**
 * `1 / (1 + exp(-x))` elementwise, like `torch.nn.Sigmoid`.
 *
 * @example
 * ```ts
 * new Sigmoid().call(tensor([0, 2])); // tensor([0.5000, 0.8808])
 * ```
 */
export class Sigmoid extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'Sigmoid';
  forward(input: Tensor): Tensor {
    checkTensorInput('Sigmoid', input);
    return sigmoid(input);
  }
}

/**
 * `x * Φ(x)` (or its tanh approximation with `approximate: 'tanh'`), like `torch.nn.GELU`.
 *
 * @example
 * ```ts
 * new GELU().call(tensor([1])); // tensor([0.8413])
 * String(new GELU('tanh')); // GELU(approximate='tanh')
 * ```
 */
export class GELU extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'GELU';
  readonly approximate: 'none' | 'tanh';

  constructor(approximate: 'none' | 'tanh' = 'none') {
    super();
    // PyTorch checks at the first call; gradlab at construction, with PyTorch's message.
    if (approximate !== 'none' && approximate !== 'tanh') {
      throw new ValueError('INVALID_ARGUMENT', `approximate argument must be either none or tanh. (GELU: got ${describeValue(approximate)})`);
    }
    this.approximate = approximate;
  }

  forward(input: Tensor): Tensor {
    checkTensorInput('GELU', input);
    return gelu(input, this.approximate);
  }

  override extraRepr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/**
 * `x * sigmoid(x)` elementwise, like `torch.nn.SiLU`.
 *
 * @example
 * ```ts
 * new SiLU().call(tensor([1])); // tensor([0.7311])
 * ```
 */
export class SiLU extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'SiLU';
  forward(input: Tensor): Tensor {
    checkTensorInput('SiLU', input);
    return silu(input);
  }
}

/**
 * `log(1 + exp(beta * x)) / beta`, linear where `beta * x > threshold`, like `torch.nn.Softplus`.
 * The repr writes an integer `beta`/`threshold` as PyTorch writes its int defaults (`beta=1`), any
 * other number as a Python float.
 *
 * @example
 * ```ts
 * new Softplus().call(tensor([0])); // tensor([0.6931])
 * String(new Softplus(0.5, 10)); // Softplus(beta=0.5, threshold=10)
 * ```
 */
export class Softplus extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'Softplus';
  readonly beta: number;
  readonly threshold: number;

  constructor(beta = 1, threshold = 20) {
    super();
    checkFinite('Softplus', 'beta', beta);
    checkFinite('Softplus', 'threshold', threshold);
    this.beta = beta;
    this.threshold = threshold;
  }

  forward(input: Tensor): Tensor {
    checkTensorInput('Softplus', input);
    return softplus(input, this.beta, this.threshold);
  }

  override extraRepr(): string {
    const number = (x: number): string => (Number.isInteger(x) ? String(x) : pythonFloat(x));
    return `beta=${number(this.beta)}, threshold=${number(this.threshold)}`;
  }
}

/**
 * `x` for `x > 0`, `alpha * (exp(x) - 1)` otherwise, like `torch.nn.ELU`.
 *
 * @example
 * ```ts
 * new ELU().call(tensor([-1, 2])); // tensor([-0.6321,  2.0000])
 * ```
 */
export class ELU extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'ELU';
  readonly alpha: number;

  constructor(alpha = 1) {
    super();
    checkFinite('ELU', 'alpha', alpha);
    this.alpha = alpha;
  }

  forward(input: Tensor): Tensor {
    checkTensorInput('ELU', input);
    return elu(input, this.alpha);
  }

  override extraRepr(): string {
    return `alpha=${pythonFloat(this.alpha)}`;
  }
}

/**
 * Splits dimension `dim` into `unflattenedSize` (one entry may be -1, inferred), a view, like
 * `torch.nn.Unflatten`; the inverse of {@link Flatten}.
 *
 * @example
 * ```ts
 * new Unflatten(1, [2, 5]).call(zeros([3, 10])).shape; // [3, 2, 5]
 * String(new Unflatten(1, [2, 5])); // Unflatten(dim=1, unflattened_size=(2, 5))
 * ```
 */
export class Unflatten extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'Unflatten';
  readonly dim: number;
  readonly unflattenedSize: readonly number[];

  constructor(dim: number, unflattenedSize: readonly number[]) {
    super();
    checkInteger('Unflatten', 'dim', dim);
    if (!Array.isArray(unflattenedSize) || unflattenedSize.length === 0 || !unflattenedSize.every((s) => Number.isInteger(s) && s >= -1)) {
      throw new ValueError(
        'INVALID_ARGUMENT',
        `Unflatten: 'unflattenedSize' must be a non-empty array of sizes (integers >= 0, or one -1), got ${describeValue(unflattenedSize)}`,
      );
    }
    if (unflattenedSize.filter((s) => s === -1).length > 1) throw new ValueError('INVALID_ARGUMENT', 'only one dimension can be inferred');
    this.dim = dim;
    this.unflattenedSize = [...unflattenedSize];
  }

  forward(input: Tensor): Tensor {
    checkTensorInput('Unflatten', input);
    const shape = input.shape;
    const ndim = shape.length;
    const low = -Math.max(ndim, 1);
    const high = Math.max(ndim, 1) - 1;
    if (this.dim < low || this.dim > high) {
      throw new IndexError('INVALID_DIM', `Dimension out of range (expected to be in range of [${low}, ${high}], but got ${this.dim})`);
    }
    const dim = this.dim < 0 ? this.dim + ndim : this.dim;
    const size = shape[dim]!;
    const sizes = [...this.unflattenedSize];
    const known = sizes.reduce((p, s) => (s === -1 ? p : p * s), 1);
    const inferred = sizes.indexOf(-1);
    const fail = (): never => {
      throw new ShapeError(
        'INVALID_SHAPE',
        `unflatten: Provided sizes [${this.unflattenedSize.join(', ')}] don't multiply up to the size of dim ${this.dim} (${size}) in the input tensor`,
      );
    };
    if (inferred >= 0) {
      if (known === 0 || size % known !== 0) fail();
      sizes[inferred] = size / known;
    } else if (known !== size) {
      fail();
    }
    return input.view([...shape.slice(0, dim), ...sizes, ...shape.slice(dim + 1)]);
  }

  override extraRepr(): string {
    const sizes = this.unflattenedSize;
    return `dim=${this.dim}, unflattened_size=(${sizes.join(', ')}${sizes.length === 1 ? ',' : ''})`;
  }
}

function checkFinite(op: string, argument: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: '${argument}' must be a finite number, got ${describeValue(value)}`);
  }
}

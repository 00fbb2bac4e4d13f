import type { Tensor } from '@gradlab/autograd';
import { ValueError } from '@gradlab/tensor';

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

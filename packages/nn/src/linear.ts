import type { Tensor } from '@gradlab/autograd';
import { DTypeError, empty, ShapeError, ValueError, type DType, type Generator, formatValue } from '@gradlab/tensor';

import { checkTensorInput, describeValue } from './check';
import { kaimingUniform_, uniform_ } from './init';
import { Module } from './module';
import { Parameter } from './parameter';

/** Options of {@link Linear}. */
export interface LinearOptions {
  /** Adds a learned bias (default true). */
  bias?: boolean;
  /** The random source of the initial weights (default: the global generator). */
  generator?: Generator;
  /** `'float32'` (default) or `'float64'`. */
  dtype?: DType;
}

/**
 * A fully connected layer, `y = x W^T + b`, like `torch.nn.Linear`: `weight` has
 * shape `[outFeatures, inFeatures]`, `bias` `[outFeatures]`; the input is `[*, inFeatures]`.
 * Both start from PyTorch's default, U(-1/sqrt(inFeatures), 1/sqrt(inFeatures)),
 * drawn from the seedable generator.
 *
 * @example
 * ```ts
 * const layer = new Linear(5, 11, { bias: false, generator: new Generator(0) });
 * layer.call(rand([10, 5])).shape; // [10, 11]
 * ```
 */
export class Linear extends Module {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'Linear';
  readonly inFeatures: number;
  readonly outFeatures: number;
  /** `[outFeatures, inFeatures]`. */
  weight: Parameter;
  /** `[outFeatures]`, or null without bias. */
  bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, options: LinearOptions = {}) {
    super();
    for (const [name, value] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
      if (!Number.isInteger(value) || value < 0) {
        throw new ValueError('INVALID_ARGUMENT', `Linear: '${name}' must be a non-negative integer, got ${describeValue(value)}`);
      }
    }
    const dtype = options.dtype ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new DTypeError(`Linear: 'dtype' must be 'float32' or 'float64' (parameters are trained), got ${formatValue(dtype)}`);
    }
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.weight = new Parameter(empty([outFeatures, inFeatures], { dtype }));
    this.bias = options.bias === false ? null : new Parameter(empty([outFeatures], { dtype }));
    // NOTE: kaiming-uniform with a = sqrt(5) is U(-1/sqrt(in), 1/sqrt(in)), the same bound as the bias.
    kaimingUniform_(this.weight, { a: Math.sqrt(5), generator: options.generator });
    if (this.bias !== null) {
      const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
      uniform_(this.bias, -bound, bound, { generator: options.generator });
    }
  }

  forward(input: Tensor): Tensor {
    checkTensorInput('Linear', input);
    const last = input.shape[input.ndim - 1];
    if (input.ndim === 0 || last !== this.inFeatures) {
      const rows = input.ndim <= 1 ? 1 : input.numel() / (last || 1);
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `Linear(in_features=${this.inFeatures}, out_features=${this.outFeatures}): 'input' has shape [${input.shape.join(', ')}], ` +
          `expected [*, ${this.inFeatures}]` +
          (input.ndim === 0 ? '' : ` (mat1 and mat2 shapes cannot be multiplied (${rows}x${last} and ${this.inFeatures}x${this.outFeatures}))`),
      );
    }
    // NOTE: as PyTorch (mat1 and mat2 must have the same dtype), no silent promotion: an int32
    // input is usually labels passed by mistake, a float64 one doubles the cost of every layer after.
    if (input.dtype !== this.weight.dtype) {
      throw new DTypeError(
        `Linear: 'input' has dtype ${input.dtype}, expected ${this.weight.dtype} like the layer's weight ` +
          `(convert the input with .to('${this.weight.dtype}'), or create the layer with { dtype: '${input.dtype}' })`,
      );
    }
    // `t()` records TBackward0, the node PyTorch shows for `weight.t()` in F.linear
    const weight = this.weight.t();
    const bias = this.bias;
    if (bias !== null) {
      // as PyTorch 1.13's F.linear: a 2-D input takes the fused addmm (AddmmBackward0), and so does a
      // contiguous 3-D one, folded into rows by views; same values as matmul + add, bit for bit
      if (input.ndim === 2) return bias.addmm(input, weight);
      if (input.ndim === 3 && input.isContiguous()) {
        const [batch, rows] = input.shape as [number, number, number];
        return bias.addmm(input.view(batch * rows, this.inFeatures), weight).view(batch, rows, this.outFeatures);
      }
    }
    const output = input.matmul(weight);
    return bias === null ? output : output.add(bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${this.bias === null ? 'False' : 'True'}`;
  }
}

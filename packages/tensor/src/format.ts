/**
 * PyTorch-identical tensor printing.
 *
 * A line-by-line port of `torch/_tensor_str.py` (PyTorch 1.13) with its default print options:
 * precision 4, threshold 1000, edgeitems 3, linewidth 80, automatic scientific notation.
 * Numbers are rounded the way Python's `format()` rounds them: correctly, from the exact binary
 * value, with ties to even (JavaScript's `toFixed` breaks ties away from zero, so ties are
 * detected exactly and fixed up).
 */

import type { DType } from './dtype';
import { DTypeError, ShapeError, formatValue } from './errors';

const PRECISION = 4;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 80;
const PREFIX = 'tensor(';

/**
 * Formats row-major contiguous values as PyTorch 1.13's `repr(tensor)`.
 *
 * `values` holds the elements in row-major order (bool elements as 0/1); `suffixes` are appended
 * after the `dtype=` suffix, wrapping at 80 columns as PyTorch does.
 *
 * @example
 * ```ts
 * formatValues(new Float32Array([1, 2]), [2], 'float64', ['requires_grad=True']);
 * // 'tensor([1., 2.], dtype=torch.float64, requires_grad=True)'
 * formatValues([4.0584], [], 'float32', ['grad_fn=<LogBackward0>']);
 * // 'tensor(4.0584, grad_fn=<LogBackward0>)'
 * ```
 */
export function formatValues(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
  suffixes: readonly string[] = [],
): string {
  if (dtype !== 'float32' && dtype !== 'float64' && dtype !== 'int32' && dtype !== 'bool') {
    throw new DTypeError(`formatValues: 'dtype' must be one of float32, float64, int32, bool, got ${formatValue(dtype)}`);
  }
  for (const size of shape) {
    if (!Number.isInteger(size) || size < 0) {
      throw new ShapeError('INVALID_SHAPE', `formatValues: 'shape' must hold non-negative integers, got [${shape.join(', ')}]`);
    }
  }
  const numel = shape.reduce((product, size) => product * size, 1);
  if (values.length < numel) {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `formatValues: 'values' has ${values.length} elements, expected ${numel} for shape [${shape.join(', ')}]`,
    );
  }
  const allSuffixes: string[] = [];
  let body: string;
  if (numel === 0) {
    // PyTorch prints the shape unless it is (0,), and the dtype unless it is the default float32.
    if (shape.length !== 1) allSuffixes.push(`size=${pythonTuple(shape)}`);
    if (dtype !== 'float32') allSuffixes.push(`dtype=torch.${dtype}`);
    body = '[]';
  } else {
    if (dtype === 'float64' || dtype === 'int32') allSuffixes.push(`dtype=torch.${dtype}`);
    body = tensorBody(values, shape, dtype, numel, PREFIX.length);
  }
  allSuffixes.push(...suffixes);
  return addSuffixes(PREFIX + body, allSuffixes, PREFIX.length);
}

function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** `_add_suffixes`: appends `, suffix`, moving to a new indented line past the line width. */
function addSuffixes(tensorString: string, suffixes: readonly string[], indent: number): string {
  const parts = [tensorString];
  // PyTorch's own arithmetic (`len - rfind('\n') + 1`, two more than the line's length), kept so
  // that suffixes wrap at exactly the same column.
  let lastLineLength = tensorString.length - tensorString.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > LINE_WIDTH) {
      parts.push(',\n' + ' '.repeat(indent) + suffix);
      lastLineLength = indent + suffix.length;
    } else {
      parts.push(', ' + suffix);
      lastLineLength += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** `_tensor_str` for a non-empty tensor. */
function tensorBody(
  values: ArrayLike<number>,
  shape: readonly number[],
  dtype: DType,
  numel: number,
  indent: number,
): string {
  const summarize = numel > THRESHOLD;
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let dim = shape.length - 1; dim >= 0; dim--) {
    strides[dim] = stride;
    stride *= shape[dim]!;
  }
  // The indices printed along each dim: all of them, or the edge items when summarising.
  const shown = shape.map((size) =>
    summarize && size > 2 * EDGE_ITEMS ? edgeIndices(size) : rangeOf(size),
  );
  const formatter = new Formatter(dtype, collect(values, strides, shown));
  return tensorString(values, shape, strides, 0, 0, indent, summarize, formatter);
}

function rangeOf(size: number): number[] {
  return Array.from({ length: size }, (_, index) => index);
}

function edgeIndices(size: number): number[] {
  const indices: number[] = [];
  for (let index = 0; index < EDGE_ITEMS; index++) indices.push(index);
  for (let index = size - EDGE_ITEMS; index < size; index++) indices.push(index);
  return indices;
}

/** The values `get_summarized_data` would keep (every value when not summarising). */
function collect(
  values: ArrayLike<number>,
  strides: readonly number[],
  shown: readonly number[][],
): number[] {
  const out: number[] = [];
  const visit = (dim: number, offset: number): void => {
    if (dim === shown.length) {
      out.push(values[offset]!);
      return;
    }
    for (const index of shown[dim]!) visit(dim + 1, offset + index * strides[dim]!);
  };
  visit(0, 0);
  return out;
}

/** `_tensor_str_with_formatter`: the nested brackets, recursing one dim at a time. */
function tensorString(
  values: ArrayLike<number>,
  shape: readonly number[],
  strides: readonly number[],
  dim: number,
  offset: number,
  indent: number,
  summarize: boolean,
  formatter: Formatter,
): string {
  const rank = shape.length - dim;
  if (rank === 0) return formatter.format(values[offset]!);
  const size = shape[dim]!;
  const stride = strides[dim]!;
  const elided = summarize && size > 2 * EDGE_ITEMS;
  if (rank === 1) {
    // `_vector_str`
    const elementLength = formatter.width + 2;
    const elementsPerLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / elementLength));
    const data: string[] = [];
    if (elided) {
      for (let index = 0; index < EDGE_ITEMS; index++) data.push(formatter.format(values[offset + index * stride]!));
      data.push(' ...');
      for (let index = size - EDGE_ITEMS; index < size; index++) data.push(formatter.format(values[offset + index * stride]!));
    } else {
      for (let index = 0; index < size; index++) data.push(formatter.format(values[offset + index * stride]!));
    }
    const lines: string[] = [];
    for (let start = 0; start < data.length; start += elementsPerLine) {
      lines.push(data.slice(start, start + elementsPerLine).join(', '));
    }
    return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
  }
  const slice = (index: number): string =>
    tensorString(values, shape, strides, dim + 1, offset + index * stride, indent + 1, summarize, formatter);
  const slices: string[] = [];
  if (elided) {
    for (let index = 0; index < EDGE_ITEMS; index++) slices.push(slice(index));
    slices.push('...');
    for (let index = size - EDGE_ITEMS; index < size; index++) slices.push(slice(index));
  } else {
    for (let index = 0; index < size; index++) slices.push(slice(index));
  }
  return '[' + slices.join(',' + '\n'.repeat(rank - 1) + ' '.repeat(indent + 1)) + ']';
}

/** `_Formatter`: chooses integer, fixed or scientific notation and the column width. */
class Formatter {
  readonly width: number;
  private readonly floating: boolean;
  private readonly bool: boolean;
  private readonly intMode: boolean = true;
  private readonly sciMode: boolean = false;

  constructor(dtype: DType, values: readonly number[]) {
    this.floating = dtype === 'float32' || dtype === 'float64';
    this.bool = dtype === 'bool';
    let width = 1;
    if (!this.floating) {
      for (const value of values) width = Math.max(width, this.formatInteger(value).length);
      this.width = width;
      return;
    }
    const nonzeroFinite = values.filter((value) => Number.isFinite(value) && value !== 0);
    if (nonzeroFinite.length === 0) {
      this.width = width;
      return;
    }
    let min = Infinity;
    let max = 0;
    for (const value of nonzeroFinite) {
      const magnitude = Math.abs(value);
      if (magnitude < min) min = magnitude;
      if (magnitude > max) max = magnitude;
    }
    this.intMode = nonzeroFinite.every((value) => Number.isInteger(value));
    if (this.intMode) {
      // Integers get a trailing '.' to show the tensor is floating: one more column.
      if (max / min > 1000 || max > 1e8) {
        this.sciMode = true;
        for (const value of nonzeroFinite) width = Math.max(width, formatExponential(value, PRECISION).length);
      } else {
        for (const value of nonzeroFinite) width = Math.max(width, formatFixed(value, 0).length + 1);
      }
    } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
      this.sciMode = true;
      for (const value of nonzeroFinite) width = Math.max(width, formatExponential(value, PRECISION).length);
    } else {
      for (const value of nonzeroFinite) width = Math.max(width, formatFixed(value, PRECISION).length);
    }
    this.width = width;
  }

  format(value: number): string {
    let text: string;
    if (!this.floating) {
      text = this.formatInteger(value);
    } else if (this.sciMode) {
      text = formatExponential(value, PRECISION);
    } else if (this.intMode) {
      text = formatFixed(value, 0);
      if (Number.isFinite(value)) text += '.';
    } else {
      text = formatFixed(value, PRECISION);
    }
    return text.length < this.width ? ' '.repeat(this.width - text.length) + text : text;
  }

  private formatInteger(value: number): string {
    if (this.bool) return value ? 'True' : 'False';
    return String(value === 0 ? 0 : value);
  }
}

function nonFinite(value: number): string {
  return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
}

/**
 * Python's `'{:.{precision}f}'.format(value)`.
 * @internal exported for tests
 */
export function formatFixed(value: number, precision: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e21) {
    // toFixed switches to exponent notation here; such doubles are integers, print them exactly.
    return sign + BigInt(magnitude).toString() + (precision > 0 ? '.' + '0'.repeat(precision) : '');
  }
  let text = magnitude.toFixed(precision);
  // A tie (exact value halfway between two outputs) needs |value| * 2^(precision+1) to be an
  // odd integer; toFixed then rounded up, Python rounds to the even neighbour.
  const scaled = magnitude * 2 ** (precision + 1);
  if (Number.isInteger(scaled) && scaled % 2 === 1) {
    // |value| * 10^precision = q + 1/2 with q = (scaled * 5^precision - 1) / 2.
    const q = (BigInt(scaled) * 5n ** BigInt(precision) - 1n) / 2n;
    if (q % 2n === 0n) text = fixedFromScaledInteger(q, precision);
  }
  return sign + text;
}

function fixedFromScaledInteger(scaled: bigint, precision: number): string {
  if (precision === 0) return scaled.toString();
  const digits = scaled.toString().padStart(precision + 1, '0');
  return digits.slice(0, -precision) + '.' + digits.slice(-precision);
}

/**
 * Python's `'{:.{precision}e}'.format(value)` (`1.2346e+05`, `-0.0000e+00`).
 * @internal exported for tests
 */
export function formatExponential(value: number, precision: number): string {
  if (!Number.isFinite(value)) return nonFinite(value);
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const magnitude = Math.abs(value);
  let [mantissa, exponentText] = magnitude.toExponential(precision).split('e') as [string, string];
  let exponent = Number(exponentText);
  if (magnitude !== 0) {
    // Only a value whose next digit prints as exactly 5 can be a tie; confirm it exactly.
    const [longer, longerExponent] = magnitude.toExponential(precision + 1).split('e') as [string, string];
    if (longer.endsWith('5')) {
      const tie = exactTie(magnitude, Number(longerExponent) - precision);
      if (tie !== null && tie % 2n === 0n) {
        // The even neighbour is the lower one: `tie` holds precision+1 significant digits.
        const digits = tie.toString();
        mantissa = precision > 0 ? digits[0] + '.' + digits.slice(1) : digits;
        exponent = Number(longerExponent);
      }
    }
  }
  const exponentSign = exponent < 0 ? '-' : '+';
  return `${sign}${mantissa}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * When `magnitude / 10^unitExponent` is exactly `q + 1/2` for an integer q, returns q; else null.
 * Exact, through the double's binary decomposition.
 */
function exactTie(magnitude: number, unitExponent: number): bigint | null {
  const { mantissa, exponent } = decompose(magnitude);
  // 2 * magnitude / 10^unitExponent = numerator / denominator; a tie when it is an odd integer.
  let numerator = 2n * mantissa;
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  if (unitExponent >= 0) denominator *= 10n ** BigInt(unitExponent);
  else numerator *= 10n ** BigInt(-unitExponent);
  if (numerator % denominator !== 0n) return null;
  const twiceScaled = numerator / denominator;
  return twiceScaled % 2n === 1n ? (twiceScaled - 1n) / 2n : null;
}

/** A positive finite double as `mantissa * 2^exponent` with an integer mantissa. */
function decompose(magnitude: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, magnitude);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

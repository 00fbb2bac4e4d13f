import { Tensor } from '@gradlab/autograd';
import { DTypeError, Tensor as BaseTensor, ValueError, formatValue } from '@gradlab/tensor';

import { LabelError } from './errors';

/** A value for an error message: `string 'a'`, `undefined`, `Array`, `3`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `string '${value}'`;
  return formatValue(value);
}

/** Throws a ValueError naming the op and argument unless `x` is a differentiable tensor. */
export function checkTensor(op: string, argument: string, x: unknown): asserts x is Tensor {
  if (x instanceof Tensor) return;
  const hint = x instanceof BaseTensor ? ' (a @gradlab/tensor Tensor: wrap it with fromData())' : Array.isArray(x) ? ' (make one with tensor(...))' : '';
  throw new ValueError('INVALID_ARGUMENT', `${op}: '${argument}' must be a Tensor, got ${describeValue(x)}${hint}`);
}

/**
 * The values of an int32 tensor of class indices in row-major order (a view
 * when already contiguous). A float tensor throws a DTypeError that says
 * whether its values are whole numbers (convert with `.int()`) or names the
 * first one that is not.
 */
export function int32Values(op: string, argument: string, labels: Tensor): Int32Array {
  checkTensor(op, argument, labels);
  if (labels.dtype !== 'int32') {
    let detail = '';
    if (labels.dtype === 'float32' || labels.dtype === 'float64') {
      const base = labels.data.contiguous();
      const values = base.storage.subarray(base.offset, base.offset + base.numel());
      const bad = values.findIndex((v) => !Number.isInteger(v));
      detail =
        bad < 0
          ? ` (its values are whole numbers: convert it with ${argument}.int())`
          : `, whose ${argument === 'labels' ? 'label' : argument} ${values[bad]} at position [${unravel(bad, labels.shape).join(', ')}] is not a class index`;
    }
    throw new DTypeError(`${op}: '${argument}' must be an int32 tensor of class indices, got ${labels.dtype}${detail}`);
  }
  const base = labels.data.contiguous();
  return (base.storage as Int32Array).subarray(base.offset, base.offset + base.numel());
}

/** Plain-array labels as int32, each checked to be an integer (a LabelError names the first that is not). */
export function labelArray(op: string, labels: readonly unknown[]): Int32Array {
  const flat = labels.flat(Infinity as 1) as unknown[];
  const shape: number[] = [];
  for (let level: unknown = labels; Array.isArray(level); level = level[0]) shape.push(level.length);
  flat.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || Math.abs(value) > 2 ** 31 - 1) {
      const position = flat.length === shape.reduce((a, b) => a * b, 1) ? unravel(i, shape) : [i];
      throw new LabelError(
        `${op}: label ${describeValue(value)} at position [${position.join(', ')}] is not an integer class index`,
        typeof value === 'number' ? value : Number.NaN,
        position,
        -1,
      );
    }
  });
  return Int32Array.from(flat as number[]);
}

/** The multi-dimensional index of a flat row-major position. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const position = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    const size = shape[d]!;
    position[d] = flat % size;
    flat = Math.floor(flat / size);
  }
  return position;
}

/**
 * Throws a {@link LabelError} for the first label outside `[0, numClasses)`
 * (labels equal to `ignoreIndex` are allowed). The message names the value,
 * its position and the valid range, and flags labels that look 1-based.
 */
export function checkLabels(
  op: string,
  noun: string,
  values: Int32Array,
  shape: readonly number[],
  numClasses: number,
  ignoreIndex?: number,
): void {
  let bad = -1;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === ignoreIndex) continue;
    if (v < min) min = v;
    if (v > max) max = v;
    if (bad < 0 && (v < 0 || v >= numClasses)) bad = i;
  }
  if (bad < 0) return;
  const value = values[bad]!;
  const position = unravel(bad, shape);
  const range = numClasses > 0 ? `valid ${noun}s are 0 to ${numClasses - 1}` : `there are no valid ${noun}s`;
  const ignored = ignoreIndex === undefined ? '' : ` (or ignoreIndex = ${ignoreIndex})`;
  let message =
    value < 0
      ? `${op}: ${noun} ${value} at position [${position.join(', ')}] is negative; ${range}${ignored} for ${numClasses} classes`
      : `${op}: ${noun} ${value} at position [${position.join(', ')}] is out of range for ${numClasses} classes; ${range}${ignored}`;
  if (min === 1 && max === numClasses) {
    message += `. The ${noun}s run from 1 to ${numClasses}: they look 1-based; subtract 1 first (labels.sub(1))`;
  }
  throw new LabelError(message, value, position, numClasses);
}

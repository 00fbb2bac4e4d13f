import type { Tensor } from '@gradlab/autograd';
import { DTypeError } from '@gradlab/tensor';

import { LabelError } from './errors';

/** The values of an int32 tensor in row-major order (a view when already contiguous). */
export function int32Values(op: string, argument: string, labels: Tensor): Int32Array {
  if (labels.dtype !== 'int32') {
    throw new DTypeError(`${op}: '${argument}' must be an int32 tensor of class indices, got ${labels.dtype}`);
  }
  const base = labels.data.contiguous();
  return (base.storage as Int32Array).subarray(base.offset, base.offset + base.numel());
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

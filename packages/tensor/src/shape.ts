import { IndexError, ShapeError, describeValue, formatValue } from './errors';

/**
 * Row-major (C-order) strides of a shape.
 *
 * @example
 * ```ts
 * contiguousStrides([2, 3, 4]); // [12, 4, 1]
 * ```
 */
export function contiguousStrides(shape: readonly number[]): number[] {
  const n = shape.length;
  const strides = new Array<number>(n);
  let stride = 1;
  for (let i = n - 1; i >= 0; i--) {
    strides[i] = stride;
    const size = shape[i]!;
    stride *= size > 1 ? size : 1;
  }
  return strides;
}

/**
 * The number of elements of a shape (1 for `[]`).
 *
 * @example
 * ```ts
 * shapeSize([2, 3]); // 6
 * ```
 */
export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (let i = 0; i < shape.length; i++) size *= shape[i]!;
  return size;
}

/**
 * `true` when two shapes are equal element by element.
 *
 * @example
 * ```ts
 * shapesEqual([2, 3], [2, 3]); // true
 * ```
 */
export function shapesEqual(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Formats a shape as in messages: `[2, 3]`. */
export function formatShape(shape: readonly number[]): string {
  // messages must never throw: anything but an array of numbers is described
  if (!Array.isArray(shape)) return formatValue(shape);
  return `[${shape.map((v) => (typeof v === 'number' ? String(v) : formatValue(v))).join(', ')}]`;
}

/**
 * Validates a user-given shape: non-negative integers. Returns a fresh copy.
 *
 * @example
 * ```ts
 * checkShape([2, -1], 'zeros'); // throws ShapeError
 * ```
 */
export function checkShape(shape: readonly number[] | number, op: string): number[] {
  if (typeof shape === 'number') shape = [shape];
  if (!Array.isArray(shape)) {
    throw new ShapeError('INVALID_SHAPE', `${op}: 'shape' must be an array of non-negative integers, got ${describeValue(shape)}`);
  }
  const out = new Array<number>(shape.length);
  for (let i = 0; i < shape.length; i++) {
    const size = shape[i];
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0) {
      throw new ShapeError(
        'INVALID_SHAPE',
        `${op}: 'shape' must contain non-negative integers, got [${shape.map((v) => formatValue(v)).join(', ')}] (entry ${i} is ${typeof size === 'number' ? size : describeValue(size)})`,
      );
    }
    out[i] = size;
  }
  return out;
}

/**
 * Wraps a possibly negative dim into `[0, ndim)` with PyTorch's message. A
 * 0-d tensor accepts dims -1 and 0, as in PyTorch.
 *
 * @example
 * ```ts
 * normalizeDim(-1, 3); // 2
 * normalizeDim(3, 3); // throws IndexError: Dimension out of range (expected to be in range of [-3, 2], but got 3)
 * ```
 */
export function normalizeDim(dim: number, ndim: number, op?: string): number {
  const rank = ndim > 0 ? ndim : 1;
  if (typeof dim !== 'number' || !Number.isInteger(dim)) {
    throw new IndexError('INVALID_DIM', `${op ? op + ': ' : ''}'dim' must be an integer, got ${formatValue(dim)}`);
  }
  if (dim < -rank || dim >= rank) {
    throw new IndexError(
      'INVALID_DIM',
      `${op ? op + ': ' : ''}Dimension out of range (expected to be in range of [${-rank}, ${rank - 1}], but got ${dim})`,
    );
  }
  return dim < 0 ? dim + rank : dim;
}

/**
 * Normalizes a reduction's `dim` argument (a number, a list of numbers or
 * undefined for all dims) into a sorted boolean mask over the dims.
 *
 * @example
 * ```ts
 * reductionMask([0, -1], 3, 'sum'); // [true, false, true]
 * ```
 */
export function reductionMask(dim: number | readonly number[] | undefined | null, ndim: number, op: string): boolean[] {
  const mask = new Array<boolean>(ndim).fill(dim === undefined || dim === null);
  if (dim === undefined || dim === null) return mask;
  const dims = typeof dim === 'number' ? [dim] : dim;
  if (!Array.isArray(dims)) {
    throw new IndexError('INVALID_DIM', `${op}: 'dim' must be a number or an array of numbers, got ${formatValue(dim)}`);
  }
  // NOTE: PyTorch treats an empty dim list as "reduce over every dim".
  if (dims.length === 0) return mask.fill(true);
  for (const d of dims) {
    const k = normalizeDim(d, ndim, op);
    if (ndim === 0) continue;
    if (mask[k]) {
      throw new IndexError('INVALID_DIM', `${op}: dim ${k} appears multiple times in the list of dims`);
    }
    mask[k] = true;
  }
  return mask;
}

/**
 * The broadcast shape of two shapes, with PyTorch's message when they do not
 * broadcast.
 *
 * @example
 * ```ts
 * broadcastShapes([2, 1], [3]); // [2, 3]
 * ```
 */
export function broadcastShapes(a: readonly number[], b: readonly number[]): number[] {
  const na = a.length;
  const nb = b.length;
  const n = na > nb ? na : nb;
  const out = new Array<number>(n);
  // from the last dim backwards, so the reported dim is PyTorch's
  for (let i = n - 1; i >= 0; i--) {
    const ia = na - n + i;
    const ib = nb - n + i;
    const sa = ia >= 0 ? a[ia]! : 1;
    const sb = ib >= 0 ? b[ib]! : 1;
    if (sa === sb || sb === 1) out[i] = sa;
    else if (sa === 1) out[i] = sb;
    else {
      throw new ShapeError(
        'SHAPE_MISMATCH',
        `The size of tensor a (${sa}) must match the size of tensor b (${sb}) at non-singleton dimension ${i}`,
      );
    }
  }
  return out;
}

/**
 * Strides that read a tensor of `shape`/`strides` as if broadcast to `target`
 * (0 along broadcast dims). The caller has checked that the shapes broadcast.
 *
 * @example
 * ```ts
 * broadcastStrides([3], [1], [2, 3]); // [0, 1]
 * ```
 */
export function broadcastStrides(shape: readonly number[], strides: readonly number[], target: readonly number[]): number[] {
  const n = target.length;
  const k = shape.length;
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const j = k - n + i;
    out[i] = j >= 0 && shape[j] !== 1 ? strides[j]! : 0;
  }
  return out;
}

/**
 * Resolves one `-1` in a requested shape against `numel`, with PyTorch's
 * message when the sizes do not fit.
 *
 * @example
 * ```ts
 * inferShape([2, -1], 6); // [2, 3]
 * ```
 */
export function inferShape(shape: readonly number[], numel: number): number[] {
  if (!Array.isArray(shape)) {
    throw new ShapeError('INVALID_SHAPE', `reshape: 'shape' must be an array of integers, got ${describeValue(shape)}`);
  }
  const out = new Array<number>(shape.length);
  let infer = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const size = shape[i];
    if (typeof size !== 'number' || !Number.isInteger(size)) {
      throw new ShapeError('INVALID_SHAPE', `reshape: 'shape' must contain integers, got ${formatShape(shape)}`);
    }
    if (size === -1) {
      if (infer >= 0) throw new ShapeError('INVALID_SHAPE', 'only one dimension can be inferred');
      infer = i;
      out[i] = -1;
    } else if (size < 0) {
      throw new ShapeError('INVALID_SHAPE', `invalid shape dimension ${size}`);
    } else {
      known *= size;
      out[i] = size;
    }
  }
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) {
      throw new ShapeError('INVALID_SHAPE', `shape '${formatShape(shape)}' is invalid for input of size ${numel}`);
    }
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw new ShapeError('INVALID_SHAPE', `shape '${formatShape(shape)}' is invalid for input of size ${numel}`);
  }
  return out;
}

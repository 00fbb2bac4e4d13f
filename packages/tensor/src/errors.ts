/**
 * The error hierarchy of gradlab. Every error thrown by a gradlab package is a
 * {@link GradlabError} with a stable machine-readable `code`; messages name the
 * op, the argument, what was expected and what came (PyTorch's wording where
 * PyTorch has one).
 *
 * @example
 * ```ts
 * try { zeros([2, 3]).add(zeros([4])); }
 * catch (e) { if (e instanceof ShapeError) console.log(e.code); } // 'SHAPE_MISMATCH'
 * ```
 */
import { WRAPPED_TENSOR } from './wrapped';
export class GradlabError extends Error {
  /** A stable code such as `'SHAPE_MISMATCH'`, safe to branch on. */
  readonly code: string;

  /**
   * `instanceof` across copies of the package: an error thrown by another copy of gradlab (two
   * versions installed, or the ESM and CommonJS builds loaded together) carries the same
   * registered brand (see {@link brandError}), so `e instanceof ShapeError` still holds.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (typeof value !== 'object' || value === null || !Object.hasOwn(this, BRAND_NAME)) return false;
    const name = (this as unknown as Record<symbol, string>)[BRAND_NAME]!;
    return (value as Record<symbol, unknown>)[Symbol.for(`@gradlab/error:${name}`)] === true;
  }

  constructor(code: string, message: string) {
    // a message or code that is not a string (a misuse of the class itself) is described, not converted
    super(typeof message === 'string' ? message : `gradlab error with a message that is not a string: ${formatValue(message)}`);
    this.code = typeof code === 'string' ? code : formatValue(code);
    this.name = new.target.name;
  }
}

const BRAND_NAME = Symbol.for('@gradlab/error-brand');

/**
 * Marks an error class so that `instanceof` recognises its errors from any copy of gradlab: the
 * class and its instances carry `Symbol.for('@gradlab/error:<name>')`. Every gradlab error class
 * calls it once.
 *
 * @example
 * ```ts
 * class MyError extends GradlabError {}
 * brandError(MyError, 'MyError');
 * ```
 */
export function brandError(errorClass: abstract new (...args: never[]) => GradlabError, name: string): void {
  if (typeof errorClass !== 'function' || !(errorClass.prototype instanceof GradlabError || errorClass === GradlabError)) {
    throw new ValueError('INVALID_ARGUMENT', `brandError: 'errorClass' must be a GradlabError class, got ${describeValue(errorClass)}`);
  }
  if (typeof name !== 'string' || name === '') {
    throw new ValueError('INVALID_ARGUMENT', `brandError: 'name' must be a non-empty string, got ${formatValue(name)}`);
  }
  if (Object.hasOwn(errorClass, BRAND_NAME)) {
    throw new ValueError('INVALID_ARGUMENT', `brandError: ${name} is branded already`);
  }
  Object.defineProperty(errorClass, BRAND_NAME, { value: name });
  Object.defineProperty(errorClass.prototype, Symbol.for(`@gradlab/error:${name}`), { value: true });
}

/** Codes of {@link ShapeError}. */
export type ShapeErrorCode = 'SHAPE_MISMATCH' | 'INVALID_SHAPE';

/**
 * Shapes that do not broadcast, multiply or reshape, and invalid shapes.
 *
 * @example
 * ```ts
 * new ShapeError('SHAPE_MISMATCH', 'mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)');
 * ```
 */
export class ShapeError extends GradlabError {
  declare readonly code: ShapeErrorCode;
  constructor(code: ShapeErrorCode, message: string) {
    super(code, message);
  }
}

/**
 * An operation that does not support the dtype it was given (`neg` of a bool
 * tensor, `mean` of an int32 tensor, a storage of the wrong typed-array kind).
 *
 * @example
 * ```ts
 * new DTypeError("mean: expected a floating point tensor, got int32");
 * ```
 */
export class DTypeError extends GradlabError {
  declare readonly code: 'DTYPE';
  constructor(message: string) {
    super('DTYPE', message);
  }
}

/** Codes of {@link IndexError}. */
export type IndexErrorCode = 'INDEX_OUT_OF_RANGE' | 'INVALID_DIM';

/**
 * An index or a dimension outside the tensor.
 *
 * @example
 * ```ts
 * new IndexError('INDEX_OUT_OF_RANGE', 'index 5 is out of bounds for dimension 0 with size 3');
 * ```
 */
export class IndexError extends GradlabError {
  declare readonly code: IndexErrorCode;
  constructor(code: IndexErrorCode, message: string) {
    super(code, message);
  }
}

/** Codes of {@link ValueError}. */
export type ValueErrorCode = 'INVALID_VALUE' | 'INVALID_ARGUMENT';

/**
 * An argument with an invalid value (ragged nested arrays, a zero slice step,
 * a negative length, a non-numeric element).
 *
 * @example
 * ```ts
 * new ValueError('INVALID_ARGUMENT', 'slice: step must be positive, got 0');
 * ```
 */
export class ValueError extends GradlabError {
  declare readonly code: ValueErrorCode;
  constructor(code: ValueErrorCode, message: string) {
    super(code, message);
  }
}

/**
 * How an error message names a value that came where something else was
 * expected: `string 'abc'`, `undefined`, `null`, `Array`, `Float32Array`,
 * `number`, ... Shared by the argument checks of every gradlab package.
 *
 * @example
 * ```ts
 * throw new ValueError('INVALID_ARGUMENT', `myOp: 'x' must be a Tensor, got ${describeValue(x)}`);
 * describeValue('abc'); // "string 'abc'"
 * ```
 */
export function describeValue(value: unknown): string {
  try {
    if (typeof value === 'string') return `string '${value}'`;
    if (value === null) return 'null';
    if (typeof value === 'object') {
      // NOTE: recognised by its mark (wrapped.ts), as this module cannot import either Tensor class
      if (WRAPPED_TENSOR in value) {
        return 'Tensor (a @gradlab/autograd Tensor: use the @gradlab/autograd function, or pass its .data)';
      }
      return className(value);
    }
    return typeof value;
  } catch {
    // NOTE: building a message must never throw (a Proxy may throw on any read)
    return typeof value;
  }
}

/** An object's class name: `Array`, `Float32Array`, `null-prototype object` for Object.create(null). */
function className(value: object): string {
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
  if (prototype === null) return 'null-prototype object';
  const name = prototype.constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'object';
}

/**
 * A value as an error message shows it after "got": numbers, booleans, strings and BigInts as
 * themselves (`3`, `NaN`, `float16`, `10n`), a Symbol as `Symbol(x)`, everything else as
 * {@link describeValue} names it. Never throws (a template literal throws on a Symbol, `String()`
 * on an object without a prototype).
 *
 * @example
 * ```ts
 * formatValue(2.5); // '2.5'
 * formatValue(Symbol('s')); // 'Symbol(s)'
 * formatValue(Object.create(null)); // 'null-prototype object'
 * ```
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'symbol') return value.toString();
  if (value === undefined) return 'undefined';
  if (typeof value === 'object' && value !== null) {
    try {
      return className(value);
    } catch {
      return 'object';
    }
  }
  return describeValue(value);
}

brandError(GradlabError, 'GradlabError');
brandError(ShapeError, 'ShapeError');
brandError(DTypeError, 'DTypeError');
brandError(IndexError, 'IndexError');
brandError(ValueError, 'ValueError');

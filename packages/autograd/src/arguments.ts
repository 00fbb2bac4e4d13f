/*
 * Argument checks shared by the engine, hooks, grad mode and gradcheck: a
 * misuse throws a typed error naming the op, the argument, what was expected
 * and what came, never a TypeError from deep inside the walk.
 */
import { Tensor as BaseTensor, ValueError, describeValue } from '@gradlab/tensor';
import { Tensor } from './tensor';

/**
 * {@link describeValue}, with a hint for a `@gradlab/tensor` tensor given
 * where a differentiable one is needed.
 */
export function describeOperand(value: unknown): string {
  if (value instanceof BaseTensor) return 'Tensor (a @gradlab/tensor Tensor: wrap it with fromData())';
  return describeValue(value);
}

/** One differentiable tensor or an array of them, as a list. */
export function tensorList(value: unknown, op: string, name: string): readonly Tensor[] {
  if (value instanceof Tensor) return [value];
  if (!Array.isArray(value)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be a Tensor or an array of Tensors, got ${describeOperand(value)}`);
  }
  value.forEach((item, i) => {
    if (!(item instanceof Tensor)) {
      throw new ValueError('INVALID_ARGUMENT', `${op}: '${name}[${i}]' must be a Tensor, got ${describeOperand(item)}`);
    }
  });
  return value as readonly Tensor[];
}

/** Throws unless `fn` is a function. */
export function checkFunction(fn: unknown, op: string, name: string): void {
  if (typeof fn !== 'function') {
    throw new ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be a function, got ${describeValue(fn)}`);
  }
}

/**
 * Checks an options object: `undefined` or an object whose listed keys are
 * `undefined` or of the given type.
 */
export function checkOptions(
  options: unknown,
  op: string,
  types: Readonly<Record<string, 'boolean' | 'number'>>,
): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'options' must be an object, got ${describeValue(options)}`);
  }
  // for..in, not Object.entries: backward() runs this on every call
  for (const key in types) {
    const type = types[key]!;
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined && typeof value !== type) {
      throw new ValueError('INVALID_ARGUMENT', `${op}: option '${key}' must be a ${type}, got ${describeValue(value)}`);
    }
  }
}

/** The flags of `backward` (method and function). */
export const BACKWARD_OPTIONS = { retainGraph: 'boolean', createGraph: 'boolean' } as const;

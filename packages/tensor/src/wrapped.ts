/**
 * The mark of an object that wraps a tensor, such as `@gradlab/autograd`'s
 * differentiable Tensor: its value is the wrapped base tensor (a getter on the
 * wrapper's prototype). `markModified`, `versionOf` and error messages
 * recognise a wrapper by this mark, never by its field names, so this
 * package needs no knowledge of the wrapper's class.
 *
 * @example
 * ```ts
 * class Wrapper { constructor(readonly inner: Tensor) {} get [WRAPPED_TENSOR]() { return this.inner; } }
 * markModified(new Wrapper(t)); // counts a write into t's storage
 * ```
 */
export const WRAPPED_TENSOR: unique symbol = Symbol.for('@gradlab/tensor.wrapped') as never;

/** The base tensor a wrapper exposes under {@link WRAPPED_TENSOR}, or `undefined`. */
export function wrappedOf(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !(WRAPPED_TENSOR in value)) return undefined;
  return (value as Record<symbol, unknown>)[WRAPPED_TENSOR];
}

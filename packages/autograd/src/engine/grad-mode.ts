/*
 * Whether operations record the graph. One module-level flag: ops only read it
 * after they found an input that requires grad (the lazy check that keeps
 * no-grad and constant-only code paths free of it).
 */
import { ValueError, describeValue } from '@gradlab/tensor';

/** @internal the live flag; read it through {@link isGradEnabled} outside the package. */
export const gradMode = { enabled: true };

/**
 * `true` when operations record the graph (the default), like `torch.is_grad_enabled()`.
 *
 * @example
 * ```ts
 * noGrad(() => isGradEnabled()); // false
 * ```
 */
export function isGradEnabled(): boolean {
  return gradMode.enabled;
}

/**
 * Sets the grad mode and returns the previous one, like `torch.set_grad_enabled`.
 * Prefer {@link noGrad} / {@link enableGrad}, which restore the mode even when `fn` throws.
 *
 * @example
 * ```ts
 * const previous = setGradEnabled(false);
 * try { ... } finally { setGradEnabled(previous); }
 * ```
 */
export function setGradEnabled(enabled: boolean): boolean {
  if (typeof enabled !== 'boolean') {
    throw new ValueError('INVALID_ARGUMENT', `setGradEnabled: 'enabled' must be a boolean, got ${describeValue(enabled)}`);
  }
  const previous = gradMode.enabled;
  gradMode.enabled = enabled;
  return previous;
}

/**
 * Runs `fn` with graph recording off (like `with torch.no_grad():`) and returns its result.
 * Results computed inside have `requiresGrad === false` and no `gradFn`.
 *
 * @example
 * ```ts
 * const w = tensor([1, 2], { requiresGrad: true });
 * const y = noGrad(() => w.mul(2)); // y.requiresGrad === false
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn, 'noGrad');
}

/**
 * Runs `fn` with graph recording on, even inside {@link noGrad} (like `torch.enable_grad()`).
 *
 * @example
 * ```ts
 * noGrad(() => enableGrad(() => w.mul(2))).requiresGrad; // true
 * ```
 */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn, 'enableGrad');
}

/** Runs `fn` with grad mode set to `enabled`, restoring the previous mode even when `fn` throws. */
export function withGradMode<T>(enabled: boolean, fn: () => T, op: string): T {
  if (typeof fn !== 'function') {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'fn' must be a function, got ${describeValue(fn)}`);
  }
  const previous = gradMode.enabled;
  gradMode.enabled = enabled;
  try {
    return fn();
  } finally {
    gradMode.enabled = previous;
  }
}

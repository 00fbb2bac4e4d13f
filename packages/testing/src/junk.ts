/*
 * The junk-argument tests of every package: each exported function, constructor and method is
 * called with junk in each argument position, and must either return or throw a typed
 * GradlabError whose message is readable text, never a TypeError/RangeError from deep inside.
 * The junk includes what breaks naive message building: a Symbol (a template literal throws on
 * it), a BigInt (arithmetic with it throws) and an object without a prototype (String() throws on it).
 */
import { GradlabError } from '@gradlab/tensor';

/** Values no gradlab function expects. */
export const JUNK: readonly unknown[] = [
  undefined, null, 'a', '', {}, [], [[]], Number.NaN, 1.5, -7, 2 ** 31, -Infinity, true, [1, 'x'], () => 1,
  10n, Symbol('junk'), Object.create(null), new Float32Array(2), new Date(0), { params: 5 }, { data: 1, gradFn: 2 },
];

/** A short description of an argument for a failure message (never throws). */
export function describeArgument(value: unknown): string {
  try {
    if (typeof value === 'symbol') return value.toString();
    if (typeof value === 'bigint') return `${value}n`;
    if (typeof value === 'function') return 'fn';
    if (typeof value === 'object' && value !== null && 'dtype' in value && 'shape' in value) return 'Tensor';
    if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === null) return 'Object.create(null)';
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value;
  }
}

/**
 * Calls `call(args)` for every argument list made by putting each junk value at each position
 * of `base` (and with the list cut there); returns the failures: a thrown non-GradlabError, or a
 * message that is not readable text.
 */
export function junkFailures(name: string, base: readonly unknown[], call: (args: unknown[]) => unknown): string[] {
  const failures: string[] = [];
  const positions = Math.max(base.length, 1);
  for (const junk of JUNK) {
    for (let p = 0; p < positions; p++) {
      for (const cut of [false, true]) {
        const args = base.slice();
        args[p] = junk;
        if (cut) args.length = p + 1;
        try {
          const result = call(args);
          if (result !== null && typeof result === 'object' && typeof (result as { toString?: unknown }).toString === 'function') {
            try {
              String(result);
            } catch (error) {
              if (!(error instanceof GradlabError)) failures.push(`${name}(${args.map(describeArgument).join(', ')}): printing the result threw ${String(error)}`);
            }
          }
        } catch (error) {
          if (!(error instanceof GradlabError)) {
            failures.push(`${name}(${args.map(describeArgument).join(', ')}) threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
          } else if (error.message.length < 10 || /\[object |undefined undefined/.test(error.message)) {
            failures.push(`${name}(${args.map(describeArgument).join(', ')}): unreadable message "${error.message}"`);
          }
        }
      }
    }
  }
  return failures;
}

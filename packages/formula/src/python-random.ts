import { MT19937 } from './mt19937';
import { FormulaError } from './errors';
import { describe, invalid } from './guards';

/**
 * The 32-bit words of a non-negative integer, least significant first, as
 * CPython's `random.seed(int)` passes them to `init_by_array` (one word, 0, for zero).
 *
 * @example
 * ```ts
 * seedWords(2n ** 32n + 5n); // [5, 1]
 * ```
 */
export function seedWords(seed: bigint): number[] {
  if (typeof seed !== 'bigint') throw invalid('seedWords', 'seed', 'a bigint', seed);
  // NOTE: Python seeds with abs(n): random.seed(-5) and random.seed(5) give the same stream.
  let n = seed < 0n ? -seed : seed;
  if (n === 0n) return [0];
  const words: number[] = [];
  while (n > 0n) {
    words.push(Number(n & 0xffffffffn));
    n >>= 32n;
  }
  return words;
}

/**
 * A port of the parts of CPython's `random.Random` that the course script uses,
 * bit for bit: `seed(int)`, `getrandbits(k)`, `_randbelow(n)`, `randrange`,
 * `randint` and `choice`.
 *
 * @example
 * ```ts
 * const rng = new PythonRandom(42n);   // random.seed(42)
 * rng.randint(1, 5);                   // 1, as Python's random.randint(1, 5)
 * rng.choice(['+', '-', '*', '/']);
 * ```
 */
export class PythonRandom {
  private mt: MT19937;

  constructor(seed: bigint | number = 0n) {
    this.mt = MT19937.fromArray(seedWords(toBigInt(seed)));
  }

  /** Re-seeds, as `random.seed(n)` with an integer. */
  seed(seed: bigint | number): void {
    this.mt = MT19937.fromArray(seedWords(toBigInt(seed)));
  }

  /** `getrandbits(k)` for 0 <= k <= 32: the next output's top k bits. */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > 32) {
      throw new FormulaError('INVALID_ARGUMENT', `getrandbits: 'k' must be an integer in [0, 32], got ${describe(k)}`);
    }
    if (k === 0) return 0;
    return this.mt.nextUint32() >>> (32 - k);
  }

  /**
   * `_randbelow(n)`: draws k = bit length of n bits until the result is below n
   * (rejection sampling, so the result is exactly uniform).
   */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 0xffffffff) {
      throw new FormulaError('INVALID_ARGUMENT', `randbelow: 'n' must be an integer in [1, 2^32 - 1], got ${describe(n)}`);
    }
    // NOTE: k is the bit length of n, not of n - 1 (CPython's choice, so that n = 1 works).
    const k = 32 - Math.clz32(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** `randrange(start, stop)` with step 1 (or `randrange(stop)` when `stop` is omitted). */
  randrange(start: number, stop?: number): number {
    if (stop === undefined) return this.randbelow(start);
    if (typeof start !== 'number' || typeof stop !== 'number') throw new FormulaError('INVALID_ARGUMENT', `randrange: 'start' and 'stop' must be integers, got ${describe(start)} and ${describe(stop)}`);
    if (stop <= start) throw new FormulaError('INVALID_ARGUMENT', `randrange: empty range (${start}, ${stop})`);
    return start + this.randbelow(stop - start);
  }

  /** `randint(a, b)`: an integer in [a, b], both ends included. */
  randint(a: number, b: number): number {
    return this.randrange(a, b + 1);
  }

  /** `choice(list)` = `list[_randbelow(len(list))]`. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new FormulaError('INVALID_ARGUMENT', 'choice: cannot choose from an empty sequence');
    return items[this.randbelow(items.length)]!;
  }
}

function toBigInt(seed: bigint | number): bigint {
  if (typeof seed === 'bigint') return seed;
  if (!Number.isSafeInteger(seed)) {
    throw new FormulaError('INVALID_ARGUMENT', `PythonRandom: seed must be an integer or a bigint, got ${describe(seed)}`);
  }
  return BigInt(seed);
}

/**
 * The 32-bit Mersenne Twister MT19937 (Matsumoto & Nishimura, 1998), with the
 * `init_by_array` seeding that CPython's `random` module uses.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * A Mersenne Twister state. Outputs are unsigned 32-bit integers.
 *
 * @example
 * ```ts
 * const mt = MT19937.fromArray([0]);   // the state of Python's random.seed(0)
 * mt.nextUint32();                     // 3626764237
 * ```
 */
export class MT19937 {
  private readonly state = new Uint32Array(N);
  private index = N + 1;

  /** Seeds with `init_genrand(seed)` (the reference implementation's single-integer seeding). */
  static fromSeed(seed: number): MT19937 {
    const mt = new MT19937();
    mt.initGenrand(seed >>> 0);
    return mt;
  }

  /** Seeds with `init_by_array(key)`; `key` holds 32-bit words. This is how CPython seeds. */
  static fromArray(key: readonly number[]): MT19937 {
    const mt = new MT19937();
    mt.initByArray(key);
    return mt;
  }

  private initGenrand(seed: number): void {
    const mt = this.state;
    mt[0] = seed;
    for (let i = 1; i < N; i++) {
      const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      // 1812433253 * previous + i, modulo 2^32: Math.imul keeps the low 32 bits exactly.
      mt[i] = (Math.imul(1812433253, previous) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: readonly number[]): void {
    if (key.length === 0) throw new RangeError('MT19937.fromArray: key must hold at least one word');
    this.initGenrand(19650218);
    const mt = this.state;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(previous, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const previous = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(previous, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000; // MSB is 1, assuring a non-zero initial array
    this.index = N;
  }

  private twist(): void {
    const mt = this.state;
    for (let k = 0; k < N; k++) {
      const y = (mt[k]! & UPPER_MASK) | (mt[(k + 1) % N]! & LOWER_MASK);
      mt[k] = mt[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    this.index = 0;
  }

  /** The next tempered output, an unsigned 32-bit integer (`genrand_uint32`). */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}

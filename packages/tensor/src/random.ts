/**
 * Seedable random numbers, stream-compatible with PyTorch's CPU generator.
 *
 * `Generator` is an MT19937 (the same engine as C++'s `std::mt19937` and PyTorch's
 * `at::mt19937`), seeded as PyTorch seeds it: the seed is kept as an unsigned 64-bit integer
 * (negative seeds wrap, as in `torch.manual_seed(-1)`) and its low 32 bits go through MT19937's
 * `init_genrand`. Every draw then maps MT19937 words to values exactly as PyTorch 1.13's CPU
 * kernels do, so with the same seed:
 * - `fillUniform` of a Float32Array or Float64Array equals `torch.rand` / `uniform_`
 *   (24-bit floats and 53-bit doubles);
 * - `fillRandint` equals `torch.randint` (a 32-bit draw modulo the range);
 * - `fillNormal` follows `torch.randn`'s two algorithms (Box-Muller over 16-value blocks for 16 or
 *   more values, a cached Box-Muller pair below that): equal for float64 up to the last bit of
 *   `Math.log`/`Math.cos`, and within float32 rounding of PyTorch's AVX2 float path.
 */
import { ValueError, describeValue, formatValue } from './errors';

const N = 624;
const M = 397;
/** PyTorch's default seed (`default_rng_seed_val`): what `torch.Generator().initial_seed()` gives. */
const DEFAULT_SEED = 67280421310721n;
const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_24 = 2 ** -24;
const TWO_POW_MINUS_53 = 2 ** -53;

/**
 * A snapshot of a {@link Generator}, from `getState()`, for `setState()`.
 * Plain data: it can be copied, stored or sent elsewhere.
 */
export interface GeneratorState {
  /** The seed the generator was last seeded with. */
  readonly seed: bigint;
  /** MT19937's 624 words. */
  readonly key: Uint32Array;
  /** The position of the next word in `key` (624: twist before the next draw). */
  readonly index: number;
  /** The second value of the last Box-Muller pair, not yet returned by `nextNormal()`. */
  readonly cachedNormal: number | null;
}

/**
 * A seedable MT19937 random generator, drawing the same streams as `torch.Generator`.
 *
 * @example
 * ```ts
 * const generator = new Generator(42);
 * generator.nextFloat(); // 0.8822692632675171, as torch.rand(1, generator=torch.Generator().manual_seed(42))
 * generator.manualSeed(42).nextFloat(); // the same value again
 * ```
 */
export class Generator {
  private readonly key = new Uint32Array(N);
  private index = N;
  private seed = DEFAULT_SEED;
  private cachedNormal: number | null = null;

  /** Seeds with `seed`, or with PyTorch's default seed 67280421310721 when omitted. */
  constructor(seed?: number | bigint) {
    this.manualSeed(seed ?? DEFAULT_SEED);
  }

  /**
   * Reseeds the generator (and forgets any cached normal value), like `Generator.manual_seed`.
   * Seeds are integers in [-2^63, 2^64 - 1]; negative seeds wrap to unsigned 64 bits.
   */
  manualSeed(seed: number | bigint): this {
    this.seed = checkSeed(seed, 'manualSeed');
    // init_genrand with the low 32 bits, as at::mt19937 does.
    const key = this.key;
    key[0] = Number(this.seed & 0xffffffffn);
    for (let i = 1; i < N; i++) {
      const previous = key[i - 1]! ^ (key[i - 1]! >>> 30);
      key[i] = Math.imul(1812433253, previous) + i;
    }
    this.index = N;
    this.cachedNormal = null;
    return this;
  }

  /** The seed last given to `manualSeed` (or the constructor), as an unsigned 64-bit integer. */
  initialSeed(): bigint {
    return this.seed;
  }

  /** The next 32-bit word of MT19937, in [0, 2^32). */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.key[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * A double in [0, 1) with 53 random bits: the low 53 bits of two words (first word high), as
   * PyTorch's `uniform_real_distribution<double>` takes them.
   */
  nextDouble(): number {
    const high = this.nextUint32();
    const low = this.nextUint32();
    return ((high & 0x1fffff) * TWO_POW_32 + low) * TWO_POW_MINUS_53;
  }

  /** A float in [0, 1) with 24 random bits (exactly representable as float32), as `torch.rand`. */
  nextFloat(): number {
    return (this.nextUint32() & 0xffffff) * TWO_POW_MINUS_24;
  }

  /**
   * A standard normal value by Box-Muller: each pair of uniforms gives two values; the second
   * is cached and returned by the next call (PyTorch's `normal_distribution<double>`).
   */
  nextNormal(): number {
    const cached = this.cachedNormal;
    if (cached !== null) {
      this.cachedNormal = null;
      return cached;
    }
    const u1 = this.nextDouble();
    const u2 = this.nextDouble();
    // NOTE: 1 - u2 is in (0, 1], so the log is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - u2));
    const theta = 2 * Math.PI * u1;
    this.cachedNormal = radius * Math.sin(theta);
    return radius * Math.cos(theta);
  }

  /** A copy of the full state; `setState` restores it. */
  getState(): GeneratorState {
    return { seed: this.seed, key: this.key.slice(), index: this.index, cachedNormal: this.cachedNormal };
  }

  /** Restores a state from `getState()` (of this or any generator). */
  setState(state: GeneratorState): this {
    if (typeof state !== 'object' || state === null) {
      throw new ValueError('INVALID_ARGUMENT', `setState: 'state' must be an object from getState(), got ${describe(state)}`);
    }
    if (!(state.key instanceof Uint32Array) || state.key.length !== N) {
      throw new ValueError('INVALID_ARGUMENT', `setState: 'key' must be a Uint32Array of ${N} words, got ${describe(state.key)}`);
    }
    if (!Number.isInteger(state.index) || state.index < 0 || state.index > N) {
      throw new ValueError('INVALID_ARGUMENT', `setState: 'index' must be an integer in [0, ${N}], got ${formatValue(state.index)}`);
    }
    if (state.cachedNormal !== null && typeof state.cachedNormal !== 'number') {
      throw new ValueError('INVALID_ARGUMENT', `setState: 'cachedNormal' must be a number or null, got ${describe(state.cachedNormal)}`);
    }
    this.seed = checkSeed(state.seed, 'setState');
    this.key.set(state.key);
    this.index = state.index;
    this.cachedNormal = state.cachedNormal;
    return this;
  }

  /** Regenerates the 624 words (MT19937's twist). */
  private twist(): void {
    const key = this.key;
    for (let i = 0; i < N; i++) {
      const y = (key[i]! & 0x80000000) | (key[i + 1 < N ? i + 1 : 0]! & 0x7fffffff);
      const next = key[i + M < N ? i + M : i + M - N]! ^ (y >>> 1);
      key[i] = y & 1 ? next ^ 0x9908b0df : next;
    }
    this.index = 0;
  }
}

function describe(value: unknown): string {
  if (value instanceof Uint32Array) return `a Uint32Array of ${value.length} words`;
  return describeValue(value);
}

const MAX_SEED = (1n << 64n) - 1n;
const MIN_SEED = -(1n << 63n);

function checkSeed(seed: number | bigint, op: string): bigint {
  let value: bigint;
  if (typeof seed === 'bigint') {
    value = seed;
  } else if (typeof seed === 'number' && Number.isInteger(seed)) {
    value = BigInt(seed);
  } else {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'seed' must be an integer, got ${formatValue(seed)}`);
  }
  if (value < MIN_SEED || value > MAX_SEED) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `${op}: 'seed' must be within the inclusive range [-0x8000_0000_0000_0000, 0xffff_ffff_ffff_ffff], got ${value}`,
    );
  }
  return BigInt.asUintN(64, value);
}

/**
 * The generator used when none is given, seeded with PyTorch's default seed.
 *
 * @example
 * ```ts
 * defaultGenerator.initialSeed(); // 67280421310721n until manualSeed is called
 * ```
 */
export const defaultGenerator = new Generator();

/**
 * Reseeds {@link defaultGenerator} and returns it, like `torch.manual_seed`.
 *
 * @example
 * ```ts
 * manualSeed(0);
 * defaultGenerator.nextFloat(); // 0.49625658988952637, torch.manual_seed(0); torch.rand(1)
 * ```
 */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

function checkTarget(op: string, out: unknown, gen: unknown, kinds: readonly (typeof Float32Array | typeof Float64Array | typeof Int32Array)[]): void {
  if (!kinds.some((kind) => out instanceof kind)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'out' must be a ${kinds.map((k) => k.name).join(' or ')}, got ${describeValue(out)}`);
  }
  if (!(gen instanceof Generator)) throw new ValueError('INVALID_ARGUMENT', `${op}: 'gen' must be a Generator, got ${describeValue(gen)}`);
}

function checkFinite(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be a finite number, got ${formatValue(value)}`);
  }
}

/**
 * Fills `out` with uniform values in [low, high), as `torch.rand` (low 0, high 1) and
 * `Tensor.uniform_(low, high)`: a float32 array gets 24-bit floats, computed in float32;
 * a float64 array gets 53-bit doubles.
 *
 * @example
 * ```ts
 * const out = new Float32Array(3);
 * fillUniform(out, new Generator(0)); // [0.4963, 0.7682, 0.0885], as torch.rand(3) after manual_seed(0)
 * ```
 */
export function fillUniform(out: Float32Array | Float64Array, gen: Generator, low = 0, high = 1): void {
  checkTarget('fillUniform', out, gen, [Float32Array, Float64Array]);
  checkFinite('fillUniform', 'low', low);
  checkFinite('fillUniform', 'high', high);
  if (low > high) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `fillUniform: expects to return a [low, high) range, but found low=${low} > high=${high}`,
    );
  }
  if (out instanceof Float32Array) {
    // PyTorch casts the bounds to float and subtracts them in float, but accumulates
    // u * range + from in double (dist_acctype<float>) and rounds once on the store.
    const from = Math.fround(low);
    const range = Math.fround(Math.fround(high) - from);
    if (!Number.isFinite(range)) {
      throw new ValueError('INVALID_ARGUMENT', `fillUniform: high - low must fit in float32, got ${high} - ${low}`);
    }
    for (let i = 0; i < out.length; i++) out[i] = gen.nextFloat() * range + from;
  } else {
    const range = high - low;
    if (!Number.isFinite(range)) {
      throw new ValueError('INVALID_ARGUMENT', `fillUniform: high - low must be finite, got ${high} - ${low}`);
    }
    for (let i = 0; i < out.length; i++) out[i] = gen.nextDouble() * range + low;
  }
}

/**
 * Fills `out` with normal values of the given mean and standard deviation, as `torch.randn` and
 * `Tensor.normal_(mean, std)`.
 *
 * With 16 or more values it follows PyTorch's `normal_fill`: `out` is filled with uniforms (24-bit
 * for float32, 53-bit for float64), each block of 16 is turned into 8 Box-Muller pairs, and a
 * length that is not a multiple of 16 redraws the last 16 values. Below 16 values each value is
 * `gen.nextNormal() * std + mean`, which uses (and leaves) the generator's cached normal.
 *
 * @example
 * ```ts
 * const out = new Float64Array(4);
 * fillNormal(out, new Generator(0), 0, 1);
 * ```
 */
export function fillNormal(out: Float32Array | Float64Array, gen: Generator, mean = 0, std = 1): void {
  checkTarget('fillNormal', out, gen, [Float32Array, Float64Array]);
  checkFinite('fillNormal', 'mean', mean);
  checkFinite('fillNormal', 'std', std);
  if (std < 0) throw new ValueError('INVALID_ARGUMENT', `fillNormal: expects std >= 0.0, but found std ${std}`);
  const size = out.length;
  if (size < 16) {
    for (let i = 0; i < size; i++) out[i] = gen.nextNormal() * std + mean;
    return;
  }
  const single = out instanceof Float32Array;
  // Box-Muller reads uniforms from a float64 buffer (float32 draws are exact in it) so the
  // transform runs in double precision and rounds once when stored.
  const uniforms = new Float64Array(size);
  for (let i = 0; i < size; i++) uniforms[i] = single ? gen.nextFloat() : gen.nextDouble();
  for (let start = 0; start + 16 <= size; start += 16) boxMuller16(uniforms, start, out, mean, std);
  if (size % 16 !== 0) {
    const start = size - 16;
    for (let i = start; i < size; i++) uniforms[i] = single ? gen.nextFloat() : gen.nextDouble();
    boxMuller16(uniforms, start, out, mean, std);
  }
}

/** PyTorch's `normal_fill_16`: uniforms [start, start+16) become 8 (cos, sin) normal pairs. */
function boxMuller16(
  uniforms: Float64Array,
  start: number,
  out: Float32Array | Float64Array,
  mean: number,
  std: number,
): void {
  for (let j = start; j < start + 8; j++) {
    const u1 = 1 - uniforms[j]!; // [0, 1) -> (0, 1] for the log
    const u2 = uniforms[j + 8]!;
    const radius = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    out[j] = radius * Math.cos(theta) * std + mean;
    out[j + 8] = radius * Math.sin(theta) * std + mean;
  }
}

/**
 * Fills `out` with integers in [low, high), as `torch.randint(low, high, ..., dtype=torch.int32)`.
 *
 * NOTE: like PyTorch, each value is one 32-bit draw modulo the range (not rejection sampling), so
 * that a seed gives PyTorch's exact stream. The bias is below range / 2^32: under 2.4e-7 for
 * ranges up to 1000, but up to 2x for ranges above 2^31.
 *
 * @example
 * ```ts
 * const labels = new Int32Array(5);
 * fillRandint(labels, new Generator(0), 0, 4);
 * ```
 */
export function fillRandint(out: Int32Array, gen: Generator, low: number, high: number): void {
  checkTarget('fillRandint', out, gen, [Int32Array]);
  for (const [name, value] of [['low', low], ['high', high]] as const) {
    if (!Number.isInteger(value)) {
      throw new ValueError('INVALID_ARGUMENT', `fillRandint: '${name}' must be an integer, got ${formatValue(value)}`);
    }
  }
  if (low >= high) {
    throw new ValueError('INVALID_ARGUMENT', `fillRandint: expects 'low' to be less than 'high', but got low=${low} >= high=${high}`);
  }
  if (low < -2147483648 || high > 2147483648) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `fillRandint: [low, high) must lie within int32's [-2147483648, 2147483648), got [${low}, ${high})`,
    );
  }
  const range = high - low;
  for (let i = 0; i < out.length; i++) out[i] = (gen.nextUint32() % range) + low;
}

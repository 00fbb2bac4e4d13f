/**
 * Deterministic benchmark data, and the little binary format that carries it
 * from the parent to every child process (TypeScript and Python alike).
 *
 * Every array is generated once in the parent from a seeded PRNG, rounded to
 * float32, and written to `<dir>/<name>.bin` (little-endian float32 or int32)
 * next to a `manifest.json` that lists names, dtypes and shapes. So each
 * system sees bit-identical inputs, whatever its own random generator does.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A named input or output array: float32 (most) or int32 (labels). */
export interface ArraySpec {
  readonly name: string;
  readonly dtype: 'float32' | 'int32';
  readonly shape: readonly number[];
}

/** An array with its values. */
export interface NamedArray extends ArraySpec {
  readonly values: Float32Array | Int32Array;
}

/** What a data directory holds: the workload's input arrays and scalar settings. */
export interface Manifest {
  readonly workload: string;
  readonly arrays: readonly ArraySpec[];
  readonly settings: Readonly<Record<string, number>>;
}

/**
 * mulberry32: a tiny, well-mixed 32-bit generator. Reproducible across Node
 * versions, which `Math.random` is not.
 */
export class Mulberry32 {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [low, high), rounded to float32. */
  uniform(low: number, high: number): number {
    return Math.fround(low + (high - low) * this.next());
  }

  /** Integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
}

/** A float32 array of `size` values uniform in [low, high). */
export function uniformArray(rng: Mulberry32, size: number, low: number, high: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.uniform(low, high);
  return out;
}

/** PyTorch's default `nn.Linear` initialisation range: U(-1/sqrt(in), 1/sqrt(in)). */
export function linearInit(rng: Mulberry32, outFeatures: number, inFeatures: number): Float32Array {
  const bound = 1 / Math.sqrt(inFeatures);
  return uniformArray(rng, outFeatures * inFeatures, -bound, bound);
}

/** Writes the arrays and the manifest into `dir` (created if needed). */
export function writeDataDir(dir: string, workload: string, arrays: readonly NamedArray[], settings: Record<string, number>): void {
  mkdirSync(dir, { recursive: true });
  for (const array of arrays) {
    const bytes = Buffer.from(array.values.buffer, array.values.byteOffset, array.values.byteLength);
    writeFileSync(join(dir, `${array.name}.bin`), bytes);
  }
  const manifest: Manifest = {
    workload,
    arrays: arrays.map(({ name, dtype, shape }) => ({ name, dtype, shape })),
    settings,
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

/** Reads a data directory written by {@link writeDataDir}. */
export function readDataDir(dir: string): { manifest: Manifest; arrays: Map<string, NamedArray> } {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const arrays = new Map<string, NamedArray>();
  for (const spec of manifest.arrays) {
    const bytes = readFileSync(join(dir, `${spec.name}.bin`));
    // Copy into a fresh, aligned buffer: Buffer pools may not be 4-byte aligned.
    const copy = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(copy).set(bytes);
    const values = spec.dtype === 'int32' ? new Int32Array(copy) : new Float32Array(copy);
    arrays.set(spec.name, { ...spec, values });
  }
  return { manifest, arrays };
}

/** Writes one probe output as little-endian float64 (`<dir>/<name>.f64`). */
export function writeProbe(dir: string, name: string, values: ArrayLike<number>): void {
  mkdirSync(dir, { recursive: true });
  const out = Float64Array.from(values as ArrayLike<number>);
  writeFileSync(join(dir, `${name}.f64`), Buffer.from(out.buffer));
}

/** Reads a probe output written by {@link writeProbe} (or the Python child). */
export function readProbe(dir: string, name: string): Float64Array {
  const bytes = readFileSync(join(dir, `${name}.f64`));
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return new Float64Array(copy);
}

/** Fetches an array by name, or throws naming what is missing. */
export function need(arrays: Map<string, NamedArray>, name: string): NamedArray {
  const array = arrays.get(name);
  if (array === undefined) throw new Error(`bench data: array '${name}' is missing`);
  return array;
}

/** Product of a shape's sizes. */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/**
 * The WebAssembly SIMD path of float32 matrix products, and the one dispatch between it and the
 * TypeScript kernel (`matmul-kernel.ts`): `matmul`, `mm`, `bmm` and `addmm` call {@link gemm} here.
 *
 * - The kernel (src/wasm/assembly/sgemm.ts, AssemblyScript) is embedded as base64 bytes in
 *   `wasm/kernels.generated.ts`, in two builds: relaxed SIMD (6×8 tile of `f32x4.relaxed_madd`),
 *   used where `WebAssembly.validate` accepts it, else plain SIMD (5×8 tile). A runtime without
 *   SIMD keeps the TypeScript kernel.
 * - Nothing happens at import. In Node the module is compiled synchronously (0.5 ms for its 2 KB)
 *   at the first float32 product above the crossover; in a browser the page calls `await ready()`
 *   (asynchronous compilation) and products stay on the TypeScript kernel until then.
 * - Tensors never live in WASM memory: each call copies A and B into a scratch area of the
 *   module's memory, which grows on demand and is reused, and copies C out (W3's eight products:
 *   copies 2.4% of the WASM time). `memory.grow` detaches only this file's own view, which is
 *   refreshed after each growth; no user-visible array ever views WASM memory.
 * - Products below {@link CROSSOVER} multiply-adds stay on the TypeScript kernel, with a single
 *   comparison of `M·N·K` in the way (W1 and W2 products are far below it).
 */
import { ValueError, describeValue } from './errors';
import { gemmUnchecked, type NumericArray } from './matmul-kernel';
import { RELAXED_WASM, SIMD_WASM } from './wasm/kernels.generated';

/**
 * Float32 products of at least this many multiply-adds (M·N·K) run in WebAssembly. Measured on
 * this 2-core x64 machine (Node 20, plain SIMD build, copies included) against the TypeScript
 * kernel: see the table in docs/design.md ("WebAssembly kernels").
 */
export const CROSSOVER = 4096;

interface SgemmExports {
  readonly memory: WebAssembly.Memory;
  sgemm(M: number, N: number, K: number, a: number, aRs: number, aCs: number, b: number, bRs: number, bCs: number, c: number, ldc: number, work: number): void;
  workBytes(): number;
  tileRows(): number;
  heapBase(): number;
}

interface Kernel {
  readonly exports: SgemmExports;
  readonly relaxed: boolean;
  /** Byte address of the work area (packed panels), then the operands' scratch. */
  readonly work: number;
  readonly scratch: number;
  /** A view of the whole memory, replaced after every `memory.grow`. */
  view: Float32Array;
}

type LoadState = 'unloaded' | 'loading' | 'ready' | 'unavailable';

let kernel: Kernel | null = null;
let state: LoadState = 'unloaded';
let loading: Promise<void> | null = null;
/** The crossover in force: CROSSOVER, 1 (forced WASM) or Infinity (forced TypeScript). */
let threshold = CROSSOVER;
let supportCache: { simd: boolean; relaxed: boolean } | null = null;

const IS_NODE = typeof process === 'object' && process !== null && typeof process.versions === 'object' && typeof process.versions?.node === 'string';

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

let simdBytes: Uint8Array<ArrayBuffer> | null = null;
let relaxedBytes: Uint8Array<ArrayBuffer> | null = null;

function support(): { simd: boolean; relaxed: boolean } {
  if (supportCache !== null) return supportCache;
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') {
    supportCache = { simd: false, relaxed: false };
    return supportCache;
  }
  simdBytes ??= decode(SIMD_WASM);
  relaxedBytes ??= decode(RELAXED_WASM);
  const simd = WebAssembly.validate(simdBytes);
  supportCache = { simd, relaxed: simd && WebAssembly.validate(relaxedBytes) };
  return supportCache;
}

function install(instance: WebAssembly.Instance, relaxed: boolean): void {
  const exports = instance.exports as unknown as SgemmExports;
  const work = exports.heapBase();
  kernel = { exports, relaxed, work, scratch: work + exports.workBytes(), view: new Float32Array(exports.memory.buffer) };
  state = 'ready';
}

/** Compiles and instantiates synchronously (Node, or a worker): true when the kernel is ready. */
function loadSync(): boolean {
  if (state === 'ready') return true;
  if (state === 'unavailable') return false;
  try {
    const { simd, relaxed } = support();
    if (!simd) {
      state = 'unavailable';
      return false;
    }
    const module = new WebAssembly.Module(relaxed ? relaxedBytes! : simdBytes!);
    install(new WebAssembly.Instance(module, {}), relaxed);
    return true;
  } catch {
    state = 'unavailable';
    return false;
  }
}

/**
 * Gets the WebAssembly SIMD kernels ready: compiles them asynchronously (as browsers require for
 * large modules on the main thread) and resolves once float32 products above the crossover use
 * them. Call it once at start-up in a browser; in Node it is optional (the module is compiled
 * synchronously at the first large product). Resolves, never rejects: where WebAssembly SIMD is
 * missing (or a Content-Security-Policy forbids `'wasm-unsafe-eval'`), products stay on the
 * TypeScript kernel and {@link wasmInfo} says so.
 *
 * @example
 * ```ts
 * import { ready, wasmInfo } from '@gradlab/tensor';
 * await ready();
 * wasmInfo().active; // true where the runtime has WebAssembly SIMD
 * ```
 */
export function ready(): Promise<void> {
  if (state === 'ready' || state === 'unavailable') return Promise.resolve();
  if (loading !== null) return loading;
  state = 'loading';
  loading = (async () => {
    try {
      const { simd, relaxed } = support();
      if (!simd) {
        state = 'unavailable';
        return;
      }
      const module = await WebAssembly.compile(relaxed ? relaxedBytes! : simdBytes!);
      const instance = await WebAssembly.instantiate(module, {});
      if (state === 'loading') install(instance, relaxed);
    } catch {
      if (state === 'loading') state = 'unavailable';
    }
  })();
  return loading;
}

/** What {@link wasmInfo} reports. */
export interface WasmInfo {
  /** Whether float32 products above the crossover run in WebAssembly now. */
  readonly active: boolean;
  /** Whether this runtime has WebAssembly SIMD (the kernels' requirement). */
  readonly simd: boolean;
  /** Whether the relaxed-SIMD build (6×8 tile of `f32x4.relaxed_madd`) is the one in use (or would be). */
  readonly relaxed: boolean;
  /** Whether products can be split across worker threads (always false in this release: one thread). */
  readonly threads: boolean;
  /** The smallest product, in multiply-adds (M·N·K), that runs in WebAssembly. */
  readonly crossover: number;
}

/**
 * Reports the WebAssembly kernels' state: whether they are in use and which build the runtime
 * supports. Validating the embedded modules costs well under a millisecond on the first call.
 *
 * @example
 * ```ts
 * const { active, simd, relaxed } = wasmInfo();
 * console.log(active ? `WASM ${relaxed ? 'relaxed ' : ''}SIMD` : 'pure TypeScript');
 * ```
 */
export function wasmInfo(): WasmInfo {
  const { simd, relaxed } = support();
  return { active: state === 'ready' && threshold !== Infinity, simd, relaxed: kernel !== null ? kernel.relaxed : relaxed, threads: false, crossover: threshold };
}

/**
 * Internal (tests and the bench): forces float32 products onto one path: 'ts' keeps them all on
 * the TypeScript kernel, 'wasm' sends every non-empty one to WebAssembly (compiling it synchronously
 * if needed; throws where it cannot be loaded), 'auto' restores the measured crossover. With
 * 'wasm', `build` picks the module ('simd' or 'relaxed'; the default keeps the loaded one, else
 * the best the runtime validates). Returns the previous setting.
 *
 * @example
 * ```ts
 * const previous = forceMatmulPath('ts');
 * try { mm(a, b); } finally { forceMatmulPath(previous); }
 * ```
 */
export function forceMatmulPath(path: 'auto' | 'ts' | 'wasm', build?: 'simd' | 'relaxed'): 'auto' | 'ts' | 'wasm' {
  const previous = threshold === Infinity ? 'ts' : threshold === 1 ? 'wasm' : 'auto';
  if (path !== 'auto' && path !== 'ts' && path !== 'wasm') {
    throw new ValueError('INVALID_ARGUMENT', `forceMatmulPath: 'path' must be 'auto', 'ts' or 'wasm', got ${describeValue(path)}`);
  }
  if (build !== undefined && build !== 'simd' && build !== 'relaxed') {
    throw new ValueError('INVALID_ARGUMENT', `forceMatmulPath: 'build' must be 'simd' or 'relaxed', got ${describeValue(build)}`);
  }
  if (path === 'wasm') {
    if (build !== undefined && (kernel === null || kernel.relaxed !== (build === 'relaxed'))) {
      simdBytes ??= decode(SIMD_WASM);
      relaxedBytes ??= decode(RELAXED_WASM);
      const bytes = build === 'relaxed' ? relaxedBytes : simdBytes;
      if (!WebAssembly.validate(bytes)) {
        throw new ValueError('INVALID_ARGUMENT', `forceMatmulPath: 'build' is '${build}', but this runtime does not validate that module`);
      }
      install(new WebAssembly.Instance(new WebAssembly.Module(bytes), {}), build === 'relaxed');
    }
    if (!loadSync()) throw new ValueError('INVALID_ARGUMENT', `forceMatmulPath: 'path' is 'wasm', but WebAssembly SIMD is not available in this runtime`);
    threshold = 1;
  } else {
    threshold = path === 'ts' ? Infinity : CROSSOVER;
  }
  return previous;
}

/**
 * `C = A·B` as the TypeScript kernel's `gemmUnchecked` (same arguments, operands in bounds), run
 * in WebAssembly for float32 products of at least the crossover's size.
 */
export function gemm(
  M: number,
  N: number,
  K: number,
  a: NumericArray,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: NumericArray,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: NumericArray,
  cOffset: number,
  ldc: number,
): void {
  if (M * N * K >= threshold && c instanceof Float32Array && (kernel !== null || (IS_NODE && state === 'unloaded' && loadSync()))) {
    if (gemmWasm(kernel!, M, N, K, a as Float32Array, aOffset, aRowStride, aColStride, b as Float32Array, bOffset, bRowStride, bColStride, c, cOffset, ldc)) return;
  }
  gemmUnchecked(M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc);
}

/** The most scratch memory the kernel may use (operands beyond it stay on the TypeScript kernel). */
const MAX_SCRATCH_BYTES = 1 << 30;

/**
 * Where an operand goes in scratch: the span of its storage between the lowest and highest
 * element the block reads is copied as it is when it is at most twice the block (dense,
 * transposed, broadcast or mildly strided views), else the block is gathered row-major.
 */
function spanOf(rows: number, cols: number, offset: number, rowStride: number, colStride: number): { lo: number; length: number } {
  const down = (rows - 1) * rowStride;
  const across = (cols - 1) * colStride;
  const lo = offset + Math.min(0, down) + Math.min(0, across);
  const hi = offset + Math.max(0, down) + Math.max(0, across);
  return { lo, length: hi - lo + 1 };
}

function ensure(k: Kernel, bytes: number): void {
  const memory = k.exports.memory;
  const have = memory.buffer.byteLength;
  if (bytes > have) {
    memory.grow(Math.ceil((bytes - have) / 65536));
    k.view = new Float32Array(memory.buffer);
  } else if (k.view.buffer !== memory.buffer) {
    k.view = new Float32Array(memory.buffer);
  }
}

/** Copies one operand into scratch at element index `at`; returns its element index of (0, 0) and strides. */
function place(view: Float32Array, at: number, source: Float32Array, rows: number, cols: number, offset: number, rowStride: number, colStride: number, span: { lo: number; length: number }): [number, number, number] {
  if (span.length <= 2 * rows * cols) {
    view.set(source.subarray(span.lo, span.lo + span.length), at);
    return [at + offset - span.lo, rowStride, colStride];
  }
  let o = at;
  for (let i = 0; i < rows; i++) {
    let p = offset + i * rowStride;
    for (let j = 0; j < cols; j++, p += colStride) view[o++] = source[p]!;
  }
  return [at, cols, 1];
}

const align16 = (elements: number): number => (elements + 15) & ~15;

function gemmWasm(
  k: Kernel,
  M: number,
  N: number,
  K: number,
  a: Float32Array,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: Float32Array,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: Float32Array,
  cOffset: number,
  ldc: number,
): boolean {
  const spanA = spanOf(M, K, aOffset, aRowStride, aColStride);
  const spanB = spanOf(K, N, bOffset, bRowStride, bColStride);
  const sizeA = align16(spanA.length <= 2 * M * K ? spanA.length : M * K);
  const sizeB = align16(spanB.length <= 2 * K * N ? spanB.length : K * N);
  const base = k.scratch >> 2;
  const cAt = base + sizeA + sizeB;
  const end = (cAt + M * N) * 4;
  if (end > MAX_SCRATCH_BYTES) return false;
  ensure(k, end);
  const view = k.view;
  const [a0, ars, acs] = place(view, base, a, M, K, aOffset, aRowStride, aColStride, spanA);
  const [b0, brs, bcs] = place(view, base + sizeA, b, K, N, bOffset, bRowStride, bColStride, spanB);
  k.exports.sgemm(M, N, K, a0 * 4, ars, acs, b0 * 4, brs, bcs, cAt * 4, N, k.work);
  if (ldc === N) {
    c.set(view.subarray(cAt, cAt + M * N), cOffset);
  } else {
    for (let i = 0; i < M; i++) c.set(view.subarray(cAt + i * N, cAt + (i + 1) * N), cOffset + i * ldc);
  }
  return true;
}

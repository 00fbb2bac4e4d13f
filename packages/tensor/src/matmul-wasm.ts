/**
 * The WebAssembly SIMD path of float32 matrix products, and the one dispatch between it and the
 * TypeScript kernel (`matmul-kernel.ts`): `matmul`, `mm`, `bmm` and `addmm` call {@link gemm} here.
 *
 * - The kernel (src/wasm/assembly/sgemm.ts, AssemblyScript) is embedded as base64 bytes in
 *   `wasm/kernels.generated.ts`, in two builds: relaxed SIMD (6×8 tile of `f32x4.relaxed_madd`),
 *   used where `WebAssembly.validate` accepts it, else plain SIMD (5×8 tile); each also on an
 *   imported shared memory, which Node uses so that worker threads can share it (see
 *   {@link setNumThreads}). A runtime without SIMD keeps the TypeScript kernel.
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
import { RELAXED_SHARED_WASM, RELAXED_WASM, SIMD_SHARED_WASM, SIMD_WASM } from './wasm/kernels.generated';

/**
 * Float32 products of at least this many multiply-adds (M·N·K) run in WebAssembly. Measured on
 * this 2-core x64 machine (Node 20, plain SIMD build, copies included) against the TypeScript
 * kernel: see the table in docs/design.md ("WebAssembly kernels").
 */
export const CROSSOVER = 4096;

interface SgemmExports {
  /** Exported by the single-thread builds; the shared builds import theirs. */
  readonly memory?: WebAssembly.Memory;
  sgemm(M: number, N: number, K: number, a: number, aRs: number, aCs: number, b: number, bRs: number, bCs: number, c: number, ldc: number, work: number): void;
  workBytes(): number;
  tileRows(): number;
  heapBase(): number;
}

interface Kernel {
  readonly exports: SgemmExports;
  readonly relaxed: boolean;
  /** The compiled module and its shared memory, when it was built for worker threads (Node). */
  readonly shared: { readonly module: WebAssembly.Module; readonly memory: WebAssembly.Memory } | null;
  readonly memory: WebAssembly.Memory;
  /** Bytes of one thread's work area (packed panels), and the rows of the register tile. */
  readonly workBytes: number;
  readonly tileRows: number;
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

function install(instance: WebAssembly.Instance, relaxed: boolean, shared: Kernel['shared'] = null): void {
  const exports = instance.exports as unknown as SgemmExports;
  const work = exports.heapBase();
  const memory = shared === null ? exports.memory! : shared.memory;
  kernel = { exports, memory, relaxed, shared, work, workBytes: exports.workBytes(), tileRows: exports.tileRows(), scratch: work + exports.workBytes(), view: new Float32Array(memory.buffer) };
  state = 'ready';
  stopWorkers();
}

/** Pages of the shared memory's maximum (1 GiB, as the shared builds declare). */
const SHARED_MAXIMUM_PAGES = 16384;

/**
 * The shared-memory build, for worker threads: where the runtime has SharedArrayBuffer,
 * `worker_threads` (Node) and validates the module; else null (one thread).
 */
function instantiateShared(relaxed: boolean): { instance: WebAssembly.Instance; shared: NonNullable<Kernel['shared']> } | null {
  if (typeof SharedArrayBuffer !== 'function' || workerThreads() === null) return null;
  const bytes = decode(relaxed ? RELAXED_SHARED_WASM : SIMD_SHARED_WASM);
  if (!WebAssembly.validate(bytes)) return null;
  try {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: SHARED_MAXIMUM_PAGES, shared: true });
    const module = new WebAssembly.Module(bytes);
    return { instance: new WebAssembly.Instance(module, { env: { memory } }), shared: { module, memory } };
  } catch {
    return null;
  }
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
    const threaded = instantiateShared(relaxed);
    if (threaded !== null) {
      install(threaded.instance, relaxed, threaded.shared);
      return true;
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
  /** Whether products can be split across worker threads (Node with SharedArrayBuffer; see {@link setNumThreads}). */
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
  return { active: state === 'ready' && threshold !== Infinity, simd, relaxed: kernel !== null ? kernel.relaxed : relaxed, threads: kernel !== null ? kernel.shared !== null : typeof SharedArrayBuffer === 'function' && workerThreads() !== null, crossover: threshold };
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
      const threaded = instantiateShared(build === 'relaxed');
      if (threaded !== null) install(threaded.instance, build === 'relaxed', threaded.shared);
      else install(new WebAssembly.Instance(new WebAssembly.Module(bytes), {}), build === 'relaxed');
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

/** Grows the memory to at least `bytes` (false when it cannot) and refreshes the view. */
function ensure(k: Kernel, bytes: number): boolean {
  const memory = k.memory;
  const have = memory.buffer.byteLength;
  if (bytes > have) {
    try {
      memory.grow(Math.ceil((bytes - have) / 65536));
    } catch {
      return false;
    }
    k.view = new Float32Array(memory.buffer);
  } else if (k.view.buffer !== memory.buffer) {
    k.view = new Float32Array(memory.buffer);
  }
  return true;
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
  const threads = threadsFor(k, M, N, K);
  // one work area per extra thread, then A, B and C
  const base = (k.scratch + (threads - 1) * k.workBytes) >> 2;
  const cAt = base + sizeA + sizeB;
  const end = (cAt + M * N) * 4;
  if (end > MAX_SCRATCH_BYTES || !ensure(k, end)) return false;
  const view = k.view;
  const [a0, ars, acs] = place(view, base, a, M, K, aOffset, aRowStride, aColStride, spanA);
  const [b0, brs, bcs] = place(view, base + sizeA, b, K, N, bOffset, bRowStride, bColStride, spanB);
  if (threads > 1) runThreaded(k, threads, M, N, K, a0 * 4, ars, acs, b0 * 4, brs, bcs, cAt * 4, N);
  else k.exports.sgemm(M, N, K, a0 * 4, ars, acs, b0 * 4, brs, bcs, cAt * 4, N, k.work);
  if (ldc === N) {
    c.set(view.subarray(cAt, cAt + M * N), cOffset);
  } else {
    for (let i = 0; i < M; i++) c.set(view.subarray(cAt + i * N, cAt + (i + 1) * N), cOffset + i * ldc);
  }
  return true;
}

// ---------------------------------------------------------------- threads

/**
 * Products of at least this many multiply-adds are split across threads (when more than one is
 * set): below it, waking a worker (50-150 µs) and each thread's own packing of B cost more than
 * the second core saves. Measured: see docs/design.md ("WebAssembly kernels").
 */
export const THREAD_CROSSOVER = 1 << 25;
let threadThreshold = THREAD_CROSSOVER;

/**
 * Internal (the threads bench): sets the smallest product split across threads, in
 * multiply-adds (`THREAD_CROSSOVER` restores it); returns the previous value.
 *
 * @example
 * ```ts
 * const previous = setThreadCrossover(0); // split every product
 * ```
 */
export function setThreadCrossover(macs: number): number {
  if (typeof macs !== 'number' || !(macs >= 0)) throw new ValueError('INVALID_ARGUMENT', `setThreadCrossover: 'macs' must be a non-negative number, got ${describeValue(macs)}`);
  const previous = threadThreshold;
  threadThreshold = macs;
  return previous;
}

/** The most threads one product is split across (the control block has room for this many). */
const MAX_THREADS = 32;

type WorkerThreadsModule = typeof import('node:worker_threads');
let workerThreadsCache: WorkerThreadsModule | null | undefined;

/** Node's `worker_threads`, without a static import (the package also runs in browsers). */
function workerThreads(): WorkerThreadsModule | null {
  if (workerThreadsCache !== undefined) return workerThreadsCache;
  workerThreadsCache = null;
  if (IS_NODE) {
    try {
      const get = (process as unknown as { getBuiltinModule?: (name: string) => unknown }).getBuiltinModule;
      if (typeof get === 'function') workerThreadsCache = (get('node:worker_threads') as WorkerThreadsModule | undefined) ?? null;
    } catch {
      workerThreadsCache = null;
    }
  }
  return workerThreadsCache;
}

function defaultThreads(): number {
  if (!IS_NODE) return 1;
  try {
    const get = (process as unknown as { getBuiltinModule?: (name: string) => unknown }).getBuiltinModule;
    const os = typeof get === 'function' ? (get('node:os') as typeof import('node:os') | undefined) : undefined;
    if (os === undefined) return 1;
    return Math.max(1, Math.min(MAX_THREADS, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length));
  } catch {
    return 1;
  }
}

let numThreads = -1;

/**
 * Sets how many threads large float32 products are split across, as `torch.set_num_threads`.
 * The default is the number of cores in Node and 1 in browsers. Extra threads are Node
 * `worker_threads` sharing the kernel's WebAssembly memory (SharedArrayBuffer); they start on the
 * next large product and, until they have started, products run on one thread. Where shared
 * memory or workers are missing, every product runs on one thread whatever is set. Only products
 * of at least 2^25 multiply-adds (e.g. 323³) are split.
 *
 * @example
 * ```ts
 * setNumThreads(2);
 * getNumThreads(); // 2
 * ```
 */
export function setNumThreads(n: number): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new ValueError('INVALID_ARGUMENT', `setNumThreads: 'n' must be a positive integer (set_num_threads expects a positive integer), got ${typeof n === 'number' ? n : describeValue(n)}`);
  }
  numThreads = Math.min(n, MAX_THREADS);
  if (pool !== null && pool.workers.length > numThreads - 1) stopWorkers();
}

/**
 * The number of threads large float32 products may use, as `torch.get_num_threads` (see
 * {@link setNumThreads}).
 *
 * @example
 * ```ts
 * getNumThreads(); // 2 in Node on a 2-core machine, 1 in a browser
 * ```
 */
export function getNumThreads(): number {
  if (numThreads < 0) numThreads = defaultThreads();
  return numThreads;
}

/** The control block shared with the workers (Int32 slots). */
const SEQ = 0; // job number; workers wait on it
const PARAMS = 1; // M, N, K, a, aRs, aCs, b, bRs, bCs, c, ldc
const SLICES = 16; // per worker i: first row, rows, work area
const READY = 128; // per worker i: 1 once instantiated
const DONE = 192; // per worker i: the job number it finished last

interface Pool {
  readonly workers: { terminate(): unknown }[];
  readonly control: Int32Array;
}
let pool: Pool | null = null;
let workersFailed = false;

// The worker: instantiates the shared module on the same memory, then runs its slice of each job.
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, id } = workerData;
const ctrl = new Int32Array(control);
const e = new WebAssembly.Instance(module, { env: { memory } }).exports;
Atomics.store(ctrl, ${READY} + id, 1);
let seen = Atomics.load(ctrl, ${SEQ});
for (;;) {
  Atomics.wait(ctrl, ${SEQ}, seen);
  const seq = Atomics.load(ctrl, ${SEQ});
  if (seq === seen) continue;
  seen = seq;
  const o = ${SLICES} + 3 * id;
  const rows = ctrl[o + 1];
  if (rows > 0) {
    const p = ${PARAMS};
    const first = ctrl[o];
    e.sgemm(rows, ctrl[p + 1], ctrl[p + 2], ctrl[p + 3] + 4 * first * ctrl[p + 4], ctrl[p + 4], ctrl[p + 5], ctrl[p + 6], ctrl[p + 7], ctrl[p + 8], ctrl[p + 9] + 4 * first * ctrl[p + 10], ctrl[p + 10], ctrl[o + 2]);
  }
  Atomics.store(ctrl, ${DONE} + id, seq);
  Atomics.notify(ctrl, ${DONE} + id);
}
`;

function stopWorkers(): void {
  if (pool === null) return;
  for (const worker of pool.workers) void worker.terminate();
  pool = null;
}

/** Starts the workers for the set number of threads (they report READY when instantiated). */
function startWorkers(k: Kernel, count: number): Pool | null {
  const threads = workerThreads();
  if (threads === null || k.shared === null || workersFailed) return null;
  const control = new Int32Array(new SharedArrayBuffer(256 * 4));
  const workers: Pool['workers'] = [];
  try {
    for (let id = 1; id <= count; id++) {
      const worker = new threads.Worker(WORKER_SOURCE, { eval: true, workerData: { module: k.shared.module, memory: k.shared.memory, control: control.buffer, id } });
      worker.unref();
      worker.on('error', () => {
        // a worker that cannot start here will not start next time either: one thread from now on
        workersFailed = true;
        stopWorkers();
      });
      workers.push(worker);
    }
  } catch {
    for (const worker of workers) void worker.terminate();
    return null;
  }
  return { workers, control };
}

/** How many threads this product runs on: 1 below the thread crossover or without ready workers. */
function threadsFor(k: Kernel, M: number, N: number, K: number): number {
  if (k.shared === null || M * N * K < threadThreshold || M < 2 * k.tileRows) return 1;
  const wanted = Math.min(getNumThreads(), Math.floor(M / k.tileRows));
  if (wanted <= 1) return 1;
  if (pool === null) {
    pool = startWorkers(k, getNumThreads() - 1);
    if (pool === null) return 1;
  }
  // only the workers that have started (a worker takes ~30 ms to start)
  let ready = 1;
  while (ready < wanted && Atomics.load(pool.control, READY + ready) === 1) ready++;
  return ready;
}

/** How long the calling thread waits for a worker before computing its slice itself. */
const WORKER_TIMEOUT_MS = 30_000;

let threadedProducts = 0;

/**
 * Internal (tests): how many products have been split across threads so far.
 *
 * @example
 * ```ts
 * const before = threadedProductCount();
 * ```
 */
export function threadedProductCount(): number {
  return threadedProducts;
}

function runThreaded(k: Kernel, threads: number, M: number, N: number, K: number, a: number, aRs: number, aCs: number, b: number, bRs: number, bCs: number, c: number, ldc: number): void {
  threadedProducts++;
  const ctrl = pool!.control;
  const params = [M, N, K, a, aRs, aCs, b, bRs, bCs, c, ldc];
  for (let i = 0; i < params.length; i++) ctrl[PARAMS + i] = params[i]!;
  const step = Math.ceil(M / threads / k.tileRows) * k.tileRows;
  for (let id = 1; id < threads; id++) {
    const first = Math.min(M, id * step);
    ctrl[SLICES + 3 * id] = first;
    ctrl[SLICES + 3 * id + 1] = Math.max(0, Math.min(M, first + step) - first);
    ctrl[SLICES + 3 * id + 2] = k.scratch + (id - 1) * k.workBytes;
  }
  const seq = (Atomics.add(ctrl, SEQ, 1) + 1) | 0;
  Atomics.notify(ctrl, SEQ);
  k.exports.sgemm(Math.min(step, M), N, K, a, aRs, aCs, b, bRs, bCs, c, ldc, k.work);
  for (let id = 1; id < threads; id++) {
    for (let seen = Atomics.load(ctrl, DONE + id); seen !== seq; seen = Atomics.load(ctrl, DONE + id)) {
      if (Atomics.wait(ctrl, DONE + id, seen, WORKER_TIMEOUT_MS) === 'timed-out' && Atomics.load(ctrl, DONE + id) !== seq) {
        // a stuck worker: compute its slice here, and go on with one thread
        const first = ctrl[SLICES + 3 * id]!;
        const rows = ctrl[SLICES + 3 * id + 1]!;
        if (rows > 0) k.exports.sgemm(rows, N, K, a + 4 * first * aRs, aRs, aCs, b, bRs, bCs, c + 4 * first * ldc, ldc, k.work);
        stopWorkers();
        numThreads = 1;
        break;
      }
    }
    if (pool === null) {
      // the remaining slices, after a timeout
      for (let rest = id + 1; rest < threads; rest++) {
        const first = ctrl[SLICES + 3 * rest]!;
        const rows = ctrl[SLICES + 3 * rest + 1]!;
        if (rows > 0) k.exports.sgemm(rows, N, K, a + 4 * first * aRs, aRs, aCs, b, bRs, bCs, c + 4 * first * ldc, ldc, k.work);
      }
      break;
    }
  }
}

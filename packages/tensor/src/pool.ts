/*
 * Storage for op results. A typed array of more than 64 bytes lives outside
 * V8's heap: `new Float32Array(17)` costs ~250 ns, more than the whole op on a
 * small tensor, and adds GC finalizer work (measured: allocation and GC were
 * 56% of a 15-op MLP step on 10x5 inputs). Results of 65 bytes to 2 KiB are
 * therefore carved out of shared 64 KiB ArrayBuffers (~25 ns each). A chunk is
 * freed once every tensor viewing it is unreachable; each region is handed
 * out once, so it starts zeroed like any new typed array.
 *
 * The chunk size trades allocation time against memory a long-lived small
 * result can pin: a new ArrayBuffer costs ~1.2-2 µs at 16 KiB and ~2-3 µs at
 * 64 KiB, so 64 KiB chunks cost a third as much per byte (the homework MLP
 * step, 11.4 KB of results, went from 20.1 to 19.4 µs), while one surviving
 * result keeps at most 64 KiB alive.
 *
 * NOTE: such a result's `storage.buffer` is shared with other tensors: use
 * `storage` itself (or `byteOffset`/`byteLength`), never the whole buffer.
 * Factories (`tensor`, `zeros`, ...) always allocate a buffer of their own.
 *
 * NOTE: the chunks are SharedArrayBuffers, which cannot be transferred: handing a
 * pooled result's buffer to a Worker the usual way (`postMessage(t.storage,
 * [t.storage.buffer])`) throws at once instead of detaching the chunk under every
 * other tensor in it (whose `sum()` would then read NaN). Where SharedArrayBuffer
 * is missing (a browser page without cross-origin isolation), every result gets a
 * buffer of its own instead: slower, never shared.
 */
import { allocate, type DType, type TypedArray } from './dtype';

const CHUNK_BYTES = 65536;
const MAX_POOLED_BYTES = 2048;
const ON_HEAP_BYTES = 64;
const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, bool: 1 };

/** The chunk constructor: SharedArrayBuffer where the platform has it, else none (no pooling). */
const Chunk: (new (bytes: number) => ArrayBufferLike) | null = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : null;

let chunk: ArrayBufferLike | null = Chunk === null ? null : new Chunk(CHUNK_BYTES);
let used = 0;

/**
 * A zero-filled typed array for an op result (see the note above about the
 * shared buffer). Kernels in other packages should allocate their results
 * with it too: for 17 to 512 floats it is ~10x cheaper than `new Float32Array`.
 *
 * @example
 * ```ts
 * const out = allocateResult('float32', 100); // a Float32Array view of 400 bytes
 * ```
 */
export function allocateResult(dtype: DType, length: number): TypedArray {
  const bytes = length * BYTES[dtype];
  if (bytes <= ON_HEAP_BYTES || bytes > MAX_POOLED_BYTES || chunk === null) return allocate(dtype, length);
  if (used + bytes > CHUNK_BYTES) {
    chunk = new Chunk!(CHUNK_BYTES);
    used = 0;
  }
  const offset = used;
  used += (bytes + 7) & ~7; // keep every view 8-byte aligned (Float64Array needs it)
  switch (dtype) {
    case 'float32':
      return new Float32Array(chunk, offset, length);
    case 'float64':
      return new Float64Array(chunk, offset, length);
    case 'int32':
      return new Int32Array(chunk, offset, length);
    case 'bool':
      return new Uint8Array(chunk, offset, length);
  }
}

import { fromData, type Tensor } from '@gradlab/autograd';
import { Tensor as BaseTensor, ValueError, type TypedArray } from '@gradlab/tensor';

import { CheckpointError } from './errors';
import { ELEMENT_SIZE, GRADLAB_DTYPE, LITTLE_ENDIAN, swapBytes } from './dtypes';
import { parseHeader, type TensorEntry } from './header';
import { describe } from './tensors';

/** The bytes of a file, from a Uint8Array (any view), an ArrayBuffer or a Node Buffer. */
function bytesOf(op: string, bytes: unknown): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && bytes instanceof SharedArrayBuffer)) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw new ValueError('INVALID_ARGUMENT', `${op}: 'bytes' must be a Uint8Array or an ArrayBuffer (a safetensors file), got ${describe(bytes)}`);
}

function readTensor(bytes: Uint8Array, dataStart: number, entry: TensorEntry): BaseTensor {
  const size = ELEMENT_SIZE[entry.dtype];
  // a copy into a fresh buffer: aligned for the typed array, and not sharing the caller's memory
  // NOTE: not bytes.slice(): on a Node Buffer it is a view into Buffer's shared pool
  const raw = new Uint8Array(entry.end - entry.begin);
  raw.set(bytes.subarray(dataStart + entry.begin, dataStart + entry.end));
  if (!LITTLE_ENDIAN) swapBytes(raw, size);
  const count = raw.length / size;
  let storage: TypedArray;
  switch (entry.dtype) {
    case 'F32':
      storage = new Float32Array(raw.buffer, 0, count);
      break;
    case 'F64':
      storage = new Float64Array(raw.buffer, 0, count);
      break;
    case 'I32':
      storage = new Int32Array(raw.buffer, 0, count);
      break;
    case 'BOOL':
      storage = raw;
      for (let i = 0; i < count; i++) {
        if (raw[i]! > 1) throw new CheckpointError('UNSUPPORTED_DTYPE', `safetensors: tensor '${entry.key}': BOOL byte ${raw[i]} at element ${i} is neither 0 nor 1`);
      }
      break;
    case 'I64': {
      // NOTE: gradlab's integers are int32 (its indices too): an I64 tensor (PyTorch's default integer dtype,
      // e.g. BatchNorm's num_batches_tracked) is read when every value fits, as PyTorch's load_state_dict would cast it.
      const wide = new BigInt64Array(raw.buffer, 0, count);
      const narrow = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const value = wide[i]!;
        if (value > 2147483647n || value < -2147483648n) {
          throw new CheckpointError('UNSUPPORTED_DTYPE', `safetensors: tensor '${entry.key}': I64 value ${value} at element ${i} does not fit gradlab's int32`);
        }
        narrow[i] = Number(value);
      }
      storage = narrow;
      break;
    }
  }
  return new BaseTensor(storage, entry.shape, GRADLAB_DTYPE[entry.dtype]);
}

/**
 * Reads a safetensors file into a state dict of tensors (not requiring grad),
 * ready for `model.loadStateDict`. The whole file is checked first: a
 * truncated file, an oversized or malformed header, an unknown dtype,
 * overlapping offsets or a shape that does not fit its bytes throw a
 * {@link CheckpointError} naming the key, and nothing is returned. I64 tensors
 * become int32 when every value fits.
 *
 * @example
 * ```ts
 * const state = deserialize(await (await fetch('/model.safetensors')).arrayBuffer());
 * model.loadStateDict(state); // strict: missing or unexpected keys throw, as PyTorch
 * ```
 */
export function deserialize(bytes: Uint8Array | ArrayBuffer): Record<string, Tensor> {
  const view = bytesOf('deserialize', bytes);
  const header = parseHeader(view);
  const read = header.tensors.map((entry) => [entry.key, readTensor(view, header.dataStart, entry)] as const);
  const out: Record<string, Tensor> = {};
  for (const [key, base] of read) out[key] = fromData(base);
  return out;
}

/**
 * The header's `__metadata__` (an empty object when the file has none), after
 * checking the whole header as {@link deserialize} does.
 *
 * @example
 * ```ts
 * readMetadata(serialize(state, { metadata: { epoch: '3' } })); // { epoch: '3' }
 * ```
 */
export function readMetadata(bytes: Uint8Array | ArrayBuffer): Record<string, string> {
  return parseHeader(bytesOf('readMetadata', bytes)).metadata;
}

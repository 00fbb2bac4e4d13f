import { ValueError, type Tensor as BaseTensor } from '@gradlab/tensor';

import { ELEMENT_SIZE, FILE_DTYPE, LITTLE_ENDIAN, swapBytes, type SafetensorsDType } from './dtypes';
import { baseOf, describe, type TensorDict } from './tensors';

/** Options of {@link serialize}. */
export interface SerializeOptions {
  /** Free-form string entries stored as the header's `__metadata__` (what `safe_open(...).metadata()` returns). */
  metadata?: Readonly<Record<string, string>>;
}

// the reference writer's order: larger dtypes first (its Dtype enum, descending), then by name
const DTYPE_RANK: Readonly<Record<SafetensorsDType, number>> = { BOOL: 0, I32: 9, F32: 11, F64: 12, I64: 13 };

/**
 * A state dict in the safetensors format: an 8-byte little-endian header
 * length, the JSON header (`{ "__metadata__": {...}, "layers.0.weight":
 * { "dtype": "F32", "shape": [11, 5], "data_offsets": [0, 220] }, ... }`, padded
 * with spaces so the data starts 8-byte aligned), then each tensor's
 * little-endian row-major bytes, in the reference writer's order. float32,
 * float64, int32 and bool become F32, F64, I32 and BOOL. PyTorch reads it with
 * `safetensors.torch.load` (or `torch.frombuffer`) and `load_state_dict`.
 *
 * @example
 * ```ts
 * const bytes = serialize(model.stateDict(), { metadata: { epoch: '3' } });
 * model.loadStateDict(deserialize(bytes));
 * ```
 */
export function serialize(tensors: TensorDict, options: SerializeOptions = {}): Uint8Array {
  if (typeof tensors !== 'object' || tensors === null || Array.isArray(tensors)) {
    throw new ValueError('INVALID_ARGUMENT', `serialize: 'tensors' must be an object of names to tensors (model.stateDict()), got ${describe(tensors)}`);
  }
  if (typeof options !== 'object' || options === null) {
    throw new ValueError('INVALID_ARGUMENT', `serialize: 'options' must be an object such as { metadata }, got ${describe(options)}`);
  }
  const metadata = options.metadata;
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      throw new ValueError('INVALID_ARGUMENT', `serialize: 'metadata' must be an object of strings, got ${describe(metadata)}`);
    }
    for (const [name, value] of Object.entries(metadata)) {
      if (typeof value !== 'string') {
        throw new ValueError('INVALID_ARGUMENT', `serialize: metadata '${name}' must be a string (JSON.stringify it), got ${describe(value)}`);
      }
    }
  }
  const entries: { key: string; dtype: SafetensorsDType; tensor: BaseTensor }[] = [];
  for (const [key, value] of Object.entries(tensors)) {
    if (key === '__metadata__') throw new ValueError('INVALID_ARGUMENT', "serialize: '__metadata__' is the format's reserved key; pass metadata in options");
    const tensor = baseOf('serialize', key, value);
    entries.push({ key, dtype: FILE_DTYPE[tensor.dtype], tensor });
  }
  entries.sort((a, b) => DTYPE_RANK[b.dtype] - DTYPE_RANK[a.dtype] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const header: Record<string, unknown> = {};
  if (metadata !== undefined && Object.keys(metadata).length > 0) header.__metadata__ = { ...metadata };
  let offset = 0;
  for (const { key, dtype, tensor } of entries) {
    const size = tensor.numel() * ELEMENT_SIZE[dtype];
    header[key] = { dtype, shape: [...tensor.shape], data_offsets: [offset, offset + size] };
    offset += size;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padding = (8 - (json.length % 8)) % 8;
  if (padding > 0) {
    const padded = new Uint8Array(json.length + padding).fill(0x20);
    padded.set(json);
    json = padded;
  }
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let position = 8 + json.length;
  for (const { dtype, tensor } of entries) {
    const dense = tensor.contiguous();
    const values = dense.storage.subarray(dense.offset, dense.offset + dense.numel());
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    out.set(bytes, position);
    if (!LITTLE_ENDIAN) swapBytes(out.subarray(position, position + bytes.length), ELEMENT_SIZE[dtype]);
    position += bytes.length;
  }
  return out;
}

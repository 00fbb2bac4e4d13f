import { CheckpointError } from './errors';
import { ELEMENT_SIZE, FORMAT_DTYPES, type SafetensorsDType } from './dtypes';

/** The format's limit on the header's length (safetensors' MAX_HEADER_SIZE). */
export const MAX_HEADER_SIZE = 100_000_000;

/** One tensor's entry in the header, checked. */
export interface TensorEntry {
  key: string;
  dtype: SafetensorsDType;
  shape: number[];
  /** Byte range in the data section, [begin, end). */
  begin: number;
  end: number;
}

/** A parsed and checked header. */
export interface Header {
  tensors: TensorEntry[];
  metadata: Record<string, string>;
  /** Where the data section starts in the bytes (8 + header length). */
  dataStart: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads and checks a safetensors header against the whole file's bytes, as the
 * reference implementation's `validate`: the length, the JSON, each entry's
 * dtype, shape and offsets, and that the offsets tile the data section exactly.
 * Throws a {@link CheckpointError} naming the key at the first problem.
 */
export function parseHeader(bytes: Uint8Array): Header {
  if (bytes.length < 8) {
    throw new CheckpointError('TRUNCATED', `safetensors: the file has ${bytes.length} bytes, fewer than the 8 of the header length`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length64 = view.getBigUint64(0, true);
  if (length64 > BigInt(MAX_HEADER_SIZE)) {
    throw new CheckpointError('HEADER_TOO_LARGE', `safetensors: header length ${length64} is larger than the format's limit of ${MAX_HEADER_SIZE} bytes`);
  }
  const length = Number(length64);
  if (8 + length > bytes.length) {
    throw new CheckpointError('TRUNCATED', `safetensors: header length ${length} runs past the end of the file (${bytes.length} bytes)`);
  }
  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + length));
    if (!text.startsWith('{')) throw new Error("it does not start with '{'");
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CheckpointError('INVALID_HEADER', `safetensors: the header is not UTF-8 JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new CheckpointError('INVALID_HEADER', 'safetensors: the header must be a JSON object');
  const metadata: Record<string, string> = {};
  const tensors: TensorEntry[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (key === '__metadata__') {
      if (value === null) continue; // the reference reader takes null as no metadata
      if (!isObject(value)) throw new CheckpointError('INVALID_HEADER', "safetensors: '__metadata__' must be an object of strings");
      for (const [name, text] of Object.entries(value)) {
        if (typeof text !== 'string') throw new CheckpointError('INVALID_HEADER', `safetensors: '__metadata__' entry '${name}' must be a string, got ${typeof text}`);
        metadata[name] = text;
      }
      continue;
    }
    tensors.push(parseEntry(key, value));
  }
  checkOffsets(tensors, bytes.length - 8 - length);
  return { tensors, metadata, dataStart: 8 + length };
}

function parseEntry(key: string, value: unknown): TensorEntry {
  if (!isObject(value)) throw new CheckpointError('INVALID_HEADER', `safetensors: tensor '${key}': the entry must be an object { dtype, shape, data_offsets }`);
  const { dtype, shape, data_offsets: offsets } = value;
  if (typeof dtype !== 'string' || !(FORMAT_DTYPES as readonly string[]).includes(dtype)) {
    throw new CheckpointError('INVALID_HEADER', `safetensors: tensor '${key}': unknown dtype ${JSON.stringify(dtype)}`);
  }
  if (!(dtype in ELEMENT_SIZE)) {
    throw new CheckpointError('UNSUPPORTED_DTYPE', `safetensors: tensor '${key}' has dtype ${dtype}; gradlab reads F32, F64, I32, I64 (into int32) and BOOL`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new CheckpointError('INVALID_HEADER', `safetensors: tensor '${key}': 'shape' must be an array of non-negative integers, got ${JSON.stringify(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && o >= 0)) {
    throw new CheckpointError('INVALID_OFFSETS', `safetensors: tensor '${key}': 'data_offsets' must be [begin, end] byte offsets, got ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) throw new CheckpointError('INVALID_OFFSETS', `safetensors: tensor '${key}': data_offsets [${begin}, ${end}] end before they begin`);
  const size = ELEMENT_SIZE[dtype as SafetensorsDType];
  const count = (shape as number[]).reduce((a, b) => a * b, 1);
  if (count * size !== end - begin) {
    throw new CheckpointError(
      'SHAPE_MISMATCH',
      `safetensors: tensor '${key}': shape [${(shape as number[]).join(', ')}] of ${dtype} needs ${count * size} bytes, but data_offsets [${begin}, ${end}] hold ${end - begin}`,
    );
  }
  return { key, dtype: dtype as SafetensorsDType, shape: shape as number[], begin, end };
}

/** The offsets must cover [0, dataLength) exactly, each tensor starting where the previous one ends. */
function checkOffsets(tensors: TensorEntry[], dataLength: number): void {
  const sorted = [...tensors].sort((a, b) => a.begin - b.begin || a.end - b.end);
  let position = 0;
  for (const entry of sorted) {
    if (entry.begin !== position) {
      const problem = entry.begin < position ? 'overlaps the previous tensor' : 'leaves a hole after the previous tensor';
      throw new CheckpointError('INVALID_OFFSETS', `safetensors: tensor '${entry.key}': data_offsets [${entry.begin}, ${entry.end}] ${problem} (expected to begin at ${position})`);
    }
    position = entry.end;
  }
  if (position > dataLength) {
    const last = sorted[sorted.length - 1]!;
    throw new CheckpointError('TRUNCATED', `safetensors: tensor '${last.key}' ends at byte ${position} of the data, but the file holds only ${dataLength} data bytes (truncated?)`);
  }
  if (position < dataLength) {
    throw new CheckpointError('INVALID_HEADER', `safetensors: the file has ${dataLength - position} bytes after the last tensor (the header does not describe them)`);
  }
}

import type { DType } from '@gradlab/tensor';

/** The safetensors dtypes gradlab reads, and the one each becomes. I64 is read into int32 when every value fits. */
export type SafetensorsDType = 'F32' | 'F64' | 'I32' | 'I64' | 'BOOL';

/** Bytes per element. */
export const ELEMENT_SIZE: Readonly<Record<SafetensorsDType, number>> = { F64: 8, I64: 8, F32: 4, I32: 4, BOOL: 1 };

/** gradlab's dtype of a file dtype. */
export const GRADLAB_DTYPE: Readonly<Record<SafetensorsDType, DType>> = { F64: 'float64', I64: 'int32', F32: 'float32', I32: 'int32', BOOL: 'bool' };

/** The file dtype written for a gradlab dtype. */
export const FILE_DTYPE: Readonly<Record<DType, SafetensorsDType>> = { float64: 'F64', float32: 'F32', int32: 'I32', bool: 'BOOL' };

/** Every dtype of the format (safetensors 0.4), to tell "not supported here" from "not a dtype". */
export const FORMAT_DTYPES = ['BOOL', 'U8', 'I8', 'F8_E5M2', 'F8_E4M3', 'I16', 'U16', 'F16', 'BF16', 'I32', 'U32', 'F32', 'F64', 'I64', 'U64'] as const;

/** Whether this machine stores numbers little-endian, as the format does (every current JS engine host). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the bytes of each `size`-byte element, in place (a big-endian host). */
export function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = bytes[a]!;
      bytes[a] = bytes[b]!;
      bytes[b] = t;
    }
  }
}

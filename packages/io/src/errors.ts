import { brandError, GradlabError } from '@gradlab/tensor';

/** Stable codes of {@link CheckpointError}. */
export type CheckpointErrorCode =
  /** Fewer bytes than the header or the tensors it describes need. */
  | 'TRUNCATED'
  /** A header length beyond the format's limit (100 MB) or beyond the bytes given. */
  | 'HEADER_TOO_LARGE'
  /** A header that is not UTF-8 JSON of the format's shape, or bytes after the last tensor. */
  | 'INVALID_HEADER'
  /** A dtype the format or gradlab does not have (`F16`), or a value that does not fit gradlab's dtype. */
  | 'UNSUPPORTED_DTYPE'
  /** Data offsets that overlap, leave holes, or run backwards. */
  | 'INVALID_OFFSETS'
  /** A shape whose element count does not match the tensor's byte range. */
  | 'SHAPE_MISMATCH';

/**
 * A safetensors file gradlab cannot read; the message names the tensor's key.
 * Nothing is returned from a file with any such error (no partial load).
 *
 * @example
 * ```ts
 * try { deserialize(bytes.subarray(0, 100)); }
 * catch (e) { if (e instanceof CheckpointError) console.log(e.code); } // 'TRUNCATED'
 * ```
 */
export class CheckpointError extends GradlabError {
  declare readonly code: CheckpointErrorCode;
  constructor(code: CheckpointErrorCode, message: string) {
    super(code, message);
  }
}

brandError(CheckpointError, 'CheckpointError');

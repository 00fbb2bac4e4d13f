/**
 * Names, one per line, from a file or stdin, read as they arrive and decoded
 * so that every student gets the formula of the name as typed: UTF-8 (with or
 * without a byte-order mark), UTF-16 with a byte-order mark (what Windows
 * Notepad saves as "Unicode"), any line ending (LF, CRLF, CR alone).
 * Anything else is refused with the line it is on, never read as the wrong
 * name: invalid UTF-8 (no silent U+FFFD), NUL bytes (UTF-16 without a
 * byte-order mark, or a binary file), a line or a file beyond the limits.
 */
import { isUtf8 } from 'node:buffer';
import { usageError } from './io';

/** How much {@link readLines} reads before refusing. */
export interface LineLimits {
  /** Bytes of one line (in UTF-8), line ending excluded. */
  readonly lineBytes: number;
  /** Bytes of the whole input. */
  readonly totalBytes: number;
}

/** A roster of names: a name is far below 1 KiB, and 16 MiB holds a million of them. */
export const ROSTER_LIMITS: LineLimits = { lineBytes: 1024, totalBytes: 16 * 1024 * 1024 };

const LF = 0x0a;
const CR = 0x0d;

/** Options of {@link readLines}. */
export interface ReadLinesOptions {
  /** How the input is named in errors: `--batch file 'names.txt'`, `stdin`. */
  readonly what: string;
  readonly limits?: LineLimits;
  /** Called before each line is yielded, with the input's byte offset where that line ends. */
  readonly onLine?: (endOffset: number) => void;
}

/**
 * The lines of `input`, decoded, without their line endings, one at a time as
 * they arrive. A last line without a line ending counts; an empty input has
 * no lines; an empty line is the empty string.
 *
 * @throws {FormulaError} code 'USAGE' naming the input and the line.
 *
 * @example
 * ```ts
 * for await (const name of readLines(process.stdin, { what: 'stdin' })) console.log(name);
 * ```
 */
export async function* readLines(input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, options: ReadLinesOptions): AsyncGenerator<string> {
  const { what } = options;
  const limits = options.limits ?? ROSTER_LIMITS;
  let total = 0;
  let lineNumber = 1;
  let head: Buffer | null = Buffer.alloc(0);
  let decoder: TextDecoder | null = null;
  let encoding = 'UTF-8';
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let afterCR = false;

  const fail = (why: string) => usageError(`${what}: ${why}`);
  const finishLine = (): string => {
    const bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    if (!isUtf8(bytes)) {
      throw fail(`line ${lineNumber} is not valid UTF-8 (saved in another encoding, such as Windows-1252? save the file as UTF-8)`);
    }
    lineNumber++;
    return bytes.toString('utf8');
  };
  const keep = (bytes: Buffer): void => {
    if (bytes.length === 0) return;
    pendingBytes += bytes.length;
    if (pendingBytes > limits.lineBytes) {
      throw fail(`line ${lineNumber} is longer than ${limits.lineBytes} bytes (is it a list of names, one per line?)`);
    }
    pending.push(bytes);
  };
  /**
   * Splits UTF-8 bytes into lines at LF, CRLF or CR. `base` is the input offset of `bytes`
   * (null for decoded UTF-16, where the offset of the chunk's end is reported).
   */
  function* split(bytes: Buffer, base: number | null): Generator<string> {
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      const byte = bytes[i]!;
      if (byte === LF && afterCR && i === start) {
        // The LF of a CRLF, the CR ending the previous chunk or line.
        start = i + 1;
        afterCR = false;
        continue;
      }
      afterCR = false;
      if (byte === 0) {
        throw fail(
          `line ${lineNumber} contains a NUL byte (UTF-16 without a byte-order mark, or not a text file? save it as UTF-8)`,
        );
      }
      if (byte === LF || byte === CR) {
        keep(bytes.subarray(start, i));
        const line = finishLine();
        options.onLine?.(base === null ? total : base + i + 1);
        yield line;
        start = i + 1;
        afterCR = byte === CR;
      }
    }
    keep(bytes.subarray(start));
  }
  /** Turns raw bytes into UTF-8 (a no-op unless the input is UTF-16). */
  const decode = (bytes: Buffer, end: boolean): Buffer => {
    if (decoder === null) return bytes;
    try {
      return Buffer.from(decoder.decode(bytes, { stream: !end }), 'utf8');
    } catch {
      throw fail(`not valid ${encoding} at line ${lineNumber} (an odd number of bytes, or a lone surrogate)`);
    }
  };

  for await (const chunk of input) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    total += bytes.length;
    if (total > limits.totalBytes) {
      const size = limits.totalBytes % 1048576 === 0 ? `${limits.totalBytes / 1048576} MiB` : `${limits.totalBytes} bytes`;
      throw fail(`larger than ${size} (gradlab-formula reads at most that much)`);
    }
    if (head !== null) {
      // The byte-order mark decides the encoding: wait for its first 3 bytes.
      head = Buffer.concat([head, bytes]);
      if (head.length < 3) continue;
      bytes = sniff(head);
      head = null;
    }
    yield* split(decode(bytes, false), decoder === null ? total - bytes.length : null);
  }
  if (head !== null && head.length > 0) {
    const rest = sniff(head);
    yield* split(decode(rest, false), decoder === null ? total - rest.length : null);
  }
  yield* split(decode(Buffer.alloc(0), true), null);
  if (pendingBytes > 0) {
    const line = finishLine();
    options.onLine?.(total);
    yield line;
  }

  /** Reads the byte-order mark, sets the decoder, returns the bytes after it. */
  function sniff(start: Buffer): Buffer {
    if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return start.subarray(3);
    if (start[0] === 0xff && start[1] === 0xfe) {
      encoding = 'UTF-16LE';
      decoder = new TextDecoder('utf-16le', { fatal: true });
      return start.subarray(2);
    }
    if (start[0] === 0xfe && start[1] === 0xff) {
      encoding = 'UTF-16BE';
      decoder = new TextDecoder('utf-16be', { fatal: true });
      return start.subarray(2);
    }
    return start;
  }
}

/**
 * What a command of `gradlab-formula` reads and writes: the streams, the
 * environment, the directory the user typed the command in, and one-line
 * errors. Commands get a {@link CliContext} instead of reaching for `process`,
 * so that their tests can give them buffers.
 */
import type { Readable, Writable } from 'node:stream';
import { FormulaError } from '../errors';

/** A bad command line or bad input: a FormulaError with code 'USAGE' (exit code 2, one line on stderr). */
export const usageError = (message: string): FormulaError => new FormulaError('USAGE', message);

/** The stream under an {@link Output}: a TTY has `isTTY` and `columns`. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** The stream under stdin. */
export type InputStream = Readable & { isTTY?: boolean };

/** The output stream failed for another reason than a reader that went away: exit code 1. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/**
 * A stdout or stderr that streams: `write` waits when the stream's buffer is
 * full, and a reader that goes away (`gradlab-formula --batch f --json | head -1`,
 * EPIPE) is not an error: {@link closed} turns true and every later write is
 * dropped, so that the command can stop and exit quietly.
 *
 * @example
 * ```ts
 * const out = new Output(process.stdout);
 * await out.write('a row\n');
 * if (out.closed) return 0; // nobody reads any more
 * ```
 */
export class Output {
  #closed = false;
  #failure: Error | null = null;

  constructor(readonly stream: OutputStream) {
    // NOTE: without a listener, EPIPE is an unhandled 'error' event: a stack trace and exit code 1.
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') this.#closed = true;
      else this.#failure = error;
    });
  }

  /** True when nobody reads the stream any more. */
  get closed(): boolean {
    // A failed write to a pipe destroys the stream at once; the 'error' event comes later.
    if (this.stream.destroyed && this.#failure === null) this.#closed = true;
    return this.#closed;
  }

  /** True on a terminal. */
  get isTTY(): boolean {
    return this.stream.isTTY === true;
  }

  /** The terminal's width in columns, or undefined when the stream is not a terminal. */
  get columns(): number | undefined {
    return this.isTTY ? this.stream.columns : undefined;
  }

  /** Writes `text`, waiting while the stream's buffer is full. */
  async write(text: string): Promise<void> {
    this.#check();
    if (this.closed || text === '') return;
    if (!this.stream.write(text)) {
      await new Promise<void>((done) => {
        const finish = (): void => {
          this.stream.off('drain', finish);
          this.stream.off('close', finish);
          this.stream.off('error', finish);
          done();
        };
        this.stream.on('drain', finish);
        this.stream.on('close', finish);
        this.stream.on('error', finish);
      });
    }
    this.#check();
  }

  #check(): void {
    if (this.#failure) throw new OutputError(`cannot write the output: ${this.#failure.message}`);
  }
}

/** Everything a command of the CLI works with. */
export interface CliContext {
  readonly stdin: InputStream;
  readonly stdout: Output;
  readonly stderr: Output;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The directory relative paths start from: where the user typed the command (see `commandDirectory`). */
  readonly cwd: string;
  /** The package's version, for `--version`. */
  readonly version: string;
}

/**
 * The one line a FormulaError prints as: a syntax error's caret drawing is
 * summarised by its column and the input.
 *
 * @example
 * ```ts
 * errorLine(new FormulaError('SYNTAX', "parse: unexpected ')' at column 9\nsin(x1 +)\n        ^")); // "parse: unexpected ')' at column 9 in 'sin(x1 +)'"
 * ```
 */
export function errorLine(error: FormulaError): string {
  const [first, input] = error.message.split('\n');
  return error.code === 'SYNTAX' && input !== undefined ? `${first} in '${input}'` : first!;
}

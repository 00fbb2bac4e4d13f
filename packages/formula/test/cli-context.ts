/**
 * A CliContext over buffers, to run the CLI's commands in the test process
 * (the process-level behaviour is tested by spawning in cli.test.ts).
 */
import { Readable, Writable } from 'node:stream';
import { Output, type CliContext } from '../src/cli/io';

export interface BufferContext {
  readonly context: CliContext;
  stdout(): string;
  stderr(): string;
}

function collector(isTTY: boolean): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream: Object.assign(stream, { isTTY }), text: () => chunks.join('') };
}

/** A context whose stdin holds `input`, with terminals where asked. */
export function bufferContext(options: { input?: string; stdinTTY?: boolean; cwd?: string } = {}): BufferContext {
  const stdout = collector(false);
  const stderr = collector(false);
  const stdin = Object.assign(Readable.from(options.input === undefined ? [] : [Buffer.from(options.input, 'utf8')]), {
    isTTY: options.stdinTTY === true,
  });
  return {
    context: {
      stdin,
      stdout: new Output(stdout.stream),
      stderr: new Output(stderr.stream),
      env: {},
      cwd: options.cwd ?? process.cwd(),
      version: '9.8.7',
    },
    stdout: stdout.text,
    stderr: stderr.text,
  };
}

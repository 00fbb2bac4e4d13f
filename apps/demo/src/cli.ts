/**
 * The demo's command line: parses the arguments, runs the exercises, prints
 * them (terminal report or JSON) and writes the `--out` files.
 *
 * Exit codes: 0 all good, 1 an exercise failed (a check disagreed or an error
 * was thrown) or a report could not be written, 2 bad command-line input
 * (also an `--out` that is a file: checked before anything runs).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { version } from '../package.json';
import { type DemoOptions, type ExerciseId, HELP_TEXT, parseArgs, UsageError } from './args';
import type { ExerciseResult } from './document';
import { toJson } from './format';
import { renderMarkdown } from './markdown';
import { createStyle, shouldUseColor } from './style';
import { renderTerminal } from './terminal';

/** An exercise module: `run` builds its report and JSON. */
export interface ExerciseModule {
  run(options: DemoOptions): ExerciseResult | Promise<ExerciseResult>;
}

// Each exercise is loaded on demand, so that a package one exercise needs
// cannot stop the others from running.
export const LOADERS: Readonly<Record<ExerciseId, () => Promise<ExerciseModule>>> = {
  ex1: () => import('./ex1'),
  ex2: () => import('./ex2'),
  ex3: () => import('./ex3'),
};

/** Where the demo writes; `process` in production, buffers in tests. */
export interface CliIo {
  stdout: { write(text: string): unknown; isTTY?: boolean | undefined };
  stderr: { write(text: string): unknown };
  env: Readonly<Record<string, string | undefined>>;
  /** The directory relative `--out` paths start from: where the user typed the command. */
  cwd: string;
}

/** Quotes an argument for a POSIX shell when it needs it. */
function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The command that reproduces one exercise exactly, for its report. */
export function reproduceCommand(id: ExerciseId, options: DemoOptions): string {
  const parts = ['pnpm', 'demo', id];
  if (id === 'ex2') parts.push('--seed', String(options.seed));
  if (id === 'ex3') parts.push('--name', shellQuote(options.name));
  return parts.join(' ');
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

const FILE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
};

/** A file-system error in words (`is a directory`), not a bare `EISDIR`. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (code !== undefined && FILE_ERRORS[code]) || describe(error);
}

/**
 * Checks `--out` before any exercise runs: it must be a directory or a path
 * where one can be made, not an existing file (nor below one).
 *
 * @throws {UsageError} naming the file in the way.
 */
export async function checkOutDir(outDir: string, cwd: string): Promise<void> {
  let path = resolve(cwd, outDir);
  for (;;) {
    try {
      const found = await stat(path);
      if (found.isDirectory()) return;
      const shown = isAbsolute(outDir) ? path : relative(cwd, path);
      throw new UsageError(
        path === resolve(cwd, outDir)
          ? `option '--out' needs a directory, but '${outDir}' is a file`
          : `option '--out' needs a directory, but '${shown}' in '${outDir}' is a file`,
      );
    } catch (error) {
      if (error instanceof UsageError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: a file further up the path, found on the way up.
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new UsageError(`option '--out': cannot use '${outDir}': ${describeFileError(error)}`);
    }
    const parent = dirname(path);
    if (parent === path) return;
    path = parent;
  }
}

/**
 * Writes the reports and attachments; returns the paths as the user wrote the directory.
 *
 * @throws {Error} `cannot write '<file>': <why in words>` (or `cannot create '<dir>'`).
 */
async function writeOutputs(
  results: readonly ExerciseResult[],
  options: DemoOptions,
  outDir: string,
  cwd: string,
): Promise<string[]> {
  const directory = resolve(cwd, outDir);
  try {
    await mkdir(directory, { recursive: true });
  } catch (error) {
    throw new Error(`cannot create '${outDir}': ${describeFileError(error)}`);
  }
  const written: string[] = [];
  const write = async (fileName: string, content: string): Promise<void> => {
    try {
      await writeFile(join(directory, fileName), content);
    } catch (error) {
      throw new Error(`cannot write '${join(outDir, fileName)}': ${describeFileError(error)}`);
    }
    written.push(join(outDir, fileName));
  };
  for (const result of results) {
    await write(`${result.id}.md`, renderMarkdown(result, reproduceCommand(result.id, options)));
    for (const attachment of result.attachments) await write(attachment.fileName, attachment.content);
  }
  return written;
}

/**
 * Runs the demo with `argv` (the arguments after the script) and returns the
 * exit code. `loaders` replaces the exercises in tests.
 */
export async function main(
  argv: readonly string[],
  io: CliIo,
  loaders: Readonly<Record<ExerciseId, () => Promise<ExerciseModule>>> = LOADERS,
): Promise<number> {
  let options: DemoOptions;
  try {
    options = parseArgs(argv);
    if (options.outDir !== null && !options.help && !options.version) await checkOutDir(options.outDir, io.cwd);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`demo: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    io.stdout.write(HELP_TEXT);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${version}\n`);
    return 0;
  }

  const style = createStyle(!options.json && shouldUseColor(io.stdout, io.env));
  const results: ExerciseResult[] = [];
  let exitCode = 0;
  for (const id of options.exercises) {
    let result: ExerciseResult;
    try {
      const exercise = await loaders[id]();
      result = await exercise.run(options);
    } catch (error) {
      io.stderr.write(`demo: ${id} failed: ${describe(error)}\n`);
      exitCode = 1;
      continue;
    }
    if (!result.ok) {
      io.stderr.write(`demo: ${id}: a check failed (see the report)\n`);
      exitCode = 1;
    }
    results.push(result);
    if (!options.json) {
      io.stdout.write(`${results.length > 1 ? '\n' : ''}${renderTerminal(result, style)}`);
    }
  }

  if (options.json) {
    const single = options.exercises.length === 1;
    const payload = single
      ? (results[0]?.json ?? null)
      : Object.fromEntries(results.map((result) => [result.id, result.json]));
    io.stdout.write(`${toJson(payload)}\n`);
  }

  if (options.outDir !== null && results.length > 0) {
    try {
      const written = await writeOutputs(results, options, options.outDir, io.cwd);
      // With --json, stdout carries only the JSON.
      const report = options.json ? io.stderr : io.stdout;
      report.write(`${options.json ? '' : '\n'}Wrote ${written.join(', ')}\n`);
    } catch (error) {
      // writeOutputs says which file and why, in words.
      io.stderr.write(`demo: ${(error as Error).message}\n`);
      exitCode = 1;
    }
  }
  return exitCode;
}

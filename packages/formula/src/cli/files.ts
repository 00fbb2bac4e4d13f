/**
 * Files named on the command line: paths relative to where the user typed the
 * command, inputs opened with errors in words, and outputs that never
 * overwrite a file or follow a symbolic link by surprise.
 */
import { constants, type ReadStream } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { usageError } from './io';

/**
 * The directory the user typed the command in. `pnpm formula ...` (the root
 * script) and `pnpm --filter @gradlab/formula cli ...` run the CLI in another
 * directory and say where they were typed in INIT_CWD; anything else runs
 * where it was typed.
 *
 * NOTE: INIT_CWD is inherited by everything a pnpm script starts: it is only
 * trusted when this package's own scripts started us, not when some other
 * script `cd`s somewhere and runs gradlab-formula there.
 *
 * @example
 * ```ts
 * commandDirectory({ npm_lifecycle_event: 'formula', npm_package_name: 'gradlab', INIT_CWD: '/home/ta' }, '/repo'); // '/home/ta'
 * ```
 */
export function commandDirectory(env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const event = env.npm_lifecycle_event;
  const name = env.npm_package_name;
  const ours = (event === 'formula' && name === 'gradlab') || (event === 'cli' && name === '@gradlab/formula');
  return ours && env.INIT_CWD ? env.INIT_CWD : cwd;
}

/** A path from the command line, resolved against the directory the command was typed in. */
export function userPath(path: string, cwd: string): string {
  return resolve(cwd, path);
}

const WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'the file already exists',
  ELOOP: 'is a symbolic link (not followed)',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the name is too long',
  EMFILE: 'too many open files',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EINVAL: 'invalid argument',
};

/**
 * A file-system error in words (`no such file or directory`, `permission
 * denied`, `is a directory`), not a bare `ENOENT`.
 *
 * @example
 * ```ts
 * describeFileError(Object.assign(new Error('x'), { code: 'EISDIR' })); // 'is a directory'
 * ```
 */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== undefined && WORDS[code] !== undefined) return WORDS[code]!;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens a file to read, failing with one line in words (a directory is refused here,
 * not on the first read).
 *
 * @throws {FormulaError} code 'USAGE': `cannot read <what> '<path>': <why>`.
 */
export async function openInput(path: string, cwd: string, what: string): Promise<{ stream: ReadStream; size: number | undefined }> {
  const fail = (why: string) => usageError(`cannot read ${what} '${path}': ${why}`);
  if (path === '') throw usageError(`${what} needs a file name, got ''`);
  let handle;
  try {
    handle = await open(userPath(path, cwd), 'r');
  } catch (error) {
    throw fail(describeFileError(error));
  }
  const stats = await handle.stat();
  if (stats.isDirectory()) {
    await handle.close();
    throw fail('is a directory');
  }
  return { stream: handle.createReadStream(), size: stats.isFile() ? stats.size : undefined };
}

async function isLink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Writes a new file: an existing file is kept unless `force`, and a symbolic
 * link at the path is never followed (with or without `force`): the link may
 * point anywhere, and writing through it is not what `--svg graph.svg` asks for.
 * Directories on the way may be links, as usual.
 *
 * @throws {FormulaError} code 'USAGE': `cannot write <what> '<path>': <why>`.
 */
export async function writeNewFile(path: string, content: string, options: { cwd: string; what: string; force: boolean }): Promise<void> {
  const fail = (why: string) => usageError(`cannot write ${options.what} '${path}': ${why}`);
  if (path === '') throw usageError(`${options.what} needs a file name, got ''`);
  // O_EXCL refuses an existing path, a link included (even a dangling one); O_NOFOLLOW makes
  // --force refuse a link too instead of truncating the file it points to.
  const flags = options.force
    ? constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW
    : constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  let handle;
  try {
    handle = await open(userPath(path, options.cwd), flags, 0o666);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const link = code === 'ELOOP' || (code === 'EEXIST' && (await isLink(userPath(path, options.cwd))));
    if (code === 'EEXIST' && !link) throw fail('the file already exists (add --force to overwrite it)');
    if (link) throw fail('is a symbolic link, and gradlab-formula does not write through one (remove it, or name its target)');
    throw fail(describeFileError(error));
  }
  try {
    await handle.writeFile(content);
  } catch (error) {
    throw fail(describeFileError(error));
  } finally {
    await handle.close();
  }
}

/**
 * Runs the demo as a real process (node + tsx, against the packages' sources)
 * and collects what it printed.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The demo app's folder. */
export const DEMO_DIR = fileURLToPath(new URL('..', import.meta.url));

/** The repository root. */
export const ROOT_DIR = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Time allowed for the hooks that start the demo processes: a few seconds
 * alone, much more when the whole repository's suite shares two cores.
 */
export const PROCESS_TIMEOUT = 180_000;

export interface DemoRun {
  code: number;
  stdout: string;
  stderr: string;
}

function collect(file: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<DemoRun> {
  return new Promise((resolve, reject) => {
    execFile(file, [...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(error);
        return;
      }
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** An environment without colour switches, so that runs do not depend on the caller's shell. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

/** `node --conditions=@gradlab/source --import tsx src/main.ts ...args`, as `pnpm demo` runs it. */
export function runDemo(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<DemoRun> {
  return collect(
    process.execPath,
    ['--conditions=@gradlab/source', '--import', 'tsx', 'src/main.ts', ...args],
    DEMO_DIR,
    cleanEnv(env),
  );
}

/** The formula package's command line, `gradlab-formula ...args`, from its sources. */
export function runFormulaCli(args: readonly string[]): Promise<DemoRun> {
  return collect(
    process.execPath,
    ['--conditions=@gradlab/source', '--import', 'tsx', 'src/cli.ts', ...args],
    `${ROOT_DIR}packages/formula`,
    cleanEnv({}),
  );
}

/** `pnpm demo ...args` from the repository root: the command the README gives. */
export function runPnpmDemo(args: readonly string[]): Promise<DemoRun> {
  return collect('pnpm', ['demo', ...args], ROOT_DIR, cleanEnv({}));
}

/** The words that must never reach a user. */
export const FORBIDDEN = ['undefined', 'NaN', '[object Object]'] as const;

/** The forbidden words found in `text` (an empty list when clean). */
export function forbiddenWords(text: string): string[] {
  return FORBIDDEN.filter((word) => text.includes(word));
}

/**
 * The demo's command line, run as a process: help, bad input and exit codes,
 * and the argument passing of `pnpm demo` from the repository root.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoRun, ROOT_DIR, runDemo, runPnpmDemo, PROCESS_TIMEOUT } from './run-demo';
import packageJson from '../package.json';

const scratch = mkdtempSync(join(tmpdir(), 'gradlab-demo-cli-'));
// A file where --out expects a directory: writing beneath it must fail.
const blocker = join(scratch, 'a-file');
writeFileSync(blocker, '');
// Relative to the repository root, where `pnpm demo` is typed.
const relativeOut = relative(ROOT_DIR, join(scratch, 'reports'));

let help: DemoRun;
let unknown: DemoRun;
let badSeed: DemoRun;
let viaPnpm: DemoRun;
let viaPnpmBad: DemoRun;
let viaPnpmOut: DemoRun;
let unwritable: DemoRun;
let version: DemoRun;

beforeAll(async () => {
  [help, unknown, badSeed, viaPnpm, viaPnpmBad, viaPnpmOut, unwritable, version] = await Promise.all([
    runDemo(['--help']),
    runDemo(['ex1', '--frobnicate']),
    runDemo(['ex2', '--seed', 'x']),
    runPnpmDemo(['ex2', '--seed', '3', '--json']),
    runPnpmDemo(['ex2', '--seed', '3', '--bogus']),
    runPnpmDemo(['ex1', '--out', relativeOut]),
    runDemo(['ex1', '--out', join(blocker, 'reports')]),
    runDemo(['--version']),
  ]);
}, PROCESS_TIMEOUT);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('demo command line', () => {
  it('prints the help on stdout and exits 0', () => {
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toContain('Usage: pnpm demo [ex1|ex2|ex3 ...] [options]');
    for (const option of ['--name NAME', '--seed N', '--json', '--out DIR', '--version', '--help']) {
      expect(help.stdout).toContain(option);
    }
  });

  it('rejects an unknown option or a bad value with one line on stderr and exit code 2, before running anything', () => {
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe("demo: unknown option '--frobnicate' (see --help)\n");
    expect(badSeed.code).toBe(2);
    expect(badSeed.stdout).toBe('');
    expect(badSeed.stderr).toBe("demo: option '--seed' expects a non-negative integer, got 'x'\n");
  });

  it('pnpm demo ex2 --seed 3 reaches the demo with its arguments (pnpm 12)', () => {
    expect(viaPnpm.code).toBe(0);
    const json = JSON.parse(viaPnpm.stdout) as { seed: number; labels: number[] };
    expect(json.seed).toBe(3);
    expect(json.labels).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2]);
  });

  // NOTE: `pnpm --filter ... run` reports any failure of the script as exit
  // code 1 (ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL); the demo's own code is 2, as
  // above. Through the root script we can only require "not 0".
  it('pnpm demo fails on bad input', () => {
    expect(viaPnpmBad.code).not.toBe(0);
    expect(viaPnpmBad.stderr).toContain("demo: unknown option '--bogus' (see --help)");
  });

  it('pnpm demo --out DIR resolves DIR from where the command was typed, not from apps/demo', () => {
    expect(viaPnpmOut.code).toBe(0);
    expect(viaPnpmOut.stdout).toContain(`Wrote ${join(relativeOut, 'ex1.md')}`);
    expect(existsSync(join(scratch, 'reports', 'ex1.md'))).toBe(true);
  });

  it('exits 2 with one line on stderr, before running anything, when --out lies below an existing file', () => {
    expect(unwritable.code).toBe(2);
    expect(unwritable.stdout).toBe('');
    expect(unwritable.stderr).toBe(`demo: option '--out' needs a directory, but '${blocker}' in '${join(blocker, 'reports')}' is a file\n`);
  });

  it("--version prints the demo's package.json version", () => {
    expect(version).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });
});

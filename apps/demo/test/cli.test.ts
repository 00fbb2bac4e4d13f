/**
 * The demo's command line, run as a process: help, bad input and exit codes,
 * and the argument passing of `pnpm demo` from the repository root.
 */
import { describe, expect, it } from 'vitest';
import { runDemo, runPnpmDemo } from './run-demo';

describe('demo command line', () => {
  it('prints the help on stdout and exits 0', async () => {
    const run = await runDemo(['--help']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Usage: pnpm demo [ex1|ex2|ex3 ...] [options]');
    for (const option of ['--name NAME', '--seed N', '--json', '--out DIR', '--help']) {
      expect(run.stdout).toContain(option);
    }
  });

  it.each([
    [['--frobnicate'], "demo: unknown option '--frobnicate' (see --help)\n"],
    [['ex4'], "demo: unknown exercise 'ex4' (expected ex1, ex2 or ex3)\n"],
    [['ex2', '--seed', 'x'], "demo: option '--seed' expects a non-negative integer, got 'x'\n"],
    [['ex3', '--name'], "demo: option '--name' needs a value\n"],
  ])('rejects %j with one line on stderr and exit code 2', async (args, message) => {
    const run = await runDemo(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(message);
  });

  // NOTE: `pnpm --filter ... run` reports any failure as exit code 1 (its own
  // ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL); the demo's own code is 2, as the test
  // above shows. Through pnpm we can only require "not 0".
  it('pnpm demo passes its arguments through (pnpm 12) and fails on bad input', async () => {
    const [help, bad] = await Promise.all([runPnpmDemo(['--help']), runPnpmDemo(['ex2', '--seed', '3', '--bogus'])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: pnpm demo');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("demo: unknown option '--bogus' (see --help)");
  });
});

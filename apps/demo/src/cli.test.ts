import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../package.json';
import type { ExerciseId } from './args';
import { type CliIo, type ExerciseModule, main, reproduceCommand } from './cli';
import type { ExerciseResult } from './document';

function buffers(isTTY = false): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: { write: (text: string) => out.push(text), isTTY },
    stderr: { write: (text: string) => err.push(text) },
    env: {},
    cwd: '/',
  };
}

function fake(id: ExerciseId, ok: boolean): () => Promise<ExerciseModule> {
  const result: ExerciseResult = {
    id,
    title: `Fake ${id}`,
    blocks: [{ kind: 'check', ok, text: ok ? 'fine' : 'wrong' }],
    json: { id, value: NaN },
    attachments: [],
    ok,
  };
  return async () => ({ run: () => result });
}

const broken = async (): Promise<ExerciseModule> => ({
  run: () => {
    throw new RangeError('boom');
  },
});

describe('main', () => {
  it('exits 1 when a check fails, naming the exercise on stderr, and still prints every report', async () => {
    const io = buffers();
    const code = await main([], io, { ex1: fake('ex1', true), ex2: fake('ex2', false), ex3: fake('ex3', true) });
    expect(code).toBe(1);
    expect(io.err.join('')).toBe('demo: ex2: a check failed (see the report)\n');
    const out = io.out.join('');
    expect(out).toContain('Fake ex1');
    expect(out).toContain('✗ wrong');
    expect(out).toContain('Fake ex3');
  });

  it('exits 1 when an exercise throws, and runs the others', async () => {
    const io = buffers();
    const code = await main(['ex1', 'ex2'], io, { ex1: broken, ex2: fake('ex2', true), ex3: broken });
    expect(code).toBe(1);
    expect(io.err.join('')).toBe('demo: ex1 failed: RangeError: boom\n');
    expect(io.out.join('')).toContain('Fake ex2');
  });

  it('prints one JSON object for one exercise and a keyed object for several, non-finite numbers as strings', async () => {
    const loaders = { ex1: fake('ex1', true), ex2: fake('ex2', true), ex3: fake('ex3', true) };
    const one = buffers();
    expect(await main(['ex2', '--json'], one, loaders)).toBe(0);
    expect(one.out.join('')).toBe('{"id":"ex2","value":"nan"}\n');
    const several = buffers();
    expect(await main(['ex3', 'ex1', '--json'], several, loaders)).toBe(0);
    expect(several.out.join('')).toBe('{"ex3":{"id":"ex3","value":"nan"},"ex1":{"id":"ex1","value":"nan"}}\n');
  });

  it('colours a terminal, never JSON, and respects NO_COLOR', async () => {
    const loaders = { ex1: fake('ex1', true), ex2: fake('ex2', true), ex3: fake('ex3', true) };
    const tty = buffers(true);
    await main(['ex1'], tty, loaders);
    expect(tty.out.join('')).toContain('\u001b[');
    const noColor = { ...buffers(true), env: { NO_COLOR: '1' } };
    await main(['ex1'], noColor, loaders);
    expect(noColor.out.join('')).not.toContain('\u001b[');
    const json = buffers(true);
    await main(['ex1', '--json'], json, loaders);
    expect(json.out.join('')).not.toContain('\u001b[');
  });

  it('returns 2 for bad arguments without loading any exercise', async () => {
    const io = buffers();
    expect(await main(['--nope'], io, { ex1: broken, ex2: broken, ex3: broken })).toBe(2);
    expect(io.err.join('')).toBe("demo: unknown option '--nope' (see --help)\n");
    expect(io.out).toEqual([]);
  });
});

describe('main: --version and --out', () => {
  const loaders = { ex1: fake('ex1', true), ex2: fake('ex2', true), ex3: fake('ex3', true) };

  it("prints the demo's version", async () => {
    const io = buffers();
    expect(await main(['--version'], io, { ex1: broken, ex2: broken, ex3: broken })).toBe(0);
    expect(io.out.join('')).toBe(`${packageJson.version}\n`);
  });

  it('exits 2 before running anything when --out is an existing file, or lies below one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradlab-demo-out-'));
    writeFileSync(join(dir, 'report.md'), '');
    const io = { ...buffers(), cwd: dir };
    expect(await main(['--out', 'report.md'], io, { ex1: broken, ex2: broken, ex3: broken })).toBe(2);
    expect(io.err.join('')).toBe("demo: option '--out' needs a directory, but 'report.md' is a file\n");
    expect(io.out).toEqual([]);
    const below = { ...buffers(), cwd: dir };
    expect(await main(['--out', 'report.md/reports/2026'], below, { ex1: broken, ex2: broken, ex3: broken })).toBe(2);
    expect(below.err.join('')).toBe("demo: option '--out' needs a directory, but 'report.md' in 'report.md/reports/2026' is a file\n");
  });

  it('exits 1 after the reports when a file cannot be written, saying why in words', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradlab-demo-out-'));
    mkdirSync(join(dir, 'reports', 'ex1.md'), { recursive: true }); // a directory where the report goes
    const io = { ...buffers(), cwd: dir };
    expect(await main(['ex1', '--out', 'reports'], io, loaders)).toBe(1);
    expect(io.out.join('')).toContain('Fake ex1');
    expect(io.err.join('')).toBe("demo: cannot write 'reports/ex1.md': is a directory\n");
  });
});

describe('reproduceCommand', () => {
  it('gives the command that reproduces one exercise, quoting the name for a shell', () => {
    const options = { exercises: [], name: "Dell'Acqua Ada", seed: 7, json: false, outDir: null, help: false, version: false };
    expect(reproduceCommand('ex1', options)).toBe('pnpm demo ex1');
    expect(reproduceCommand('ex2', options)).toBe('pnpm demo ex2 --seed 7');
    expect(reproduceCommand('ex3', options)).toBe(`pnpm demo ex3 --name 'Dell'\\''Acqua Ada'`);
  });
});

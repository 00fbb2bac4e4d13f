/**
 * The CLI, spawned as a process through tsx (against the sources).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import vectors from './fixtures/randomizer.json';
import { close, num, type VectorEntry } from './helpers';
import transcripts from './fixtures/course-stdout.json';
import { COURSE_PROMPT } from '../src/randomizer';

const reference = vectors as VectorEntry[];
const PACKAGE = resolve(__dirname, '..');
const TSX = resolve(PACKAGE, '../../node_modules/tsx/dist/loader.mjs');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: readonly string[], input = ''): Promise<Result> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--conditions=@gradlab/source', '--import', TSX, 'src/cli.ts', ...args], {
      cwd: PACKAGE,
      env: { ...process.env, npm_lifecycle_event: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}


// Each spawn costs ~0.4 s of CPU: the tests run concurrently, and the course lines are checked by
// spawning for a sample of the vector names (ASCII, accents, a one-letter name); every vector name
// goes through one --batch process below, and courseLines() itself is checked on 620 names.
const SAMPLE = ['Francesco Tomba', 'Renée Descartes', 'Élie Cartan', 'Q', 'Maria Gaetana Agnesi'];

describe.concurrent('gradlab-formula', () => {
  it("prints what the course script prints after its prompt, byte for byte, for the names of the vectors", async () => {
    const sample = (transcripts as { name: string; stdout: string }[]).filter((entry) => SAMPLE.includes(entry.name));
    expect(sample).toHaveLength(SAMPLE.length);
    const results = await Promise.all(sample.map((entry) => cli([entry.name])));
    results.forEach((result, i) => {
      const entry = sample[i]!;
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(entry.stdout.slice(COURSE_PROMPT.length));
    });
  });

  it('prompts for the name when none is given, and then writes exactly what the script writes', async () => {
    // Piped from a file saved on Windows: a byte-order mark and CRLF, neither part of the name.
    const result = await cli([], '\uFEFFFrancesco Tomba\r\n');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe((transcripts as { name: string; stdout: string }[])[0]!.stdout);
  });

  it('--json prints one object with f and the gradient from autograd', async () => {
    const result = await cli(['Francesco Tomba', '--json']);
    const record = JSON.parse(result.stdout);
    expect(Object.keys(record)).toEqual(['name', 'formula', 'values', 'f', 'grad', 'domainError']);
    expect(record.name).toBe('Francesco Tomba');
    expect(record.f).toBe(-5.000000000000001);
    expect(record.grad).toEqual([0, 0, -1.0000000000000004, 1.0000000000000004, 35.70841994057043]);
    expect(record.domainError).toBeNull();
  });

  it('--batch --json prints JSON Lines in input order, matching torch64 and flagging every non-finite entry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradlab-formula-'));
    const file = join(dir, 'names.txt');
    writeFileSync(file, `${reference.map((e) => e.name).join('\n')}\n`);
    const result = await cli(['--batch', file, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(reference.length);
    lines.forEach((line, i) => {
      const record = JSON.parse(line);
      const entry = reference[i]!;
      expect(record.name).toBe(entry.name);
      expect(record.formula).toBe(entry.formula);
      expect(record.values).toEqual(entry.values);
      expect(close(num(record.f), num(entry.torch64.f))).toBe(true);
      record.grad.forEach((g: number | string, k: number) => expect(close(num(g), num(entry.torch64.grad[k]!))).toBe(true));
      const finite = [entry.torch64.f, ...entry.torch64.grad].every((v) => Number.isFinite(num(v)));
      expect(record.domainError === null).toBe(finite);
      if (!finite) {
        expect(record.domainError.problems.length).toBeGreaterThan(0);
        expect(typeof record.domainError.message).toBe('string');
      }
    });
    const grace = JSON.parse(lines[3]!);
    expect(grace.f).toBe('nan');
    expect(grace.domainError.proposal).toEqual({
      changes: [
        { variable: 'x1', from: 2, to: -1 },
        { variable: 'x3', from: -4, to: 1 },
      ],
      values: [-1, -5, 1, 4, 3],
    });
  });

  it('--batch without --json prints a CSV for instructors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradlab-formula-'));
    const file = join(dir, 'names.txt');
    // A byte-order mark and CRLF line ends, as Windows Notepad saves it: neither is part of a name.
    writeFileSync(file, '\uFEFFFrancesco Tomba\r\nGrace Hopper\n\nQ');
    const result = await cli(['--batch', file]);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('name,formula,values,f,gradient,domain_error');
    expect(lines[1]).toBe(
      'Francesco Tomba,tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5),"[-2, 2, 3, -2, 1]",-5.000000000000001,"[0, 0, -1.0000000000000004, 1.0000000000000004, 35.70841994057043]",',
    );
    expect(lines[2]).toMatch(/^Grace Hopper,.*,nan,"\[0, 0, nan, nan, nan\]","v4 = √\(x3 \* x4\): square root of a negative number/);
    expect(lines[3]).toMatch(/^,/); // the empty line is the empty name, as the script would hash it
    expect(lines).toHaveLength(5);
  });

  it('--formula --values works out any formula: solution, DOT, Mermaid', async () => {
    const result = await cli(['--formula', 'log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)', '--values', '1,2,-1,3,5', '--solution', 'md', '--dot', '--mermaid']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('### Forward pass');
    expect(result.stdout).toContain('∂f/∂x5 = 0.0113502 + 0.0651228 = 0.0764731');
    expect(result.stdout).toContain('digraph formula {');
    expect(result.stdout).toContain('flowchart LR');
    expect(result.stdout).toContain('∇f = [3.773, 1.8865, 0.0651228, 0.0651228, 0.0764731]');
  });

  it('--solution text for a domain error explains it and solves the proposed values', async () => {
    const result = await cli(['Grace Hopper', '--solution', 'text']);
    expect(result.stdout).toContain('v4 = √(x3 * x4): square root of a negative number (-16) (fed by x3, x4)');
    expect(result.stdout).toContain('Proposed change: x1 from 2 to -1 and x3 from -4 to 1, giving x = [-1, -5, 1, 4, 3].');
    expect(result.stdout).not.toMatch(/∇f = \[[^\]]*nan/);
  });

  it('--svg writes an SVG rendered by Graphviz in WebAssembly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gradlab-formula-'));
    const file = join(dir, 'graph.svg');
    const result = await cli(['Francesco Tomba', '--svg', file]);
    expect(result.code, result.stderr).toBe(0);
    const svg = readFileSync(file, 'utf8');
    expect(svg).toContain('<svg');
    expect(svg).toContain('grad 35.7084');
  });

  it.each([
    [['--frobnicate'], "gradlab-formula: unknown option '--frobnicate' (see --help)"],
    [['--formula', 'sin(x1 +)', '--values', '1'], "gradlab-formula: parse: expected a number, a variable, a function or '(', got ')' at column 9 in 'sin(x1 +)'"],
    [['--formula', 'x1 * x2', '--values', '1,2,3'], 'gradlab-formula: the formula has 2 variables (x1, x2), got 3 values'],
    [['--formula', 'x1 * x2', '--values', '1,a'], "gradlab-formula: --values must be comma-separated finite numbers, got 'a' in '1,a'"],
    [['--formula', 'x1'], 'gradlab-formula: --formula needs --values'],
    [['--solution', 'pdf', 'Ada'], "gradlab-formula: --solution must be text, md or latex, got 'pdf'"],
    [['Ada', 'Lovelace'], 'gradlab-formula: expected one name, got 2 (quote "Name Surname")'],
    [['--batch', '/nonexistent/names.txt'], "gradlab-formula: cannot read --batch file '/nonexistent/names.txt': ENOENT"],
    [['Ada', '--svg', '/nonexistent/dir/graph.svg'], "gradlab-formula: cannot write --svg file '/nonexistent/dir/graph.svg': ENOENT"],
    [['Ada', '--json=yes'], "gradlab-formula: option '--json' takes no value, got 'yes'"],
    [['--formula', '2x1', '--values', '1'], "gradlab-formula: parse: unexpected 'x1' (a missing operator? write '*' for a product) at column 2 in '2x1'"],
    [['--formula', 'x1 * x2', '--values', '1'], 'gradlab-formula: the formula has 2 variables (x1, x2), got 1 value'],
    [['--formula', '', '--values', '1'], "gradlab-formula: parse: empty formula at column 1 in ''"],
  ])('rejects %j with one line and exit code 2', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`${message}\n`);
    expect(result.stdout).toBe('');
  });

  it('accepts negative values after --values', async () => {
    const result = await cli(['--formula', 'x1 * x2', '--values', '-2,3', '--json']);
    expect(JSON.parse(result.stdout).grad).toEqual([3, -2]);
  });
});

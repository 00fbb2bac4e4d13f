/**
 * The CLI, spawned as a process through tsx (against the sources).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import vectors from './fixtures/randomizer.json';
import { isClose } from '@gradlab/testing';

import { num, TORCH64, type VectorEntry } from './helpers';
import transcripts from './fixtures/course-stdout.json';
import { COURSE_PROMPT, courseTranscript, randomFormula } from '../src/randomizer';
import packageJson from '../package.json';

const reference = vectors as VectorEntry[];
const PACKAGE = resolve(__dirname, '..');
const TSX = resolve(PACKAGE, '../../node_modules/tsx/dist/loader.mjs');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

const CLI = resolve(PACKAGE, 'src/cli.ts');
const NODE_ARGS = ['--conditions=@gradlab/source', '--import', TSX, CLI];

function cli(args: readonly string[], input: string | Buffer = '', options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Result> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
      cwd: options.cwd ?? PACKAGE,
      env: { ...process.env, npm_lifecycle_event: '', ...options.env },
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
      expect(isClose(num(record.f), num(entry.torch64.f), TORCH64)).toBe(true);
      record.grad.forEach((g: number | string, k: number) => expect(isClose(num(g), num(entry.torch64.grad[k]!), TORCH64)).toBe(true));
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

  // The real process for a sample of bad input (the rest is checked in-process in src/cli/main.test.ts).
  it.each([
    [['--frobnicate'], "gradlab-formula: unknown option '--frobnicate' (see --help)"],
    [['--formula', 'sin(x1 +)', '--values', '1'], "gradlab-formula: parse: expected a number, a variable, a function or '(', got ')' at column 9 in 'sin(x1 +)'"],
    [['--batch', '/nonexistent/names.txt'], "gradlab-formula: cannot read --batch file '/nonexistent/names.txt': no such file or directory"],
    [['--batch', '/dev/zero'], "gradlab-formula: --batch file '/dev/zero': line 1 contains a NUL byte (UTF-16 without a byte-order mark, or not a text file? save it as UTF-8)"],
    [['Ada', '--svg', '/nonexistent/dir/graph.svg'], "gradlab-formula: cannot write --svg file '/nonexistent/dir/graph.svg': no such file or directory"],
    [['--formula', `${'('.repeat(2000)}x1${')'.repeat(2000)}`, '--values', '1'], 'gradlab-formula: parse: the formula is nested deeper than 256 levels at column 257 (gradlab works formulas up to that depth)'],
    [['Ada', '--json=yes'], "gradlab-formula: option '--json' takes no value, got 'yes'"],
  ].map(([args, message]) => [(args as string[]).map((a) => (a.length > 40 ? `${a.slice(0, 12)}…(${a.length} characters)` : a)).join(' '), args, message]))(
    'rejects %s with one line and exit code 2',
    async (_, args, message) => {
      const result = await cli(args as string[]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`${message}\n`);
      expect(result.stdout).toBe('');
    },
  );

  it('accepts negative values after --values, and a formula starting with a minus after --formula', async () => {
    const result = await cli(['--formula', '-x1 * x2', '--values', '-2,3', '--json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).grad).toEqual([-3, 2]);
  });
});

const scratch = mkdtempSync(join(tmpdir(), 'gradlab-formula-cli-'));
const FIVE = ['Francesco Tomba', 'Renée Descartes', '王小明', 'Grace Hopper', 'Q'];
const utf16 = (text: string, endian: 'le' | 'be'): Buffer => {
  const body = Buffer.from(text, 'utf16le');
  return endian === 'le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : Buffer.concat([Buffer.from([0xfe, 0xff]), body.swap16()]);
};
/** The CSV's name and formula columns, to compare with the randomizer. */
const namesAndFormulas = (csv: string): string[] =>
  csv
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').slice(0, 2).join(','));
const expectedRows = FIVE.map((name) => `${name},${randomFormula(name).formula}`);
const hasScript = spawnSync('script', ['--version']).status === 0;

describe.concurrent('gradlab-formula: a CLI that behaves', () => {
  it('--version prints the package version', async () => {
    const result = await cli(['--version']);
    expect(result).toEqual({ code: 0, stdout: `${packageJson.version}\n`, stderr: '' });
  });

  it("reads a roster saved by Notepad as \"Unicode\" (UTF-16LE with BOM) from stdin with --batch -", async () => {
    const result = await cli(['--batch', '-'], utf16(`${FIVE.join('\r\n')}\r\n`, 'le'));
    // stderr is not a terminal: no progress line, no summary.
    expect(result.stderr).toBe('');
    expect(namesAndFormulas(result.stdout)).toEqual(expectedRows);
  });

  it('reads UTF-16BE with CR-only line endings, and refuses Latin-1 naming the line, printing nothing', async () => {
    const be = join(scratch, 'be.txt');
    writeFileSync(be, utf16(FIVE.join('\r'), 'be'));
    const latin1 = join(scratch, 'latin1.txt');
    writeFileSync(latin1, Buffer.from('Francesco Tomba\nRen\xe9e Descartes\n', 'latin1'));
    const [good, bad] = await Promise.all([cli(['--batch', be]), cli(['--batch', latin1])]);
    expect(namesAndFormulas(good.stdout)).toEqual(expectedRows);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`gradlab-formula: --batch file '${latin1}': line 2 is not valid UTF-8 (saved in another encoding, such as Windows-1252? save the file as UTF-8)\n`);
    // The rows before the bad line are written (they stream); the bad line has none.
    expect(bad.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('--batch FILE --json | head -1: exits 0, quietly, when the reader goes away', async () => {
    const file = join(scratch, 'many.txt');
    writeFileSync(file, `${Array.from({ length: 3000 }, (_, i) => `Student ${i}`).join('\n')}\n`);
    const result = await new Promise<Result & { first: string }>((done, fail) => {
      const child = spawn(process.execPath, [...NODE_ARGS, '--batch', file, '--json'], { cwd: PACKAGE });
      let stdout = '';
      let stderr = '';
      let first = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (first === '' && stdout.includes('\n')) {
          first = stdout.slice(0, stdout.indexOf('\n'));
          child.stdout.destroy(); // what `head -1` does after its line
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      child.on('error', fail);
      child.on('close', (code) => done({ code, stdout, stderr, first }));
    });
    expect(JSON.parse(result.first).name).toBe('Student 0');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('streams: each row is written before the next name arrives on stdin', async () => {
    const child = spawn(process.execPath, [...NODE_ARGS, '--batch', '-', '--json'], { cwd: PACKAGE });
    let stdout = '';
    const rowsSeen: string[] = [];
    const waitForRows = (count: number): Promise<void> =>
      new Promise((done) => {
        const check = (): void => {
          if (stdout.split('\n').length - 1 >= count) {
            child.stdout.off('data', check);
            done();
          }
        };
        child.stdout.on('data', check);
        check();
      });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const closed = new Promise<number | null>((done) => child.on('close', done));
    for (const name of FIVE.slice(0, 3)) {
      child.stdin.write(`${name}\n`);
      await waitForRows(rowsSeen.length + 1);
      rowsSeen.push(JSON.parse(stdout.trimEnd().split('\n').at(-1)!).name);
    }
    child.stdin.end();
    expect(await closed).toBe(0);
    expect(rowsSeen).toEqual(FIVE.slice(0, 3));
  });

  it('echo NAME | gradlab-formula --json puts only JSON on stdout; the plain text keeps the prompt', async () => {
    const [json, plain] = await Promise.all([cli(['--json'], 'Grace Hopper\n'), cli([], 'Grace Hopper\n')]);
    expect(JSON.parse(json.stdout).name).toBe('Grace Hopper');
    expect(json.stderr).toBe('');
    expect(plain.stdout).toBe(courseTranscript(randomFormula('Grace Hopper')));
    // gradlab's own warning goes to stderr, marked as gradlab's.
    expect(plain.stderr).toMatch(/^gradlab-formula: warning \(gradlab, not the course script\): these values make the formula undefined/);
    expect(plain.stderr).toContain('gradlab-formula:   gradlab proposes: Change x1 from 2 to -1 and x3 from -4 to 1, giving x = [-1, -5, 1, 4, 3].');
  });

  it('--svg keeps an existing file unless --force, never writes through a link, and draws the worked values', async () => {
    const dir = join(scratch, 'svg');
    mkdirSync(dir);
    const existing = join(dir, 'existing.svg');
    writeFileSync(existing, 'old');
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'precious');
    symlinkSync(target, join(dir, 'link.svg'));
    const [kept, forced, linked] = await Promise.all([
      cli(['Grace Hopper', '--svg', existing]),
      cli(['Grace Hopper', '--svg', join(dir, 'forced.svg'), '--force']),
      cli(['Grace Hopper', '--svg', join(dir, 'link.svg'), '--force']),
    ]);
    expect(kept).toEqual({ code: 2, stdout: '', stderr: `gradlab-formula: cannot write --svg file '${existing}': the file already exists (add --force to overwrite it)\n` });
    expect(readFileSync(existing, 'utf8')).toBe('old');
    expect(forced.code, forced.stderr).toBe(0);
    const svg = readFileSync(join(dir, 'forced.svg'), 'utf8');
    // Grace Hopper's x3 = -4 makes √(x3 * x4) undefined: the graph shows the proposed x3 = 1, as the solution does.
    expect(svg).toMatch(/>data 1</);
    expect(svg).not.toContain('nan');
    expect(linked.code).toBe(2);
    expect(linked.stderr).toContain('is a symbolic link, and gradlab-formula does not write through one');
    expect(readFileSync(target, 'utf8')).toBe('precious');
  });

  it('--svg with a relative path writes where the command was typed, also under pnpm formula (INIT_CWD)', async () => {
    const typedIn = join(scratch, 'typed-in');
    mkdirSync(typedIn);
    const [direct, viaPnpm] = await Promise.all([
      cli(['Ada', '--svg', 'direct.svg'], '', { cwd: typedIn }),
      // What `pnpm formula Ada --svg pnpm.svg` typed in typed-in/ looks like to the CLI.
      cli(['Ada', '--svg', 'pnpm.svg'], '', { env: { npm_lifecycle_event: 'formula', npm_package_name: 'gradlab', INIT_CWD: typedIn } }),
    ]);
    expect(direct.code, direct.stderr).toBe(0);
    expect(viaPnpm.code, viaPnpm.stderr).toBe(0);
    expect(existsSync(join(typedIn, 'direct.svg'))).toBe(true);
    expect(lstatSync(join(typedIn, 'pnpm.svg')).isFile()).toBe(true);
    expect(existsSync(join(PACKAGE, 'pnpm.svg'))).toBe(false);
  });

  it.skipIf(!hasScript)('on a terminal: a progress line on stderr while stdout goes to a file; the prompt on stderr for --json', async () => {
    const names = join(scratch, 'terminal-names.txt');
    writeFileSync(names, `${FIVE.join('\n')}\n`);
    const out = join(scratch, 'terminal-out.csv');
    const err = join(scratch, 'terminal-err.txt');
    const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
    const command = [process.execPath, ...NODE_ARGS].map(quote).join(' ');
    const run = (shell: string, input?: { text: string; after: () => boolean }): Promise<Result> =>
      new Promise((done, fail) => {
        // `script` gives the command a pseudo-terminal; stty gives it a size (script's own has none).
        const child = spawn('script', ['-qec', `stty rows 24 cols 100; ${shell}`, '/dev/null'], { cwd: PACKAGE });
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
        child.on('error', fail);
        child.on('close', (code) => done({ code, stdout, stderr: '' }));
        if (input) {
          // Type the name once the prompt is there, as a person would.
          const poll = setInterval(() => {
            if (input.after()) {
              clearInterval(poll);
              child.stdin.write(input.text);
            }
          }, 50);
          child.on('close', () => clearInterval(poll));
        } else child.stdin.end();
      });
    const progress = await run(`${command} --batch ${quote(names)} > ${quote(out)}`);
    expect(progress.code).toBe(0);
    expect(progress.stdout).toContain('gradlab-formula: 1 name (');
    expect(progress.stdout).toContain('gradlab-formula: 5 names, 1 whose values make the formula undefined (see domain_error)');
    expect(namesAndFormulas(readFileSync(out, 'utf8'))).toEqual(expectedRows);
    const prompt = await run(`${command} --json 2> ${quote(err)}`, {
      text: 'Francesco Tomba\r',
      after: () => existsSync(err) && readFileSync(err, 'utf8') === COURSE_PROMPT,
    });
    expect(readFileSync(err, 'utf8')).toBe(COURSE_PROMPT);
    expect(prompt.stdout).toContain('"name":"Francesco Tomba"');
  });
});

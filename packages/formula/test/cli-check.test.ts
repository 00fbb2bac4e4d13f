/**
 * `gradlab-formula check` and `gradlab-formula kit`, run in the test process
 * through main() with buffers for the streams (one spawn checks the real
 * process and its exit codes).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { bufferContext } from './cli-context';
import { rmSync } from 'node:fs';

const directory = mkdtempSync(join(tmpdir(), 'gradlab-check-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

async function run(argv: string[], input?: string) {
  const buffers = bufferContext({ cwd: directory, ...(input !== undefined ? { input } : {}) });
  const code = await main(argv, buffers.context);
  return { code, stdout: buffers.stdout(), stderr: buffers.stderr() };
}

/** The notebook's precedence slip, worked on correctly. */
const notebook = {
  name: 'Francesco Tomba',
  forward: { v1: -4, v2: 0, v3: 5, v4: 1.3734, v5: 1.3734, v6: -1.3734, v7: -5 },
  backward: { v6: 26, v5: -26, x5: 35.708, v2: 26, v4: -26, v3: -1, x3: -1, x4: 1, v1: 0, x1: 0, x2: 0 },
};

describe('gradlab-formula check', () => {
  it('writes a blank template, and checks it once filled in: exit 1 with a mistake, 0 when right', async () => {
    const template = await run(['check', '--template', 'Francesco Tomba']);
    expect(template.code).toBe(0);
    const blank = JSON.parse(template.stdout);
    expect(Object.keys(blank.forward)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7']);
    // The same from the main command.
    expect((await run(['Francesco Tomba', '--template'])).stdout).toBe(template.stdout);
    writeFileSync(join(directory, 'slip.json'), JSON.stringify({ ...blank, ...notebook }));
    const checked = await run(['check', '--answers', 'slip.json', '--json']);
    expect(checked.code).toBe(1);
    const json = JSON.parse(checked.stdout);
    expect(Object.keys(json).slice(0, 4)).toEqual(['name', 'correct', 'first', 'cells']);
    expect(json.first).toMatchObject({ table: 'forward', node: 'v5', given: 1.3734, status: 'wrong', mistake: 'precedence' });
    expect(json.cells.find((c: { table: string; node: string }) => c.table === 'backward' && c.node === 'v5')).toMatchObject({ status: 'follows' });
    for (const cell of json.cells) expect(Object.keys(cell).slice(0, 5)).toEqual(['table', 'node', 'given', 'expected', 'status']);
    const right = { ...notebook, forward: { ...notebook.forward, v5: -1.3734 }, backward: { ...notebook.backward, v5: 26 } };
    writeFileSync(join(directory, 'right.json'), JSON.stringify(right));
    const ok = await run(['check', '--answers', 'right.json']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Every cell is right.');
  });

  it('reads CSV, stdin, the name or formula from the options, and --digits', async () => {
    const csv = await run(['check', '--template', '--csv', '--formula', 'x1 * x2', '--values', '3,-4']);
    const filled = csv.stdout.replace('v1,,1', 'v1,-12,1').replace('x1,3,', 'x1,3,-4').replace('x2,-4,', 'x2,-4,3');
    const fromStdin = await run(['check', '--answers', '-'], filled);
    expect(fromStdin.stdout).toContain('Every cell is right.');
    expect(fromStdin.code).toBe(0);
    writeFileSync(join(directory, 'close.json'), JSON.stringify({ forward: { v1: -4, v4: 1.373 }, backward: {} }));
    expect((await run(['check', '--answers', 'close.json', 'Francesco Tomba', '--json'])).stdout).toContain('"status":"right"');
    const strict = JSON.parse((await run(['check', '--answers', 'close.json', 'Francesco Tomba', '--json', '--digits', '5'])).stdout);
    expect(strict.cells.find((c: { node: string }) => c.node === 'v4').status).toBe('wrong');
  });

  it('bad input: one line on stderr and exit 2', async () => {
    writeFileSync(join(directory, 'bad.json'), '{ "forward": { "v1": "four" } }');
    const cases: [string[], string][] = [
      [['check', '--answers', 'missing.json', 'Q'], "gradlab-formula: cannot read --answers file 'missing.json': no such file or directory"],
      [['check', '--answers', 'bad.json', 'Q'], "gradlab-formula: answers: forward.v1: 'four' is not a number"],
      [['check', '--answers', 'right.json', '--digits', 'x'], "gradlab-formula: check: --digits must be a whole number from 1 to 15, got 'x'"],
      [['check', 'Q'], 'gradlab-formula: check: --answers FILE is missing'],
      [['check', '--template'], 'gradlab-formula: check --template: which formula?'],
      [['check', '--answers', 'right.json', 'Ada Lovelace'], "gradlab-formula: answers: the file's name"],
    ];
    for (const [argv, message] of cases) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr.split('\n').filter(Boolean), argv.join(' ')).toHaveLength(1);
      expect(result.stderr, argv.join(' ')).toContain(message);
    }
  });

  it('exits 1 as a process for a wrong answer, and prints no stack trace', () => {
    const tsx = resolve(__dirname, '../../../node_modules/tsx/dist/loader.mjs');
    const result = spawnSync(process.execPath, ['--conditions=@gradlab/source', '--import', tsx, resolve(__dirname, '../src/cli.ts'), 'check', '--answers', 'slip.json'], {
      cwd: directory,
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('First mistake: v5 (forward pass), the formula read with other parentheses');
    expect(result.stderr).toBe('');
  });
});

describe('gradlab-formula kit', () => {
  it('writes the kit into a new folder and warns of the roster’s problems', async () => {
    writeFileSync(join(directory, 'roster.csv'), 'Email,Name\nada@x.org,Ada Lovelace\nq@x.org,Q \n,\ngrace@x.org,=1+2\n');
    const result = await run(['kit', '--roster', 'roster.csv', '--out', 'kit', '--no-graphs']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Wrote the kit for 3 students into kit: 13 files (2 roster warnings above). See kit/README.txt.\n');
    expect(result.stderr).toContain('gradlab-formula kit: warning: line 3: "Q " ends with a space');
    expect(result.stderr).toContain('gradlab-formula kit: warning: line 4 is blank');
    expect(readdirSync(join(directory, 'kit', 'handouts')).sort()).toEqual(['1-2.html', '1-2.tex', 'ada-lovelace.html', 'ada-lovelace.tex', 'q.html', 'q.tex']);
    expect(readFileSync(join(directory, 'kit', 'answer-key.csv'), 'utf8')).toContain("\n'=1+2,");
    // Not into a folder that has files, and not with --strict when there are warnings.
    expect((await run(['kit', '--roster', 'roster.csv', '--out', 'kit'])).stderr).toContain("the folder 'kit' is not empty");
    const strict = await run(['kit', '--roster', 'roster.csv', '--out', 'kit-strict', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('gradlab-formula kit: error: line 3');
    expect(existsSync(join(directory, 'kit-strict'))).toBe(false);
  });

  it('reads a UTF-16 roster as Notepad saves it', async () => {
    writeFileSync(join(directory, 'notepad.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Élie Cartan\r\nAda Lovelace\r\n', 'utf16le')]));
    const result = await run(['kit', '--roster', 'notepad.txt', '--out', 'kit16', '--no-graphs']);
    expect(result.code).toBe(0);
    expect(readFileSync(join(directory, 'kit16', 'answer-key.csv'), 'utf8').split('\n')[1]!.startsWith('Élie Cartan,')).toBe(true);
  });
});

describe('the graph in the main command', () => {
  it('--solution latex draws the graph; --layout print lays it out top to bottom; --tikz prints the picture', async () => {
    const latex = await run(['Francesco Tomba', '--solution', 'latex']);
    expect(latex.code).toBe(0);
    expect(latex.stdout).toContain('\\begin{document}');
    expect(latex.stdout).toContain('\\begin{tikzpicture}');
    expect((await run(['Francesco Tomba', '--dot', '--layout', 'print'])).stdout).toContain('rankdir=TB;');
    expect((await run(['Francesco Tomba', '--dot'])).stdout).toContain('rankdir=LR;');
    expect((await run(['Francesco Tomba', '--tikz'])).stdout.startsWith('\\begin{tikzpicture}')).toBe(true);
    const alone = await run(['Francesco Tomba', '--layout', 'print']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toBe('gradlab-formula: --layout goes with --dot or --svg\n');
    expect((await run(['Francesco Tomba', '--layout', 'wide', '--dot'])).stderr).toBe("gradlab-formula: --layout must be screen or print, got 'wide'\n");
  });
});

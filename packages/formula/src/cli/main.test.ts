import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { bufferContext } from '../../test/cli-context';
import { FormulaError } from '../errors';
import { toDot } from '../graph';
import { COURSE_PROMPT, courseOutput, randomFormula } from '../randomizer';
import { renderSolution } from '../report';
import { solve, workedSolution } from '../solve';
import type { Command, SubcommandEntry } from './commands';
import { Output } from './io';
import { main } from './main';

/** A registry with one subcommand, `grade`, that records its calls. */
function registry(run: Command['run'] = async () => 7): { entries: Record<string, SubcommandEntry>; loads: () => number; calls: string[][] } {
  let loads = 0;
  const calls: string[][] = [];
  const entries = {
    grade: {
      summary: 'grade the answers of a class',
      load: async (): Promise<Command> => {
        loads++;
        return { run: (argv, context) => (calls.push([...argv]), run(argv, context)) };
      },
    },
  };
  return { entries, loads: () => loads, calls };
}

const course = (name: string): string => courseOutput(randomFormula(name));

describe('main: subcommands', () => {
  it('runs a first argument that names a subcommand, with the arguments after it, loading it only then', async () => {
    const r = registry();
    const b = bufferContext();
    expect(await main(['grade', '--answers', 'a.csv', '-x'], b.context, r.entries)).toBe(7);
    expect(r.calls).toEqual([['--answers', 'a.csv', '-x']]);
    expect(await main(['Ada Lovelace'], bufferContext().context, r.entries)).toBe(0);
    expect(r.loads()).toBe(1);
  });

  it('treats the word as a name after --, or anywhere but first', async () => {
    const r = registry();
    const afterDashes = bufferContext();
    expect(await main(['--', 'grade'], afterDashes.context, r.entries)).toBe(0);
    expect(afterDashes.stdout()).toBe(course('grade'));
    const second = bufferContext();
    expect(await main(['--json', 'grade'], second.context, r.entries)).toBe(0);
    expect(JSON.parse(second.stdout()).name).toBe('grade');
    expect(r.loads()).toBe(0);
  });

  it('lists the subcommands in the help, with the -- rule', async () => {
    const b = bufferContext();
    await main(['--help'], b.context, registry().entries);
    expect(b.stdout()).toContain('  grade                  grade the answers of a class');
    expect(b.stdout()).toContain('write `gradlab-formula -- NAME`');
    const none = bufferContext();
    await main(['-h'], none.context, {});
    expect(none.stdout()).not.toContain('Subcommands');
  });

  it("prints a subcommand's FormulaError as one line with exit code 2", async () => {
    const r = registry(async () => {
      throw new FormulaError('USAGE', "grade: --answers needs a file");
    });
    const b = bufferContext();
    expect(await main(['grade'], b.context, r.entries)).toBe(2);
    expect(b.stderr()).toBe('gradlab-formula: grade: --answers needs a file\n');
  });
});

describe('main: the default command', () => {
  it('--version prints the version', async () => {
    const b = bufferContext();
    expect(await main(['--version'], b.context, {})).toBe(0);
    expect(b.stdout()).toBe('9.8.7\n');
  });

  it("keeps the course's text exact on stdout and warns on stderr, as gradlab, when the values make f undefined", async () => {
    const grace = bufferContext();
    expect(await main(['Grace Hopper'], grace.context, {})).toBe(0);
    expect(grace.stdout()).toBe(course('Grace Hopper'));
    const lines = grace.stderr().trimEnd().split('\n');
    expect(lines.every((line) => line.startsWith('gradlab-formula: '))).toBe(true);
    expect(lines[0]).toBe('gradlab-formula: warning (gradlab, not the course script): these values make the formula undefined or not differentiable:');
    expect(lines).toContain('gradlab-formula:   v4 = √(x3 * x4): square root of a negative number (-16) (fed by x3, x4)');
    expect(lines).toContain('gradlab-formula:   gradlab proposes: Change x1 from 2 to -1 and x3 from -4 to 1, giving x = [-1, -5, 1, 4, 3].');
    const fine = bufferContext();
    await main(['Francesco Tomba'], fine.context, {});
    expect(fine.stderr()).toBe('');
  });

  it('prompts on stdout for the course text (as the script), on stderr for a person at a terminal, not at all for piped JSON', async () => {
    const plain = bufferContext({ input: 'Francesco Tomba\n' });
    await main([], plain.context, {});
    expect(plain.stdout()).toBe(COURSE_PROMPT + course('Francesco Tomba'));
    const piped = bufferContext({ input: 'Francesco Tomba\n' });
    await main(['--json'], piped.context, {});
    expect(JSON.parse(piped.stdout()).name).toBe('Francesco Tomba');
    expect(piped.stderr()).toBe('');
    const typed = bufferContext({ input: 'Francesco Tomba\n', stdinTTY: true });
    await main(['--json'], typed.context, {});
    expect(JSON.parse(typed.stdout()).name).toBe('Francesco Tomba');
    expect(typed.stderr()).toBe(COURSE_PROMPT);
  });

  it('--solution json is the whole worked solution as JSON; with --json it is an object in the record', async () => {
    const expected = renderSolution(solve(randomFormula('Grace Hopper').expr, randomFormula('Grace Hopper').values), 'json');
    const alone = bufferContext();
    await main(['Grace Hopper', '--solution', 'json'], alone.context, {});
    expect(alone.stdout()).toBe(expected);
    const inside = bufferContext();
    await main(['Grace Hopper', '--solution', 'json', '--json'], inside.context, {});
    expect(JSON.parse(inside.stdout()).solution).toEqual(JSON.parse(expected));
  });

  it('draws the graph at the values the solution works out (the proposed ones for Grace Hopper)', async () => {
    const random = randomFormula('Grace Hopper');
    const b = bufferContext();
    await main(['Grace Hopper', '--dot'], b.context, {});
    expect(b.stdout()).toBe(toDot(workedSolution(solve(random.expr, random.values))));
    expect(b.stdout()).toContain('"x3" [label="{ x3 | data 1 | grad');
    expect(b.stdout()).not.toContain('nan');
  });

  it('writes a CSV that a spreadsheet opens safely: a name that looks like a formula is text', async () => {
    const b = bufferContext({ input: '=HYPERLINK("x")\n-Ada\n' });
    expect(await main(['--batch', '-'], b.context, {})).toBe(0);
    const rows = b.stdout().trimEnd().split('\n');
    expect(rows[0]).toBe('name,formula,values,f,gradient,domain_error');
    expect(rows[1]!.startsWith(`"'=HYPERLINK(""x"")",${randomFormula('=HYPERLINK("x")').formula},`)).toBe(true);
    expect(rows[2]!.startsWith(`'-Ada,`)).toBe(true);
  });

  it('stops a batch quietly, with exit code 0, when the reader goes away (EPIPE)', async () => {
    let rows = 0;
    const pipe = new Writable({
      write(_chunk, _encoding, done) {
        rows++;
        done(rows > 2 ? Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }) : null);
      },
    });
    const names = Array.from({ length: 500 }, (_, i) => `Student ${i}`).join('\n');
    let pulled = 0;
    const stdin = Object.assign(
      Readable.from(
        (function* () {
          for (const line of names.split('\n')) {
            pulled++;
            yield Buffer.from(`${line}\n`);
          }
        })(),
      ),
      { isTTY: false },
    );
    const b = bufferContext();
    const context = { ...b.context, stdin, stdout: new Output(pipe) };
    expect(await main(['--batch', '-', '--json'], context, {})).toBe(0);
    expect(rows).toBe(3);
    expect(pulled).toBeLessThan(50);
    expect(b.stderr()).toBe('');
  });
});

describe('main: bad input is one line on stderr and exit code 2 (the real process is checked in test/cli.test.ts)', () => {
  it.each([
    [['--formula', 'x1 * x2', '--values', '1,2,3'], 'gradlab-formula: the formula has 2 variables (x1, x2), got 3 values'],
    [['--formula', 'x1 * x2', '--values', '1,a'], "gradlab-formula: --values must be comma-separated decimal numbers (like -2,0.5,3), got 'a' in '1,a'"],
    [['--formula', 'x1', '--values', '0x10'], "gradlab-formula: --values must be comma-separated decimal numbers (like -2,0.5,3), got '0x10' in '0x10'"],
    [['--formula', 'x1'], 'gradlab-formula: --formula needs --values'],
    [['--solution', 'pdf', 'Ada'], "gradlab-formula: --solution must be text, md, latex or json, got 'pdf'"],
    [['Ada', 'Lovelace'], 'gradlab-formula: expected one name, got 2 (quote "Name Surname")'],
    [['--batch', '/'], "gradlab-formula: cannot read --batch file '/': is a directory"],
    [['Ada', '--svg', ''], "gradlab-formula: --svg needs a file name, got ''"],
    [['Ada', '--svg=', '--force'], "gradlab-formula: --svg needs a file name, got ''"],
    [['Ada', '--formula'], "gradlab-formula: option '--formula' needs a value"],
    [['--formula', `${'-'.repeat(10000)}x1`, '--values', '1'], 'gradlab-formula: parse: the formula is 10002 characters long, more than 10000 (gradlab works formulas up to that length)'],
    [['--formula', `${'-'.repeat(1000)}x1`, '--values', '1'], 'gradlab-formula: parse: the formula is nested deeper than 256 levels at column 257 (gradlab works formulas up to that depth)'],
    [['--formula', 'sin('.repeat(5000), '--values', '1'], 'gradlab-formula: parse: the formula is 20000 characters long, more than 10000 (gradlab works formulas up to that length)'],
    [['--formula', Array(10000).fill('x1').join('+'), '--values', '1'], 'gradlab-formula: parse: the formula is 29999 characters long, more than 10000 (gradlab works formulas up to that length)'],
    [['--formula', Array(1000).fill('x1').join('+'), '--values', '1'], "gradlab-formula: parse: the formula's tree is deeper than 256 levels (nesting, or a sum or product of more than 256 terms)"],
    [['--formula', '2x1', '--values', '1'], "gradlab-formula: parse: unexpected 'x1' (a missing operator? write '*' for a product) at column 2 in '2x1'"],
    [['--formula', 'x1 * x2', '--values', '1'], 'gradlab-formula: the formula has 2 variables (x1, x2), got 1 value'],
    [['--formula', '', '--values', '1'], "gradlab-formula: parse: empty formula at column 1 in ''"],

    [['--force', 'Ada'], 'gradlab-formula: --force only lets --svg overwrite a file: give --svg FILE'],
    [['--batch', ''], "gradlab-formula: --batch needs a file name (or - for stdin), got ''"],
    [['--batch', 'names.txt', 'Ada'], 'gradlab-formula: --batch reads the names from the file: give no name and no --formula'],
    [['--batch', 'names.txt', '--dot'], 'gradlab-formula: --batch prints one line per name: --solution, --dot, --mermaid, --svg, --tikz and --template need a single name'],
    [['--formula', 'x1 * x99', '--values', '1'], 'gradlab-formula: parse: the variable x99 makes 99 positional variables x1..x99, more than 20'],
  ].map(([args, message]) => [(args as string[]).map((a) => (a.length > 40 ? `${a.slice(0, 12)}…(${a.length} characters)` : a)).join(' '), args, message]))(
    'rejects %s',
    async (_, args, message) => {
      const b = bufferContext();
      expect(await main(args as string[], b.context, {})).toBe(2);
      expect(b.stderr()).toBe(`${message}\n`);
      expect(b.stdout()).toBe('');
    },
  );

  it('works 200 nested sin (the symbolic step no longer blows up)', async () => {
    const b = bufferContext();
    expect(await main(['--formula', `${'sin('.repeat(200)}x1${')'.repeat(200)}`, '--values', '1', '--json'], b.context, {})).toBe(0);
    expect(JSON.parse(b.stdout()).grad[0]).toBeGreaterThan(0);
  });
});

/**
 * The LaTeX document compiles with pdflatex (where it is installed: on this
 * machine and on CI, whose .ci/run installs texlive-latex-base,
 * texlive-latex-extra and texlive-pictures): exit 0, a PDF, and no line
 * running into the margin (no "Overfull \hbox" in the log) for course
 * formulas, their symbolic gradients and tables, and the graph drawn as TikZ;
 * no glyph that needs a bitmap font.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import names from './fixtures/names.json';
import reference from './fixtures/randomizer.json';
import { binary, constant, unary, variable, variables, type Expr } from '../src/ast';
import { PythonRandom } from '../src/python-random';
import { randomFormula } from '../src/randomizer';
import { renderDocument, renderSolution } from '../src/report';
import { solve } from '../src/solve';

const HAS_PDFLATEX = spawnSync('pdflatex', ['--version'], { encoding: 'utf8' }).status === 0;
const directory = HAS_PDFLATEX ? mkdtempSync(join(tmpdir(), 'gradlab-latex-')) : '';
afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

interface Compiled {
  readonly status: number | null;
  readonly log: string;
  readonly pdf: boolean;
  readonly overfull: string[];
}

function compile(name: string, tex: string): Compiled {
  writeFileSync(join(directory, `${name}.tex`), tex);
  const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: directory, encoding: 'utf8', timeout: 120_000 });
  const log = existsSync(join(directory, `${name}.log`)) ? readFileSync(join(directory, `${name}.log`), 'latin1') : run.stdout;
  const overfull = log.split('\n').filter((line) => /^Overfull \\hbox|^! |Float too large/.test(line));
  // A bitmap font (made by METAFONT, `tcrm1095.600pk`) means a glyph outside Computer Modern's Type 1 fonts.
  const bitmap = /\.\d+pk>/.exec(log.replace(/\n/g, ''));
  if (bitmap) overfull.push(`bitmap font: ${bitmap[0]}`);
  return { status: run.status, log, pdf: existsSync(join(directory, `${name}.pdf`)), overfull };
}

/** One document of many solutions' bodies (no graph), to compile at once. */
function combined(documents: readonly string[]): string {
  const preamble = documents[0]!.slice(0, documents[0]!.indexOf('\\begin{document}'));
  const bodies = documents.map((d) => d.slice(d.indexOf('\\begin{document}') + '\\begin{document}'.length, d.indexOf('\\end{document}')));
  return `${preamble}\\begin{document}\n${bodies.join('\n\\clearpage\n')}\n\\end{document}\n`;
}

/** Random student formulas: every operator, powers with variable exponents, constants such as 1e-7. */
function studentFormulas(count: number): { expr: Expr; values: number[] }[] {
  const rng = new PythonRandom(11);
  const random = (): number => rng.getrandbits(32) / 2 ** 32;
  const generate = (depth: number): Expr => {
    const r = random();
    if (depth === 0 || r < 0.2) return random() < 0.8 ? variable(`x${1 + rng.randbelow(4)}`) : constant(rng.choice([0, 1, 2, -1, 0.5, 3, 1e-7]));
    if (r < 0.6) return unary(rng.choice(['neg', 'square', 'cube', 'log', 'exp', 'cos', 'sin', 'tan', 'atan', 'reciprocal', 'sqrt', 'relu', 'leakyRelu'] as const), generate(depth - 1));
    return binary(rng.choice(['add', 'sub', 'mul', 'div', 'pow'] as const), generate(depth - 1), generate(depth - 1));
  };
  const out: { expr: Expr; values: number[] }[] = [];
  while (out.length < count) {
    const expr = generate(5);
    if (variables(expr).length > 0) out.push({ expr, values: variables(expr).map(() => rng.choice([-2, -1, 1, 2, 0.5, -0.5, 3])) });
  }
  return out;
}

const course = (name: string) => {
  const r = randomFormula(name);
  return solve(r.expr, r.values);
};

describe.skipIf(!HAS_PDFLATEX)('the LaTeX document compiles with pdflatex', () => {
  // The homework's name; a domain error whose proposed values are worked (Grace Hopper); huge
  // gradients where float32 differs (Ada Lovelace); the 1/ trap (Emmy Noether); nan everywhere (Ada Li).
  const cases: [string, () => ReturnType<typeof solve>][] = [
    ...['Francesco Tomba', 'Grace Hopper', 'Ada Lovelace', 'Emmy Noether', 'Élie Cartan', 'Ada Li'].map((n): [string, () => ReturnType<typeof solve>] => [n, () => course(n)]),
    ['ex1 fan-out', () => solve('log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)', [1, 2, -1, 3, 5])],
    ['rounding residue', () => solve('cos((ReLU(x1 - x2) * arctan(x3 / x4)) / x5)', [4, -2, -5, 5, 3])],
  ];

  it.each(cases)('%s: exit 0, a PDF, no overfull line, the graph at 10 pt', async (name, solution) => {
    const tex = await renderDocument(solution(), 'latex');
    expect(/[^\x20-\x7e\n]/.test(tex), 'pure ASCII').toBe(false);
    expect(tex).toContain('\\begin{tikzpicture}');
    const sizes = [...tex.matchAll(/\\fontsize\{([\d.]+)bp\}/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
    const result = compile(name.replace(/\W/g, '_'), tex);
    expect(result.overfull, result.log.slice(-2000)).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.pdf).toBe(true);
  }, 120_000);

  it('renderSolution without a layout is a complete document too', () => {
    const result = compile('sync', renderSolution(course('Alan Turing'), 'latex'));
    expect([result.status, result.pdf, result.overfull]).toEqual([0, true, []]);
  }, 120_000);

  it('the tables and symbolic gradients of 120 course formulas stay inside the page', () => {
    const all = [...reference.map((v) => v.name), ...names.slice(0, 100).map((v) => v.name)];
    const documents = all.map((name) => renderSolution(course(name), 'latex'));
    const result = compile('many', combined(documents));
    expect(result.overfull, result.overfull.join('\n')).toEqual([]);
    expect(result.status).toBe(0);
    // Every formula's symbolic gradient was set, all 5 partials of it.
    const tex = documents.join('');
    expect(tex.split('\\subsection*{Symbolic gradient}')).toHaveLength(all.length + 1);
    expect(tex.split('\\frac{\\partial f}{\\partial x_{5}} &=')).toHaveLength(all.length + 1);
  }, 180_000);

  it('so do those of 100 random student formulas (every operator, powers of variables, 1e-7)', () => {
    const result = compile('students', combined(studentFormulas(100).map(({ expr, values }) => renderSolution(solve(expr, values), 'latex'))));
    expect(result.overfull, result.overfull.join('\n')).toEqual([]);
    expect(result.status).toBe(0);
  }, 180_000);
});

describe.skipIf(!HAS_PDFLATEX)("the instructor kit's handouts compile with pdflatex", () => {
  it('with blank TikZ graphs, two pages a student, no line in the margin, no bitmap font', async () => {
    const { instructorKit } = await import('../src/kit');
    const files = await instructorKit(['Francesco Tomba', 'Grace Hopper', 'Zoë Ferrari-Rossi', 'Ada Li']);
    const result = compile('handouts', files.get('handouts.tex')!);
    expect(result.status, result.log.slice(-2000)).toBe(0);
    expect(result.pdf).toBe(true);
    expect(result.overfull).toEqual([]);
    const pages = /Output written on handouts\.pdf \((\d+) pages?/.exec(result.log.replace(/\n/g, ''));
    expect(Number(pages?.[1])).toBe(8);
    const single = compile('single', files.get('handouts/zoe-ferrari-rossi.tex')!);
    expect(single.status).toBe(0);
    expect(single.overfull).toEqual([]);
  }, 120_000);
});

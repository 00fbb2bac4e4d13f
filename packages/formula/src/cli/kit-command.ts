/**
 * `gradlab-formula kit`: the instructor kit for a roster, written into a new
 * folder (answer key, handouts), with the roster's warnings on stderr and,
 * with `--pdf`, the handouts compiled by pdflatex.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { instructorKit } from '../kit';
import { parseRoster } from '../roster';
import type { Command } from './commands';
import { describeFileError, openInput, userPath, writeNewFile } from './files';
import { usageError, type CliContext } from './io';
import { readLines } from './lines';
import { parseOptions, type OptionSpec } from './options';

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  roster: { type: 'string' },
  out: { type: 'string' },
  column: { type: 'string' },
  strict: { type: 'boolean' },
  pdf: { type: 'boolean' },
  force: { type: 'boolean' },
  'no-graphs': { type: 'boolean' },
  digits: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const HELP = `Usage: gradlab-formula kit --roster FILE --out DIR [--column NAME|N] [--strict] [--pdf]

Writes an instructor kit for a class: the answer key (CSV per student and per
cell, JSON, HTML: f and the gradient at the script's values and, where those are
undefined, at the proposed ones; every node's value and gradient, rounded, with
the tolerance to grade by) and the handouts (the course output, a blank graph and
blank forward and backward tables), for the class and per student, as HTML and
LaTeX.

Options:
  --roster FILE      one name per line, or a CSV with a name column (- for stdin);
                     UTF-8 or UTF-16 with a byte-order mark
  --column NAME|N    the CSV column with the names (its header, or its number)
  --out DIR          a new (or empty) folder for the kit
  --strict           refuse a roster with warnings (spaces around a name, blank
                     lines, duplicates, decomposed accents) instead of going on
  --pdf              also compile handouts.tex with pdflatex (needs TeX Live:
                     texlive-latex-base, texlive-latex-extra, texlive-pictures)
  --no-graphs        leave room to draw the graph instead of a blank one
  --digits N         significant digits to grade with (default 3)
  --force            write into a folder that has files, overwriting the kit's
  -h, --help         this help
`;

async function readRoster(path: string, context: CliContext): Promise<string> {
  const input = path === '-' ? context.stdin : (await openInput(path, context.cwd, '--roster file')).stream;
  const lines: string[] = [];
  for await (const line of readLines(input, { what: path === '-' ? 'stdin' : `--roster file '${path}'` })) lines.push(line);
  return lines.join('\n');
}

export const kitCommand: Command = {
  async run(argv, context) {
    const { values: v, positionals } = parseOptions(argv, OPTIONS);
    if (v.help === true) {
      await context.stdout.write(HELP);
      return 0;
    }
    if (positionals.length > 0) throw usageError(`kit: unexpected '${positionals[0]}' (the names come from --roster FILE)`);
    if (typeof v.roster !== 'string') throw usageError('kit: --roster FILE is missing (see --help)');
    if (typeof v.out !== 'string' || v.out === '') throw usageError('kit: --out DIR is missing (see --help)');
    let digits: number | undefined;
    if (typeof v.digits === 'string') {
      if (!/^\d+$/.test(v.digits) || Number(v.digits) < 1 || Number(v.digits) > 15) throw usageError(`kit: --digits must be a whole number from 1 to 15, got '${v.digits}'`);
      digits = Number(v.digits);
    }
    const column = typeof v.column === 'string' ? (/^\d+$/.test(v.column) ? Number(v.column) : v.column) : undefined;
    const roster = parseRoster(await readRoster(v.roster, context), column === undefined ? {} : { column });
    for (const warning of roster.warnings) await context.stderr.write(`gradlab-formula kit: ${v.strict === true ? 'error' : 'warning'}: ${warning.message}\n`);
    if (v.strict === true && roster.warnings.length > 0) {
      throw usageError(`kit: the roster has ${roster.warnings.length} problem${roster.warnings.length > 1 ? 's' : ''} (above); fix them, or leave out --strict`);
    }
    if (roster.names.length === 0) throw usageError('kit: the roster has no names');

    const out = userPath(v.out, context.cwd);
    try {
      await mkdir(out, { recursive: true });
    } catch (error) {
      throw usageError(`kit: cannot make the folder '${v.out}': ${describeFileError(error)}`);
    }
    const existing = await readdir(out);
    if (existing.length > 0 && v.force !== true) throw usageError(`kit: the folder '${v.out}' is not empty (give a new folder, or --force to overwrite the kit's files)`);

    const files = await instructorKit(roster.names, { ...(digits === undefined ? {} : { digits }), graphs: v['no-graphs'] !== true });
    for (const [name, content] of files) {
      await mkdir(dirname(join(out, name)), { recursive: true });
      await writeNewFile(join(v.out, name), content, { cwd: context.cwd, what: 'kit file', force: v.force === true });
    }
    let pdf = '';
    if (v.pdf === true) {
      const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'handouts.tex'], { cwd: out, encoding: 'utf8', timeout: 600_000 });
      if (run.error) {
        throw usageError('kit: --pdf needs pdflatex (TeX Live: apt-get install texlive-latex-base texlive-latex-extra texlive-pictures); the .tex files are written');
      }
      if (run.status !== 0) {
        const error = (run.stdout.split('\n').find((line) => line.startsWith('! ')) ?? 'see handouts.log').replace(/^! /, '');
        throw usageError(`kit: pdflatex failed on handouts.tex: ${error}`);
      }
      // pdflatex's by-products: keep the folder to what the README lists.
      await Promise.all(['handouts.aux', 'handouts.log', 'handouts.out'].map((file) => rm(join(out, file), { force: true })));
      pdf = ' and handouts.pdf';
    }
    const warned = roster.warnings.length > 0 ? ` (${roster.warnings.length} roster warning${roster.warnings.length > 1 ? 's' : ''} above)` : '';
    await context.stdout.write(
      `Wrote the kit for ${roster.names.length} student${roster.names.length > 1 ? 's' : ''} into ${v.out}: ${files.size} files${pdf}${warned}. See ${join(v.out, 'README.txt')}.\n`,
    );
    return 0;
  },
};

/**
 * The instructor kit for a roster, as a set of files: the answer key (CSV per
 * student and per cell, JSON, printable HTML) and the handouts (one printable
 * HTML and one LaTeX document for the class, and one of each per student),
 * each handout with the course output, a blank graph and blank tables.
 * Browser-safe: the files come back as text, the caller writes them.
 */
import { answerKey, answerKeyCellsCsv, answerKeyCsv, answerKeyJson, toleranceRule, type AnswerKeyOptions } from './answer-key';
import { answerKeyHtml, HANDOUT_GRAPH_AREA, handoutHtml, handoutLatex, handoutsHtml } from './handout';
import { toSvg } from './graph';
import { toTikz } from './tikz';
import { requireOptions, requireStrings } from './guards';

/** Options of {@link instructorKit}. */
export interface KitOptions extends AnswerKeyOptions {
  /** Draw the blank graphs (default true; Graphviz takes a few milliseconds per student). */
  readonly graphs?: boolean;
}

/** The kit: file names (relative, with `/`) to their text, in a stable order. */
export type KitFiles = ReadonlyMap<string, string>;

/** A file name from a name: ASCII letters and digits, dashes between. */
function slug(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem === '' ? 'student' : stem;
}

/** SVG markup to put inside an HTML page (Graphviz writes an XML declaration and a doctype first). */
function inlineSvg(svg: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, '').replace(/^<!DOCTYPE[^>]*>\s*/, '').replace(/^<!--[\s\S]*?-->\s*/g, '');
}

/**
 * The instructor kit for a list of names (read a roster with `parseRoster` first).
 *
 * @example
 * ```ts
 * const files = await instructorKit(['Ada Lovelace', 'Alan Turing']);
 * [...files.keys()]; // ['README.txt', 'answer-key.csv', ..., 'handouts/ada-lovelace.html', ...]
 * ```
 */
export async function instructorKit(names: readonly string[], options: KitOptions = {}): Promise<KitFiles> {
  requireStrings(names, 'instructorKit', 'names');
  requireOptions(options, 'instructorKit');
  const key = answerKey(names, options);
  const drawn = options.graphs ?? true;
  const svgs: (string | null)[] = [];
  const tikzs: (string | null)[] = [];
  for (const entry of key.entries) {
    svgs.push(drawn ? inlineSvg(await toSvg(entry.worked, { blank: true, layout: 'print' })) : null);
    tikzs.push(drawn ? await toTikz(entry.worked, { blank: true, area: HANDOUT_GRAPH_AREA }) : null);
  }
  const files = new Map<string, string>();
  const used = new Set<string>();
  const stems = key.entries.map((entry) => {
    let stem = slug(entry.name);
    for (let n = 2; used.has(stem); n++) stem = `${slug(entry.name)}-${n}`;
    used.add(stem);
    return stem;
  });
  files.set(
    'README.txt',
    [
      `Instructor kit for ${key.entries.length} student${key.entries.length === 1 ? '' : 's'}, made by gradlab-formula.`,
      '',
      'answer-key.csv        per student: formula, values, f and the gradient (exact and rounded), at the proposed values too where the given ones are undefined',
      'answer-key-cells.csv  per student and cell: every forward value and gradient, rounded, with its grading tolerance',
      'answer-key.json       everything, for programs',
      'answer-key.html       the key as a printable page',
      'handouts.html         every handout, a page each (print it from a browser)',
      'handouts.tex          every handout as one LaTeX document (pdflatex handouts.tex)',
      'handouts/             one HTML and one LaTeX handout per student',
      '',
      `Grading: ${toleranceRule(key.digits)}.`,
      'Students can check their own work: gradlab-formula check --answers FILE, or the playground\'s "Check my work".',
      '',
    ].join('\n'),
  );
  files.set('answer-key.csv', answerKeyCsv(key));
  files.set('answer-key-cells.csv', answerKeyCellsCsv(key));
  files.set('answer-key.json', `${JSON.stringify(answerKeyJson(key), null, 2)}\n`);
  files.set('answer-key.html', answerKeyHtml(key));
  files.set('handouts.html', handoutsHtml(key.entries, svgs));
  files.set('handouts.tex', handoutLatex(key.entries, tikzs));
  key.entries.forEach((entry, i) => {
    files.set(`handouts/${stems[i]!}.html`, handoutHtml(entry, { graphSvg: svgs[i] ?? null }));
    files.set(`handouts/${stems[i]!}.tex`, handoutLatex([entry], [tikzs[i] ?? null]));
  });
  return files;
}

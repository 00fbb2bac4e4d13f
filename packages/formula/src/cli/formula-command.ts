/**
 * The default command of `gradlab-formula` (no subcommand): a name's course
 * output, its worked solution, graph and JSON, a typed formula, or a batch.
 */
import { formatValue } from '../format';
import { answersTemplate } from '../answers';
import { toDot, toMermaid, toSvg, type GraphLayoutStyle } from '../graph';
import { toTikz } from '../tikz';
import { COURSE_PROMPT, courseFormulaLine, courseOutput, pythonDict } from '../randomizer';
import { renderDocument, type SolutionFormat } from '../report';
import { solve, workedSolution, type Solution } from '../solve';
import { runBatch } from './batch';
import { writeNewFile } from './files';
import { usageError, type CliContext } from './io';
import { jobForFormula, jobForName, jsonRecord, type Job } from './job';
import { readLines } from './lines';
import { parseDecimalList, parseOptions, type OptionSpec } from './options';

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  json: { type: 'boolean' },
  batch: { type: 'string' },
  solution: { type: 'string' },
  dot: { type: 'boolean' },
  mermaid: { type: 'boolean' },
  svg: { type: 'string' },
  layout: { type: 'string' },
  tikz: { type: 'boolean' },
  template: { type: 'boolean' },
  csv: { type: 'boolean' },
  force: { type: 'boolean' },
  formula: { type: 'string' },
  values: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
};

const FORMATS: readonly SolutionFormat[] = ['text', 'md', 'latex', 'json'];

/** The main help; `subcommands` are the registered ones, with their one-line summaries. */
export function helpText(subcommands: readonly { name: string; summary: string }[]): string {
  const commands =
    subcommands.length === 0
      ? ''
      : `\nSubcommands (the first argument; \`gradlab-formula COMMAND --help\` for each):\n${subcommands
          .map((c) => `  ${c.name.padEnd(21)}  ${c.summary}`)
          .join('\n')}\n`;
  return `Usage: gradlab-formula [options] ["Name Surname"]
       gradlab-formula COMMAND [options]

Prints what the course script utils/randomized_backpropagation_formula.py prints
for a name (prompts for one when none is given), or works a formula out.

Options:
  --json                 one JSON object: name, formula, values, f, grad, domainError
  --batch FILE           one name per line (- for stdin); CSV (name, formula, values,
                         f, gradient, domain_error), or JSON Lines with --json;
                         rows are written as they are worked out
  --solution FORMAT      the worked solution: text, md, latex or json
  --dot                  the computational graph as Graphviz DOT
  --mermaid              the computational graph as a Mermaid flowchart
  --svg FILE             the computational graph rendered to an SVG file (a new
                         file: an existing one only with --force; never through
                         a symbolic link)
  --layout screen|print  the graph left to right (screen, the default) or top to
                         bottom to fit A4 portrait (print), for --dot and --svg
  --tikz                 the computational graph as a LaTeX tikzpicture (print layout)
  --template             a blank answers file to fill in by hand and check with
                         \`gradlab-formula check --answers FILE\` (JSON; --csv for CSV)
  --force                let --svg overwrite an existing file
  --formula EXPR         any formula instead of a name's (course notation or plain maths)
  --values LIST          its values, comma-separated decimals (x1, x2, ... in order;
                         --values -2,3 and --values=-2,3 both work)
  --version              the version of gradlab-formula
  -h, --help             this help
${commands}
The graph, the SVG and the solution show the same values: the proposed ones
when the given values make the formula undefined. The course's output goes to
stdout exactly as the script prints it; gradlab's own notes go to stderr.
A first argument naming a subcommand runs it: to look up a student whose name
is a subcommand's, write \`gradlab-formula -- NAME\`. Relative paths are relative
to where the command was typed (also under \`pnpm formula\`). Bad input: one line
on stderr, exit code 2.
`;
}

interface Options {
  json: boolean;
  batch?: string;
  solution?: SolutionFormat;
  dot: boolean;
  mermaid: boolean;
  svg?: string;
  layout: GraphLayoutStyle;
  tikz: boolean;
  template: boolean;
  csv: boolean;
  force: boolean;
  formula?: string;
  values?: number[];
  names: string[];
  help: boolean;
  version: boolean;
}

function readOptions(argv: readonly string[]): Options {
  const { values: v, positionals } = parseOptions(argv, OPTIONS);
  const text = (name: string): string | undefined => v[name] as string | undefined;
  const options: Options = {
    json: v.json === true,
    dot: v.dot === true,
    mermaid: v.mermaid === true,
    force: v.force === true,
    layout: 'screen',
    tikz: v.tikz === true,
    template: v.template === true,
    csv: v.csv === true,
    help: v.help === true,
    version: v.version === true,
    names: [...positionals],
  };
  if (text('batch') !== undefined) options.batch = text('batch');
  if (text('svg') !== undefined) options.svg = text('svg');
  if (text('formula') !== undefined) options.formula = text('formula');
  const solution = text('solution');
  if (solution !== undefined) {
    if (!(FORMATS as readonly string[]).includes(solution)) throw usageError(`--solution must be text, md, latex or json, got '${solution}'`);
    options.solution = solution as SolutionFormat;
  }
  if (text('values') !== undefined) options.values = parseDecimalList(text('values')!, '--values');
  const layout = text('layout');
  if (layout !== undefined) {
    if (layout !== 'screen' && layout !== 'print') throw usageError(`--layout must be screen or print, got '${layout}'`);
    options.layout = layout;
  }
  if (options.help || options.version) return options;

  if (options.names.length > 1) throw usageError(`expected one name, got ${options.names.length} (quote "Name Surname")`);
  if (options.formula !== undefined && options.names.length > 0) throw usageError('give either a name or --formula, not both');
  if (options.formula !== undefined && options.values === undefined) throw usageError('--formula needs --values');
  if (options.values !== undefined && options.formula === undefined) throw usageError('--values needs --formula');
  if (options.svg === '') throw usageError("--svg needs a file name, got ''");
  if (options.force && options.svg === undefined) throw usageError('--force only lets --svg overwrite a file: give --svg FILE');
  if (options.batch === '') throw usageError("--batch needs a file name (or - for stdin), got ''");
  if (options.batch !== undefined && (options.names.length > 0 || options.formula !== undefined)) {
    throw usageError('--batch reads the names from the file: give no name and no --formula');
  }
  if (options.batch !== undefined && (options.solution || options.dot || options.mermaid || options.svg !== undefined || options.tikz || options.template)) {
    throw usageError('--batch prints one line per name: --solution, --dot, --mermaid, --svg, --tikz and --template need a single name');
  }
  if (options.layout !== 'screen' && !(options.dot || options.svg !== undefined)) throw usageError('--layout goes with --dot or --svg');
  if (options.csv && !options.template) throw usageError('--csv goes with --template (--batch writes CSV by default)');
  if (options.template && (options.json || options.solution || options.dot || options.mermaid || options.svg !== undefined || options.tikz)) {
    throw usageError('--template writes only the blank answers file: give it alone');
  }
  return options;
}

/**
 * The name typed at the prompt (the first line of stdin). The course text
 * starts with the script's prompt on stdout, as the script writes it; any other
 * output keeps stdout for itself and prompts on stderr, only when a person
 * types (stdin is a terminal): `echo NAME | gradlab-formula --json` is JSON only.
 */
async function promptName(context: CliContext, courseText: boolean): Promise<string> {
  if (courseText) await context.stdout.write(COURSE_PROMPT);
  else if (context.stdin.isTTY) await context.stderr.write(COURSE_PROMPT);
  for await (const line of readLines(context.stdin, { what: 'stdin' })) return line;
  throw usageError('no name given (stdin closed)');
}

/**
 * gradlab's note on stderr when the values make the formula undefined: the
 * failing nodes and the proposed values, marked as gradlab's so that nobody
 * takes it for the course script's output.
 */
export function domainWarning(solution: Solution): string {
  const d = solution.domainError;
  if (!d) return '';
  const lines = ['warning (gradlab, not the course script): these values make the formula undefined or not differentiable:'];
  for (const p of d.problems) lines.push(`  ${p.node} = ${p.expression}: ${p.reason} (fed by ${p.inputs.join(', ') || 'constants'})`);
  // The domain search's own sentences, as the worked solution says them.
  if (d.proposal) {
    const values = d.proposal.values.map(formatValue).join(', ');
    lines.push(`  gradlab proposes: ${d.advice.replace(/\.$/, '')}, giving x = [${values}].`);
    for (const note of d.notes) lines.push(`  ${note}`);
    lines.push('  Add --solution text for the worked solution at those values.');
  } else lines.push(`  ${d.advice}`);
  return lines.map((line) => `gradlab-formula: ${line}\n`).join('');
}

/** Runs the default command; returns the exit code. */
export async function runFormulaCommand(
  argv: readonly string[],
  context: CliContext,
  subcommands: readonly { name: string; summary: string }[],
): Promise<number> {
  const options = readOptions(argv);
  if (options.help) {
    await context.stdout.write(helpText(subcommands));
    return 0;
  }
  if (options.version) {
    await context.stdout.write(`${context.version}\n`);
    return 0;
  }
  if (options.batch !== undefined) return runBatch(options.batch, options.json, context);

  const courseText = !(options.json || options.solution || options.dot || options.mermaid || options.svg !== undefined || options.tikz || options.template);
  const job: Job =
    options.formula !== undefined
      ? jobForFormula(options.formula, options.values!)
      : jobForName(options.names[0] ?? (await promptName(context, courseText)));
  const solution = solve(job.expr, job.values, job.variables);
  if (courseText) {
    // A name: the course script's output, byte for byte. A typed formula has no script output:
    // gradlab prints the same two facts in the same form, and nothing that claims to be the script's.
    const text = job.name !== undefined ? courseOutput(job) : `${courseFormulaLine(job.formula)}\n${pythonDict(job.values, job.variables)}\n`;
    await context.stdout.write(text);
    await context.stderr.write(domainWarning(solution));
    return 0;
  }
  // Every picture of the solution shows the values its tables work out.
  const worked = workedSolution(solution);
  if (options.template) {
    if (worked !== solution) await context.stderr.write(domainWarning(solution));
    await context.stdout.write(answersTemplate(worked, { format: options.csv ? 'csv' : 'json', ...(job.name !== undefined ? { name: job.name } : {}) }));
    return 0;
  }
  const graph = { layout: options.layout };
  if (options.svg !== undefined) {
    await writeNewFile(options.svg, await toSvg(worked, graph), { cwd: context.cwd, what: '--svg file', force: options.force });
  }
  // The LaTeX document draws the graph, which Graphviz lays out first.
  const rendered = options.solution ? await renderDocument(solution, options.solution) : '';
  if (options.json) {
    const record = jsonRecord(job, solution);
    if (options.solution) record.solution = options.solution === 'json' ? JSON.parse(rendered) : rendered;
    if (options.dot) record.dot = toDot(worked, graph);
    if (options.mermaid) record.mermaid = toMermaid(worked);
    if (options.tikz) record.tikz = await toTikz(worked);
    await context.stdout.write(`${JSON.stringify(record)}\n`);
    return 0;
  }
  const parts: string[] = [];
  if (options.solution) parts.push(rendered);
  if (options.dot) parts.push(toDot(worked, graph));
  if (options.mermaid) parts.push(toMermaid(worked));
  if (options.tikz) parts.push(await toTikz(worked));
  await context.stdout.write(parts.join('\n'));
  return 0;
}

/**
 * `gradlab-formula check`: a student's hand calculation checked cell by cell
 * (`checkAnswers`), and the blank answers file to start from (`--template`).
 * Exit code 0 when every cell is right, 1 when something is wrong or blank,
 * 2 on bad input.
 */
import stringWidth from 'string-width';
import { answersTemplate, parseAnswers, type Answers } from '../answers';
import { checkAnswers, solveForAnswers, type CheckSource } from '../check';
import { checkJson, renderCheck } from '../check-report';
import { workedSolution } from '../solve';
import type { Command } from './commands';
import { openInput } from './files';
import { usageError, type CliContext } from './io';
import { readLines, type LineLimits } from './lines';
import { parseDecimalList, parseOptions, type OptionSpec } from './options';

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  answers: { type: 'string' },
  json: { type: 'boolean' },
  digits: { type: 'string' },
  template: { type: 'boolean' },
  csv: { type: 'boolean' },
  local: { type: 'boolean' },
  formula: { type: 'string' },
  values: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const HELP = `Usage: gradlab-formula check --answers FILE [--json] [--digits N] ["Name Surname" | --formula EXPR --values LIST]
       gradlab-formula check --template [--csv] [--local] ("Name Surname" | --formula EXPR --values LIST)

Checks a student's hand calculation of the forward and backward pass: every
cell right, wrong, following from an earlier mistake (right given the student's
own numbers), or blank; the first mistake explained. Which formula: the name
(or formula and values) given here, else the one in the answers file.

Options:
  --answers FILE     the answers, JSON or CSV (- for stdin): forward values,
                     gradients df/dnode and optionally local derivatives, keyed by
                     the node names of the worked solution (x1.., v1..)
  --json             { correct, first, cells: [{ table, node, given, expected,
                     status, mistake?, explanation? }], counts, ... }
  --digits N         significant digits a number must get right (default 3)
  --template         print a blank answers file to fill in (JSON; --csv for CSV)
  --local            with --template, also list every edge's local derivative
  --formula EXPR     a formula instead of a name's (course notation or plain maths)
  --values LIST      its values (or, with a name, the values the student worked with)
  -h, --help         this help

Exit code: 0 every cell right, 1 something wrong or blank, 2 bad input.
`;

/** An answers file is small; a megabyte is far more than any formula's tables. */
const ANSWERS_LIMITS: LineLimits = { lineBytes: 1024 * 1024, totalBytes: 4 * 1024 * 1024 };

async function readAnswers(path: string, context: CliContext): Promise<Answers> {
  const input = path === '-' ? context.stdin : (await openInput(path, context.cwd, '--answers file')).stream;
  const what = path === '-' ? 'stdin' : `--answers file '${path}'`;
  const lines: string[] = [];
  for await (const line of readLines(input, { what, limits: ANSWERS_LIMITS })) lines.push(line);
  if (lines.every((line) => line.trim() === '')) throw usageError(`${what} is empty`);
  return parseAnswers(lines.join('\n'));
}

export const checkCommand: Command = {
  async run(argv, context) {
    const { values: v, positionals } = parseOptions(argv, OPTIONS);
    if (v.help === true) {
      await context.stdout.write(HELP);
      return 0;
    }
    if (positionals.length > 1) throw usageError(`check: expected at most one name, got ${positionals.length} (quote "Name Surname")`);
    const source: { -readonly [K in keyof CheckSource]: CheckSource[K] } = {};
    if (positionals[0] !== undefined) source.name = positionals[0];
    if (typeof v.formula === 'string') source.formula = v.formula;
    if (typeof v.values === 'string') source.values = parseDecimalList(v.values, '--values');
    if (source.name !== undefined && source.formula !== undefined) throw usageError('check: give either a name or --formula, not both');
    if (source.formula !== undefined && source.values === undefined) throw usageError('check: --formula needs --values');
    let digits: number | undefined;
    if (typeof v.digits === 'string') {
      if (!/^\d+$/.test(v.digits) || Number(v.digits) < 1 || Number(v.digits) > 15) throw usageError(`check: --digits must be a whole number from 1 to 15, got '${v.digits}'`);
      digits = Number(v.digits);
    }

    if (v.template === true) {
      if (typeof v.answers === 'string') throw usageError('check: --template writes a blank answers file: give no --answers');
      if (source.name === undefined && source.formula === undefined) throw usageError('check --template: which formula? give a name, or --formula and --values');
      const solution = solveForAnswers({ forward: {}, backward: {}, local: {} }, source);
      const worked = workedSolution(solution);
      if (worked !== solution) {
        await context.stderr.write(`gradlab-formula: the values make the formula undefined (${solution.domainError!.message}); the template is for the proposed values.\n`);
      }
      await context.stdout.write(
        answersTemplate(worked, { format: v.csv === true ? 'csv' : 'json', local: v.local === true, ...(source.name !== undefined ? { name: source.name } : {}) }),
      );
      return 0;
    }
    if (v.csv === true || v.local === true) throw usageError('check: --csv and --local go with --template');
    if (typeof v.answers !== 'string') throw usageError('check: --answers FILE is missing (or --template for a blank one; see --help)');

    const answers = await readAnswers(v.answers, context);
    const solution = solveForAnswers(answers, source);
    const result = checkAnswers(solution, answers, digits === undefined ? {} : { digits });
    const name = source.name ?? answers.name;
    if (v.json === true) {
      await context.stdout.write(`${JSON.stringify({ name: name ?? null, ...checkJson(result) })}\n`);
    } else {
      await context.stdout.write(renderCheck(result, { ...(name !== undefined ? { name } : {}), width: stringWidth }));
    }
    return result.correct ? 0 : 1;
  },
};

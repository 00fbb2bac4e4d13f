/**
 * `gradlab-formula --batch FILE`: one row per name, CSV or JSON Lines, each
 * row written as soon as it is worked out (the first appears at once, even for
 * a whole course), with a progress line on a watching terminal.
 */
import { csvRow } from '../csv';
import { jsonNumber } from '../format';
import { randomFormula } from '../randomizer';
import { solve } from '../solve';
import { openInput } from './files';
import type { CliContext } from './io';
import { readLines } from './lines';
import { jsonRecord } from './job';
import { progressLine } from './progress';

/** The CSV's header. */
export const CSV_HEADER = 'name,formula,values,f,gradient,domain_error';

const list = (values: readonly number[]): string => `[${values.map((v) => String(jsonNumber(v))).join(', ')}]`;

/** One name's row: a CSV line or a JSON object, without the newline. */
export function batchRow(name: string, json: boolean): { row: string; undefinedValues: boolean } {
  const random = randomFormula(name);
  const solution = solve(random.expr, random.values);
  const job = { name, expr: random.expr, formula: random.formula, values: random.values, variables: solution.variables };
  if (json) return { row: JSON.stringify(jsonRecord(job, solution)), undefinedValues: solution.domainError !== null };
  // Spreadsheet-safe: a name such as `=cmd|...` or `-x` cannot run as a formula when the CSV is opened.
  const fields = [name, job.formula, list(job.values), solution.value, list(solution.gradient), solution.domainError?.message ?? null];
  return { row: csvRow(fields), undefinedValues: solution.domainError !== null };
}

/**
 * Runs a batch from `file` (`-` for stdin) and returns the exit code: 0, also
 * when the reader of stdout went away early (`| head -1`).
 *
 * @throws {FormulaError} code 'USAGE' for a file that cannot be read or decoded (rows already
 *   written stay written: the message names the line).
 */
export async function runBatch(file: string, json: boolean, context: CliContext): Promise<number> {
  const fromStdin = file === '-';
  const source = fromStdin ? { stream: context.stdin, size: undefined } : await openInput(file, context.cwd, '--batch file');
  const what = fromStdin ? '--batch stdin' : `--batch file '${file}'`;
  let bytesRead = 0;
  const progress = progressLine(context, ['name', 'names'], source.size);
  let count = 0;
  let undefinedCount = 0;
  try {
    // The header goes out with the first row: a file refused at its first line prints nothing.
    let header = json ? '' : `${CSV_HEADER}\n`;
    for await (const name of readLines(source.stream, { what, onLine: (offset) => (bytesRead = offset) })) {
      const { row, undefinedValues } = batchRow(name, json);
      await context.stdout.write(`${header}${row}\n`);
      header = '';
      if (context.stdout.closed) break;
      count++;
      if (undefinedValues) undefinedCount++;
      progress.update(count, bytesRead, name);
    }
    await context.stdout.write(header);
  } catch (error) {
    progress.clear();
    throw error;
  } finally {
    // Stop reading (a `break` above, or an error): the file is closed, stdin released.
    source.stream.destroy();
  }
  if (!context.stdout.closed) {
    const flagged = undefinedCount > 0 ? `, ${undefinedCount.toLocaleString('en-US')} whose values make the formula undefined (see ${json ? 'domainError' : 'domain_error'})` : '';
    progress.finish(`gradlab-formula: ${count.toLocaleString('en-US')} name${count === 1 ? '' : 's'}${flagged}`);
  } else progress.clear();
  return 0;
}

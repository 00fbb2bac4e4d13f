#!/usr/bin/env node
/**
 * gradlab-formula: the course script's output for a name, and the worked
 * solution, graph and checks for it or for any formula. The only module of
 * the package that needs Node.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { FormulaError } from './errors';
import { jsonNumber } from './format';
import { toDot, toMermaid, toSvg } from './graph';
import { parse } from './parser';
import { COURSE_PROMPT, courseFormulaLine, courseOutput, pythonDict, randomFormula } from './randomizer';
import { domainErrorJson, renderSolution, type SolutionFormat } from './report';
import { solve, type Solution } from './solve';
import { variables as formulaVariables, type Expr } from './ast';
import { toCourse } from './printers';

const USAGE = `Usage: gradlab-formula [options] ["Name Surname"]

Prints what the course script utils/randomized_backpropagation_formula.py prints
for a name (prompts for one when none is given), or works a formula out.

Options:
  --json                 one JSON object: name, formula, values, f, grad, domainError
  --batch FILE           one name per line; CSV (name, formula, values, f, gradient,
                         domain_error), or JSON Lines with --json
  --solution FORMAT      the worked solution: text, md or latex
  --dot                  the computational graph as Graphviz DOT
  --mermaid              the computational graph as a Mermaid flowchart
  --svg FILE             the computational graph rendered to an SVG file
  --formula EXPR         any formula instead of a name's (course notation or plain maths)
  --values LIST          its values, comma-separated (x1, x2, ... in order)
  -h, --help             this help
`;

/** A bad command line: a FormulaError with code 'USAGE' (exit code 2, like an unparsable formula). */
const usageError = (message: string): FormulaError => new FormulaError('USAGE', message);

interface Options {
  json: boolean;
  batch?: string;
  solution?: Exclude<SolutionFormat, 'json'>;
  dot: boolean;
  mermaid: boolean;
  svg?: string;
  formula?: string;
  values?: number[];
  names: string[];
  help: boolean;
}

function parseArguments(argv: readonly string[]): Options {
  const options: Options = { json: false, dot: false, mermaid: false, names: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    if (arg.startsWith('--') && arg.includes('=')) {
      inline = arg.slice(arg.indexOf('=') + 1);
      arg = arg.slice(0, arg.indexOf('='));
    }
    const flag = (): true => {
      if (inline !== undefined) throw usageError(`option '${arg}' takes no value, got '${inline}'`);
      return true;
    };
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw usageError(`option '${arg}' needs a value`);
      return next;
    };
    switch (arg) {
      case '--json':
        options.json = flag();
        break;
      case '--batch':
        options.batch = value();
        break;
      case '--solution': {
        const format = value();
        if (format !== 'text' && format !== 'md' && format !== 'latex') {
          throw usageError(`--solution must be text, md or latex, got '${format}'`);
        }
        options.solution = format;
        break;
      }
      case '--dot':
        options.dot = flag();
        break;
      case '--mermaid':
        options.mermaid = flag();
        break;
      case '--svg':
        options.svg = value();
        break;
      case '--formula':
        options.formula = value();
        break;
      case '--values': {
        const text = value();
        const items = text.split(',').map((s) => s.trim());
        const numbers = items.map(Number);
        const bad = items.findIndex((s, k) => s === '' || !Number.isFinite(numbers[k]));
        if (bad >= 0) throw usageError(`--values must be comma-separated finite numbers, got '${items[bad]}' in '${text}'`);
        options.values = numbers;
        break;
      }
      case '-h':
      case '--help':
        options.help = flag();
        break;
      case '--':
        options.names.push(...argv.slice(i + 1));
        i = argv.length;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-' && !/^-\d/.test(arg)) throw usageError(`unknown option '${arg}' (see --help)`);
        options.names.push(argv[i]!);
    }
  }
  if (options.names.length > 1) throw usageError(`expected one name, got ${options.names.length} (quote "Name Surname")`);
  if (options.formula !== undefined && options.names.length > 0) throw usageError('give either a name or --formula, not both');
  if (options.formula !== undefined && options.values === undefined) throw usageError('--formula needs --values');
  if (options.values !== undefined && options.formula === undefined) throw usageError('--values needs --formula');
  if (options.batch !== undefined && (options.names.length > 0 || options.formula !== undefined)) {
    throw usageError('--batch reads the names from the file: give no name and no --formula');
  }
  if (options.batch !== undefined && (options.solution || options.dot || options.mermaid || options.svg)) {
    throw usageError('--batch prints one line per name: --solution, --dot, --mermaid and --svg need a single name');
  }
  return options;
}

/** A path given on the command line, relative to where the user typed it (also under `pnpm formula`). */
function userPath(path: string): string {
  const base = process.env.npm_lifecycle_event === 'cli' && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  return resolve(base, path);
}

interface Job {
  name?: string;
  expr: Expr;
  formula: string;
  values: readonly number[];
  variables: readonly string[];
}

function jobForName(name: string): Job {
  const r = randomFormula(name);
  return { name, expr: r.expr, formula: r.formula, values: r.values, variables: formulaVariables(r.expr) };
}

function jobForFormula(text: string, values: readonly number[]): Job {
  const expr = parse(text);
  const names = formulaVariables(expr);
  if (names.length !== values.length) {
    throw new FormulaError(
      'VALUES',
      `the formula has ${names.length} variable${names.length === 1 ? '' : 's'} (${names.join(', ')}), got ${values.length} value${values.length === 1 ? '' : 's'}`,
    );
  }
  return { expr, formula: toCourse(expr), values, variables: names };
}

function jsonRecord(job: Job, solution: Solution): Record<string, unknown> {
  return {
    name: job.name ?? null,
    formula: job.formula,
    values: job.values.map(jsonNumber),
    f: jsonNumber(solution.value),
    grad: solution.gradient.map(jsonNumber),
    domainError: domainErrorJson(solution),
  };
}

const csvField = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const list = (values: readonly number[]): string => `[${values.map((v) => String(jsonNumber(v))).join(', ')}]`;

function runBatch(file: string, json: boolean): string {
  let content: string;
  try {
    content = readFileSync(userPath(file), 'utf8');
  } catch (error) {
    throw usageError(`cannot read --batch file '${file}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  // NOTE: a file saved by Windows Notepad starts with a byte-order mark, which would change the
  // first name's MD5 and so give that student someone else's formula.
  const lines = content.replace(/^\uFEFF/, '').split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  const out: string[] = json ? [] : ['name,formula,values,f,gradient,domain_error'];
  for (const name of lines) {
    const job = jobForName(name);
    const solution = solve(job.expr, job.values);
    if (json) out.push(JSON.stringify(jsonRecord(job, solution)));
    else {
      out.push(
        [name, job.formula, list(job.values), String(jsonNumber(solution.value)), list(solution.gradient), solution.domainError?.message ?? '']
          .map(csvField)
          .join(','),
      );
    }
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}

async function promptName(): Promise<string> {
  process.stdout.write(COURSE_PROMPT);
  const reader = createInterface({ input: process.stdin, terminal: false });
  for await (const line of reader) {
    reader.close();
    return line.replace(/^\uFEFF/, '');
  }
  throw usageError('no name given (stdin closed)');
}

async function run(argv: readonly string[]): Promise<string> {
  const options = parseArguments(argv);
  if (options.help) return USAGE;
  if (options.batch !== undefined) return runBatch(options.batch, options.json);

  const job =
    options.formula !== undefined
      ? jobForFormula(options.formula, options.values!)
      : jobForName(options.names[0] ?? (await promptName()));
  const wantsSolution = options.json || options.solution || options.dot || options.mermaid || options.svg;
  if (!wantsSolution) {
    // A name: the course script's output, byte for byte. A typed formula has no script output:
    // gradlab prints the same two facts in the same form, and nothing that claims to be the script's.
    if (job.name !== undefined) return courseOutput(job);
    return `${courseFormulaLine(job.formula)}\n${pythonDict(job.values, job.variables)}\n`;
  }
  const solution = solve(job.expr, job.values, job.variables);
  if (options.svg !== undefined) {
    const svg = await toSvg(solution);
    try {
      writeFileSync(userPath(options.svg), svg);
    } catch (error) {
      throw usageError(`cannot write --svg file '${options.svg}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  if (options.json) {
    const record = jsonRecord(job, solution);
    if (options.solution) record.solution = renderSolution(solution, options.solution);
    if (options.dot) record.dot = toDot(solution);
    if (options.mermaid) record.mermaid = toMermaid(solution);
    return `${JSON.stringify(record)}\n`;
  }
  const parts: string[] = [];
  if (options.solution) parts.push(renderSolution(solution, options.solution));
  if (options.dot) parts.push(toDot(solution));
  if (options.mermaid) parts.push(toMermaid(solution));
  return parts.join('\n');
}

run(process.argv.slice(2)).then(
  (output) => {
    process.stdout.write(output);
  },
  (error: unknown) => {
    if (error instanceof FormulaError) {
      // One line: a syntax error's caret drawing is summarised by its column.
      const first = error.message.split('\n')[0]!;
      const input = error instanceof FormulaError && error.code === 'SYNTAX' ? ` in '${error.message.split('\n')[1] ?? ''}'` : '';
      process.stderr.write(`gradlab-formula: ${first}${input}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  },
);

/**
 * Command-line arguments of the demo. Parsing is strict: anything the demo
 * does not understand is a {@link UsageError} (one line on stderr, exit 2),
 * never silently ignored.
 */
import { parseArgs as tokenize } from 'node:util';

/** The three homework exercises. */
export type ExerciseId = 'ex1' | 'ex2' | 'ex3';

/** Every exercise, in the order `pnpm demo` runs them. */
export const EXERCISES: readonly ExerciseId[] = ['ex1', 'ex2', 'ex3'];

/** The name Ex 3 uses when `--name` is not given: the homework's own. */
export const DEFAULT_NAME = 'Francesco Tomba';

/** The seed Ex 2 uses when `--seed` is not given. */
export const DEFAULT_SEED = 0;

/** What the user asked for. */
export interface DemoOptions {
  /** Exercises to run, in order, without repetitions. */
  exercises: ExerciseId[];
  /** Ex 3's "Name Surname". */
  name: string;
  /** Ex 2's seed for the data and the initial weights. */
  seed: number;
  /** Print JSON instead of the terminal report. */
  json: boolean;
  /** Directory for the Markdown reports and the SVG graph, or null. */
  outDir: string | null;
  /** Print the help and exit. */
  help: boolean;
  /** Print the version and exit. */
  version: boolean;
}

/** Bad command-line input; the message is one line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The text `--help` prints. */
export const HELP_TEXT = `gradlab demo: the three backpropagation homework exercises, end to end

Usage: pnpm demo [ex1|ex2|ex3 ...] [options]

  ex1            Ex 1: gradient of y = log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5),
                 autograd against the symbolic partials and finite differences
  ex2            Ex 2: the 5-11-16-13-8-4 MLP on ten random points, one-hot
                 labels (the 1-based trap and its fix), cross-entropy, backward
  ex3            Ex 3: the course's randomized formula for a name, its graph,
                 forward and backward tables, checked three ways
                 (no exercise given: all three)

Options:
  --name NAME    Ex 3's "Name Surname" (default "${DEFAULT_NAME}")
  --seed N       Ex 2's seed for the data and the weights (default ${DEFAULT_SEED})
  --json         print every input, output and gradient as JSON
  --out DIR      also write a Markdown report per exercise, and Ex 3's graph as SVG
                 (a directory: created if missing; a file there is an error)
  --version      the demo's version
  -h, --help     show this help

Colour is used on a terminal only, and never when NO_COLOR is set.
`;

const SEED_PATTERN = /^\d+$/;

function parseSeed(text: string): number {
  const seed = Number(text);
  if (!SEED_PATTERN.test(text) || !Number.isSafeInteger(seed)) {
    throw new UsageError(`option '--seed' expects a non-negative integer, got '${text}'`);
  }
  return seed;
}

function parseExercise(text: string): ExerciseId {
  const id = text.toLowerCase();
  if ((EXERCISES as readonly string[]).includes(id)) return id as ExerciseId;
  throw new UsageError(`unknown exercise '${text}' (expected ex1, ex2 or ex3)`);
}

/** The options `util.parseArgs` tokenises; the checks and the wording are ours. */
const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  json: { type: 'boolean' },
  name: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
} as const;

/** True when `word` is one of the demo's options: a missing value, not a value (`--seed --json`). */
function isOption(word: string): boolean {
  return Object.entries(OPTIONS).some(
    ([name, spec]) => word === `--${name}` || word.startsWith(`--${name}=`) || ('short' in spec && word === `-${spec.short}`),
  );
}

/**
 * Parses the demo's arguments (without `node` and the script path), with
 * Node's `util.parseArgs`. Options take their value as the next argument or
 * after `=` (`--seed 3`, `--seed=3`, `--name -Q`); a lone `--` ends the options.
 *
 * NOTE: strict `parseArgs` refuses a value that starts with a dash as
 * "ambiguous" (`--name -Q`), so it runs in lenient mode and the strict checks
 * are made here, in the demo's one-line wording.
 *
 * @example
 * ```ts
 * parseArgs(['ex2', '--seed', '3']).seed; // 3
 * parseArgs(['--frobnicate']);            // throws UsageError
 * ```
 */
export function parseArgs(argv: readonly string[]): DemoOptions {
  const options: DemoOptions = {
    exercises: [],
    name: DEFAULT_NAME,
    seed: DEFAULT_SEED,
    json: false,
    outDir: null,
    help: false,
    version: false,
  };
  const { tokens } = tokenize({ args: [...argv], options: OPTIONS, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      const id = parseExercise(token.value);
      if (!options.exercises.includes(id)) options.exercises.push(id);
      continue;
    }
    const option = token.rawName;
    if (!Object.hasOwn(OPTIONS, token.name)) throw new UsageError(`unknown option '${option}' (see --help)`);
    const spec = OPTIONS[token.name as keyof typeof OPTIONS];
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`option '${option}' takes no value`);
      options[token.name as 'help' | 'version' | 'json'] = true;
      continue;
    }
    const value = token.value;
    if (value === undefined || (!token.inlineValue && isOption(value))) throw new UsageError(`option '${option}' needs a value`);
    switch (token.name) {
      case 'name':
        options.name = value;
        break;
      case 'seed':
        options.seed = parseSeed(value);
        break;
      case 'out':
        if (value === '') throw new UsageError(`option '--out' needs a directory`);
        options.outDir = value;
        break;
    }
  }
  if (options.exercises.length === 0) options.exercises = [...EXERCISES];
  return options;
}

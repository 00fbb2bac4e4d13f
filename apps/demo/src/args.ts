/**
 * Command-line arguments of the demo. Parsing is strict: anything the demo
 * does not understand is a {@link UsageError} (one line on stderr, exit 2),
 * never silently ignored.
 */

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
  -h, --help     show this help

Colour is used on a terminal only, and never when NO_COLOR is set.
`;

const SEED_PATTERN = /^\d+$/;

function takeValue(argv: readonly string[], index: number, option: string, inline: string | undefined): string {
  if (inline !== undefined) return inline;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) {
    throw new UsageError(`option '${option}' needs a value`);
  }
  return value;
}

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

/**
 * Parses the demo's arguments (without `node` and the script path).
 * Options take their value as the next argument or after `=`
 * (`--seed 3`, `--seed=3`); a lone `--` ends the options.
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
  };
  let optionsEnded = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (optionsEnded || !argument.startsWith('-') || argument === '-') {
      const id = parseExercise(argument);
      if (!options.exercises.includes(id)) options.exercises.push(id);
      continue;
    }
    if (argument === '--') {
      optionsEnded = true;
      continue;
    }
    const equals = argument.indexOf('=');
    const option = equals > 0 && argument.startsWith('--') ? argument.slice(0, equals) : argument;
    const inline = equals > 0 && argument.startsWith('--') ? argument.slice(equals + 1) : undefined;
    const flag = (): void => {
      if (inline !== undefined) throw new UsageError(`option '${option}' takes no value`);
    };
    switch (option) {
      case '-h':
      case '--help':
        flag();
        options.help = true;
        break;
      case '--json':
        flag();
        options.json = true;
        break;
      case '--name':
        options.name = takeValue(argv, index, option, inline);
        if (inline === undefined) index++;
        break;
      case '--seed':
        options.seed = parseSeed(takeValue(argv, index, option, inline));
        if (inline === undefined) index++;
        break;
      case '--out': {
        const dir = takeValue(argv, index, option, inline);
        if (dir === '') throw new UsageError(`option '--out' needs a directory`);
        options.outDir = dir;
        if (inline === undefined) index++;
        break;
      }
      default:
        throw new UsageError(`unknown option '${option}' (see --help)`);
    }
  }
  if (options.exercises.length === 0) options.exercises = [...EXERCISES];
  return options;
}

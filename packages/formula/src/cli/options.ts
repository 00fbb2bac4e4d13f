/**
 * Command-line options, tokenised by Node's `util.parseArgs` and checked here,
 * so that every mistake is one line in gradlab's wording.
 */
import { parseArgs } from 'node:util';
import { usageError } from './io';

/** One option: a flag, or an option that takes a value (`--batch FILE`, `--batch=FILE`). */
export interface OptionSpec {
  readonly type: 'boolean' | 'string';
  /** A one-letter alias (`h` for `-h`). */
  readonly short?: string;
}

/** What {@link parseOptions} found: the last value of each option given, and the positional words. */
export interface ParsedOptions {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

/**
 * Parses `argv` against `specs`. An option takes its value after `=` or as the
 * next argument, which may start with one dash (`--values -2,3`, `--batch -`
 * for stdin); `--` ends the options.
 *
 * NOTE: `parseArgs` in strict mode refuses `--values -2,2,3` as "ambiguous", and
 * negative values are the common case here: it runs in lenient mode, and this
 * function does the strict checks itself. A value is refused only when it is
 * another option (`--formula --json`, `--batch -h`): that is a missing value.
 * A positional word starting with a dash and a digit (`-5`) is a word, not an option.
 *
 * @throws {FormulaError} code 'USAGE': an unknown option, a missing value, a value given to a flag.
 *
 * @example
 * ```ts
 * parseOptions(['--values', '-2,3', 'Ada'], { values: { type: 'string' } });
 * // { values: { values: '-2,3' }, positionals: ['Ada'] }
 * ```
 */
export function parseOptions(argv: readonly string[], specs: Readonly<Record<string, OptionSpec>>): ParsedOptions {
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.short ? { type: spec.type, short: spec.short } : { type: spec.type }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const isOption = (word: string): boolean =>
    Object.entries(specs).some(
      ([name, spec]) => word === `--${name}` || word.startsWith(`--${name}=`) || (spec.short !== undefined && word === `-${spec.short}`),
    );
  const values: Record<string, string | boolean | undefined> = {};
  const words: { index: number; value: string }[] = [];
  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      words.push({ index: token.index, value: token.value });
      continue;
    }
    const spec = Object.hasOwn(specs, token.name) ? specs[token.name] : undefined;
    if (spec === undefined) {
      // `-5` or `-2.5` where a word is expected: parseArgs reads it as short options `-5`, `-2`.
      const word = argv[token.index]!;
      if (/^-\d/.test(word)) {
        if (!words.some((w) => w.index === token.index)) words.push({ index: token.index, value: word });
        continue;
      }
      throw usageError(`unknown option '${token.rawName}' (see --help)`);
    }
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw usageError(`option '${token.rawName}' takes no value, got '${token.value}'`);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined || (!token.inlineValue && isOption(token.value))) {
      throw usageError(`option '${token.rawName}' needs a value`);
    }
    values[token.name] = token.value;
  }
  return { values, positionals: words.sort((a, b) => a.index - b.index).map((w) => w.value) };
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A list of numbers as a person types it: comma-separated plain decimals
 * (`-2, 0.5, 3`, `1e-3` as the formula parser reads it; `−` as a minus sign).
 * Hexadecimal, octal and binary literals, `Infinity`, `NaN` and empty items
 * are refused: `Number('0x10')` is 16, which nobody means by `0x10` here.
 *
 * @throws {FormulaError} code 'USAGE' naming the option and the bad item.
 *
 * @example
 * ```ts
 * parseDecimalList('-2,0.5,3', '--values'); // [-2, 0.5, 3]
 * parseDecimalList('0x10', '--values');     // throws: --values must be comma-separated decimal numbers ...
 * ```
 */
export function parseDecimalList(text: string, option: string): number[] {
  const items = text.split(',').map((item) => item.trim().replace(/^\u2212/, '-'));
  return items.map((item, index) => {
    const value = Number(item);
    if (!DECIMAL.test(item) || !Number.isFinite(value)) {
      const shown = text.split(',')[index]!.trim();
      throw usageError(`${option} must be comma-separated decimal numbers (like -2,0.5,3), got '${shown}' in '${text}'`);
    }
    return value;
  });
}

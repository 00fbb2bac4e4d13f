import { describe, expect, it } from 'vitest';
import { FormulaError } from '../errors';
import { parseDecimalList, parseOptions, type OptionSpec } from './options';

const SPECS: Record<string, OptionSpec> = {
  json: { type: 'boolean' },
  values: { type: 'string' },
  formula: { type: 'string' },
  batch: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const usage = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FormulaError);
    expect((error as FormulaError).code).toBe('USAGE');
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
};

describe('parseOptions', () => {
  it('takes a value starting with a dash as the next argument: negative values, a formula, - for stdin', () => {
    expect(parseOptions(['--values', '-2,2,3', '--formula', '-x1 * x2', '--batch', '-'], SPECS).values).toEqual({
      values: '-2,2,3',
      formula: '-x1 * x2',
      batch: '-',
    });
    expect(parseOptions(['--values=-2,3'], SPECS).values.values).toBe('-2,3');
    expect(parseOptions(['--values=--json'], SPECS).values.values).toBe('--json');
    expect(parseOptions(['--formula', '--x1', '--batch', '--other'], SPECS).values).toEqual({ formula: '--x1', batch: '--other' });
  });

  it('keeps positional words in order, also after -- and a word like -5', () => {
    expect(parseOptions(['Ada', '--json', '--', '--json', '-h'], SPECS)).toEqual({ values: { json: true }, positionals: ['Ada', '--json', '-h'] });
    expect(parseOptions(['-5', 'x', '-25'], SPECS).positionals).toEqual(['-5', 'x', '-25']);
    expect(parseOptions(['-'], SPECS).positionals).toEqual(['-']);
  });

  it('reads -h and the last of repeated values', () => {
    expect(parseOptions(['-h', '--values', '1', '--values', '2'], SPECS).values).toEqual({ help: true, values: '2' });
  });

  it.each([
    [['--frobnicate'], "unknown option '--frobnicate' (see --help)"],
    [['-x'], "unknown option '-x' (see --help)"],
    [['-hx'], "unknown option '-x' (see --help)"],
    [['--json=yes'], "option '--json' takes no value, got 'yes'"],
    [['--values'], "option '--values' needs a value"],
    [['--formula', '--json'], "option '--formula' needs a value"],
    [['--formula', '--values=1'], "option '--formula' needs a value"],
    [['--batch', '-h'], "option '--batch' needs a value"],
  ])('rejects %j: %s', (argv, message) => {
    expect(usage(() => parseOptions(argv, SPECS))).toBe(message);
  });
});

describe('parseDecimalList', () => {
  it('reads plain decimals, signs, exponents as the formula parser does, spaces and a Unicode minus', () => {
    expect(parseDecimalList('-2, 0.5,+3,.25,1e3,2.5E-1,\u22124', '--values')).toEqual([-2, 0.5, 3, 0.25, 1000, 0.25, -4]);
  });

  it.each([
    ['0x10', '0x10'],
    ['0o7', '0o7'],
    ['0b1', '0b1'],
    ['Infinity', 'Infinity'],
    ['-Infinity', '-Infinity'],
    ['NaN', 'NaN'],
    ['', ''],
    ['1_000', '1_000'],
    ['1e999', '1e999'],
    ['1,', ''],
    ['2 3', '2 3'],
    ['٣', '٣'],
  ])('refuses %j (Number() reads some of them as numbers)', (item, bad) => {
    const text = `1,${item}`;
    expect(usage(() => parseDecimalList(text, '--values'))).toBe(
      `--values must be comma-separated decimal numbers (like -2,0.5,3), got '${bad}' in '${text}'`,
    );
  });
});

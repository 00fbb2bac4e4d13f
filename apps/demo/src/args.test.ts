import { describe, expect, it } from 'vitest';
import { DEFAULT_NAME, DEFAULT_SEED, parseArgs, UsageError } from './args';

describe('parseArgs', () => {
  it('runs all three exercises with the defaults when given nothing', () => {
    expect(parseArgs([])).toEqual({
      exercises: ['ex1', 'ex2', 'ex3'],
      name: DEFAULT_NAME,
      seed: DEFAULT_SEED,
      json: false,
      outDir: null,
      help: false,
      version: false,
    });
  });

  it('reads one exercise and its options', () => {
    const options = parseArgs(['ex2', '--seed', '3', '--json', '--out', 'reports']);
    expect(options.exercises).toEqual(['ex2']);
    expect(options.seed).toBe(3);
    expect(options.json).toBe(true);
    expect(options.outDir).toBe('reports');
  });

  it('accepts --option=value and a name with spaces and non-ASCII letters', () => {
    const options = parseArgs(['ex3', '--name=Élie Cartan', '--seed=12']);
    expect(options.name).toBe('Élie Cartan');
    expect(options.seed).toBe(12);
    expect(parseArgs(['--name', '']).name).toBe('');
  });

  it('keeps the order of several exercises and drops repetitions', () => {
    expect(parseArgs(['ex3', 'EX1', 'ex3']).exercises).toEqual(['ex3', 'ex1']);
  });

  it('treats everything after a lone -- as exercises', () => {
    expect(parseArgs(['--', 'ex1']).exercises).toEqual(['ex1']);
    expect(() => parseArgs(['--', '--json'])).toThrow("unknown exercise '--json'");
  });

  it('takes a value that starts with a dash, unless it is one of the options', () => {
    expect(parseArgs(['--name', '-Q']).name).toBe('-Q');
    expect(parseArgs(['--name=--json']).name).toBe('--json');
    expect(() => parseArgs(['--name', '--json'])).toThrow("option '--name' needs a value");
    expect(() => parseArgs(['--out', '-h'])).toThrow("option '--out' needs a value");
  });

  it('recognises --version', () => {
    expect(parseArgs(['--version']).version).toBe(true);
  });

  it('recognises --help and -h', () => {
    expect(parseArgs(['--help']).help).toBe(true);
    expect(parseArgs(['ex1', '-h']).help).toBe(true);
  });

  it.each([
    [['--frobnicate'], "unknown option '--frobnicate' (see --help)"],
    [['-x'], "unknown option '-x' (see --help)"],
    [['--frob=1'], "unknown option '--frob' (see --help)"],
    [['ex4'], "unknown exercise 'ex4' (expected ex1, ex2 or ex3)"],
    [['--seed'], "option '--seed' needs a value"],
    [['--seed', '--json'], "option '--seed' needs a value"],
    [['--seed', '-1'], "option '--seed' expects a non-negative integer, got '-1'"],
    [['--seed', '1.5'], "option '--seed' expects a non-negative integer, got '1.5'"],
    [['--seed', 'abc'], "option '--seed' expects a non-negative integer, got 'abc'"],
    [['--seed', '99999999999999999999'], "option '--seed' expects a non-negative integer, got '99999999999999999999'"],
    [['--name'], "option '--name' needs a value"],
    [['--out='], "option '--out' needs a directory"],
    [['--json=yes'], "option '--json' takes no value"],
    [['--version=1'], "option '--version' takes no value"],
    [['-hx'], "unknown option '-x' (see --help)"],
  ])('rejects %j with a one-line UsageError', (argv, message) => {
    let caught: unknown;
    try {
      parseArgs(argv);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toBe(message);
    expect((caught as Error).message).not.toContain('\n');
  });
});

/**
 * Every public function and class of @gradlab/formula, given junk (an empty
 * object, null, undefined, a number, a string, a Symbol, a BigInt, an object
 * without a prototype, an array) in each of its first three arguments: it
 * either works or throws a FormulaError whose message names the function, never
 * a TypeError or RangeError from deep inside.
 */
import { describe, expect, it } from 'vitest';
import * as formula from '../src/index';
import { FormulaError } from '../src/errors';
import { solve } from '../src/solve';

const JUNK: [string, unknown][] = [
  ['{}', {}],
  ['null', null],
  ['undefined', undefined],
  ['5', 5],
  ["'x'", 'x'],
  ['a Symbol', Symbol('junk')],
  ['a BigInt', 10n],
  ['an object without a prototype', Object.create(null)],
  ['[]', []],
];

/** Valid arguments to put around the junk one, by position. */
const GOOD: unknown[] = ['x1 * x2', [3, 4], {}];

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    const result = run();
    if (result instanceof Promise) await result;
    return null;
  } catch (error) {
    return error;
  }
}

describe('junk arguments', () => {
  const entries = Object.entries(formula).filter(([, value]) => typeof value === 'function') as [string, (...args: unknown[]) => unknown][];

  it('covers the whole API', () => {
    expect(entries.length).toBeGreaterThan(100);
  });

  it('give a FormulaError that names the function, or work', async () => {
    const bad: string[] = [];
    for (const [name, fn] of entries) {
      const isClass = /^[A-Z]/.test(name);
      for (let position = 0; position < 3; position++) {
        for (const [label, value] of JUNK) {
          const args = [...GOOD.slice(0, position), value];
          const error = await outcome(() => (isClass ? new (fn as unknown as new (...a: unknown[]) => unknown)(...args) : fn(...args)));
          if (error === null) continue;
          if (!(error instanceof FormulaError) || typeof error.message !== 'string' || error.message.length === 0) {
            bad.push(`${name}(argument ${position + 1} = ${label}): ${(error as Error)?.constructor?.name}: ${String((error as Error)?.message).slice(0, 100)}`);
          }
        }
      }
    }
    expect(bad).toEqual([]);
  }, 120_000);

  it('name the function, the argument, what was expected and what came', () => {
    const s = solve('x1 * x2', [3, 4]);
    expect(() => formula.toDot({} as never)).toThrow("toDot: 'solution' must be a Solution from solve(), got an empty object");
    expect(() => formula.renderSolution(null as never, 'md')).toThrow("renderSolution: 'solution' must be a Solution from solve(), got null");
    expect(() => formula.graph({ ...s } as never)).toThrow("graph: 'solution' must be a Solution from solve(), got an object with keys expr, formula, variables, values, nodes, ...");
    expect(() => formula.toPlain({ kind: 'unary', op: 'cosh', arg: { kind: 'var', name: 'x1' } } as never)).toThrow("toPlain: 'expr' has an unknown unary operator the string \"cosh\"");
    expect(() => formula.formatValue(10n as never)).toThrow("formatValue: 'value' must be a number, got the bigint 10n");
    expect(() => formula.csvCell(Symbol('s') as never)).toThrow("csvCell: 'value' must be a string, a number or null, got a symbol");
    expect(() => formula.checkAnswers(s, { forward: { v1: '12' }, backward: {} } as never)).toThrow("checkAnswers: 'answers.forward.v1' must be a number, got the string \"12\"");
  });
});

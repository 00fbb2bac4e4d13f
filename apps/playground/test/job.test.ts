import { describe, expect, it } from 'vitest';
import { cleanFormula, makeJob, parseValues } from '../src/job';

describe('the job a page works on', () => {
  it("reads values as a list, a Python list or the course's dict", () => {
    const names = ['x1', 'x2', 'x3'];
    expect(parseValues('1, 2, -1', names)).toEqual([1, 2, -1]);
    expect(parseValues('[1 2 −1]', names)).toEqual([1, 2, -1]);
    expect(parseValues("{'x1': 1, 'x3': -1, 'x2': 2}", names)).toEqual([1, 2, -1]);
    expect(() => parseValues('1, 2', names)).toThrow('values: the formula has 3 variables (x1, x2, x3), got 2 values');
    expect(() => parseValues('1, two, 3', names)).toThrow("values: 'two' is not a number");
    expect(() => parseValues('0x10, 1, 2', names)).toThrow("values: '0x10' is not a number");
    expect(() => parseValues("{'x1': 1, 'x2': 2}", names)).toThrow('values: missing x3');
    expect(() => parseValues("{'x1': 1, 'x2': 2, 'x3': 3, 'y': 4}", names)).toThrow('values: y is not a variable of the formula');
  });

  it("takes a formula pasted with the course's f(X) = in front", () => {
    expect(cleanFormula('f(X) =  tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)')).toBe('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)');
  });

  it("gives the course script's exact output for a name, and the worked solution", () => {
    const result = makeJob({ name: 'Francesco Tomba', formula: '', values: '' });
    if (!('job' in result)) throw new Error('no job');
    expect(result.job.transcript).toBe(
      "Input your name, then press ENTER: \n\nf(X) =  tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)\n\nYour values\n{'x1': -2, 'x2': 2, 'x3': 3, 'x4': -2, 'x5': 1}\n\nCalculate ∇f(X) [NB: if division by 0, change the value(s) of X responsible for that]\n",
    );
    expect(result.job.worked).toBe(result.job.given);
  });

  it('works the proposed values when the given ones are undefined', () => {
    const result = makeJob({ name: 'Grace Hopper', formula: '', values: '' });
    if (!('job' in result)) throw new Error('no job');
    expect(result.job.given.domainError).not.toBeNull();
    expect(result.job.worked.values).toEqual(result.job.given.domainError!.proposal!.values);
  });

  it('reports a formula that does not parse, or values that do not fit, as a message', () => {
    expect(makeJob({ name: '', formula: 'sin(x1 +)', values: '1' })).toEqual({ error: expect.stringContaining("parse: expected a number, a variable, a function or '(', got ')' at column 9") });
    expect(makeJob({ name: '', formula: 'x1 * x2', values: '1' })).toEqual({ error: 'values: the formula has 2 variables (x1, x2), got 1 value' });
    expect(makeJob({ name: '', formula: '', values: '' })).toEqual({ empty: true });
  });
});

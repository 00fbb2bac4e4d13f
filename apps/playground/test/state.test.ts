import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, parseState, stateToSearch } from '../src/state';

describe('the page state in the URL', () => {
  it('reads a name, a formula with values, the mode, the exercise and the seed', () => {
    expect(parseState('?name=Francesco%20Tomba').state).toEqual({ ...DEFAULT_STATE, name: 'Francesco Tomba' });
    expect(parseState('?formula=x1*x2&values=3,4&mode=check').state).toMatchObject({ formula: 'x1*x2', values: '3,4', mode: 'check', ex: 3 });
    expect(parseState('?ex=2&seed=3').state).toMatchObject({ ex: 2, seed: 3 });
    expect(parseState('').state).toEqual(DEFAULT_STATE);
  });

  it('keeps a name exactly as typed: spaces and non-ASCII', () => {
    const name = ' Élie  Cartan 李 ';
    expect(parseState(stateToSearch({ ...DEFAULT_STATE, name })).state.name).toBe(name);
  });

  it('reports what it cannot read instead of failing', () => {
    const parsed = parseState('?ex=7&mode=study&seed=-1');
    expect(parsed.state).toMatchObject({ ex: 3, mode: 'learn', seed: 0 });
    expect(parsed.problems).toEqual(["ex must be 1, 2 or 3, got '7'", "mode must be learn or check, got 'study'", "seed must be a whole number from 0 to 9007199254740991, got '-1'"]);
  });

  it('writes only what differs from the defaults, and reads back what it writes', () => {
    expect(stateToSearch(DEFAULT_STATE)).toBe('');
    expect(stateToSearch({ ...DEFAULT_STATE, name: 'Ada Lovelace', mode: 'check' })).toBe('?name=Ada+Lovelace&mode=check');
    expect(stateToSearch({ ...DEFAULT_STATE, ex: 2, seed: 3, name: 'Ada' })).toBe('?ex=2&seed=3');
    const states = [
      { ...DEFAULT_STATE, formula: 'log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)', values: '1, 2, -1, 3, 5', mode: 'check' as const },
      { ...DEFAULT_STATE, name: 'Q & A = 100%' },
      { ...DEFAULT_STATE, ex: 1 as const, mode: 'check' as const },
      { ...DEFAULT_STATE, ex: 2 as const, seed: 9007199254740991 },
    ];
    for (const state of states) expect(parseState(stateToSearch(state)).state).toEqual(state);
  });
});

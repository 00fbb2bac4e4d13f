/**
 * The page's state, kept in the URL so that a TA can send a link:
 * `?name=Francesco%20Tomba`, `?formula=...&values=-2,2,3`, `&mode=check`,
 * `?ex=2&seed=3`, `?ex=1`. Parsing never throws: what cannot be read is
 * reported in `problems` and left at its default.
 */

/** Which exercise the page shows. */
export type Exercise = 1 | 2 | 3;

/** Ex 3 (and Ex 1's hand calculation): the worked solution, or blank tables to check. */
export type Mode = 'learn' | 'check';

export interface PlaygroundState {
  readonly ex: Exercise;
  readonly mode: Mode;
  /** The student's name (Ex 3), as typed: not trimmed, the course hashes it as it is. */
  readonly name: string;
  /** A formula typed instead of a name, with its values. */
  readonly formula: string;
  readonly values: string;
  /** Ex 2's seed. */
  readonly seed: number;
}

export const DEFAULT_STATE: PlaygroundState = { ex: 3, mode: 'learn', name: '', formula: '', values: '', seed: 0 };

/** The largest seed Ex 2 takes (PyTorch's manual_seed takes 64-bit seeds; the demo takes safe integers). */
const MAX_SEED = Number.MAX_SAFE_INTEGER;

export interface ParsedState {
  readonly state: PlaygroundState;
  /** What in the URL could not be read, for a notice on the page. */
  readonly problems: readonly string[];
}

/**
 * Reads the state from a URL query string.
 *
 * @example
 * ```ts
 * parseState('?name=Francesco%20Tomba&mode=check').state.mode; // 'check'
 * ```
 */
export function parseState(search: string): ParsedState {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const ex = params.get('ex');
  const mode = params.get('mode');
  const seed = params.get('seed');
  let exercise: Exercise = 3;
  if (ex !== null) {
    if (ex === '1' || ex === '2' || ex === '3') exercise = Number(ex) as Exercise;
    else problems.push(`ex must be 1, 2 or 3, got '${ex}'`);
  }
  let parsedMode: Mode = 'learn';
  if (mode !== null) {
    if (mode === 'learn' || mode === 'check') parsedMode = mode;
    else problems.push(`mode must be learn or check, got '${mode}'`);
  }
  let parsedSeed = 0;
  if (seed !== null) {
    if (/^\d+$/.test(seed) && Number(seed) <= MAX_SEED) parsedSeed = Number(seed);
    else problems.push(`seed must be a whole number from 0 to ${MAX_SEED}, got '${seed}'`);
  }
  return {
    state: {
      ex: exercise,
      mode: parsedMode,
      name: params.get('name') ?? '',
      formula: params.get('formula') ?? '',
      values: params.get('values') ?? '',
      seed: parsedSeed,
    },
    problems,
  };
}

/**
 * The query string for a state, with defaults left out (`?name=...`).
 *
 * @example
 * ```ts
 * stateToSearch({ ...DEFAULT_STATE, name: 'Ada Lovelace' }); // '?name=Ada+Lovelace'
 * ```
 */
export function stateToSearch(state: PlaygroundState): string {
  const params = new URLSearchParams();
  if (state.ex !== 3) params.set('ex', String(state.ex));
  if (state.ex === 2) {
    if (state.seed !== 0) params.set('seed', String(state.seed));
  } else {
    if (state.formula !== '') {
      params.set('formula', state.formula);
      params.set('values', state.values);
    } else if (state.name !== '' && state.ex === 3) params.set('name', state.name);
    if (state.mode !== 'learn') params.set('mode', state.mode);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

import { ValueError, type GeneratorState } from '@gradlab/tensor';

import { describe } from './tensors';

/** A {@link GeneratorState} as plain JSON: the seed as a decimal string, MT19937's 624 words as numbers. */
export interface GeneratorStateJSON {
  seed: string;
  key: number[];
  index: number;
  cachedNormal: number | null;
}

/**
 * A generator's `getState()` as JSON-safe data (its seed is a BigInt and its
 * words a Uint32Array, which `JSON.stringify` cannot keep), for a checkpoint's
 * metadata; {@link generatorStateFromJSON} gives it back, so `setState` resumes
 * the stream bit for bit.
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(generatorStateToJSON(generator.getState()));
 * generator.setState(generatorStateFromJSON(JSON.parse(saved)));
 * ```
 */
export function generatorStateToJSON(state: GeneratorState): GeneratorStateJSON {
  if (typeof state !== 'object' || state === null || typeof state.seed !== 'bigint' || !(state.key instanceof Uint32Array)) {
    throw new ValueError('INVALID_ARGUMENT', `generatorStateToJSON: 'state' must be what Generator.getState() returns, got ${describe(state)}`);
  }
  return { seed: state.seed.toString(), key: Array.from(state.key), index: state.index, cachedNormal: state.cachedNormal };
}

/** The {@link GeneratorState} of {@link generatorStateToJSON}'s output (checked again by `setState`). */
export function generatorStateFromJSON(json: GeneratorStateJSON): GeneratorState {
  if (typeof json !== 'object' || json === null || typeof json.seed !== 'string' || !/^\d+$/.test(json.seed) || !Array.isArray(json.key)) {
    throw new ValueError('INVALID_ARGUMENT', `generatorStateFromJSON: 'json' must be what generatorStateToJSON() returns, got ${describe(json)}`);
  }
  if (!json.key.every((word) => Number.isInteger(word) && word >= 0 && word <= 0xffffffff)) {
    throw new ValueError('INVALID_ARGUMENT', "generatorStateFromJSON: 'key' must hold 32-bit unsigned integers");
  }
  return { seed: BigInt(json.seed), key: Uint32Array.from(json.key), index: json.index, cachedNormal: json.cachedNormal };
}

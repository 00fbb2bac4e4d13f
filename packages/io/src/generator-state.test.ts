import { Generator, ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { generatorStateFromJSON, generatorStateToJSON } from './generator-state';

describe('generator state as JSON', () => {
  it('draw, save, draw more, restore, draw again: the same values, bit for bit', () => {
    const generator = new Generator(2024);
    for (let i = 0; i < 700; i++) generator.nextUint32(); // past a twist
    generator.nextNormal(); // leaves the pair's second value cached
    const saved = JSON.stringify(generatorStateToJSON(generator.getState()));
    const first = [generator.nextNormal(), generator.nextFloat(), generator.nextDouble(), generator.nextUint32()];
    for (let i = 0; i < 1000; i++) generator.nextFloat();
    generator.setState(generatorStateFromJSON(JSON.parse(saved)));
    expect([generator.nextNormal(), generator.nextFloat(), generator.nextDouble(), generator.nextUint32()]).toEqual(first);
    expect(generator.initialSeed()).toBe(2024n);
  });

  it('keeps a seed beyond 2^53 exactly', () => {
    const generator = new Generator(2n ** 63n + 5n);
    const json = JSON.parse(JSON.stringify(generatorStateToJSON(generator.getState())));
    expect(json.seed).toBe('9223372036854775813');
    expect(new Generator().setState(generatorStateFromJSON(json)).initialSeed()).toBe(2n ** 63n + 5n);
  });

  it('rejects what it did not write', () => {
    expect(() => generatorStateToJSON({} as never)).toThrow(ValueError);
    expect(() => generatorStateFromJSON({ seed: 1, key: [] } as never)).toThrow("generatorStateFromJSON: 'json' must be what generatorStateToJSON() returns");
    expect(() => generatorStateFromJSON({ seed: '1', key: [-1], index: 0, cachedNormal: null })).toThrow('32-bit unsigned integers');
  });
});

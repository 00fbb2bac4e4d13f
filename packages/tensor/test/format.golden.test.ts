import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatValues } from '../src/format';
import { decodeNumber, storageOf } from './fixture-values';

// Written by scripts/fixtures/gen_format.py from PyTorch 1.13's repr().
interface FormatCase {
  name: string;
  dtype: 'float32' | 'float64' | 'int32' | 'bool';
  shape: number[];
  values: (number | 'nan' | 'inf' | '-inf')[];
  suffixes: string[];
  expected: string;
}

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/format.json', import.meta.url), 'utf8'),
) as { cases: FormatCase[] };

describe('formatValues matches PyTorch 1.13 repr', () => {
  it('has a large fixture', () => {
    expect(fixture.cases.length).toBeGreaterThan(250);
  });

  it.each(fixture.cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    const storage = storageOf(testCase.dtype, testCase.values);
    if (testCase.dtype === 'float32') {
      // The fixture holds each float32's exact double: storing it must not change it.
      expect(Array.from(storage)).toEqual(testCase.values.map(decodeNumber));
    }
    expect(formatValues(storage, testCase.shape, testCase.dtype, testCase.suffixes)).toBe(testCase.expected);
  });
});

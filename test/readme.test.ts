/*
 * The root README's snippet runs as a user would run it (a file inside
 * packages/autograd, so '@gradlab/autograd' resolves) and prints exactly what
 * its comments show.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectedOutput, extractSnippets, runSnippet } from '../scripts/readme-snippets';

const autogradDir = fileURLToPath(new URL('../packages/autograd', import.meta.url));
const snippets = extractSnippets(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));

describe('root README', () => {
  it('has the homework snippet', () => {
    expect(snippets.length).toBe(1);
  });

  snippets.forEach((code, index) => {
    it(`snippet ${index + 1} prints what its comments show`, () => {
      const expected = expectedOutput(code);
      expect(expected.length).toBeGreaterThan(0);
      expect(runSnippet(autogradDir, code)).toEqual(expected);
    });
  });
});

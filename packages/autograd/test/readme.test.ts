/*
 * The README's snippets run as a user would run them (a file inside the
 * package importing '@gradlab/autograd') and print exactly what their comments
 * show.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectedOutput, extractSnippets, runSnippet } from '../../../scripts/readme-snippets';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const snippets = extractSnippets(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));

describe('README', () => {
  it('has the homework snippet, the grad() snippet and the non-leaf snippet', () => {
    expect(snippets.length).toBe(3);
  });

  snippets.forEach((code, index) => {
    it(`snippet ${index + 1} prints what its comments show`, () => {
      const expected = expectedOutput(code);
      expect(expected.length).toBeGreaterThan(0);
      expect(runSnippet(packageDir, code)).toEqual(expected);
    });
  });
});

/*
 * The root README's snippet runs as a user would run it (a file inside
 * packages/autograd, so '@gradlab/autograd' resolves) and prints exactly what
 * its comments show.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractSnippets, itPrintsWhatItsCommentsShow } from '../scripts/readme-snippets';

const autogradDir = fileURLToPath(new URL('../packages/autograd', import.meta.url));
const snippets = extractSnippets(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));

describe('root README', () => {
  it('has the homework snippet', () => {
    expect(snippets.length).toBe(1);
  });

  itPrintsWhatItsCommentsShow(snippets, autogradDir);
});

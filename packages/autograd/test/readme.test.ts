/*
 * The README's snippets run as a user would run them (a file inside the
 * package importing '@gradlab/autograd') and print exactly what their comments
 * show.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractSnippets, itPrintsWhatItsCommentsShow } from '../../../scripts/readme-snippets';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const snippets = extractSnippets(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));

describe('README', () => {
  it('has the homework snippet, the grad() snippet and the non-leaf snippet', () => {
    expect(snippets.length).toBe(3);
  });

  itPrintsWhatItsCommentsShow(snippets, packageDir);
});

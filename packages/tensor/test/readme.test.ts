/*
 * The README's snippets run as a user would run them (a file inside the
 * package importing '@gradlab/tensor') and print exactly what their comments
 * show; examples/readme.ts is the same snippet.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractSnippets, itPrintsWhatItsCommentsShow } from '../../../scripts/readme-snippets';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const snippets = extractSnippets(readFileSync(new URL('../README.md', import.meta.url), 'utf8'));

describe('README', () => {
  it('has a ts snippet, and examples/readme.ts is the first one', () => {
    expect(snippets.length).toBeGreaterThan(0);
    const example = readFileSync(new URL('../examples/readme.ts', import.meta.url), 'utf8');
    expect(example.slice(example.indexOf('import '))).toBe(snippets[0]);
  });

  itPrintsWhatItsCommentsShow(snippets, packageDir);
});

import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { checkSnippet, expectations, matches, packageReadme, readmeSnippets } from '../../../scripts/readme-snippets';

const packageDir = join(__dirname, '..');

// The checker (scripts/readme-snippets.ts) is tested in packages/nn/test/readme.test.ts.

const snippets = readmeSnippets(packageReadme(__dirname));

describe('README snippets run and print what they claim', () => {
  it('the README has ts snippets whose console.log lines show their output', () => {
    expect(snippets.length).toBeGreaterThan(0);
    expect(snippets.flatMap((s) => expectations(s.code)).length).toBeGreaterThan(0);
  });

  for (const snippet of snippets) {
    it(`README.md:${snippet.line}`, () => {
      for (const check of checkSnippet(packageDir, snippet.code)) {
        const where = `README.md:${snippet.line + check.line} printed:\n${check.actual}\nexpected:\n${check.expected}`;
        expect(check.actual, where).not.toBeNull();
        expect(matches(check.actual!, check.expected), where).toBe(true);
      }
    });
  }
});

import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { checkSnippet, expectations, matches, packageReadme, readmeSnippets } from '../../../scripts/readme-snippets';

const packageDir = join(__dirname, '..');

const snippets = readmeSnippets(packageReadme(__dirname));

describe('the README checker', () => {
  it('reads a trailing comment, or the comment lines below the call', () => {
    const code = "console.log(1 + 1); // 2\nconsole.log('a\\nb'); // prose\n// a\n// b\nconsole.log(3);\nx; // not a log";
    expect(expectations(code)).toEqual([
      { line: 1, expected: '2' },
      { line: 2, expected: 'a\nb' },
    ]);
  });

  it("matches '...' against any text and nothing else loosely", () => {
    expect(matches('tensor([1., 2.])', 'tensor([1., 2.])')).toBe(true);
    expect(matches('[1, 2, 3, 4]', '[1, 2, ...]')).toBe(true);
    expect(matches('[1, 2, 3]', '[1, 3, ...]')).toBe(false);
    expect(matches('13.8719', '13.871')).toBe(false);
    expect(matches('a(b)', 'a(b)')).toBe(true);
  });

  it('catches a snippet whose output differs from its comment', () => {
    const [check] = checkSnippet(packageDir, "console.log(String(2 + 2)); // 5");
    expect(check).toEqual({ line: 1, expected: '5', actual: '4' });
  });
});

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

import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { checkSnippet, describeReadmeSnippets, expectations, matches } from '../../../scripts/readme-snippets';

const packageDir = join(__dirname, '..');

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

describeReadmeSnippets(packageDir);

/*
 * Runs the ```ts snippets of a package README as a user would (a file inside
 * the package importing the package by name, run by tsx against the sources)
 * and reads what each one should print from its comments. Used by
 * packages/<pkg>/test/readme.test.ts.
 *
 * The convention a README follows: every `console.log(...)` call sits on
 * one line (possibly after other code, as in `if (...) console.log(...)`) and shows what it prints in comments, either at the end of that line
 * (`console.log(String(x)); // tensor([1., 2.])`) or, for output of several
 * lines, on the comment lines right below it:
 *
 *   console.log(String(x.T));
 *   // tensor([[1., 4.],
 *   //         [2., 5.]])
 *
 * A trailing comment and comment lines below may be combined (first line, then
 * the rest). A `console.log` with no comment fails the test: nothing printed
 * goes unchecked.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The bodies of the ```ts code blocks of a Markdown text, in order. */
export function extractSnippets(markdown: string): string[] {
  const snippets: string[] = [];
  const fence = /^```ts\s*\n([\s\S]*?)^```\s*$/gm;
  for (let match = fence.exec(markdown); match !== null; match = fence.exec(markdown)) snippets.push(match[1]!);
  return snippets;
}

// Splits a line into its code and the `//` comment at its end (outside string literals).
function splitComment(line: string): { code: string; comment: string | null } {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === '/' && line[i + 1] === '/') {
      return { code: line.slice(0, i), comment: line.slice(i + 2).replace(/^ /, '') };
    }
  }
  return { code: line, comment: null };
}

/**
 * The lines a snippet claims to print, from the comments of its
 * `console.log` lines. Throws when a `console.log` shows no output.
 */
export function expectedOutput(code: string): string[] {
  const lines = code.split('\n');
  const expected: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const { code: statement, comment } = splitComment(line);
    if (!statement.includes('console.log(')) continue;
    const shown: string[] = [];
    if (comment !== null) shown.push(comment);
    while (i + 1 < lines.length && /^\s*\/\/( |$)/.test(lines[i + 1]!)) {
      shown.push(lines[++i]!.replace(/^\s*\/\/ ?/, ''));
    }
    if (shown.length === 0) throw new Error(`README snippet: line "${line.trim()}" does not show what it prints`);
    expected.push(...shown);
  }
  return expected;
}

/**
 * Writes `code` to a temporary file inside `packageDir` (so the package's own
 * name resolves to it) and runs it with Node and tsx under the
 * `@gradlab/source` condition; returns what it printed, line by line.
 */
export function runSnippet(packageDir: string, code: string): string[] {
  const dir = mkdtempSync(join(packageDir, '.readme-'));
  try {
    const file = join(dir, 'snippet.ts');
    writeFileSync(file, code);
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@gradlab/source', file], {
      cwd: packageDir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    return stdout === '' ? [] : stdout.replace(/\n$/, '').split('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

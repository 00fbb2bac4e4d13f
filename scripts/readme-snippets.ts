/*
 * Runs the ```ts snippets of a README as a user would (a file inside a
 * package, importing packages by name, run by tsx against the sources under
 * the `@gradlab/source` condition) and reads what each one should print from
 * its comments. Used by every packages/<pkg>/test/readme.test.ts and by the
 * root test/readme.test.ts.
 *
 * The convention a README follows: every `console.log(...)` call sits on one
 * line (possibly after other code, as in `if (...) console.log(...)`) and
 * shows what it prints in comments: the `//` lines right below the call when
 * there are any (a trailing comment on the call then only explains it), else
 * the trailing `// text` on the call's line:
 *
 *   console.log(String(x.sum(1))); // tensor([ 6., 15.])
 *   console.log(String(x.T));      // the transpose
 *   // tensor([[1., 4.],
 *   //         [2., 5.]])
 *
 * `...` in a comment matches any text (see `matches`). Two ways to check:
 * `expectedOutput` + `runSnippet` compare the whole of stdout with every
 * comment, and a `console.log` with no comment fails; `checkSnippet` pairs
 * each commented `console.log` with what that call printed (uncommented ones
 * run unchecked).
 *
 * A snippet may import a sibling `@gradlab/*` package that the package it
 * runs in does not depend on (nn's README trains with @gradlab/losses, as a
 * user who installed both would): such imports point at that package's sources.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MARK = '\u0000log:';

export interface Snippet {
  /** The line of the Markdown text where the block's fence stands (1-based). */
  readonly line: number;
  readonly code: string;
}

export interface Expectation {
  /** The 1-based line of the console.log inside the snippet. */
  readonly line: number;
  readonly expected: string;
}

export interface LogCheck extends Expectation {
  /** What the first call on that line printed, or null when it never ran. */
  readonly actual: string | null;
}

/** The ```ts blocks of a Markdown text, with the line each starts on. */
export function readmeSnippets(markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  const fence = /^```ts\s*\n([\s\S]*?)^```\s*$/gm;
  for (const match of markdown.matchAll(fence)) {
    snippets.push({ line: markdown.slice(0, match.index).split('\n').length, code: match[1]! });
  }
  return snippets;
}

/** The bodies of the ```ts code blocks of a Markdown text, in order. */
export function extractSnippets(markdown: string): string[] {
  return readmeSnippets(markdown).map((snippet) => snippet.code);
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

interface LogLine {
  readonly line: number;
  readonly text: string;
  /** The lines the comments show, or null for a console.log with no comment. */
  readonly shown: string[] | null;
}

// Every console.log of a snippet with the lines its comments show.
function logLines(code: string): LogLine[] {
  const lines = code.split('\n');
  const out: LogLine[] = [];
  lines.forEach((text, i) => {
    const { code: statement, comment } = splitComment(text);
    if (!statement.includes('console.log(')) return;
    const below: string[] = [];
    for (let k = i + 1; k < lines.length && /^\s*\/\//.test(lines[k]!); k++) below.push(lines[k]!.replace(/^\s*\/\/ ?/, ''));
    out.push({ line: i + 1, text, shown: below.length > 0 ? below : comment !== null ? [comment] : null });
  });
  return out;
}

/** The output each commented `console.log` of a snippet claims. */
export function expectations(code: string): Expectation[] {
  return logLines(code).flatMap(({ line, shown }) => (shown === null ? [] : [{ line, expected: shown.join('\n').trimEnd() }]));
}

/**
 * The lines a snippet claims to print, in order, from the comments of its
 * `console.log` lines. Throws when a `console.log` shows no output.
 */
export function expectedOutput(code: string): string[] {
  return logLines(code).flatMap(({ text, shown }) => {
    if (shown === null) throw new Error(`README snippet: line "${text.trim()}" does not show what it prints`);
    return shown;
  });
}

/** True when `actual` is `expected` with each `...` standing for any text. */
export function matches(actual: string, expected: string): boolean {
  const pattern = expected
    .split('...')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return new RegExp(`^${pattern}$`).test(actual.trimEnd());
}

// The @gradlab packages a file inside `packageDir` resolves by name: itself and its dependencies.
function resolvablePackages(packageDir: string): Set<string> {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const names = new Set<string>([String(manifest.name)]);
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
    for (const name of Object.keys((manifest[field] as Record<string, string> | undefined) ?? {})) names.add(name);
  }
  return names;
}

// Writes `source` to a temporary file inside `packageDir` and runs it with Node and tsx; returns stdout.
function execute(packageDir: string, source: string, original: string): string {
  const known = resolvablePackages(packageDir);
  const code = source.replace(/from '(@gradlab\/([a-z-]+))'/g, (text, name: string, short: string) =>
    known.has(name) ? text : `from '${join(ROOT, 'packages', short, 'src/index.ts')}'`,
  );
  const dir = mkdtempSync(join(packageDir, '.readme-'));
  try {
    const file = join(dir, 'snippet.ts');
    writeFileSync(file, code);
    return execFileSync(process.execPath, ['--import', 'tsx', '--conditions=@gradlab/source', file], {
      cwd: packageDir,
      encoding: 'utf8',
      timeout: 60_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`the snippet failed:\n${stderr ?? String(error)}\n--- stdout ---\n${stdout ?? ''}\n--- source ---\n${original}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `code` as a file inside `packageDir` (so the package's own name and its
 * dependencies resolve as they would for a user); returns what it printed,
 * line by line.
 */
export function runSnippet(packageDir: string, code: string): string[] {
  const stdout = execute(packageDir, code, code);
  return stdout === '' ? [] : stdout.replace(/\n$/, '').split('\n');
}

/**
 * Runs `code` inside `packageDir` and returns, for each commented
 * `console.log`, what it claims and what that call printed first.
 */
export function checkSnippet(packageDir: string, code: string): LogCheck[] {
  const lines = code.split('\n');
  // Each console.log first prints a marker with its line, so that its output can be told apart.
  for (const { line } of logLines(code)) {
    const text = lines[line - 1]!;
    const at = splitComment(text).code.indexOf('console.log(');
    const call = `(process.stdout.write('${MARK}${line}\\n'), console.log)(`;
    lines[line - 1] = text.slice(0, at) + call + text.slice(at + 'console.log('.length);
  }
  const stdout = execute(packageDir, lines.join('\n'), code);
  const printed = new Map<number, string>();
  for (const chunk of stdout.split(MARK).slice(1)) {
    const newline = chunk.indexOf('\n');
    const line = Number(chunk.slice(0, newline));
    if (!printed.has(line)) printed.set(line, chunk.slice(newline + 1).replace(/\n$/, ''));
  }
  return expectations(code).map((e) => ({ ...e, actual: printed.get(e.line) ?? null }));
}

/**
 * The vitest suite of a package README: it has ts snippets with commented
 * `console.log` lines, and each snippet (run inside `packageDir`) prints what
 * every comment claims.
 */
export function describeReadmeSnippets(packageDir: string): void {
  const snippets = readmeSnippets(readFileSync(join(packageDir, 'README.md'), 'utf8'));
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
}

/**
 * One vitest test per snippet: run inside `packageDir`, it prints exactly what
 * its comments show, and nothing else (every `console.log` must be commented).
 */
export function itPrintsWhatItsCommentsShow(snippets: readonly string[], packageDir: string): void {
  snippets.forEach((code, index) => {
    it(`snippet ${index + 1} prints what its comments show`, () => {
      const expected = expectedOutput(code);
      expect(expected.length).toBeGreaterThan(0);
      expect(runSnippet(packageDir, code)).toEqual(expected);
    });
  });
}

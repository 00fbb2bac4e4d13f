/**
 * Runs the ```ts blocks of a package README and checks what they print.
 *
 * A block runs as its own file with `tsx --conditions=@gradlab/source`, its
 * `@gradlab/*` imports pointing at the packages' sources (so a README may use a
 * sibling package that this one does not depend on, as a user who installed both
 * would). What each `console.log(...)` prints is checked against the comment
 * that shows it: the `//` lines right below the call when there are any (a
 * trailing comment on the call then only explains it), else the trailing
 * `// text` on the call's line. `...` in a comment matches anything.
 * A `console.log` with no comment is run but not checked.
 *
 * NOTE: the same file stands in packages/{nn,losses,optim,formula}/test (a test
 * helper may not import across packages); keep the copies identical.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const MARK = '\u0000log:';

export interface Snippet {
  /** The line of the README where the block starts (1-based). */
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

/** The ```ts blocks of a Markdown text. */
export function readmeSnippets(markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  const pattern = /^```ts\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(pattern)) {
    snippets.push({ line: markdown.slice(0, match.index).split('\n').length, code: match[1]! });
  }
  return snippets;
}

/** The output each commented `console.log` of a snippet claims. */
export function expectations(code: string): Expectation[] {
  const lines = code.split('\n');
  const out: Expectation[] = [];
  lines.forEach((text, i) => {
    if (!/^\s*console\.log\(/.test(text)) return;
    const below: string[] = [];
    for (let k = i + 1; k < lines.length && /^\s*\/\//.test(lines[k]!); k++) below.push(lines[k]!.replace(/^\s*\/\/ ?/, ''));
    // The lines below, when there are any, show the output (a trailing comment then only explains the call).
    if (below.length > 0) {
      out.push({ line: i + 1, expected: below.join('\n').trimEnd() });
      return;
    }
    const trailing = /\);\s*\/\/ ?(.*)$/.exec(text);
    if (trailing) out.push({ line: i + 1, expected: trailing[1]!.trimEnd() });
  });
  return out;
}

/** True when `actual` is `expected` with each `...` standing for any text. */
export function matches(actual: string, expected: string): boolean {
  const pattern = expected
    .split('...')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return new RegExp(`^${pattern}$`).test(actual.trimEnd());
}

/**
 * Runs a snippet and returns, for each commented `console.log`, what it
 * claims and what it printed. Throws (with stderr) when the snippet fails.
 */
export function runSnippet(code: string): LogCheck[] {
  const source = code
    .replace(/from '@gradlab\/([a-z-]+)'/g, (_, name: string) => `from '${join(ROOT, 'packages', name, 'src/index.ts')}'`)
    // Each console.log first prints a marker with its line, so that its output can be told apart.
    .split('\n')
    .map((text, i) => text.replace(/^(\s*)console\.log\(/, `$1process.stdout.write('${MARK}${i + 1}\\n'); console.log(`))
    .join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'gradlab-readme-'));
  const file = join(dir, 'snippet.ts');
  writeFileSync(file, source);
  let stdout: string;
  try {
    stdout = execFileSync(join(ROOT, 'node_modules/.bin/tsx'), ['--conditions=@gradlab/source', file], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
  } catch (error) {
    const { stderr, stdout: partial } = error as { stderr?: string; stdout?: string };
    throw new Error(`the snippet failed:\n${stderr ?? ''}\n--- stdout ---\n${partial ?? ''}\n--- source ---\n${code}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const printed = new Map<number, string>();
  for (const chunk of stdout.split(MARK).slice(1)) {
    const newline = chunk.indexOf('\n');
    const line = Number(chunk.slice(0, newline));
    if (!printed.has(line)) printed.set(line, chunk.slice(newline + 1).replace(/\n$/, ''));
  }
  return expectations(code).map((e) => ({ ...e, actual: printed.get(e.line) ?? null }));
}

/** The README of the package whose test directory is `testDir`. */
export function packageReadme(testDir: string): string {
  return readFileSync(join(testDir, '../README.md'), 'utf8');
}

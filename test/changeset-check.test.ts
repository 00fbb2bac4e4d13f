/*
 * scripts/changeset-check.mjs: its decision on temporary git repositories shaped like gradlab
 * (a published package, a private one, .changeset/), and the parsing it rests on.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { afterEach, describe, expect, it } from 'vitest';

// @ts-expect-error: a plain JavaScript module without type declarations
import { changesetPackages, checkRepository, findBase } from '../scripts/changeset-check.mjs';

const repos: string[] = [];
afterEach(() => {
  for (const repo of repos.splice(0)) rmSync(repo, { recursive: true, force: true });
});

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function write(repo: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
}

function commit(repo: string, message: string, files: Record<string, string>): string {
  write(repo, files);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

const changeset = (body: string): string => `---\n${body}---\n\nA change.\n`;

/** A repository on main: a published package `@x/lib`, a private app, and the check itself. */
function repository(): string {
  const repo = mkdtempSync(join(tmpdir(), 'changeset-check-'));
  repos.push(repo);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'test');
  git(repo, 'config', 'commit.gpgsign', 'false');
  commit(repo, 'history before the check', {
    'packages/lib/package.json': JSON.stringify({ name: '@x/lib', version: '0.0.0' }),
    'packages/lib/src/index.ts': 'export const a = 1;\n',
    'packages/app/package.json': JSON.stringify({ name: '@x/app', private: true }),
    'packages/app/src/main.ts': 'console.log(1);\n',
  });
  commit(repo, 'an old source change without a changeset', { 'packages/lib/src/index.ts': 'export const a = 2;\n' });
  commit(repo, 'the check', { 'scripts/changeset-check.mjs': '// the check\n', '.changeset/README.md': 'changesets\n' });
  return repo;
}

describe('changeset-check on a repository', () => {
  it('passes a fresh clone of main: history before the check is not judged', () => {
    const repo = repository();
    const clone = mkdtempSync(join(tmpdir(), 'changeset-clone-'));
    repos.push(clone);
    git(clone, 'clone', '-q', repo, '.');
    expect(findBase(clone, {}).reason).toBe('the commit that added scripts/changeset-check.mjs');
    expect(checkRepository(clone).ok).toBe(true);
  });

  it('fails a commit on main that touches a package source without a changeset', () => {
    const repo = repository();
    commit(repo, 'fix', { 'packages/lib/src/index.ts': 'export const a = 3;\n' });
    const result = checkRepository(repo);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/without a later changeset naming their package[\s\S]*@x\/lib, changed by\n\s+\w+ fix/);
  });

  it('fails a change to the package.json of a published package without a changeset', () => {
    const repo = repository();
    commit(repo, 'publishConfig', { 'packages/lib/package.json': JSON.stringify({ name: '@x/lib', version: '0.0.0', publishConfig: { access: 'public' } }) });
    expect(checkRepository(repo).ok).toBe(false);
  });

  it('passes when the change carries a changeset naming the package, also in a later commit', () => {
    const repo = repository();
    commit(repo, 'fix', { 'packages/lib/src/index.ts': 'export const a = 3;\n' });
    commit(repo, 'its changeset', { '.changeset/fix.md': changeset('"@x/lib": patch\n') });
    expect(checkRepository(repo).ok).toBe(true);
  });

  it('fails a newer change on main that an older pending changeset for the package does not follow', () => {
    const repo = repository();
    commit(repo, 'fix', { 'packages/lib/src/index.ts': 'export const a = 3;\n', '.changeset/fix.md': changeset('"@x/lib": patch\n') });
    expect(checkRepository(repo).ok).toBe(true);
    commit(repo, 'another fix', { 'packages/lib/src/other.ts': 'export const b = 1;\n' });
    const result = checkRepository(repo);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/another fix/);
    expect(result.message.match(/^ +[0-9a-f]{7,} /gm)).toHaveLength(1); // only the newer commit
    commit(repo, 'its changeset', { '.changeset/fix.md': changeset('"@x/lib": minor\n') });
    expect(checkRepository(repo).ok).toBe(true);
  });

  it('takes a changeset brought by a merge for the branch commits it follows', () => {
    const repo = repository();
    git(repo, 'checkout', '-q', '-b', 'feature');
    commit(repo, 'feature', { 'packages/lib/src/index.ts': 'export const a = 4;\n' });
    commit(repo, 'feature changeset', { '.changeset/feature.md': changeset('"@x/lib": minor\n') });
    git(repo, 'checkout', '-q', 'main');
    commit(repo, 'docs on main', { 'docs/notes.md': 'notes\n' });
    git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'feature');
    expect(checkRepository(repo).ok).toBe(true);
  });

  it('takes a changeset written in a merge commit, but not one that a side of the merge brought', () => {
    const repo = repository();
    git(repo, 'checkout', '-q', '-b', 'feature');
    commit(repo, 'feature', { 'packages/lib/src/index.ts': 'export const a = 4;\n' });
    git(repo, 'checkout', '-q', 'main');
    commit(repo, 'main changeset for an earlier change', { '.changeset/old.md': changeset('"@x/lib": patch\n') });
    git(repo, 'merge', '-q', '--no-ff', '--no-edit', 'feature');
    // The changeset came from main's side, before the feature commit: it does not follow it.
    expect(checkRepository(repo).ok).toBe(false);
    git(repo, 'reset', '-q', '--hard', 'HEAD^');
    git(repo, 'merge', '-q', '--no-ff', '--no-commit', 'feature');
    write(repo, { '.changeset/feature.md': changeset('"@x/lib": minor\n') });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '--no-edit');
    expect(checkRepository(repo).ok).toBe(true);
  });

  it('fails when the only changeset names another package', () => {
    const repo = repository();
    commit(repo, 'fix', { 'packages/lib/src/index.ts': 'export const a = 3;\n', '.changeset/fix.md': changeset("'@x/other': minor\n") });
    expect(checkRepository(repo).ok).toBe(false);
  });

  it('takes an empty changeset for no package: it would silence the check until the next release', () => {
    const repo = repository();
    commit(repo, 'comment', { 'packages/lib/src/index.ts': '// a comment\nexport const a = 2;\n', '.changeset/none.md': '---\n---\n' });
    expect(checkRepository(repo).ok).toBe(false);
  });

  it('ignores tests, private packages and files outside packages', () => {
    const repo = repository();
    commit(repo, 'tests and apps', {
      'packages/lib/src/index.test.ts': 'test\n',
      'packages/lib/test/golden.test.ts': 'test\n',
      'packages/app/src/main.ts': 'console.log(2);\n',
      'docs/design.md': 'design\n',
    });
    expect(checkRepository(repo).ok).toBe(true);
  });

  it('judges a branch by its merge-base with main: an older pending changeset does not cover it', () => {
    const repo = repository();
    commit(repo, 'fix', { 'packages/lib/src/index.ts': 'export const a = 3;\n', '.changeset/fix.md': changeset('"@x/lib": patch\n') });
    const mainHead = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-q', '-b', 'feature');
    commit(repo, 'feature', { 'packages/lib/src/index.ts': 'export const a = 4;\n' });
    expect(findBase(repo, {})).toEqual({ base: mainHead, reason: 'the merge-base with main' });
    expect(checkRepository(repo).ok).toBe(false);
    commit(repo, 'feature changeset', { '.changeset/feature.md': changeset('"@x/lib": minor\n') });
    expect(checkRepository(repo).ok).toBe(true);
  });

  it('starts after the last release (changeset version writes the CHANGELOG.md files)', () => {
    const repo = repository();
    commit(repo, 'fix', { 'packages/lib/src/index.ts': 'export const a = 3;\n', '.changeset/fix.md': changeset('"@x/lib": patch\n') });
    rmSync(join(repo, '.changeset/fix.md'));
    const release = commit(repo, 'Version packages', { 'packages/lib/CHANGELOG.md': '# @x/lib\n\n## 0.0.1\n' });
    expect(findBase(repo, {})).toEqual({ base: release, reason: 'the last release' });
    expect(checkRepository(repo).ok).toBe(true);
    commit(repo, 'after the release', { 'packages/lib/src/index.ts': 'export const a = 5;\n' });
    expect(checkRepository(repo).ok).toBe(false);
  });

  it('takes $CHANGESET_CHECK_BASE first', () => {
    const repo = repository();
    const first = git(repo, 'rev-list', '--max-parents=0', 'HEAD');
    expect(findBase(repo, { CHANGESET_CHECK_BASE: first })).toEqual({ base: first, reason: '$CHANGESET_CHECK_BASE' });
    expect(checkRepository(repo, first).ok).toBe(false);
  });
});

describe('changeset-check parsing', () => {
  it('reads the package names of a changeset front matter', () => {
    expect(changesetPackages('---\n"@gradlab/nn": patch\n\'@gradlab/tensor\': minor\n---\n\ntext')).toEqual(['@gradlab/nn', '@gradlab/tensor']);
    expect(changesetPackages('---\n---\n')).toEqual([]);
    expect(changesetPackages('no front matter')).toBeNull();
  });

});

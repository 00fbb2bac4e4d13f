#!/usr/bin/env node
// Fails when a published package's shipped files changed without a changeset naming it.
//
// What counts as a change of package P (packages/P, not private): its src/ (test files
// excepted: they do not ship), package.json and tsup.config.ts. Every commit of the range that
// changes P must be followed by a changeset naming P in its front matter: one added or edited by
// that commit or by a later commit of the range that descends from it (so code and changeset may
// come in two commits, and a merge brings the branch's own). An older pending changeset for P
// does not cover a newer change. An empty changeset (`pnpm changeset --empty`) names no package.
//
// The range is BASE..HEAD. BASE, the first that applies:
//   1. $CHANGESET_CHECK_BASE, when set;
//   2. on a branch, the merge-base with origin/main (or main) when HEAD is not already in it:
//      the branch brings its own changesets;
//   3. otherwise (CI clones main: HEAD is origin/main) the last release, i.e. the newest of the
//      last commit that touched a packages/*/CHANGELOG.md (`changeset version` writes them) and
//      the last `@gradlab/*@*` tag (`changeset publish`) on HEAD's history;
//   4. with no release yet, the commit that added this script: the history before the check
//      existed is not judged.
// Usage: node scripts/changeset-check.mjs [--base <ref>]
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const SELF = 'scripts/changeset-check.mjs';

/** Runs git in `cwd`; null when it fails (an unknown ref). */
function git(cwd, args) {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The package names a changeset's front matter bumps (`"@gradlab/nn": patch`); [] for an empty one. */
export function changesetPackages(text) {
  const match = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text);
  if (match === null) return null;
  const names = [];
  for (const line of match[1].split(/\r?\n/)) {
    const entry = /^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/.exec(line);
    if (entry !== null) names.push(entry[1]);
  }
  return names;
}

/** The pathspecs of what package directory `dir` ships (for `git rev-list -- ...`). */
export function shippedPathspecs(dir) {
  return [`packages/${dir}/src`, `:(glob,exclude)packages/${dir}/src/**/*.test.*`, `packages/${dir}/package.json`, `packages/${dir}/tsup.config.ts`];
}

/**
 * The decision. `touches` maps each changed package name to the commits that changed it;
 * `covering(name)` gives, for each changeset commit naming the package, the set of commits it
 * covers (itself and its ancestors in the range). Returns the uncovered commits per package.
 */
export function uncoveredCommits(touches, covering) {
  const uncovered = new Map();
  for (const [name, commits] of touches) {
    const covered = new Set();
    for (const set of covering(name)) for (const commit of set) covered.add(commit);
    const left = commits.filter((commit) => !covered.has(commit));
    if (left.length > 0) uncovered.set(name, left);
  }
  return uncovered;
}

/** The base commit of the check, as described at the top of this file, and why it was chosen. */
export function findBase(cwd, env = process.env) {
  if (env.CHANGESET_CHECK_BASE) return { base: env.CHANGESET_CHECK_BASE, reason: '$CHANGESET_CHECK_BASE' };
  const head = git(cwd, ['rev-parse', 'HEAD']);
  for (const main of ['origin/main', 'main']) {
    const mainCommit = git(cwd, ['rev-parse', '--verify', '--quiet', `${main}^{commit}`]);
    if (mainCommit === null) continue;
    const headInMain = git(cwd, ['merge-base', '--is-ancestor', 'HEAD', main]) !== null;
    if (!headInMain) {
      const base = git(cwd, ['merge-base', 'HEAD', main]);
      if (base) return { base, reason: `the merge-base with ${main}` };
    }
    break;
  }
  const candidates = [];
  const changelog = git(cwd, ['log', '-1', '--format=%H', 'HEAD', '--', 'packages/*/CHANGELOG.md']);
  if (changelog) candidates.push(changelog);
  const tag = git(cwd, ['describe', '--tags', '--abbrev=0', '--match', '@gradlab/*@*', 'HEAD']);
  if (tag) candidates.push(git(cwd, ['rev-list', '-n', '1', tag]));
  if (candidates.length > 0) {
    // The newer of the two: the one the other is an ancestor of.
    const [first, second] = candidates;
    const newest = second === undefined || git(cwd, ['merge-base', '--is-ancestor', second, first]) !== null ? first : second;
    return { base: newest, reason: 'the last release' };
  }
  const added = git(cwd, ['log', '--diff-filter=A', '--format=%H', 'HEAD', '--', SELF]);
  if (added) {
    const base = added.split('\n').pop();
    return { base, reason: `the commit that added ${SELF}` };
  }
  return { base: head, reason: 'no release and no check yet' };
}

/** Runs the check in the repository at `cwd`; returns { ok, message }. */
export function checkRepository(cwd, base) {
  const packagesDir = join(cwd, 'packages');
  const published = new Map();
  for (const dir of readdirSync(packagesDir, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(packagesDir, dir.name, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (!manifest.private) published.set(dir.name, manifest.name);
  }
  const chosen = base === undefined ? findBase(cwd) : { base, reason: '--base' };
  const range = `${chosen.base}..HEAD`;
  if (git(cwd, ['rev-parse', '--verify', '--quiet', `${chosen.base}^{commit}`]) === null) {
    return { ok: false, message: `changeset-check: unknown base ${chosen.base} (${chosen.reason})` };
  }
  const list = (args) => (git(cwd, args) ?? '').split('\n').filter((line) => line !== '');
  // The commits that changed each published package.
  const touches = new Map();
  for (const [dir, name] of published) {
    const commits = list(['rev-list', '--no-merges', range, '--', ...shippedPathspecs(dir)]);
    if (commits.length > 0) touches.set(name, commits);
  }
  // The changeset commits of the range and the packages each names.
  const named = new Map();
  // A merge counts with the changesets it made itself (-c: those that differ from every parent,
  // such as one written while resolving the merge), not those either side brought.
  for (const commit of list(['rev-list', range, '--', '.changeset/*.md'])) {
    for (const path of list(['diff-tree', '--no-commit-id', '--name-only', '-c', '--diff-filter=AM', '-r', commit, '--', '.changeset/*.md'])) {
      if (path === '.changeset/README.md') continue;
      for (const name of changesetPackages(git(cwd, ['show', `${commit}:${path}`]) ?? '') ?? []) {
        if (!named.has(name)) named.set(name, new Set());
        named.get(name).add(commit);
      }
    }
  }
  const covering = (name) =>
    [...(named.get(name) ?? [])].map((commit) => new Set(list(['rev-list', '--no-merges', `${chosen.base}..${commit}`, '--', ...shippedPathspecs(dirOf(name))])));
  const dirOf = (name) => [...published].find(([, n]) => n === name)[0];
  const uncovered = uncoveredCommits(touches, covering);
  const shown = `${chosen.base.slice(0, 12)}..HEAD (base: ${chosen.reason})`;
  if (uncovered.size > 0) {
    const lines = [...uncovered].map(([name, commits]) => {
      const subjects = commits.map((commit) => `    ${git(cwd, ['log', '-1', '--format=%h %s', commit])}`);
      return `  ${name}, changed by\n${subjects.join('\n')}`;
    });
    return {
      ok: false,
      message: `changeset-check: changes in ${shown} without a later changeset naming their package (run \`pnpm changeset\` and commit the .changeset/*.md file):\n${lines.join('\n')}`,
    };
  }
  return { ok: true, message: `changeset-check: every change to a published package in ${shown} has a changeset` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const index = process.argv.indexOf('--base');
  const base = index >= 0 ? process.argv[index + 1] : undefined;
  const { ok, message } = checkRepository(resolve(import.meta.dirname, '..'), base);
  (ok ? console.log : console.error)(message);
  process.exitCode = ok ? 0 : 1;
}

#!/usr/bin/env node
// Fails when a published package's shipped files changed without a changeset naming it.
//
// What counts as a change of package P (packages/P, not private): its src/ (test files
// excepted: they do not ship), package.json and tsup.config.ts. A changeset covers P when it
// was added or edited in the range and names P in its front matter. An empty changeset
// (`pnpm changeset --empty`) covers nothing: on main the range runs from the last release, and
// one empty changeset would silence the check until the next.
//
// The range is BASE..HEAD, all changes together (so it does not matter how commits were split
// or merged). BASE, the first that applies:
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

/** The published package a repository path ships in, by directory name; null when none. */
export function shippedPackageDir(path, publishedDirs) {
  const match = /^packages\/([^/]+)\/(.+)$/.exec(path);
  if (match === null || !publishedDirs.has(match[1])) return null;
  const rest = match[2];
  if (rest === 'package.json' || rest === 'tsup.config.ts') return match[1];
  if (rest.startsWith('src/') && !/\.test\.[cm]?[jt]sx?$/.test(rest)) return match[1];
  return null;
}

/**
 * The decision, from the changed paths of the range and the changesets added or edited in it.
 * `published` maps a package directory to its name; `changesets` are the files' texts.
 * Returns the names of the changed packages that no changeset covers.
 */
export function uncoveredPackages(changedPaths, changesets, published) {
  const dirs = new Set(published.keys());
  const changed = new Set();
  for (const path of changedPaths) {
    const dir = shippedPackageDir(path, dirs);
    if (dir !== null) changed.add(published.get(dir));
  }
  const covered = new Set();
  for (const text of changesets) {
    const names = changesetPackages(text);
    if (names === null) continue;
    for (const name of names) covered.add(name);
  }
  return [...changed].filter((name) => !covered.has(name)).sort();
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
  const diff = git(cwd, ['diff', '--name-status', '--no-renames', `${chosen.base}`, 'HEAD']);
  if (diff === null) return { ok: false, message: `changeset-check: cannot diff ${chosen.base}..HEAD (${chosen.reason})` };
  const changed = [];
  const changesets = [];
  for (const line of diff.split('\n')) {
    if (line === '') continue;
    const [status, path] = line.split('\t');
    changed.push(path);
    if ((status === 'A' || status === 'M') && /^\.changeset\/[^/]+\.md$/.test(path) && path !== '.changeset/README.md') {
      changesets.push(readFileSync(join(cwd, path), 'utf8'));
    }
  }
  const missing = uncoveredPackages(changed, changesets, published);
  const range = `${chosen.base.slice(0, 12)}..HEAD (base: ${chosen.reason})`;
  if (missing.length > 0) {
    return {
      ok: false,
      message: `changeset-check: ${missing.join(', ')} changed in ${range} without a changeset naming ${missing.length === 1 ? 'it' : 'them'}: run \`pnpm changeset\` and commit the .changeset/*.md file`,
    };
  }
  return { ok: true, message: `changeset-check: every changed package has a changeset in ${range}` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const index = process.argv.indexOf('--base');
  const base = index >= 0 ? process.argv[index + 1] : undefined;
  const { ok, message } = checkRepository(resolve(import.meta.dirname, '..'), base);
  (ok ? console.log : console.error)(message);
  process.exitCode = ok ? 0 : 1;
}

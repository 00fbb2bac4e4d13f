#!/usr/bin/env node
// Packs every published package, installs the tarballs into an empty npm project and loads
// each one with both `import` and `require`, as a user would. Each package's `dist` is deleted
// first: its `prepack` (scripts/prepack.mjs) must build it again, so a `pnpm pack` of an
// unbuilt package cannot ship without `dist`. Each tarball must hold the LICENSE, the README
// and every file its manifest points at. The public entry's .d.ts files must not show
// `@internal` declarations or `_`-prefixed members (dts-leaks.mjs).
// Usage: node scripts/pack-check.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { findLeaks, KNOWN_INTERNAL_EXPORTS } from './dts-leaks.mjs';
import { manifestTargets } from './manifest-targets.mjs';

const root = resolve(import.meta.dirname, '..');
const packagesDir = join(root, 'packages');
const work = mkdtempSync(join(tmpdir(), 'gradlab-pack-'));
const run = (command, args, cwd) => execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

// Each package, with one expression that must print the expected text from both module
// systems; `m` is the package, `a` is @gradlab/autograd.
const smoke = {
  '@gradlab/tensor': ["String(m.tensor([1, 2]).add(1))", 'tensor([2., 3.])'],
  '@gradlab/autograd': [
    "(() => { const x = m.tensor([3], { requiresGrad: true }); x.mul(x).sum().backward(); return String(x.grad); })()",
    'tensor([6.])',
  ],
  '@gradlab/nn': ["String(new m.Linear(5, 11, { bias: false }))", 'Linear(in_features=5, out_features=11, bias=False)'],
  '@gradlab/losses': ["String(m.oneHot(a.tensor([0, 2], { dtype: 'int32' }), 3).toArray())", '1,0,0,0,0,1'],
  '@gradlab/optim': ["typeof m.SGD + ' ' + typeof m.Adam", 'function function'],
  '@gradlab/io': ["String(m.deserialize(m.serialize({ w: a.tensor([1, 2]) })).w.toArray())", '1,2'],
  '@gradlab/formula': ["m.randomFormula('Francesco Tomba').formula", 'tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)'],
};

/** The paths inside a tarball, without npm's `package/` prefix. */
const tarballFiles = (tarball) =>
  run('tar', ['-tzf', tarball], work)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.replace(/^package\//, ''));

try {
  const tarballs = [];
  let failures = 0;
  for (const dir of readdirSync(packagesDir)) {
    const manifest = JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8'));
    if (manifest.private) continue;
    if (!smoke[manifest.name]) throw new Error(`pack-check: no smoke test for ${manifest.name}`);
    rmSync(join(packagesDir, dir, 'dist'), { recursive: true, force: true });
    const out = run('pnpm', ['pack', '--pack-destination', work], join(packagesDir, dir)).trim().split('\n');
    const tarball = out[out.length - 1].trim();
    tarballs.push(tarball);
    const files = new Set(tarballFiles(tarball));
    const wanted = ['package.json', 'LICENSE', 'README.md', ...manifestTargets(manifest).map((path) => path.replace(/^\.\//, ''))];
    const missing = wanted.filter((path) => !files.has(path));
    if (missing.length > 0) failures++;
    console.log(`${missing.length === 0 ? 'ok  ' : 'FAIL'} files   ${manifest.name}${missing.length === 0 ? '' : `: the tarball lacks ${missing.join(', ')}`}`);
  }
  const project = join(work, 'project');
  run('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'pack-check', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--silent', ...tarballs], project);

  // The public entry's declarations, as installed from the tarballs.
  for (const name of Object.keys(smoke)) {
    const installed = join(project, 'node_modules', ...name.split('/'));
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    // Every public subpath's declarations; an internal entry point (a subpath naming `internal`) may hold internals.
    const declarations = Object.entries(manifest.exports)
      .filter(([subpath, entry]) => !subpath.includes('internal') && typeof entry === 'object')
      .flatMap(([, entry]) => [entry.import?.types, entry.require?.types])
      .filter((path) => typeof path === 'string');
    const known = KNOWN_INTERNAL_EXPORTS[name] ?? new Set();
    const leaks = [];
    const exceptions = new Set();
    for (const path of declarations) {
      for (const leak of findLeaks(readFileSync(join(installed, path), 'utf8'))) {
        if (leak.kind === 'internal' && known.has(leak.name)) exceptions.add(leak.name);
        else leaks.push(`${path.replace(/^\.\//, '')}:${leak.line} ${leak.kind === 'internal' ? '@internal' : '_-prefixed'} ${leak.name}`);
      }
    }
    if (leaks.length > 0) failures++;
    const note = exceptions.size > 0 ? ` (known: ${[...exceptions].join(', ')} still exported for another package)` : '';
    console.log(`${leaks.length === 0 ? 'ok  ' : 'FAIL'} d.ts    ${name}${leaks.length === 0 ? note : `: ${leaks.join('; ')}`}`);
  }

  for (const [name, [expression, expected]] of Object.entries(smoke)) {
    const cjs = `const a = require('@gradlab/autograd'); const m = require(${JSON.stringify(name)}); console.log(${expression});`;
    const esm = `import * as a from '@gradlab/autograd'; import * as m from ${JSON.stringify(name)}; console.log(${expression});`;
    for (const [kind, args] of [
      ['require', ['-e', cjs]],
      ['import', ['--input-type=module', '-e', esm]],
    ]) {
      let output;
      try {
        output = run('node', args, project).trim();
      } catch (error) {
        output = `threw: ${error.message.split('\n')[0]}`;
      }
      const ok = output === expected;
      if (!ok) failures++;
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${kind.padEnd(7)} ${name}${ok ? '' : `: got ${JSON.stringify(output)}, expected ${JSON.stringify(expected)}`}`);
    }
  }
  // The formula package's bin, as `npx gradlab-formula` would run it.
  let cli;
  try {
    // The course script's output starts with two blank lines: compare its first non-empty line.
    cli = run(join(project, 'node_modules', '.bin', 'gradlab-formula'), ['Francesco Tomba'], project).split('\n').find((line) => line !== '') ?? '';
  } catch (error) {
    cli = `threw: ${error.message.split('\n')[0]}`;
  }
  const cliExpected = 'f(X) =  tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)';
  if (cli !== cliExpected) failures++;
  console.log(`${cli === cliExpected ? 'ok  ' : 'FAIL'} bin     gradlab-formula${cli === cliExpected ? '' : `: got ${JSON.stringify(cli)}`}`);

  if (failures > 0) {
    console.error(`pack-check: ${failures} failure(s)`);
    process.exitCode = 1;
  } else {
    console.log(`pack-check: ${tarballs.length} packages install from their tarballs and load with import and require`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

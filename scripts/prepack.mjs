#!/usr/bin/env node
// Every published package's `prepack` (run by `pnpm pack`, `npm pack`, `pnpm publish` and so by
// `changeset publish`): builds the package, copies the repository's LICENSE beside its
// package.json, and fails when a file the manifest points at (exports, main, module, types,
// bin) is missing, so a tarball without `dist` cannot be made.
//
// The build is `turbo run build --filter=<package>`: its dependencies first, replayed from
// turbo's cache when the sources did not change. Inside a turbo task (TURBO_HASH is set: the
// `lint` task's `attw --pack` runs `npm pack`, and `lint` depends on `build`) the package was
// just built, and a nested turbo run is avoided; the files are still checked.
// Usage (from a package directory): node ../../scripts/prepack.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { manifestTargets } from './manifest-targets.mjs';

const root = resolve(import.meta.dirname, '..');
const packageDir = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

if (process.env.TURBO_HASH === undefined) {
  const turbo = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'turbo.cmd' : 'turbo');
  execFileSync(turbo, ['run', 'build', `--filter=${manifest.name}`, '--output-logs=errors-only'], {
    cwd: root,
    stdio: ['ignore', process.stderr, 'inherit'], // stdout is the tarball's name for pnpm pack's callers
  });
}

copyFileSync(join(root, 'LICENSE'), join(packageDir, 'LICENSE'));

const missing = manifestTargets(manifest).filter((path) => !existsSync(join(packageDir, path)));
if (missing.length > 0) {
  console.error(`prepack: ${manifest.name} is missing ${missing.join(', ')} after the build`);
  process.exit(1);
}

// The committed kernels.generated.ts must be what the AssemblyScript source compiles to today.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

it('kernels.generated.ts matches a fresh compile of src/wasm/assembly/sgemm.ts', () => {
  const output = execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--check'], { cwd: root, encoding: 'utf8' });
  expect(output).toContain('up to date');
}, 120_000);

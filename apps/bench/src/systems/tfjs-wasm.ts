/**
 * TensorFlow.js on its WebAssembly backend (XNNPACK, SIMD). The .wasm files
 * ship in the npm package; `setWasmPaths` points at its dist folder on disk.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { tfjsSystem } from './tfjs-common';

const require = createRequire(import.meta.url);

const system = tfjsSystem('wasm', () => {
  const packageDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  setWasmPaths(join(packageDir, 'dist') + '/');
});
export const describe = system.describe;
export const createRunner = system.createRunner;

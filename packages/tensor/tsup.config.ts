import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/internal.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // one copy of the shared modules (Tensor, the pool, version counters) behind both entry points, in CJS too
  splitting: true,
});

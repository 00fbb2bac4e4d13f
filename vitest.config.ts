import { defineConfig } from 'vitest/config';

// Tests run against each package's TypeScript sources through the
// "@gradlab/source" export condition, so no build is needed first.
// GRADLAB_TEST_JSON=<file> adds vitest's JSON reporter (used by .ci/run to count results).
const jsonOutput = process.env.GRADLAB_TEST_JSON;

export default defineConfig({
  resolve: {
    conditions: ['@gradlab/source'],
  },
  ssr: {
    resolve: {
      conditions: ['@gradlab/source'],
    },
  },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'apps/*/src/**/*.test.ts',
      'apps/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    testTimeout: 60_000,
    reporters: jsonOutput ? ['default', 'json'] : ['default'],
    ...(jsonOutput ? { outputFile: { json: jsonOutput } } : {}),
  },
});

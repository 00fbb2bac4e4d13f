import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';

/**
 * Writes `sw.js`: the service worker (`sw/service-worker.js`) with the list of
 * this build's files to precache and a version that changes with them.
 */
function serviceWorker(): Plugin {
  return {
    name: 'gradlab-playground-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      // KaTeX ships each font as woff2, woff and ttf; every browser that runs a service worker takes woff2.
      const files = Object.keys(bundle)
        .filter((file) => !file.endsWith('.map') && !/\.(ttf|woff)$/.test(file))
        .sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      const source = readFileSync(new URL('./sw/service-worker.js', import.meta.url), 'utf8')
        .replace('__VERSION__', version)
        .replace('__FILES__', JSON.stringify(['./', ...files.filter((file) => file !== 'index.html')]));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

export default defineConfig({
  // Relative URLs: the built folder works on any static host, at any path.
  base: './',
  resolve: {
    // The workspace packages' TypeScript sources, as the tests use them: no package build needed first.
    conditions: ['@gradlab/source', ...defaultClientConditions],
  },
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'preact' },
  },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // The Graphviz chunk (WebAssembly inlined) is large by nature and loaded only to draw a graph.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // Module reprs print the class name, as PyTorch's do (`MyMLP(...)`): minification must keep it.
      output: { keepNames: true },
    },
  },
  plugins: [serviceWorker()],
});

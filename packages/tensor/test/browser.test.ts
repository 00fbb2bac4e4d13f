/**
 * The WebAssembly path in a browser: @gradlab/tensor bundled from its sources with esbuild (as a
 * bundler would) into a page of headless Chromium (Debian's, through playwright-core; skipped
 * where it is missing, except on CI). The page is not cross-origin isolated, so it also checks the
 * fallbacks: no SharedArrayBuffer, one thread, and pure TypeScript until `await ready()`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.GRADLAB_CHROMIUM ?? '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present && process.env.CI === 'true') throw new Error(`CI=true but there is no Chromium at ${CHROMIUM}`);

// Runs in the page: products before and after ready(), each checked against float64 sums.
const ENTRY = `
import { getNumThreads, manualSeed, mm, randn, ready, wasmInfo } from './src/index';
function maxScaledError(c, a, b, M, K, N) {
  let worst = 0;
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) {
    let sum = 0, magnitude = 0;
    for (let k = 0; k < K; k++) { const t = a[i * K + k] * b[k * N + j]; sum += t; magnitude += Math.abs(t); }
    worst = Math.max(worst, Math.abs(c[i * N + j] - sum) / (magnitude * 2 ** -24 * (K + 1)));
  }
  return worst;
}
globalThis.runChecks = async () => {
  manualSeed(5);
  const a = randn([70, 90]), b = randn([90, 45]);
  const before = { info: wasmInfo(), error: maxScaledError(mm(a, b).storage, a.storage, b.storage, 70, 90, 45) };
  const t0 = performance.now();
  await ready();
  const readyMs = performance.now() - t0;
  const after = { info: wasmInfo(), error: maxScaledError(mm(a, b).storage, a.storage, b.storage, 70, 90, 45) };
  const big = randn([300, 257]), other = randn([257, 301]);
  const bigError = maxScaledError(mm(big, other).storage, big.storage, other.storage, 300, 257, 301);
  return { before, after, bigError, readyMs, threads: getNumThreads(), sab: typeof SharedArrayBuffer, chrome: Number(navigator.userAgent.split('Chrome/')[1]?.split('.')[0] ?? 0) };
};
`;

describe.skipIf(!present)('the WebAssembly path in headless Chromium', () => {
  let browser: Browser;
  let script = '';

  beforeAll(async () => {
    const root = join(__dirname, '..');
    const result = await build({
      stdin: { contents: ENTRY, resolveDir: root, loader: 'ts' },
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'error',
    });
    script = result.outputFiles[0]!.text;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('runs on TypeScript until ready(), then on WASM SIMD, within float32 rounding of float64', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent('<!doctype html><title>gradlab wasm</title>');
    await page.addScriptTag({ content: script });
    const result = (await page.evaluate('runChecks()')) as {
      before: { info: { active: boolean; simd: boolean; threads: boolean }; error: number };
      after: { info: { active: boolean; simd: boolean; relaxed: boolean; threads: boolean }; error: number };
      bigError: number;
      threads: number;
      sab: string;
      chrome: number;
    };
    expect(errors).toEqual([]);
    expect(result.before.info.active).toBe(false); // nothing happens at import in a browser
    expect(result.after.info).toMatchObject({ active: true, simd: true, threads: false });
    expect(result.threads).toBe(1);
    // Chrome has relaxed SIMD on since 114: the 6x8 FMA build is the one in use there
    if (result.chrome >= 114) expect(result.after.info.relaxed).toBe(true);
    expect(result.sab).toBe('undefined'); // not cross-origin isolated
    expect(result.before.error).toBeLessThanOrEqual(1);
    expect(result.after.error).toBeLessThanOrEqual(1);
    expect(result.bigError).toBeLessThanOrEqual(1);
    await page.close();
  }, 60_000);
});

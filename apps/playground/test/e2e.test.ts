/**
 * The playground end to end, in a real browser: the site is built with Vite
 * into a temporary folder, served by a plain static server on localhost, and
 * driven in headless Chromium (Debian's, through playwright-core) by the same
 * test hooks (`data-testid`) a TA's own checks use.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { renderSolution, solve, randomFormula, workedSolution } from '@gradlab/formula';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import stdout from '../../../packages/formula/test/fixtures/course-stdout.json';
import vectors from '../../../packages/formula/test/fixtures/randomizer.json';
import torchEx2 from '../../demo/test/fixtures/ex2-torch.json';
import { browserAvailable, launch } from './browser';
import { serve, type StaticServer } from './serve';

const APP = resolve(__dirname, '..');
const available = browserAvailable();

let out = '';
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;

async function open(search: string, viewport = { width: 1280, height: 900 }, from: BrowserContext = context): Promise<Page> {
  const page = await from.newPage();
  await page.setViewportSize(viewport);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors?: string[] }).errors = errors;
  await page.goto(`${server.url}${search}`);
  return page;
}

const errorsOf = (page: Page): string[] => (page as Page & { errors?: string[] }).errors ?? [];

describe.skipIf(!available)('the playground in headless Chromium', () => {
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'gradlab-playground-'));
    // NOTE: vitest sets NODE_ENV=test, which would make this a development build: build as `vite build` does.
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await build({ root: APP, configFile: join(APP, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
    } finally {
      process.env.NODE_ENV = env;
    }
    server = await serve(out);
    browser = await launch();
    context = await browser.newContext();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it("shows a name's formula and values exactly as the course script prints them", async () => {
    // How long a first visit takes to show a name's formula and tables (printed, not asserted: speed lives in benchmarks).
    const first = await browser.newContext({ serviceWorkers: 'block' });
    const timed = await first.newPage();
    await timed.goto(`${server.url}?name=Francesco%20Tomba`);
    await timed.getByTestId('forward-next').waitFor();
    const shown = await timed.evaluate(() => performance.now());
    console.log(`playground: a name's formula, f, ∇f and the tables shown ${shown.toFixed(0)} ms after navigation (first visit, nothing cached)`);
    await first.close();
    const page = await open('');
    for (const entry of (stdout as { name: string; stdout: string }[]).slice(0, 6)) {
      await page.getByTestId('name-input').fill(entry.name);
      const random = randomFormula(entry.name);
      await expect.poll(() => page.getByTestId('formula').textContent()).toBe(random.formula);
      const printed = await page.getByTestId('course-output').textContent();
      // The terminal shows the typed name after the prompt; everything else is the script's stdout.
      expect(printed).toBe(entry.stdout.replace('ENTER: ', `ENTER: ${entry.name}\n`));
      expect(await page.getByTestId('values').textContent()).toBe(`{${random.values.map((v, i) => `'x${i + 1}': ${v}`).join(', ')}}`);
    }
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('gives f and ∇f as PyTorch does (float64), and the proposed values where the given ones are undefined', async () => {
    const page = await open('');
    for (const entry of (vectors as { name: string; values: number[]; torch64: { f: number | string; grad: (number | string)[] } }[]).slice(0, 10)) {
      await page.getByTestId('name-input').fill(entry.name);
      await page.getByTestId('f').waitFor();
      const worked = workedSolution(solve(randomFormula(entry.name).expr, entry.values));
      const f = Number(await page.getByTestId('f').getAttribute('data-value'));
      if (typeof entry.torch64.f === 'number' && worked.values.join() === entry.values.join()) {
        expect(f).toBeCloseTo(entry.torch64.f, 9);
        for (let i = 0; i < 5; i++) expect(Number(await page.getByTestId(`grad-x${i + 1}`).getAttribute('data-value'))).toBeCloseTo(entry.torch64.grad[i] as number, 9);
      } else {
        // Undefined at the given values: the page says why and works the proposed values.
        await expect.poll(() => page.getByTestId('domain-report').isVisible()).toBe(true);
        expect(f).toBe(worked.value);
      }
    }
    await page.close();
  });

  it('reveals the forward pass node by node and the backward pass edge by edge, with the chain-rule lines', async () => {
    const page = await open('?name=Francesco%20Tomba');
    const forward = page.getByTestId('forward-step');
    expect(await forward.evaluateAll((items) => items.filter((li) => !(li as HTMLElement).hidden).length)).toBe(0);
    await page.getByTestId('forward-next').click();
    await page.getByTestId('forward-next').click();
    expect(await forward.evaluateAll((items) => items.filter((li) => !(li as HTMLElement).hidden).length)).toBe(2);
    await page.getByTestId('backward-next').click();
    await page.getByTestId('backward-next').click();
    const second = page.getByTestId('backward-step').nth(1);
    await expect.poll(() => second.isVisible()).toBe(true);
    expect(await second.getAttribute('data-plain')).toContain('∂f/∂v5 = ∂f/∂v6 · ∂v6/∂v5 = 26 · 1 = 26');
    // Typeset by KaTeX once it has loaded.
    await second.locator('.katex').first().waitFor();
    await page.getByTestId('graph').locator('svg').waitFor();
    expect(await page.getByTestId('graph').locator('svg').getAttribute('aria-label')).toContain('computational graph');
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('checks a filled-in answer: one wrong cell flagged with the right mistake, the cells after it following from it', async () => {
    const page = await open('?name=Francesco%20Tomba&mode=check');
    // The notebook's slip: (A - B) / x5 read as A - B / x5, then worked on correctly.
    const forward = { v1: '-4', v2: '0', v3: '5', v4: '1.3734', v5: '1.3734', v6: '-1.3734', v7: '-5' };
    const backward = { v6: '26', v5: '-26', x5: '35.708', v2: '26', v4: '-26', v3: '-1', x3: '-1', x4: '1', v1: '0', x1: '0', x2: '0' };
    for (const [node, value] of Object.entries(forward)) await page.getByTestId(`answer-forward-${node}`).fill(value);
    for (const [node, value] of Object.entries(backward)) await page.getByTestId(`answer-backward-${node}`).fill(value);
    // Nothing is revealed before checking.
    expect(await page.getByTestId('verdict-forward-v5').textContent()).toBe('');
    expect(await page.getByTestId('graph').count()).toBe(0);
    await page.getByTestId('check-button').click();
    const v5 = page.getByTestId('verdict-forward-v5');
    await expect.poll(() => v5.getAttribute('data-status')).toBe('wrong');
    expect(await v5.getAttribute('data-mistake')).toBe('precedence');
    expect(await page.getByTestId('verdict-backward-v5').getAttribute('data-status')).toBe('follows');
    expect(await page.getByTestId('verdict-forward-v1').getAttribute('data-status')).toBe('right');
    expect(await page.getByTestId('first-mistake').textContent()).toContain('You read (ReLU(x1 * x2) - arctan(x3 - x4)) / x5 as ReLU(x1 * x2) - arctan(x3 - x4) / x5');
    // A sign slip instead, and a blank.
    await page.getByTestId('answer-forward-v6').fill('1.3734');
    await page.getByTestId('answer-forward-v7').fill('5');
    await page.getByTestId('answer-backward-v5').fill('26');
    await page.getByTestId('answer-backward-x2').fill('');
    await page.getByTestId('check-button').click();
    await expect.poll(() => page.getByTestId('verdict-forward-v5').getAttribute('data-mistake')).toBe('sign');
    expect(await page.getByTestId('verdict-forward-v7').getAttribute('data-status')).toBe('follows');
    expect(await page.getByTestId('verdict-backward-x2').getAttribute('data-status')).toBe('missing');
    // The graph's shape, on request: boxes and operations, no numbers.
    await page.getByTestId('show-shape').click();
    const shape = page.getByTestId('blank-graph').locator('svg');
    await shape.waitFor();
    expect(await shape.textContent()).toContain('v5 = v2 - v4');
    expect(await shape.textContent()).not.toMatch(/1\.37|35\.7/);
    // Every answer input has a label a screen reader announces.
    const unlabelled = await page.locator('input').evaluateAll((inputs) => inputs.filter((i) => (i as HTMLInputElement).labels?.length === 0 && !i.getAttribute('aria-label')).map((i) => i.id));
    expect(unlabelled).toEqual([]);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("runs Ex 2's MLP with the demo's numbers: the loss for seed 0, and the PyTorch fixture's for seed 3", async () => {
    const page = await open('?ex=2');
    await page.getByTestId('ex2-loss').waitFor();
    expect(await page.getByTestId('ex2-loss').textContent()).toBe('13.886749');
    await page.getByTestId('ex2-seed').fill('3');
    await page.getByTestId('ex2-run').click();
    await expect.poll(() => page.url()).toContain('seed=3');
    const torch3 = (torchEx2 as { cases: { seed: number; loss: number }[] }).cases.find((c) => c.seed === 3)!;
    await expect.poll(async () => Number(await page.getByTestId('ex2-loss').getAttribute('data-value'))).toBeCloseTo(torch3.loss, 5);
    await expect.poll(() => page.getByText('LabelError').count()).toBeGreaterThan(0);
    expect(errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('loads the state from the URL: a typed formula in checking mode, Ex 1', async () => {
    const formula = 'log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)';
    const page = await open(`?formula=${encodeURIComponent(formula)}&values=1,2,-1,3,5&mode=check`);
    await page.getByTestId('answer-forward-v1').waitFor();
    expect(await page.getByTestId('formula-input').inputValue()).toBe(formula);
    await page.getByTestId('answer-backward-x5').fill('0.0651');
    await page.getByTestId('check-button').click();
    await expect.poll(() => page.getByTestId('verdict-backward-x5').getAttribute('data-mistake')).toBe('fan-out');
    await page.goto(`${server.url}?ex=1`);
    await page.getByTestId('ex1-graph').locator('svg').waitFor();
    expect(await page.locator('h2').allTextContents()).toContain('Step by step: the graph, the forward and the backward pass');
    await page.close();
  });

  it('hands in the worked solution as Markdown, the same as the library renders it', async () => {
    const page = await open('?name=Francesco%20Tomba');
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-md').click()]);
    const random = randomFormula('Francesco Tomba');
    const page_ = readFileSync((await file.path())!, 'utf8');
    const library = renderSolution(solve(random.expr, random.values), 'md');
    // NOTE: the finite differences' error bounds (`± 3.6e-12`) come from f evaluated by the JS
    // engine's Math functions, which differ in the last bit between Chromium's V8 and Node's:
    // the bounds must agree to 10%, everything else to the character.
    const bounds = (md: string) => [...md.matchAll(/± ([0-9.e+-]+)/g)].map((m) => Number(m[1]));
    const shape = (md: string) => md.replace(/± [0-9.e+-]+/g, '± <bound>');
    expect(shape(page_)).toBe(shape(library));
    const [fromPage, fromLibrary] = [bounds(page_), bounds(library)];
    expect(fromPage.length).toBe(fromLibrary.length);
    fromPage.forEach((b, i) => expect(Math.abs(b - fromLibrary[i]!)).toBeLessThanOrEqual(0.1 * Math.abs(fromLibrary[i]!)));
    expect(file.suggestedFilename()).toBe('francesco-tomba-solution.md');
    await page.close();
  });

  it('keeps the first page small: Graphviz and KaTeX load only when used', async () => {
    // A first visit: no service worker, nothing cached.
    const fresh = await browser.newContext({ serviceWorkers: 'block' });
    const before = server.requests.length;
    const page = await open('?name=Ada%20Lovelace&mode=check', undefined, fresh);
    await page.getByTestId('answer-forward-v1').waitFor();
    await page.waitForLoadState('networkidle');
    const loaded = server.requests.slice(before);
    expect(loaded.some((path) => /\/assets\/viz-.*\.js$/.test(path))).toBe(false);
    expect(loaded.some((path) => /\/assets\/katex-.*\.js$/.test(path))).toBe(false);
    const scripts = loaded.filter((path) => path.endsWith('.js') && !path.endsWith('sw.js'));
    const bytes = scripts.reduce((sum, path) => sum + statSync(join(out, path)).size, 0);
    const viz = readdirSync(join(out, 'assets')).find((f) => /^viz-.*\.js$/.test(f))!;
    console.log(`playground: first page loads ${scripts.length} script(s), ${(bytes / 1024).toFixed(0)} KiB before compression; the Graphviz chunk (${(statSync(join(out, 'assets', viz)).size / 1024).toFixed(0)} KiB) only with a graph`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(512 * 1024);
    // Drawing a graph loads Graphviz.
    await page.goto(`${server.url}?name=Ada%20Lovelace`);
    await page.getByTestId('graph').locator('svg').waitFor();
    expect(server.requests.slice(before).some((path) => /\/assets\/viz-.*\.js$/.test(path))).toBe(true);
    await fresh.close();
  });

  it('fits a phone: no sideways scrolling of the page at 390 px', async () => {
    const page = await open('?name=Francesco%20Tomba', { width: 390, height: 844 });
    await page.getByTestId('graph').locator('svg').waitFor();
    await page.getByTestId('backward-all').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  });

  it('works offline once loaded', async () => {
    const offline = await browser.newContext();
    const page = await offline.newPage();
    await page.goto(`${server.url}?name=Francesco%20Tomba`);
    await page.getByTestId('formula').waitFor();
    await page.getByTestId('graph').locator('svg').waitFor();
    // Installed (every file of the build cached) and in control of the page.
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 20_000 }).toBe(true);
    await offline.setOffline(true);
    await page.goto(`${server.url}?name=Alan%20Turing&mode=check`);
    expect(await page.getByTestId('formula').textContent({ timeout: 10_000 })).toBe(randomFormula('Alan Turing').formula);
    await page.goto(`${server.url}?name=Alan%20Turing`);
    await page.getByTestId('graph').locator('svg').waitFor({ timeout: 10_000 });
    await offline.close();
  });
});

if (!available) console.warn('playground end-to-end tests skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium; .ci/run installs it)');

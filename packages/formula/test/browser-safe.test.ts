import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(__dirname, '../src');

/** Bundles `entry` for the browser, as a web app's bundler would; esbuild fails on any reachable Node built-in. */
async function browserBundle(entry: string): Promise<{ errors: string[]; code: string }> {
  try {
    const result = await build({
      entryPoints: [join(SRC, entry)],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      conditions: ['@gradlab/source'],
      write: false,
      logLevel: 'silent',
      // @viz-js/viz (toSvg) is loaded on first use; it is checked on its own below.
      external: ['@viz-js/viz'],
    });
    return { errors: [], code: result.outputFiles[0]!.text };
  } catch (error) {
    return { errors: (error as { errors: { text: string }[] }).errors.map((e) => e.text), code: '' };
  }
}

/** Node globals a browser does not have. */
const NODE_GLOBALS = /\b(?:process\.(?:env|argv|stdout|stderr|exit|cwd)|Buffer\.(?:from|alloc)|require\(|__dirname|__filename)\b/;

describe('the library is browser-safe', () => {
  it('imports no Node-only module outside the CLI', () => {
    const offenders = readdirSync(SRC)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'cli.ts')
      .filter((file) => /from ['"](node:|fs|path|os|child_process|readline)['"/]/.test(readFileSync(join(SRC, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('src/index.ts bundles for the browser (esbuild --platform=browser) with no Node global in the output', async () => {
    const { errors, code } = await browserBundle('index.ts');
    expect(errors).toEqual([]);
    expect(code).toContain('randomFormula');
    expect(code.match(NODE_GLOBALS)).toBeNull();
  });

  it('the check can fail: the CLI, which uses Node, does not bundle for the browser', async () => {
    const { errors } = await browserBundle('cli.ts');
    expect(errors.join('\n')).toMatch(/node:fs/);
  });

  it('@viz-js/viz (the SVG renderer) resolves to a browser build without Node globals', async () => {
    const result = await build({
      stdin: { contents: "export { instance } from '@viz-js/viz';", resolveDir: SRC },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]!.text;
    expect(code.length).toBeGreaterThan(100_000);
    expect(code.match(NODE_GLOBALS)).toBeNull();
  });
});

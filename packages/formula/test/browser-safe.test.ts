import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the library is browser-safe', () => {
  it('imports no Node-only module outside the CLI', () => {
    const dir = join(__dirname, '../src');
    const offenders = readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && file !== 'cli.ts')
      .filter((file) => /from ['"](node:|fs|path|os|child_process|readline)['"/]/.test(readFileSync(join(dir, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});

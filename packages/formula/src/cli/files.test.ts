import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FormulaError } from '../errors';
import { commandDirectory, describeFileError, openInput, writeNewFile } from './files';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(FormulaError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

const write = (path: string, force = false) => writeNewFile(path, 'new', { cwd: dir, what: '--svg file', force });

describe('commandDirectory', () => {
  it("trusts INIT_CWD only under this repository's own scripts (pnpm formula, pnpm cli)", () => {
    expect(commandDirectory({ npm_lifecycle_event: 'formula', npm_package_name: 'gradlab', INIT_CWD: '/home/ta' }, '/repo')).toBe('/home/ta');
    expect(commandDirectory({ npm_lifecycle_event: 'cli', npm_package_name: '@gradlab/formula', INIT_CWD: '/home/ta' }, '/repo/packages/formula')).toBe('/home/ta');
    // Another project's script that cd's somewhere and runs gradlab-formula there.
    expect(commandDirectory({ npm_lifecycle_event: 'build', npm_package_name: 'course-site', INIT_CWD: '/home/ta' }, '/site/out')).toBe('/site/out');
    expect(commandDirectory({}, '/here')).toBe('/here');
  });
});

describe('describeFileError', () => {
  it.each([
    ['ENOENT', 'no such file or directory'],
    ['EACCES', 'permission denied'],
    ['EISDIR', 'is a directory'],
    ['ENOTDIR', 'a part of the path is not a directory'],
  ])('says %s in words', (code, words) => {
    expect(describeFileError(Object.assign(new Error(`${code}: raw`), { code }))).toBe(words);
  });
});

describe('writeNewFile', () => {
  it('writes a new file relative to the given directory', async () => {
    await write('graph.svg');
    expect(readFileSync(join(dir, 'graph.svg'), 'utf8')).toBe('new');
  });

  it('keeps an existing file unless forced', async () => {
    writeFileSync(join(dir, 'kept.svg'), 'old');
    expect(await refusal(() => write('kept.svg'))).toBe("cannot write --svg file 'kept.svg': the file already exists (add --force to overwrite it)");
    expect(readFileSync(join(dir, 'kept.svg'), 'utf8')).toBe('old');
    await write('kept.svg', true);
    expect(readFileSync(join(dir, 'kept.svg'), 'utf8')).toBe('new');
  });

  it('never writes through a symbolic link, forced or not, dangling or not', async () => {
    const target = join(dir, 'target.txt');
    writeFileSync(target, 'precious');
    symlinkSync(target, join(dir, 'link.svg'));
    symlinkSync(join(dir, 'nowhere.txt'), join(dir, 'dangling.svg'));
    const message = (name: string) => `cannot write --svg file '${name}': is a symbolic link, and gradlab-formula does not write through one (remove it, or name its target)`;
    expect(await refusal(() => write('link.svg'))).toBe(message('link.svg'));
    expect(await refusal(() => write('link.svg', true))).toBe(message('link.svg'));
    expect(await refusal(() => write('dangling.svg', true))).toBe(message('dangling.svg'));
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(existsSync(join(dir, 'nowhere.txt'))).toBe(false);
  });

  it('says what is wrong in words: a directory, a missing directory, an empty name', async () => {
    mkdirSync(join(dir, 'a-directory'));
    expect(await refusal(() => write('a-directory', true))).toBe("cannot write --svg file 'a-directory': is a directory");
    expect(await refusal(() => write('missing/graph.svg'))).toBe("cannot write --svg file 'missing/graph.svg': no such file or directory");
    expect(await refusal(() => write(''))).toBe("--svg file needs a file name, got ''");
  });
});

describe('openInput', () => {
  it('opens a file and tells its size; refuses a directory and a missing file in words', async () => {
    writeFileSync(join(dir, 'names.txt'), 'Ada\n');
    const { stream, size } = await openInput('names.txt', dir, '--batch file');
    expect(size).toBe(4);
    stream.destroy();
    expect(await refusal(() => openInput('.', dir, '--batch file'))).toBe("cannot read --batch file '.': is a directory");
    expect(await refusal(() => openInput('none.txt', dir, '--batch file'))).toBe("cannot read --batch file 'none.txt': no such file or directory");
  });
});

import { describe, expect, it } from 'vitest';
import { FormulaError } from '../errors';
import { readLines, type LineLimits } from './lines';

/** Feeds `chunks` as a stream would deliver them. */
async function lines(chunks: Iterable<Buffer | string>, limits?: LineLimits): Promise<string[]> {
  const out: string[] = [];
  for await (const line of readLines(chunks, { what: 'names.txt', ...(limits ? { limits } : {}) })) out.push(line);
  return out;
}

async function refusal(chunks: Iterable<Buffer | string>, limits?: LineLimits): Promise<string> {
  try {
    await lines(chunks, limits);
  } catch (error) {
    expect(error).toBeInstanceOf(FormulaError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected the input to be refused');
}

const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string): Buffer => {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
};
/** Every single-byte split of `bytes`: the decoder must not depend on where chunks end. */
const bytewise = (bytes: Buffer): Buffer[] => Array.from(bytes, (byte) => Buffer.from([byte]));

const NAMES = ['Renée Descartes', 'Élie Cartan', '王小明', 'Ada Lovelace'];

describe('readLines', () => {
  it('reads LF, CRLF and CR-only line endings, and a last line without one', async () => {
    expect(await lines(['a\nb\r\nc\rd'])).toEqual(['a', 'b', 'c', 'd']);
    expect(await lines(['a\r', '\nb\r', 'c'])).toEqual(['a', 'b', 'c']);
    expect(await lines(['a\r\r\nb'])).toEqual(['a', '', 'b']);
  });

  it('keeps empty lines as empty names, and gives no line for an empty input', async () => {
    expect(await lines(['a\n\nb\n'])).toEqual(['a', '', 'b']);
    expect(await lines(['\n'])).toEqual(['']);
    expect(await lines([])).toEqual([]);
    expect(await lines([''])).toEqual([]);
  });

  it('drops a UTF-8 byte-order mark, also when it arrives a byte at a time', async () => {
    const file = Buffer.from(`\uFEFF${NAMES.join('\r\n')}\r\n`, 'utf8');
    expect(await lines([file])).toEqual(NAMES);
    expect(await lines(bytewise(file))).toEqual(NAMES);
  });

  it("decodes UTF-16 with a byte-order mark, little- and big-endian (Notepad's \"Unicode\"), in any chunks", async () => {
    expect(await lines([utf16le(`${NAMES.join('\r\n')}\r\n`)])).toEqual(NAMES);
    expect(await lines(bytewise(utf16le(NAMES.join('\n'))))).toEqual(NAMES);
    expect(await lines([utf16be(`${NAMES.join('\r')}\r`)])).toEqual(NAMES);
    expect(await lines(bytewise(utf16be(NAMES.join('\n'))))).toEqual(NAMES);
  });

  it('refuses invalid UTF-8 naming the line, instead of a silent U+FFFD', async () => {
    expect(await refusal([Buffer.from('Ada\nRen\xe9e Descartes\n', 'latin1')])).toBe(
      'names.txt: line 2 is not valid UTF-8 (saved in another encoding, such as Windows-1252? save the file as UTF-8)',
    );
    // A character cut between chunks is fine; a truncated one at the end is not.
    expect(await lines(bytewise(Buffer.from('Renée\n', 'utf8')))).toEqual(['Renée']);
    expect(await refusal([Buffer.from('Ren\xc3', 'latin1')])).toMatch(/line 1 is not valid UTF-8/);
  });

  it('refuses UTF-16 without a byte-order mark and binary files (NUL bytes)', async () => {
    expect(await refusal([Buffer.from('Ada\n', 'utf16le')])).toBe(
      'names.txt: line 1 contains a NUL byte (UTF-16 without a byte-order mark, or not a text file? save it as UTF-8)',
    );
    expect(await refusal([Buffer.from('Ada\nGrace\n\0\0\0')])).toMatch(/line 3 contains a NUL byte/);
  });

  it('refuses UTF-16 that ends in half a character', async () => {
    expect(await refusal([Buffer.concat([utf16le('Ada\n'), Buffer.from([0x41])])])).toBe(
      'names.txt: not valid UTF-16LE at line 2 (an odd number of bytes, or a lone surrogate)',
    );
  });

  it('refuses a line or an input beyond the limits as soon as it is reached, without reading further', async () => {
    const limits = { lineBytes: 8, totalBytes: 32 };
    expect(await lines(['12345678\n'], limits)).toEqual(['12345678']);
    expect(await refusal(['ok\n123456789'], limits)).toBe('names.txt: line 2 is longer than 8 bytes (is it a list of names, one per line?)');
    let pulled = 0;
    const endless = (function* () {
      for (;;) {
        pulled++;
        yield 'abc\n';
      }
    })();
    expect(await refusal(endless, limits)).toBe('names.txt: larger than 32 bytes (gradlab-formula reads at most that much)');
    expect(pulled).toBe(9);
  });
});

import { describe, expect, it } from 'vitest';
import { md5, md5Hex } from './md5';

describe('md5', () => {
  it('matches the RFC 1321 test suite', () => {
    expect(md5Hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(md5Hex('a')).toBe('0cc175b9c0f1b6a831c399e269772661');
    expect(md5Hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(md5Hex('message digest')).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(md5Hex('abcdefghijklmnopqrstuvwxyz')).toBe('c3fcd3d76192e4007dfb496cca67e13b');
    expect(md5Hex('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')).toBe(
      'd174ab98d277d9f5a5611c2c9f419d9f',
    );
    expect(md5Hex('12345678901234567890123456789012345678901234567890123456789012345678901234567890')).toBe(
      '57edf4a22be3c955ac49da2e2107b67a',
    );
  });

  it('encodes strings as UTF-8', () => {
    // python3 -c "import hashlib; print(hashlib.md5('Renée 李 😀'.encode()).hexdigest())"
    expect(md5Hex('Renée 李 😀')).toBe('e361e9a15a752eeae4f2005992cfce12');
    expect(md5Hex('é')).toBe(md5Hex(new Uint8Array([0xc3, 0xa9])));
  });

  it('pads correctly around the 55/56/64-byte block boundaries', () => {
    // python3 -c "import hashlib; [print(hashlib.md5(b'a'*n).hexdigest()) for n in (55, 56, 63, 64, 65)]"
    expect(md5Hex('a'.repeat(55))).toBe('ef1772b6dff9a122358552954ad0df65');
    expect(md5Hex('a'.repeat(56))).toBe('3b0c8ac703f828b04c6c197006d17218');
    expect(md5Hex('a'.repeat(63))).toBe('b06521f39153d618550606be297466d5');
    expect(md5Hex('a'.repeat(64))).toBe('014842d480b571495a4a0363793f7367');
    expect(md5Hex('a'.repeat(65))).toBe('c743a45e0d2e6a95cb859adae0248435');
  });

  it('returns 16 bytes', () => {
    expect(md5('abc')).toHaveLength(16);
  });
});

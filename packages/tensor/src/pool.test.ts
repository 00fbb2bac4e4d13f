import { describe, expect, it } from 'vitest';
import { allocateResult } from './pool';

describe('allocateResult', () => {
  it('basic: the requested type and length, zero-filled', () => {
    const a = allocateResult('float32', 100);
    expect(a).toBeInstanceOf(Float32Array);
    expect(a.length).toBe(100);
    expect(a.every((v) => v === 0)).toBe(true);
    expect(allocateResult('float64', 30)).toBeInstanceOf(Float64Array);
    expect(allocateResult('int32', 30)).toBeInstanceOf(Int32Array);
    expect(allocateResult('bool', 300)).toBeInstanceOf(Uint8Array);
  });

  it('pooled results never overlap and are 8-byte aligned', () => {
    const arrays = [
      allocateResult('bool', 65),
      allocateResult('float64', 9),
      allocateResult('float32', 17),
      allocateResult('int32', 100),
      allocateResult('bool', 67),
      allocateResult('float64', 200),
    ];
    arrays.forEach((a, i) => {
      expect(a.byteOffset % 8).toBe(0);
      a.fill(i + 1);
    });
    // each still holds only its own value: no region overlaps another
    arrays.forEach((a, i) => expect(Array.from(a).every((v) => v === i + 1)).toBe(true));
    expect(arrays.filter((a) => a.buffer === arrays[0]!.buffer).length).toBeGreaterThan(1);
  });

  it('small (on-heap) and large results get a buffer of their own', () => {
    const small = allocateResult('float32', 16);
    expect(small.buffer.byteLength).toBe(64);
    const large = allocateResult('float32', 100000);
    expect(large.buffer.byteLength).toBe(400000);
    expect(large.byteOffset).toBe(0);
  });

  it('many results across chunk boundaries stay independent', () => {
    const all = Array.from({ length: 200 }, (_, i) => allocateResult('float32', 100 + (i % 7)));
    all.forEach((a, i) => a.fill(i));
    all.forEach((a, i) => expect(a.every((v) => v === i)).toBe(true));
  });
});

describe('pooled results and postMessage', () => {
  it('transferring a pooled result\'s buffer throws instead of detaching its neighbours', async () => {
    const { tensor } = await import('./creation');
    const { add } = await import('./binary');
    const { sum } = await import('./reduce');
    const base = tensor(Array.from({ length: 40 }, (_, i) => i));
    const a = add(base, 1); // 160 bytes: pooled
    const b = add(base, 2); // its neighbour in the same chunk
    expect(a.storage.buffer).toBe(b.storage.buffer);
    const { port1, port2 } = new MessageChannel();
    try {
      expect(() => port1.postMessage(a.storage, [a.storage.buffer])).toThrow();
      expect(() => structuredClone(a.storage, { transfer: [a.storage.buffer as ArrayBuffer] })).toThrow();
    } finally {
      port1.close();
      port2.close();
    }
    // nothing was detached: both still read their values
    expect(sum(b).item()).toBe(((39 * 40) / 2) + 80);
    expect(sum(a).item()).toBe(((39 * 40) / 2) + 40);
    // a copy is what goes to a worker
    expect(Array.from(structuredClone(a.storage)).slice(0, 3)).toEqual([1, 2, 3]);
  });
});

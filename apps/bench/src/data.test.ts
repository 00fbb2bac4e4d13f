import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Mulberry32, readDataDir, readProbe, uniformArray, writeDataDir, writeProbe } from './data';
import { WORKLOADS } from './workloads';

describe('bench data', () => {
  it('is reproducible from its seed and float32-exact', () => {
    const a = uniformArray(new Mulberry32(42), 100, -1, 1);
    const b = uniformArray(new Mulberry32(42), 100, -1, 1);
    expect([...a]).toEqual([...b]);
    expect(a.every((v) => v >= -1 && v < 1)).toBe(true);
  });

  it('round-trips through a data directory and probe files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
    try {
      const data = WORKLOADS.W2.build();
      writeDataDir(dir, 'W2', data.arrays, data.settings);
      const { manifest, arrays } = readDataDir(dir);
      expect(manifest.settings).toEqual({ batch: 10 });
      expect([...arrays.get('labels')!.values]).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
      expect([...arrays.get('w3')!.values]).toEqual([...data.arrays.find((a) => a.name === 'w3')!.values]);
      writeProbe(dir, 'loss', [1.5, -2]);
      expect([...readProbe(dir, 'loss')]).toEqual([1.5, -2]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('W3 expects the SGD update of every parameter', () => {
    const data = WORKLOADS.W3.build();
    const names = [...data.expected.keys()];
    expect(names).toContain('param.w1');
    const w1 = data.arrays.find((a) => a.name === 'w1')!.values;
    const after = data.expected.get('param.w1')!;
    const grad = data.expected.get('grad.w1')!;
    expect(after[123]).toBeCloseTo(w1[123]! - 0.01 * grad[123]!, 12);
  });
});

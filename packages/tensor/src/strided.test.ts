import { describe, expect, it } from 'vitest';
import { coalesce, copyStrided, gatherContiguous, isContiguousLayout } from './strided';

describe('strided', () => {
  it('coalesce merges contiguous dims and drops size-1 dims', () => {
    const list = [[12, 4, 1]];
    expect(coalesce([2, 3, 4], list)).toEqual([24]);
    expect(list).toEqual([[1]]);
    const transposed = [[1, 3]];
    expect(coalesce([3, 2], transposed)).toEqual([3, 2]);
    const ones = [[5, 5]];
    expect(coalesce([1, 1], ones)).toEqual([1]);
  });

  it('copyStrided reads a transposed view in row-major order', () => {
    const src = new Float32Array([1, 2, 3, 4, 5, 6]); // [[1, 2, 3], [4, 5, 6]]
    const out = new Float32Array(6);
    copyStrided(src, 0, [3, 2], [1, 3], out, 0);
    expect([...out]).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('converts while copying: float to bool is "non-zero" (NaN is true), float to int32 truncates, NaN gives -2^31', () => {
    const src = new Float64Array([0, 0.5, Number.NaN, -0, -1.7, 3e9]);
    expect([...gatherContiguous(src, 0, [6], [1], 'bool')]).toEqual([0, 1, 1, 0, 1, 1]);
    expect([...gatherContiguous(src, 0, [6], [1], 'int32')]).toEqual([0, 0, -2147483648, 0, -1, -2147483648]);
  });

  it('isContiguousLayout ignores size-1 dims and empty tensors', () => {
    expect(isContiguousLayout([2, 3], [3, 1])).toBe(true);
    expect(isContiguousLayout([2, 1, 3], [3, 99, 1])).toBe(true);
    expect(isContiguousLayout([3, 2], [1, 3])).toBe(false);
    expect(isContiguousLayout([0, 2], [7, 7])).toBe(true);
    expect(isContiguousLayout([], [])).toBe(true);
  });
});

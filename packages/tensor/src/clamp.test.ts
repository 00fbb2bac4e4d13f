import { describe, expect, it } from 'vitest';
import { clamp } from './clamp';
import { tensor } from './creation';
import { DTypeError, ValueError } from './errors';

describe('clamp', () => {
  it('basic: both bounds, only min, only max', () => {
    const x = tensor([-2, 0.5, 3]);
    expect(clamp(x, 0, 1).toArray()).toEqual([0, 0.5, 1]);
    expect(clamp(x, 0).toArray()).toEqual([0, 0.5, 3]);
    expect(clamp(x, null, 1).toArray()).toEqual([-2, 0.5, 1]);
    expect(clamp(x, undefined, 0).toArray()).toEqual([-2, 0, 0]);
  });

  it('min > max gives max everywhere, as PyTorch', () => {
    expect(clamp(tensor([1, 5, -5]), 2, 1).toArray()).toEqual([1, 1, 1]);
  });

  it('NaN propagates from x and from a tensor bound; -0 stays -0', () => {
    const r = clamp(tensor([Number.NaN, 1]), 0, 1).toArray() as number[];
    expect(r[0]).toBeNaN();
    expect(r[1]).toBe(1);
    const n = clamp(tensor([1, Number.NaN]), tensor([Number.NaN, 0])).toArray() as number[];
    expect(n[0]).toBeNaN();
    expect(n[1]).toBeNaN();
    expect(Object.is((clamp(tensor([-0]), 0).toArray() as number[])[0], -0)).toBe(true);
  });

  it('tensor bounds broadcast; dtypes promote (int32 with 0.5 -> float32)', () => {
    expect(clamp(tensor([[1, 5], [3, 3]]), tensor([2, 0]), tensor([[4], [2]])).toArray()).toEqual([
      [2, 4],
      [2, 2],
    ]);
    const i = tensor([1, 2, 3], { dtype: 'int32' });
    expect(clamp(i, 0, 2).dtype).toBe('int32');
    expect(clamp(i, 0, 2).toArray()).toEqual([1, 2, 2]);
    const f = clamp(i, 0.5);
    expect(f.dtype).toBe('float32');
    expect(f.toArray()).toEqual([1, 2, 3]);
  });

  it('errors: no bound, bool tensors', () => {
    expect(() => clamp(tensor([1]))).toThrow("clamp: At least one of 'min' or 'max' must not be None");
    expect(() => clamp(tensor([1]), null, null)).toThrow(ValueError);
    expect(() => clamp(tensor([true]), true)).toThrow(DTypeError);
    expect(() => clamp(tensor([true, false]), false, true)).toThrow("clamp: not implemented for 'Bool'");
  });

  it('a bool tensor clamps when the bounds promote it, as in PyTorch 1.13', () => {
    const b = tensor([true, false]);
    const half = clamp(b, 0, 0.5);
    expect([half.dtype, half.toArray()]).toEqual(['float32', [0.5, 0]]);
    const ints = clamp(b, 1); // PyTorch: int64 [1, 1]; gradlab's integer dtype is int32
    expect([ints.dtype, ints.toArray()]).toEqual(['int32', [1, 1]]);
    const both = clamp(b, tensor([false, true])); // tensor bounds keep bool
    expect([both.dtype, both.toArray()]).toEqual(['bool', [true, true]]);
  });

  it('number bounds of an int32 result are checked, not wrapped (PyTorch: cannot be converted without overflow)', () => {
    expect(() => clamp(tensor([1, 2], { dtype: 'int32' }), 0, 3e9)).toThrow(
      'clamp: value cannot be converted to type int32 without overflow (got 3000000000)',
    );
    expect(clamp(tensor([1, 2], { dtype: 'int32' }), 0, 3.5).toArray()).toEqual([1, 2]);
  });
});

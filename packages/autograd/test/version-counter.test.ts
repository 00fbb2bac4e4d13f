/*
 * Version counters: a tensor saved for backward and written in place afterwards makes backward
 * throw PyTorch's "modified by an inplace operation" error instead of giving a wrong gradient.
 */
import { describe, expect, it } from 'vitest';
import * as B from '@gradlab/tensor';

import { GradientError, mul, sum, tensor } from '../src/index';

describe('version counters', () => {
  it('counts in-place writes per storage, shared by views (PyTorch\'s x._version)', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    expect(w._version).toBe(0);
    B.markModified(w.data);
    expect(w._version).toBe(1);
    expect(w.data.reshape([3, 1])._version).toBe(1);
    expect(B.versionOf(w.data.storage)).toBe(1);
    expect(tensor([1])._version).toBe(0);
  });

  it('a saved tensor written after it was saved: backward throws PyTorch\'s error', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const w = tensor([4, 5, 6], { requiresGrad: true });
    const y = sum(mul(x, w));
    w.data.storage[0] = 100;
    B.markModified(w.data);
    let caught: unknown;
    try {
      y.backward();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GradientError);
    expect((caught as GradientError).code).toBe('MODIFIED_INPLACE');
    expect((caught as Error).message).toMatch(
      /^one of the variables needed for gradient computation has been modified by an inplace operation: \[torch\.FloatTensor \[3\]\] is at version 1/,
    );
    expect(x.grad).toBeNull();
  });

  it('a saved output written in place names its node, as PyTorch', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = x.exp();
    B.markModified(y.data);
    expect(() => sum(y).backward()).toThrow(/\[torch\.FloatTensor \[2\]\], which is output 0 of ExpBackward0, is at version 1/);
  });

  it('writes to tensors the graph did not save change nothing, and a new graph is fine', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const other = tensor([7, 7, 7]);
    const y = sum(mul(x, 2));
    B.markModified(other.data);
    y.backward();
    expect(x.grad!.toArray()).toEqual([2, 2, 2]);
    B.markModified(x.data);
    sum(mul(x, x)).backward(); // made after the write
    expect(x.grad!.toArray()).toEqual([4, 6, 8]);
  });
});

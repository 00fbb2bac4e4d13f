/*
 * The shape kernels of issue 15 on their own (the autograd golden test checks them against
 * PyTorch 1.13 through the differentiable ops): which results share storage, values PyTorch
 * 1.13 prints for small inputs, and its error wording.
 */
import { describe, expect, it } from 'vitest';
import { arange, tensor } from './creation';
import { chunk, diag, diagonal, flip, kron, outer, repeat, repeatInterleave, roll, split, tile, trace, tril, triu, unbind } from './rearrange';
import { einsum, pad, tensordot } from './contraction';

const m = arange(12, { dtype: 'float32' }).reshape([3, 4]);

describe('shape kernels (issue 15)', () => {
  it('split, chunk, unbind and diagonal are views; the others copy', () => {
    for (const p of [...split(m, 3, 1), ...chunk(m, 2, 0), ...unbind(m, 1), diagonal(m, 1)]) expect(p.storage).toBe(m.storage);
    for (const y of [flip(m, 0), roll(m, 1, 0), repeat(m, [1, 1]), tile(m, [1]), tril(m), diag(m), pad(m, [0, 0])]) {
      expect(y.storage).not.toBe(m.storage);
    }
  });
  it('values as PyTorch 1.13', () => {
    expect(split(m, [1, 3], 1).map((p) => p.shape)).toEqual([[3, 1], [3, 3]]);
    expect(chunk(arange(6), 4).map((p) => p.shape)).toEqual([[2], [2], [2]]);
    expect(flip(m, [0, 1]).toArray()).toEqual([[11, 10, 9, 8], [7, 6, 5, 4], [3, 2, 1, 0]]);
    expect(roll(m, [1, -1], [0, 1]).toArray()).toEqual([[9, 10, 11, 8], [1, 2, 3, 0], [5, 6, 7, 4]]);
    expect(roll(arange(4), 1).toArray()).toEqual([3, 0, 1, 2]);
    expect(repeat(tensor([1, 2]), [2, 2]).toArray()).toEqual([[1, 2, 1, 2], [1, 2, 1, 2]]);
    expect(repeatInterleave(tensor([1, 2]), tensor([1, 2], { dtype: 'int32' }), 0).toArray()).toEqual([1, 2, 2]);
    expect(tril(m, -1).toArray()).toEqual([[0, 0, 0, 0], [4, 0, 0, 0], [8, 9, 0, 0]]);
    expect(triu(m, 1).toArray()).toEqual([[0, 1, 2, 3], [0, 0, 6, 7], [0, 0, 0, 11]]);
    expect(diag(tensor([1, 2]), -1).toArray()).toEqual([[0, 0, 0], [1, 0, 0], [0, 2, 0]]);
    expect(diag(m, 1).toArray()).toEqual([1, 6, 11]);
    expect(diagonal(m, -1).toArray()).toEqual([4, 9]);
    expect(trace(m).item()).toBe(15);
    expect(outer(tensor([1, 2]), tensor([3, 4])).toArray()).toEqual([[3, 4], [6, 8]]);
    expect(kron(tensor([[1, 0], [0, 1]]), tensor([[1, 2]])).toArray()).toEqual([[1, 2, 0, 0], [0, 0, 1, 2]]);
    expect(pad(tensor([[1, 2, 3]]), [2, 1], { mode: 'reflect' }).toArray()).toEqual([[3, 2, 1, 2, 3, 2]]);
    expect(pad(tensor([[1, 2, 3]]), [1, 2], { mode: 'replicate' }).toArray()).toEqual([[1, 1, 2, 3, 3, 3]]);
    expect(pad(tensor([[1, 2, 3]]), [-1, 1], { value: 9 }).toArray()).toEqual([[2, 3, 9]]);
    expect(tensordot(m, m, [[0], [0]]).shape).toEqual([4, 4]);
    expect(einsum('ii->i', arange(9, { dtype: 'float32' }).reshape([3, 3])).toArray()).toEqual([0, 4, 8]);
    expect(einsum('ij->', m).item()).toBe(66);
  });
  it("PyTorch's messages", () => {
    expect(() => split(m, [1, 2], 1)).toThrow("split_with_sizes expects split_sizes to sum exactly to 4 (input tensor's size at dimension 1), but got split_sizes=[1, 2]");
    expect(() => chunk(m, 0)).toThrow('chunk expects `chunks` to be greater than 0, got: 0');
    expect(() => flip(m, [1, -1])).toThrow('dim 1 appears multiple times in the list of dims');
    expect(() => roll(m, [1, 2], 0)).toThrow('shifts and dimensions must align. shifts: 2, dims:1');
    expect(() => repeat(m, [2])).toThrow('Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
    expect(() => diagonal(m, 0, 1, 1)).toThrow('diagonal dimensions cannot be identical 1, 1');
    expect(() => trace(arange(3))).toThrow('trace: expected a matrix, but got tensor with dim 1');
    expect(() => pad(arange(3), [1, 1], { mode: 'reflect' })).toThrow('Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
    expect(() => einsum('ij->k', m)).toThrow('einsum(): output subscript k does not appear in the equation for any input operand');
  });
});

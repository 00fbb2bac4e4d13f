import { describe, expect, it } from 'vitest';
import { IndexError, ShapeError } from '@gradlab/tensor';
import {
  arange, cat, contiguous, flatten, grad, matmul, mul, narrow, ones, reshape, select, slice, stack, sum, t, tensor, to,
  transpose, unsqueeze, view, zeros,
} from '../index';

describe('views', () => {
  it("cat's gradient of a 1-D empty input is a fresh zeros([0]), off the graph even with createGraph, as PyTorch", () => {
    // PyTorch 1.13 (cat_tensors_backward): grad of x = zeros(0) with no grad_fn; a [2, 0] input gets a slice
    // (differential seed 404630: so the double backward does not reach the other factor)
    const x = zeros([0], { requiresGrad: true });
    const a = ones([2], { requiresGrad: true });
    const w = ones([2], { requiresGrad: true });
    const [gx, ga] = grad([sum(mul(cat([x, a]), w))], [x, a], { createGraph: true });
    expect(gx!.shape).toEqual([0]);
    expect(gx!.requiresGrad).toBe(false);
    expect(gx!.gradFn).toBeNull();
    expect(ga!.gradFn!.name).toBe('SliceBackward0');
    const x2 = zeros([2, 0], { requiresGrad: true });
    const [gx2] = grad([sum(mul(cat([x2, ones([2, 3], { requiresGrad: true })], 1), w.reshape(1, 2).T))], [x2], { createGraph: true });
    expect(gx2!.shape).toEqual([2, 0]);
    expect(gx2!.gradFn!.name).toBe('SliceBackward0');
  });

  it('flatten of a 0-d tensor takes dims -1 and 0 only, as PyTorch', () => {
    expect(() => flatten(tensor(1, { requiresGrad: true }), 1, -1)).toThrow(IndexError);
    expect(flatten(tensor(1, { requiresGrad: true }), 0, -1).shape).toEqual([1]);
  });

  it('share storage with their input and record PyTorch names', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    const v = view(x, [3, 2]);
    expect(v.data.storage).toBe(x.data.storage);
    expect(v.gradFn!.name).toBe('ViewBackward0');
    expect(reshape(x, [6]).gradFn!.name).toBe('ReshapeAliasBackward0');
    expect(reshape(t(x), [6]).gradFn!.name).toBe('UnsafeViewBackward0');
    expect(x.T.gradFn!.name).toBe('PermuteBackward0');
    expect(t(x).gradFn!.name).toBe('TBackward0');
    expect(x.mT.gradFn!.name).toBe('TransposeBackward0');
    expect(x.at(0).gradFn!.name).toBe('SelectBackward0');
    expect(narrow(x, 1, 0, 2).gradFn!.name).toBe('SliceBackward0');
    expect(x.squeeze().gradFn!.name).toBe('SqueezeBackward0');
    expect(unsqueeze(x, 0).squeeze(0).gradFn!.name).toBe('SqueezeBackward1');
    expect(x.expand(2, 2, 3).gradFn!.name).toBe('ExpandBackward0');
    expect(x.clone().gradFn!.name).toBe('CloneBackward0');
    expect(cat([x, x]).gradFn!.name).toBe('CatBackward0');
    expect(stack([x, x]).gradFn!.name).toBe('StackBackward0');
    expect(to(x, 'float64').gradFn!.name).toBe('ToCopyBackward0');
  });

  it('reshape of a tensor no view can reshape records the copy as PyTorch: UnsafeViewBackward0 <- CloneBackward0', () => {
    // PyTorch 1.13: x.t().reshape(6) -> UnsafeViewBackward0 -> CloneBackward0 -> TBackward0; x.grad [[0, 2, 4], [1, 3, 5]]
    const x = arange(6, { dtype: 'float64' }).reshape(2, 3).requiresGrad_();
    const y = reshape(t(x), [6]);
    expect(y.gradFn!.name).toBe('UnsafeViewBackward0');
    const clone = y.gradFn!.nextFunctions[0]![0]!;
    expect(clone.name).toBe('CloneBackward0');
    expect(clone.nextFunctions[0]![0]!.name).toBe('TBackward0');
    expect(y.data.isContiguous()).toBe(true);
    expect(y.toArray()).toEqual([0, 3, 1, 4, 2, 5]);
    sum(mul(y, arange(6, { dtype: 'float64' }))).backward();
    expect(x.grad!.toArray()).toEqual([[0, 2, 4], [1, 3, 5]]);
  });

  it('squeeze takes a list of dims', () => {
    const x = zeros([1, 3, 1, 2], { requiresGrad: true });
    const y = x.squeeze([0, 2]);
    expect([...y.shape]).toEqual([3, 2]);
    sum(y).backward();
    expect([...x.grad!.shape]).toEqual([1, 3, 1, 2]);
  });

  it('return the tensor itself where PyTorch does', () => {
    const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    expect(contiguous(x)).toBe(x);
    expect(to(x, 'float32')).toBe(x);
    expect(flatten(x, 1, 1)).toBe(x);
    expect(contiguous(t(x)).gradFn!.name).toBe('CloneBackward0');
  });

  it('scatter the gradient of select/slice back into place', () => {
    const x = arange(12, { dtype: 'float64' }).reshape(3, 4).requiresGrad_();
    const y = add3(select(x, 1, -1), slice(x, 0, null, null, 2).sum(0), x.at(1));
    sum(y).backward();
    // the last column once per element of y; rows 0 and 2 (the slice) and row 1
    // (the select) through scalars broadcast over y's 3 elements
    expect(x.grad!.toArray()).toEqual([
      [3, 3, 3, 4],
      [3, 3, 3, 4],
      [3, 3, 3, 4],
    ]);
  });

  it('gives integer conversions no gradient', () => {
    const x = tensor([1.5, -2.5], { requiresGrad: true });
    const i = to(x, 'int32');
    expect(i.requiresGrad).toBe(false);
    expect(i.toArray()).toEqual([1, -2]);
  });

  it('check dims and indices with typed errors', () => {
    const x = zeros([2, 3], { requiresGrad: true });
    expect(() => transpose(x, 0, 2)).toThrow(IndexError);
    expect(() => transpose(x, 0, 2)).toThrow('Dimension out of range (expected to be in range of [-2, 1], but got 2)');
    expect(() => narrow(x, 1, 2, 2)).toThrow(IndexError);
    expect(() => matmul(ones([2, 3]).requiresGrad_(), ones([2, 4, 5]))).toThrow(ShapeError);
  });
});

function add3(a: ReturnType<typeof zeros>, b: ReturnType<typeof zeros>, c: ReturnType<typeof zeros>) {
  return mul(a, 1).add(b.sum()).add(c.sum());
}

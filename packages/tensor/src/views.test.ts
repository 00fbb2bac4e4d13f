import { describe, expect, it } from 'vitest';
import { arange, tensor, zeros } from './creation';
import { IndexError, ShapeError, ValueError } from './errors';
import {
  at,
  broadcastTo,
  clone,
  contiguous,
  expand,
  flatten,
  mT,
  narrow,
  permute,
  reshape,
  select,
  slice,
  squeeze,
  T,
  t,
  transpose,
  unsqueeze,
  view,
} from './views';

const m = (): ReturnType<typeof arange> => reshape(arange(6), [2, 3]); // [[0, 1, 2], [3, 4, 5]]

describe('reshape / view', () => {
  it('basic: contiguous input gives a view with -1 inferred', () => {
    const x = arange(6);
    const y = view(x, [2, -1]);
    expect(y.shape).toEqual([2, 3]);
    expect(y.storage).toBe(x.storage);
    expect(y.toArray()).toEqual([[0, 1, 2], [3, 4, 5]]);
  });

  it("view follows PyTorch's stride rules: a transpose can split dims but not merge them", () => {
    const x = transpose(reshape(arange(24), [2, 3, 4]), 1, 2); // [2, 4, 3], strides [12, 1, 4]
    const split = view(x, [2, 2, 2, 3]);
    expect(split.storage).toBe(x.storage);
    expect(split.strides).toEqual([12, 2, 1, 4]);
    expect(() => view(x, [2, 12])).toThrow(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
    expect(view(x, [1, 2, 4, 3, 1]).storage).toBe(x.storage);
  });

  it('reshape copies only when it must', () => {
    const x = m();
    expect(reshape(x, [3, 2]).storage).toBe(x.storage);
    const y = reshape(x.T, [6]);
    expect(y.storage).not.toBe(x.storage);
    expect(y.toArray()).toEqual([0, 3, 1, 4, 2, 5]);
    expect(reshape(tensor(5), [1, 1]).toArray()).toEqual([[5]]);
    expect(reshape(zeros([0, 3]), [3, -1]).shape).toEqual([3, 0]);
  });

  it('errors', () => {
    expect(() => reshape(arange(6), [2, 4])).toThrow("shape '[2, 4]' is invalid for input of size 6");
    expect(() => reshape(arange(6), [-1, -1])).toThrow(ShapeError);
  });
});

describe('flatten / squeeze / unsqueeze', () => {
  it('flatten merges a range of dims', () => {
    const x = zeros([2, 3, 4]);
    expect(flatten(x).shape).toEqual([24]);
    expect(flatten(x, 1).shape).toEqual([2, 12]);
    expect(flatten(x, 0, 1).shape).toEqual([6, 4]);
    expect(flatten(x, -2, -1).shape).toEqual([2, 12]);
    expect(flatten(tensor(3)).shape).toEqual([1]);
    expect(() => flatten(x, 2, 1)).toThrow('flatten() has invalid args: start_dim cannot come after end_dim');
  });

  it('squeeze removes size-1 dims (all, or the ones listed)', () => {
    const x = zeros([1, 2, 1, 3]);
    expect(squeeze(x).shape).toEqual([2, 3]);
    expect(squeeze(x, 0).shape).toEqual([2, 1, 3]);
    expect(squeeze(x, 1).shape).toEqual([1, 2, 1, 3]);
    expect(squeeze(x, [0, -2]).shape).toEqual([2, 3]);
    expect(squeeze(x).storage).toBe(x.storage);
    expect(() => squeeze(x, 4)).toThrow(IndexError);
  });

  it('unsqueeze inserts a size-1 dim anywhere in [-ndim-1, ndim]', () => {
    const x = zeros([2, 3]);
    expect(unsqueeze(x, 0).shape).toEqual([1, 2, 3]);
    expect(unsqueeze(x, 2).shape).toEqual([2, 3, 1]);
    expect(unsqueeze(x, -1).shape).toEqual([2, 3, 1]);
    expect(unsqueeze(x, -3).shape).toEqual([1, 2, 3]);
    expect(unsqueeze(x, 1).isContiguous()).toBe(true);
    expect(() => unsqueeze(x, 3)).toThrow('unsqueeze: Dimension out of range (expected to be in range of [-3, 2], but got 3)');
  });
});

describe('transpose / permute / T / mT / t', () => {
  it('are views with permuted strides', () => {
    const x = m();
    const y = transpose(x, 0, 1);
    expect(y.toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
    expect(y.storage).toBe(x.storage);
    expect(y.strides).toEqual([1, 3]);
    expect(y.isContiguous()).toBe(false);
    expect(permute(zeros([2, 3, 4]), [2, 0, 1]).shape).toEqual([4, 2, 3]);
    expect(T(zeros([2, 3, 4])).shape).toEqual([4, 3, 2]);
    expect(T(zeros([3])).shape).toEqual([3]);
    expect(mT(zeros([5, 2, 3])).shape).toEqual([5, 3, 2]);
    expect(t(x).toArray()).toEqual(y.toArray());
  });

  it('errors', () => {
    expect(() => permute(zeros([2, 3]), [0, 0])).toThrow('permute(): duplicate dims are not allowed.');
    expect(() => permute(zeros([2, 3]), [0])).toThrow(ShapeError);
    expect(() => mT(zeros([3]))).toThrow('tensor.mT is only supported on matrices or batches of matrices. Got 1-D tensor.');
    expect(() => t(zeros([1, 2, 3]))).toThrow(ShapeError);
    expect(() => transpose(zeros([2]), 0, 1)).toThrow(IndexError);
  });
});

describe('expand / broadcastTo', () => {
  it('repeats size-1 dims with stride 0, without copying', () => {
    const x = tensor([[1], [2]]);
    const y = expand(x, [2, 3]);
    expect(y.toArray()).toEqual([[1, 1, 1], [2, 2, 2]]);
    expect(y.strides).toEqual([1, 0]);
    expect(y.storage).toBe(x.storage);
    expect(expand(tensor([1, 2]), [3, -1]).shape).toEqual([3, 2]);
    expect(broadcastTo(tensor(5), [2, 2]).toArray()).toEqual([[5, 5], [5, 5]]);
  });

  it("errors: PyTorch's message for a non-singleton dim", () => {
    expect(() => expand(zeros([2, 3]), [2, 4])).toThrow(
      'The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [2, 3]',
    );
    expect(() => expand(zeros([3]), [-1, 3])).toThrow(ShapeError);
    expect(() => expand(zeros([2, 3]), [3])).toThrow(ShapeError);
  });
});

describe('select / at / slice / narrow', () => {
  it('select and at (negative indices) are views', () => {
    const x = m();
    expect(select(x, 1, -1).toArray()).toEqual([2, 5]);
    expect(at(x, 0).toArray()).toEqual([0, 1, 2]);
    expect(at(x, -1).toArray()).toEqual([3, 4, 5]);
    expect(at(at(x, 1), 2).item()).toBe(5);
    expect(at(x, 1).storage).toBe(x.storage);
    expect(at(x, 1).offset).toBe(3);
  });

  it('errors: out-of-range indices and 0-d tensors', () => {
    expect(() => at(arange(3), 5)).toThrow('index 5 is out of bounds for dimension 0 with size 3');
    expect(() => at(arange(3), -4)).toThrow(IndexError);
    expect(() => select(arange(5), 0, 7)).toThrow('select(): index 7 out of range for tensor of size [5] at dimension 0');
    expect(() => at(tensor(1), 0)).toThrow(/invalid index of a 0-dim tensor/);
    expect(() => at(arange(3), 1.5)).toThrow(IndexError);
  });

  it('slice clamps like Python and steps like PyTorch', () => {
    const x = arange(10);
    expect(slice(x, 0, 1, -1, 3).toArray()).toEqual([1, 4, 7]);
    expect(slice(x, 0, -3).toArray()).toEqual([7, 8, 9]);
    expect(slice(x, 0, null, null, 2).toArray()).toEqual([0, 2, 4, 6, 8]);
    expect(slice(x, 0, null, 2).toArray()).toEqual([0, 1]);
    expect(slice(x, 0, 5, 100).toArray()).toEqual([5, 6, 7, 8, 9]);
    expect(slice(x, 0, -100, 2).toArray()).toEqual([0, 1]);
    expect(slice(x, 0, 8, 2).numel()).toBe(0);
    expect(slice(zeros([2, 3]), 1, 5, 1).shape).toEqual([2, 0]);
    const base = m();
    const cols = slice(base, 1, 1);
    expect(cols.toArray()).toEqual([[1, 2], [4, 5]]);
    expect(cols.storage).toBe(base.storage);
    expect(cols.offset).toBe(1);
    expect(() => slice(x, 0, 0, 5, 0)).toThrow(ValueError);
    expect(() => slice(x, 0, 0, 5, -1)).toThrow("slice: 'step' must be greater than zero, got -1");
  });

  it('narrow', () => {
    expect(narrow(arange(5), 0, 1, 3).toArray()).toEqual([1, 2, 3]);
    expect(narrow(arange(5), 0, -2, 2).toArray()).toEqual([3, 4]);
    expect(narrow(m(), 1, 2, 1).toArray()).toEqual([[2], [5]]);
    expect(() => narrow(arange(5), 0, 3, 4)).toThrow('start (3) + length (4) exceeds dimension size (5).');
    expect(() => narrow(arange(5), 0, 6, 0)).toThrow(IndexError);
  });
});

describe('contiguous / clone', () => {
  it('contiguous returns the same tensor when already contiguous, a copy otherwise', () => {
    const x = m();
    expect(contiguous(x)).toBe(x);
    const y = contiguous(x.T);
    expect(y.isContiguous()).toBe(true);
    expect(y.storage).not.toBe(x.storage);
    expect(y.toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
  });

  it('clone copies storage, preserving -0 and NaN', () => {
    const x = tensor([-0, Number.NaN]);
    const y = clone(x);
    expect(y.storage).not.toBe(x.storage);
    const values = y.toArray() as number[];
    expect(Object.is(values[0], -0)).toBe(true);
    expect(values[1]).toBeNaN();
  });
});

describe('argument checks', () => {
  it('errors: non-tensor inputs throw a DTypeError naming the op', () => {
    expect(() => reshape([1, 2] as never, [2])).toThrow("reshape: expected a Tensor, got Array");
    expect(() => at(null as never, 0)).toThrow('at: expected a Tensor, got null');
    expect(() => transpose(3 as never, 0, 1)).toThrow(/transpose: expected a Tensor, got number/);
  });
});

import { describe, expect, it } from 'vitest';
import { DTypeError, IndexError, ShapeError, ValueError } from './errors';
import { arange, tensor, zeros } from './creation';
import { gather, indexSelect, maskedFill, maskedSelect, nonzero, scatter, scatterAdd, take } from './indexing';
import { where } from './where';

const ids = (data: unknown) => tensor(data as number[], { dtype: 'int32' });
const x = arange(6, { dtype: 'float32' }).reshape([2, 3]);

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

describe('indexing: values', () => {
  it('basic', () => {
    expect(indexSelect(x, 1, ids([2, 0])).toArray()).toEqual([[2, 0], [5, 3]]);
    expect(gather(x, 1, ids([[0, 0], [1, 0]])).toArray()).toEqual([[0, 0], [4, 3]]);
    expect(scatter(zeros([2, 3]), 1, ids([[2], [0]]), 5).toArray()).toEqual([[0, 0, 5], [5, 0, 0]]);
    expect(scatterAdd(zeros([3]), 0, ids([0, 0, 2]), tensor([1, 2, 3])).toArray()).toEqual([3, 0, 3]);
    expect(take(x, ids([5, -6])).toArray()).toEqual([5, 0]);
    expect(maskedFill(x, tensor([true, false, true]), -1).toArray()).toEqual([[-1, 1, -1], [-1, 4, -1]]);
    expect(maskedSelect(x, tensor([true, false, true])).toArray()).toEqual([0, 2, 3, 5]);
    expect(nonzero(x).toArray()).toEqual([[0, 1], [0, 2], [1, 0], [1, 1], [1, 2]]);
    expect(where(tensor([[true, false], [false, true]])).map((t) => t.toArray())).toEqual([[0, 1], [0, 1]]);
  });
  it('does not write into its input', () => {
    const base = zeros([3]);
    scatter(base, 0, ids([1]), 2);
    maskedFill(base, tensor([true, true, true]), 1);
    expect(base.toArray()).toEqual([0, 0, 0]);
  });
  it('propagates NaN and keeps -0', () => {
    const v = tensor([Number.NaN, -0, 1]);
    expect(indexSelect(v, 0, ids([0, 1])).toArray()).toEqual([Number.NaN, -0]);
    expect(Object.is(take(v, ids([1])).item(), -0)).toBe(true);
  });
});

describe('indexing: errors with PyTorch wording', () => {
  const cases: [string, () => unknown, new (...a: never[]) => Error, string][] = [
    ['index_select out of range', () => indexSelect(x, 0, ids([5])), IndexError, 'index out of range in self'],
    ['index_select negative', () => indexSelect(x, 0, ids([-1])), IndexError, 'index out of range in self'],
    ['index_select 2-d index', () => indexSelect(x, 0, ids([[0]])), IndexError, 'index_select(): Index is supposed to be a vector'],
    ['index_select float index', () => indexSelect(x, 0, tensor([0])), DTypeError, 'index_select(): Expected dtype int32 for index, got float32'],
    ['index_select dim', () => indexSelect(x, 2, ids([0])), IndexError, 'index_select: Dimension out of range (expected to be in range of [-2, 1], but got 2)'],
    ['gather out of bounds', () => gather(x, 1, ids([[0, 3]])), IndexError, 'index 3 is out of bounds for dimension 1 with size 3'],
    ['gather negative', () => gather(x, 1, ids([[0, -1]])), IndexError, 'index -1 is out of bounds for dimension 1 with size 3'],
    ['gather ndim', () => gather(x, 1, ids([0, 1])), ShapeError, 'Index tensor must have the same number of dimensions as input tensor'],
    [
      'gather size',
      () => gather(x, 1, ids([[0], [1], [0]])),
      ShapeError,
      'Size does not match at dimension 0 expected index [3, 1] to be smaller than self [2, 3] apart from dimension 1',
    ],
    ['scatter out of bounds', () => scatter(x, 1, ids([[0, 3]]), zeros([1, 2])), IndexError, 'index 3 is out of bounds for dimension 1 with size 3'],
    [
      'scatter src too small',
      () => scatter(x, 1, ids([[0, 1]]), zeros([1, 1])),
      ShapeError,
      'Expected index [1, 2] to be smaller than self [2, 3] apart from dimension 1 and to be smaller size than src [1, 1]',
    ],
    ['scatter src dtype', () => scatter(x, 1, ids([[0, 1]]), zeros([1, 2], { dtype: 'float64' })), DTypeError, 'scatter(): Expected self.dtype to be equal to src.dtype'],
    ['scatter ndim', () => scatter(x, 1, ids([0, 1]), zeros([2])), ShapeError, 'Index tensor must have the same number of dimensions as self tensor'],
    ['scatter reduce', () => scatter(x, 1, ids([[0, 1]]), 1, { reduce: 'mean' as never }), ValueError, 'reduce argument must be either add or multiply.'],
    ['scatter_add out of bounds', () => scatterAdd(x, 1, ids([[0, 3]]), zeros([1, 2])), IndexError, 'index 3 is out of bounds for dimension 1 with size 3'],
    ['take out of range', () => take(x, ids([6])), IndexError, 'out of range: tried to access index 6 on a tensor of 6 elements.'],
    ['take negative out of range', () => take(x, ids([-7])), IndexError, 'out of range: tried to access index -7 on a tensor of 6 elements.'],
    [
      'masked_fill 1-d value',
      () => maskedFill(x, tensor([true, false, true]), tensor([2])),
      ShapeError,
      'masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s).',
    ],
    [
      'masked_fill shapes',
      () => maskedFill(x, tensor([true, false]), 2),
      ShapeError,
      'The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1',
    ],
    ['masked_select float mask', () => maskedSelect(x, tensor([1, 0, 1])), DTypeError, 'masked_select: expected BoolTensor or ByteTensor for mask'],
    ['nonzero options', () => nonzero(x, { asTuple: 1 as never }), ValueError, "nonzero: 'asTuple' must be a boolean, got 1"],
  ];
  for (const [name, fn, cls, message] of cases) {
    it(name, () => {
      const e = thrown(fn);
      expect(e).toBeInstanceOf(cls);
      expect(e.message).toBe(message);
    });
  }
});

// indexing (issue 15): x[...] and index_put
import { index, indexPut, sl } from './advanced-indexing';

describe('index and indexPut', () => {
  const y = arange(12, { dtype: 'float32' }).reshape([3, 4]);
  it('slices as sl() or strings, numbers, null, ...', () => {
    expect(index(y, '1:', sl(null, null, 2)).toArray()).toEqual([[4, 6], [8, 10]]);
    expect(index(y, sl(1), '::2').toArray()).toEqual([[4, 6], [8, 10]]);
    expect(index(y, -1).toArray()).toEqual([8, 9, 10, 11]);
    expect(index(y, null, '...', 1).shape).toEqual([1, 3]);
    expect(index(y, ':', [3, 0]).toArray()).toEqual([[3, 0], [7, 4], [11, 8]]);
    expect(index(y, y.gt(9)).toArray()).toEqual([10, 11]);
    // whole rows of a row-major tensor (the block-copy path), negative indices count from the end
    expect(index(y, [-1, 0]).toArray()).toEqual([[8, 9, 10, 11], [0, 1, 2, 3]]);
    expect(thrown(() => index(y, [3])).message).toBe('index 3 is out of bounds for dimension 0 with size 3');
    expect(thrown(() => index(y, [-4])).message).toBe('index -4 is out of bounds for dimension 0 with size 3');
    expect(index(y.T, [1]).toArray()).toEqual([[1, 5, 9]]);
    // views stay views
    expect(index(y, 1, '1:').storage).toBe(y.storage);
  });
  it('indexPut writes or accumulates, out of place', () => {
    const z = zeros([3]);
    expect(indexPut(z, [ids([0, 0, 2])], tensor(1), { accumulate: true }).toArray()).toEqual([2, 0, 1]);
    expect(indexPut(z, [tensor([true, false, true])], 5).toArray()).toEqual([5, 0, 5]);
    expect(z.toArray()).toEqual([0, 0, 0]);
  });
  it('errors', () => {
    expect(thrown(() => index(y, 5)).message).toBe('index 5 is out of bounds for dimension 0 with size 3');
    expect(thrown(() => index(y, 0, 0, 0)).message).toBe('too many indices for tensor of dimension 2');
    expect(thrown(() => index(y, '1:2:0')).message).toBe('slice step cannot be zero');
    expect(thrown(() => index(y, 'a:b'))).toBeInstanceOf(ValueError);
    expect(thrown(() => index(y, '...', '...')).message).toBe('an index can only have a single ellipsis');
    expect(thrown(() => index(y, { begin: 1 } as never))).toBeInstanceOf(ValueError);
    expect(thrown(() => indexPut(y, [ids([0])], zeros([5]))).message).toBe(
      'shape mismatch: value tensor of shape [5] cannot be broadcast to indexing result of shape [1, 4]',
    );
    expect(thrown(() => indexPut(y, [ids([0])], zeros([4], { dtype: 'float64' })))).toBeInstanceOf(DTypeError);
  });
});

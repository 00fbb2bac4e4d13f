import { describe, expect, it } from 'vitest';
import { arange, tensor, zeros } from './creation';
import { DTypeError, IndexError, ShapeError, ValueError } from './errors';
import { Tensor } from './tensor';

describe('Tensor', () => {
  it('basic: wraps a storage with shape, row-major strides, offset and dtype', () => {
    const storage = new Float32Array([1, 2, 3, 4, 5, 6]);
    const t = new Tensor(storage, [2, 3], 'float32');
    expect(t.storage).toBe(storage);
    expect(t.shape).toEqual([2, 3]);
    expect(t.strides).toEqual([3, 1]);
    expect(t.offset).toBe(0);
    expect(t.ndim).toBe(2);
    expect(t.dim()).toBe(2);
    expect(t.numel()).toBe(6);
    expect(t.size()).toEqual([2, 3]);
    expect(t.size(-1)).toBe(3);
    expect(() => tensor(1).size(0)).toThrow(IndexError);
    expect(t.isContiguous()).toBe(true);
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('custom strides and offset read the right elements', () => {
    const t = new Tensor(new Float64Array([0, 1, 2, 3, 4, 5, 6]), [2, 2], 'float64', [1, 3], 1);
    expect(t.toArray()).toEqual([
      [1, 4],
      [2, 5],
    ]);
    expect(t.isContiguous()).toBe(false);
    expect([...t.dataSync()]).toEqual([1, 4, 2, 5]);
  });

  it('item() of one-element tensors (bool as 0/1)', () => {
    expect(tensor(2.5).item()).toBe(2.5);
    expect(tensor([[7]]).item()).toBe(7);
    expect(tensor([true]).item()).toBe(1);
    expect(() => tensor([1, 2]).item()).toThrow('item: a Tensor with 2 elements cannot be converted to Scalar');
    expect(() => tensor([1, 2]).item()).toThrow(ValueError);
  });

  it('toArray(): 0-d gives a number, bool gives booleans, empty dims give empty arrays', () => {
    expect(tensor(3).toArray()).toBe(3);
    expect(tensor([true, false]).toArray()).toEqual([true, false]);
    expect(tensor(true).toArray()).toBe(true);
    expect(zeros([2, 0]).toArray()).toEqual([[], []]);
    expect(tensor([Number.NaN, -0]).toArray()).toEqual([Number.NaN, -0]);
  });

  it("toString() is PyTorch's repr", () => {
    expect(String(tensor([3.773, 1.8865]))).toBe('tensor([3.7730, 1.8865])');
    expect(String(tensor(4.0584))).toBe('tensor(4.0584)');
    expect(String(arange(3))).toBe('tensor([0, 1, 2], dtype=torch.int32)');
    expect(String(tensor([[1, 2], [3, 4]]).T)).toBe('tensor([[1., 3.],\n        [2., 4.]])');
  });

  it('errors: storage of the wrong type, mismatched strides, out-of-bounds views', () => {
    expect(() => new Tensor(new Float32Array(2), [2], 'int32')).toThrow(DTypeError);
    expect(() => new Tensor(new Float32Array(4), [2, 2], 'float32', [1])).toThrow(ShapeError);
    expect(() => new Tensor(new Float32Array(4), [2, 3], 'float32')).toThrow(IndexError);
    expect(() => new Tensor(new Float32Array(4), [2], 'float32', [1], 3)).toThrow(/reaches outside a storage of 4 elements/);
    expect(() => new Tensor(new Float32Array(4), [-1], 'float32')).toThrow(ShapeError);
    // an empty view may sit anywhere
    expect(new Tensor(new Float32Array(0), [0, 5], 'float32').numel()).toBe(0);
  });

  it('method forms exist for every op', () => {
    const x = tensor([[1, -2], [3, 4]]);
    expect(x.add(1).sub(1).mul(2).div(2).toArray()).toEqual(x.toArray());
    expect(x.pow(2).sum().item()).toBe(30);
    expect(x.neg().abs().sqrt().square().sum().item()).toBeCloseTo(10, 5);
    expect(x.max().item()).toBe(4);
    expect(x.max(1).indices.toArray()).toEqual([0, 1]);
    expect(x.min(0, true).values.toArray()).toEqual([[1, -2]]);
    expect(x.argmax().item()).toBe(3);
    expect(x.relu().toArray()).toEqual([[1, 0], [3, 4]]);
    expect(x.where(x.gt(0), 0).toArray()).toEqual([[1, 0], [3, 4]]);
    expect(x.clamp(0, 3).toArray()).toEqual([[1, 0], [3, 3]]);
    expect(x.matmul(x).toArray()).toEqual([[-5, -10], [15, 10]]);
    expect(x.mm(x.T).toArray()).toEqual([[5, -5], [-5, 25]]);
    expect(x.reshape(4).shape).toEqual([4]);
    expect(x.reshape([1, 4]).shape).toEqual([1, 4]);
    expect(x.view(-1).shape).toEqual([4]);
    expect(x.permute(1, 0).toArray()).toEqual(x.T.toArray());
    expect(x.expand(3, 2, 2).shape).toEqual([3, 2, 2]);
    expect(x.unsqueeze(0).bmm(x.unsqueeze(0)).shape).toEqual([1, 2, 2]);
    expect(x.softmax(1).sum(1).toArray()).toEqual([1, 1]);
    expect(x.sumTo([2]).toArray()).toEqual([4, 2]);
    expect(x.int().dtype).toBe('int32');
    expect(x.double().dtype).toBe('float64');
    expect(x.bool().float().dtype).toBe('float32');
  });
});

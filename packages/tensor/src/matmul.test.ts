import { describe, expect, it } from 'vitest';
import { arange, ones, tensor, zeros } from './creation';
import { DTypeError, ShapeError } from './errors';
import { bmm, matmul, mm } from './matmul';
import type { Tensor } from './tensor';

const a23 = (): Tensor => tensor([[1, 2, 3], [4, 5, 6]]);

// A plain triple loop over nested arrays, the reference for batched cases.
function reference(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
}

describe('mm', () => {
  it('basic', () => {
    expect(mm(tensor([[1, 2], [3, 4]]), tensor([[5, 6], [7, 8]])).toArray()).toEqual([[19, 22], [43, 50]]);
  });

  it('transposed and sliced operands are read through their strides', () => {
    const a = a23();
    expect(mm(a, a.T).toArray()).toEqual([[14, 32], [32, 77]]);
    expect(mm(a.T, a).toArray()).toEqual(reference([[1, 4], [2, 5], [3, 6]], [[1, 2, 3], [4, 5, 6]]));
    expect(mm(a.slice(1, 0, 3, 2), tensor([[1], [1]])).toArray()).toEqual([[4], [10]]);
  });

  it('dtypes: int32 stays int32, mixed operands promote, float64 kept', () => {
    const i = tensor([[1, 2], [3, 4]], { dtype: 'int32' });
    expect(mm(i, i).dtype).toBe('int32');
    expect(mm(i, i).toArray()).toEqual([[7, 10], [15, 22]]);
    expect(mm(i, tensor([[0.5], [0.5]])).dtype).toBe('float32');
    expect(mm(i, tensor([[0.5], [0.5]])).toArray()).toEqual([[1.5], [3.5]]);
    expect(mm(tensor([[1]], { dtype: 'float64' }), tensor([[2]])).dtype).toBe('float64');
  });

  it('empty inner dim gives zeros', () => {
    expect(mm(zeros([2, 0]), zeros([0, 3])).toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
  });

  it("errors: PyTorch's message", () => {
    expect(() => mm(zeros([2, 3]), zeros([4, 5]))).toThrow('mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)');
    expect(() => mm(zeros([3]), zeros([3, 4]))).toThrow(ShapeError);
    expect(() => mm(tensor([[true]]), tensor([[true]]))).toThrow(DTypeError);
  });
});

describe('matmul', () => {
  it('1-D x 1-D is a dot product (0-d)', () => {
    const r = matmul(tensor([1, 2, 3]), tensor([4, 5, 6]));
    expect(r.shape).toEqual([]);
    expect(r.item()).toBe(32);
  });

  it('1-D x 2-D and 2-D x 1-D drop the vector dim', () => {
    const v = matmul(tensor([1, 2]), a23());
    expect(v.shape).toEqual([3]);
    expect(v.toArray()).toEqual([9, 12, 15]);
    const w = matmul(a23(), tensor([1, 1, 1]));
    expect(w.shape).toEqual([2]);
    expect(w.toArray()).toEqual([6, 15]);
  });

  it('batched with broadcast batch dims', () => {
    const a = arange(12).reshape(2, 1, 2, 3).float();
    const b = arange(18).reshape(3, 3, 2).float();
    const r = matmul(a, b);
    expect(r.shape).toEqual([2, 3, 2, 2]);
    const an = a.toArray() as number[][][][];
    const bn = b.toArray() as number[][][];
    const rn = r.toArray() as number[][][][];
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) expect(rn[i]![j]).toEqual(reference(an[i]![0]!, bn[j]!));
  });

  it('batched x 2-D folds into one product; batched x 1-D and 1-D x batched', () => {
    const a = arange(24).reshape(2, 3, 4).float();
    const b = arange(8).reshape(4, 2).float();
    const r = matmul(a, b);
    expect(r.shape).toEqual([2, 3, 2]);
    const an = a.toArray() as number[][][];
    const bn = b.toArray() as number[][];
    expect(r.toArray()).toEqual([reference(an[0]!, bn), reference(an[1]!, bn)]);
    // a transposed batch cannot be folded: the per-batch loop must agree
    const t = a.transpose(0, 1); // [3, 2, 4]
    const tn = t.toArray() as number[][][];
    expect(matmul(t, b).toArray()).toEqual(tn.map((m) => reference(m, bn)));
    expect(matmul(a, tensor([1, 0, 0, 0])).toArray()).toEqual([[0, 4, 8], [12, 16, 20]]);
    const strided = a.mT.contiguous().mT; // [2, 3, 4] with strides [12, 1, 3]
    expect(matmul(tensor([1, 1, 1]), strided).toArray()).toEqual(an.map((m) => [0, 1, 2, 3].map((j) => m[0]![j]! + m[1]![j]! + m[2]![j]!)));
  });

  it('2-D x batched broadcasts the matrix', () => {
    const m = tensor([[1, 0], [0, 2]]);
    const b = ones([3, 2, 2]);
    expect(matmul(m, b).toArray()).toEqual([
      [[1, 1], [2, 2]],
      [[1, 1], [2, 2]],
      [[1, 1], [2, 2]],
    ]);
  });

  it('errors: 0-d operands, inner sizes, batch dims', () => {
    expect(() => matmul(tensor(1), tensor([1]))).toThrow(
      'both arguments to matmul need to be at least 1D, but they are 0D and 1D',
    );
    expect(() => matmul(zeros([3]), zeros([4]))).toThrow(
      'inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively',
    );
    expect(() => matmul(zeros([2, 3]), zeros([4, 5]))).toThrow('mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)');
    expect(() => matmul(zeros([3]), zeros([4, 5]))).toThrow('mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)');
    expect(() => matmul(zeros([2, 2, 3]), zeros([4, 5]))).toThrow('mat1 and mat2 shapes cannot be multiplied (4x3 and 4x5)');
    expect(() => matmul(zeros([2, 3]), zeros([4]))).toThrow('size mismatch, got input (2), mat (2x3), vec (4)');
    expect(() => matmul(zeros([2, 2, 3]), zeros([2, 4, 5]))).toThrow(ShapeError);
    expect(() => matmul(zeros([2, 2, 3]), zeros([3, 3, 5]))).toThrow(
      'The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0',
    );
  });
});

describe('bmm', () => {
  it('basic', () => {
    const a = arange(12).reshape(2, 2, 3).float();
    const b = arange(12).reshape(2, 3, 2).float();
    const an = a.toArray() as number[][][];
    const bn = b.toArray() as number[][][];
    expect(bmm(a, b).toArray()).toEqual([reference(an[0]!, bn[0]!), reference(an[1]!, bn[1]!)]);
  });

  it("errors: PyTorch's messages", () => {
    expect(() => bmm(zeros([2, 2, 3]), zeros([2, 4, 5]))).toThrow(
      'Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 4].',
    );
    expect(() => bmm(zeros([2, 3]), zeros([3, 4]))).toThrow(/batch1 must be a 3D tensor/);
  });
});

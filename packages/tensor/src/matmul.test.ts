import { describe, expect, it } from 'vitest';
import { arange, full, ones, rand, tensor, zeros } from './creation';
import { DTypeError, ShapeError, ValueError } from './errors';
import { add } from './binary';
import { addmm, bmm, matmul, mm } from './matmul';

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

  it('dtypes: int32 stays int32, float64 kept; mixed operands raise PyTorch 1.13\'s error (no promotion)', () => {
    const i = tensor([[1, 2], [3, 4]], { dtype: 'int32' });
    const f = tensor([[1, 2], [3, 4]]);
    const d = tensor([[1, 2], [3, 4]], { dtype: 'float64' });
    expect(mm(i, i).dtype).toBe('int32');
    expect(mm(i, i).toArray()).toEqual([[7, 10], [15, 22]]);
    expect(mm(d, d).dtype).toBe('float64');
    expect(() => mm(i, tensor([[0.5], [0.5]]))).toThrow('mm: expected scalar type Int but found Float');
    expect(() => mm(f, d)).toThrow('mm: expected scalar type Float but found Double');
    expect(() => mm(d, f)).toThrow('mm: expected scalar type Double but found Float');
    expect(() => matmul(f, d.expand([3, 2, 2]))).toThrow('matmul: expected scalar type Double but found Float');
    expect(() => matmul(f.expand([3, 2, 2]), d)).toThrow('matmul: expected scalar type Float but found Double');
    expect(() => bmm(f.expand([3, 2, 2]), d.expand([3, 2, 2]))).toThrow('bmm: expected scalar type Float but found Double');
    expect(() => matmul(f.select(0, 0), d.select(0, 0))).toThrow(
      'dot : expected both vectors to have same dtype, but found Float and Double',
    );
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

// Expected values and messages below were produced by PyTorch 1.13's torch.addmm.
describe('addmm', () => {
  it('basic: input [m] broadcast over the rows', () => {
    expect(addmm(tensor([10, 20]), tensor([[1, 2]]), tensor([[3, 4], [5, 6]])).toArray()).toEqual([[23, 36]]);
  });

  it('input [n, m], [1, m], [n, 1] and 0-d broadcast to [n, m]', () => {
    const m1 = a23();
    const m2 = tensor([[1, 0], [0, 1], [1, 1]]);
    const product = [[4, 5], [10, 11]];
    expect(addmm(tensor([[1, 2], [3, 4]]), m1, m2).toArray()).toEqual([[5, 7], [13, 15]]);
    expect(addmm(tensor([[1, 2]]), m1, m2).toArray()).toEqual([[5, 7], [11, 13]]);
    expect(addmm(tensor([[1], [2]]), m1, m2).toArray()).toEqual([[5, 6], [12, 13]]);
    expect(addmm(tensor(0.5), m1, m2).toArray()).toEqual(product.map((r) => r.map((v) => v + 0.5)));
  });

  it('for beta = alpha = 1 the bits of add(mm(mat1, mat2), input), for odd sizes and strided operands', () => {
    for (const [n, k, m] of [[10, 5, 11], [17, 33, 9], [65, 70, 33]] as const) {
      for (const dtype of ['float32', 'float64'] as const) {
        const mat1 = rand([n, k], { dtype }).sub(0.5);
        const weight = rand([m, k], { dtype }).sub(0.5);
        const bias = rand([m], { dtype }).sub(0.5);
        const got = addmm(bias, mat1, weight.T);
        expect(got.shape).toEqual([n, m]);
        expect(got.dtype).toBe(dtype);
        expect(Array.from(got.storage)).toEqual(Array.from(add(mm(mat1, weight.T), bias).contiguous().storage));
      }
    }
    // a transposed input is read through its strides
    const input = rand([3, 2]);
    const m1 = rand([2, 4]);
    const m2 = rand([4, 3]);
    expect(addmm(input.T, m1, m2).toArray()).toEqual(add(mm(m1, m2), input.T).toArray());
  });

  it('beta and alpha scale the input and the product', () => {
    const r = addmm(ones([2]), ones([1, 3]), ones([3, 2]), { beta: 0.5, alpha: 2 });
    expect(r.toArray()).toEqual([[6.5, 6.5]]);
    expect(addmm(tensor([1, 2]), tensor([[1, 2]]), tensor([[1, 1], [1, 1]]), { alpha: -1 }).toArray()).toEqual([[-2, -1]]);
    // float32 factors are rounded to float32 first, as BLAS's float alpha/beta
    const f = addmm(tensor([1]), tensor([[1]]), tensor([[1]]), { beta: 0.1, alpha: 0.1 });
    expect(f.item()).toBe(Math.fround(Math.fround(0.1) + Math.fround(0.1)));
    const d = addmm(tensor([1], { dtype: 'float64' }), tensor([[1]], { dtype: 'float64' }), tensor([[1]], { dtype: 'float64' }), { beta: 0.1, alpha: 0.1 });
    expect(d.item()).toBe(0.2);
  });

  it('beta = 0 ignores the input: NaN and inf in it do not propagate', () => {
    expect(addmm(tensor([NaN, Infinity]), ones([2, 3]), ones([3, 2]), { beta: 0 }).toArray()).toEqual([[3, 3], [3, 3]]);
    expect(addmm(tensor([NaN, 1]), ones([2, 3]), ones([3, 2]), { beta: 0, alpha: 2 }).toArray()).toEqual([[6, 6], [6, 6]]);
    expect(addmm(tensor([NaN, 1]), ones([2, 0]), ones([0, 2]), { beta: 0 }).toArray()).toEqual([[0, 0], [0, 0]]);
  });

  it('propagates NaN from the input when beta is not 0, and a NaN beta', () => {
    expect(addmm(tensor([NaN, 1]), ones([2, 3]), ones([3, 2])).toArray()).toEqual([[NaN, 4], [NaN, 4]]);
    expect(addmm(tensor([1, 1]), ones([1, 3]), ones([3, 2]), { beta: NaN }).toArray()).toEqual([[NaN, NaN]]);
  });

  it('alpha = 0 or an empty inner dim skips the product (inf/NaN in the matrices do not propagate)', () => {
    expect(addmm(tensor([1, 1]), full([2, 3], Infinity), ones([3, 2]), { alpha: 0 }).toArray()).toEqual([[1, 1], [1, 1]]);
    expect(addmm(tensor([1, 1]), full([2, 3], NaN), ones([3, 2]), { alpha: 0, beta: 0.5 }).toArray()).toEqual([[0.5, 0.5], [0.5, 0.5]]);
    expect(addmm(tensor([1, 1]), ones([2, 3]), ones([3, 2]), { alpha: 0, beta: 0 }).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(addmm(tensor([1, 1]), ones([1, 0]), ones([0, 2]), { alpha: Infinity, beta: 2 }).toArray()).toEqual([[2, 2]]);
    expect(addmm(tensor([1, 1]), ones([1, 3]), ones([3, 2]), { alpha: Infinity, beta: 2 }).toArray()).toEqual([[Infinity, Infinity]]);
  });

  it('empty results', () => {
    expect(addmm(ones([2]), ones([0, 3]), ones([3, 2])).shape).toEqual([0, 2]);
    expect(addmm(ones([1, 0]), ones([4, 3]), ones([3, 0])).shape).toEqual([4, 0]);
  });

  it('int32: wraps like C, beta and alpha are truncated toward zero', () => {
    const i = (x: number[] | number[][]) => tensor(x, { dtype: 'int32' });
    const one = ones([1, 3], { dtype: 'int32' });
    const col = ones([3, 2], { dtype: 'int32' });
    const r = addmm(i([1, 1]), one, col);
    expect(r.dtype).toBe('int32');
    expect(r.toArray()).toEqual([[4, 4]]);
    expect(addmm(i([1, 1]), one, col, { beta: 0.5 }).toArray()).toEqual([[3, 3]]);
    expect(addmm(i([1, 1]), one, col, { beta: -1.5 }).toArray()).toEqual([[2, 2]]);
    expect(addmm(i([1, 1]), one, col, { alpha: -1.7 }).toArray()).toEqual([[-2, -2]]);
    expect(addmm(i([1, 1]), one, col, { beta: 2, alpha: 3 }).toArray()).toEqual([[11, 11]]);
    expect(addmm(i([2147483647]), i([[1]]), i([[1]])).item()).toBe(-2147483648);
    expect(() => addmm(i([1, 1]), one, col, { beta: 1e10 })).toThrow(
      "addmm: 'beta' is 10000000000: value cannot be converted to type int without overflow",
    );
    expect(() => addmm(i([1, 1]), one, col, { alpha: NaN })).toThrow(ValueError);
  });

  it('the method form', () => {
    expect(tensor([1, 2]).addmm(tensor([[1, 1]]), tensor([[1, 2], [3, 4]]), { beta: 2 }).toArray()).toEqual([[6, 10]]);
  });

  it("errors, in PyTorch's order and wording", () => {
    const f = (s: number[]) => zeros(s);
    const d = (s: number[]) => zeros(s, { dtype: 'float64' });
    expect(() => addmm(f([2, 5]), f([2, 3]), f([4, 5]))).toThrow('addmm: mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)');
    // the product's shapes are checked before the input's
    expect(() => addmm(f([3]), f([2, 3]), f([4, 5]))).toThrow('mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)');
    expect(() => addmm(f([5]), f([3]), f([3, 5]))).toThrow('addmm: mat1 must be a matrix, got 1-D tensor (shape [3])');
    expect(() => addmm(f([5]), f([2, 3]), f([3]))).toThrow('addmm: mat2 must be a matrix, got 1-D tensor (shape [3])');
    expect(() => addmm(f([5]), f([2, 3, 1]), f([3, 5]))).toThrow(ShapeError);
    expect(() => addmm(f([3]), f([2, 3]), f([3, 5]))).toThrow(
      "addmm: 'input' has shape [3], expected a shape that broadcasts to [2, 5] (The expanded size of the tensor (5) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 5].  Tensor sizes: [3])",
    );
    expect(() => addmm(f([3, 5]), f([2, 3]), f([3, 5]))).toThrow('at non-singleton dimension 0');
    expect(() => addmm(f([2, 1, 5]), f([2, 3]), f([3, 5]))).toThrow(
      'the number of sizes provided (2) must be greater or equal to the number of dimensions in the tensor (3)',
    );
    // dtypes are checked first and never promoted
    expect(() => addmm(d([5]), f([2, 3]), f([3, 5]))).toThrow(
      "addmm: 'input' has dtype float64, expected float32 like 'mat2' (self and mat2 must have the same dtype)",
    );
    expect(() => addmm(d([3]), f([2]), f([4, 5]))).toThrow('self and mat2 must have the same dtype');
    expect(() => addmm(f([5]), d([2, 3]), f([3, 5]))).toThrow(
      "addmm: 'mat1' has dtype float64, expected float32 like 'mat2' (mat1 and mat2 must have the same dtype)",
    );
    expect(() => addmm(f([5]), f([2, 3]), d([3, 5]))).toThrow('self and mat2 must have the same dtype');
    const b = (s: number[]) => zeros(s, { dtype: 'bool' });
    expect(() => addmm(b([5]), b([2, 3]), b([3, 5]))).toThrow(`addmm: "addmm_impl_cpu_" not implemented for 'Bool'`);
    expect(() => addmm(5 as unknown as Tensor, f([2, 3]), f([3, 5]))).toThrow("addmm: 'input' must be a Tensor, got number");
    expect(() => addmm(f([5]), f([2, 3]), f([3, 5]), { beta: '1' as unknown as number })).toThrow(
      "addmm: 'beta' must be a number, got string",
    );
  });
});

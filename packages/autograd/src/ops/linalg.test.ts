import { describe, expect, it } from 'vitest';
import * as B from '@gradlab/tensor';
import { DTypeError } from '@gradlab/tensor';
import { AccumulateGrad, add, addmm, bmm, dot, grad, matmul, mm, mv, ones, randn, sum, t, tensor, zeros } from '../index';

describe('matmul', () => {
  it('records the nodes PyTorch records for each combination of ranks', () => {
    const r = (shape: number[]) => ones(shape, { requiresGrad: true });
    const cases: [number[], number[], string, number[]][] = [
      [[3], [3], 'DotBackward0', []],
      [[2, 3], [3], 'MvBackward0', [2]],
      [[3], [3, 4], 'SqueezeBackward3', [4]],
      [[2, 3], [3, 4], 'MmBackward0', [2, 4]],
      [[5, 2, 3], [3, 4], 'UnsafeViewBackward0', [5, 2, 4]],
      [[5, 2, 3], [3], 'UnsafeViewBackward0', [5, 2]],
      [[2, 3], [5, 3, 4], 'CloneBackward0', [5, 2, 4]],
      [[3], [5, 3, 4], 'UnsafeViewBackward0', [5, 4]],
      [[2, 1, 2, 3], [4, 3, 2], 'UnsafeViewBackward0', [2, 4, 2, 2]],
    ];
    for (const [a, b, name, shape] of cases) {
      const y = matmul(r(a), r(b));
      expect(y.gradFn!.name, `${a} @ ${b}`).toBe(name);
      expect([...y.shape], `${a} @ ${b}`).toEqual(shape);
    }
  });

  it('gradients of a batched, broadcast product sum over the broadcast batch', () => {
    const a = ones([2, 1, 2, 3], { requiresGrad: true });
    const b = ones([4, 3, 2], { requiresGrad: true });
    sum(matmul(a, b)).backward();
    // every element of a meets 4 batches x 2 columns; every element of b meets 2 x 2 rows
    expect((a.grad!.toArray() as number[][][][]).flat(3).every((v) => v === 8)).toBe(true);
    expect((b.grad!.toArray() as number[][][]).flat(2).every((v) => v === 4)).toBe(true);
  });

  it('without grad it is the base matmul', () => {
    expect(matmul(tensor([[1, 2]]), tensor([[3], [4]])).toArray()).toEqual([[11]]);
    expect(mm(zeros([2, 3]), zeros([3, 1])).requiresGrad).toBe(false);
  });

  it('dot, mv, bmm check their ranks', () => {
    expect(() => dot(ones([2, 2]), ones([2]))).toThrow('1D tensors expected, but got 2D and 1D tensors');
    expect(() => mv(ones([2]), ones([2]))).toThrow();
    expect(bmm(ones([2, 1, 3]), ones([2, 3, 1])).toArray()).toEqual([[[3]], [[3]]]);
  });
});

describe('addmm', () => {
  it("records AddmmBackward0 with PyTorch's edges: input, mat1, mat2 (null where no grad is needed)", () => {
    const bias = zeros([4], { requiresGrad: true });
    const weight = ones([4, 3], { requiresGrad: true });
    const y = addmm(bias, ones([2, 3]), t(weight));
    expect(y.gradFn!.name).toBe('AddmmBackward0');
    const names = y.gradFn!.nextFunctions.map(([n]) => n?.name ?? null);
    expect(names).toEqual(['AccumulateGrad', null, 'TBackward0']);
    expect((y.gradFn!.nextFunctions[0]![0] as AccumulateGrad).variable).toBe(bias);
    expect((y.gradFn!.nextFunctions[2]![0]!.nextFunctions[0]![0] as AccumulateGrad).variable).toBe(weight);
    // nothing to track: a constant, like the base op
    const c = addmm(zeros([4]), ones([2, 3]), ones([3, 4]));
    expect(c.requiresGrad).toBe(false);
    expect(c.gradFn).toBeNull();
  });

  it('for beta = alpha = 1, the values and gradients of add(mm(x, w.t()), b) bit for bit', () => {
    const x = randn([10, 5], { requiresGrad: true });
    const w = randn([11, 5], { requiresGrad: true });
    const b = randn([11], { requiresGrad: true });
    const g = randn([10, 11]);
    const fused = addmm(b, x, t(w));
    const [gb, gx, gw] = grad(fused, [b, x, w], { gradOutputs: [g] });
    const plain = add(mm(x, t(w)), b);
    const [pb, px, pw] = grad(plain, [b, x, w], { gradOutputs: [g] });
    expect(Array.from(fused.dataSync())).toEqual(Array.from(plain.dataSync()));
    expect(Array.from(gb!.dataSync())).toEqual(Array.from(pb!.dataSync()));
    expect(Array.from(gx!.dataSync())).toEqual(Array.from(px!.dataSync()));
    expect(Array.from(gw!.dataSync())).toEqual(Array.from(pw!.dataSync()));
    // the weight, used as w.t(), gets its gradient in its own (row-major) layout: no copy in .grad
    expect([...gw!.data.strides]).toEqual([5, 1]);
  });

  it('beta and alpha scale the gradients; the input gradient is summed to its broadcast shape', () => {
    const c = tensor([[1, 2, 3]], { requiresGrad: true });
    const a = tensor([[1, 2], [3, 4]], { requiresGrad: true });
    const b = tensor([[1, 0, 1], [0, 1, 1]], { requiresGrad: true });
    sum(addmm(c, a, b, { beta: 0.5, alpha: 2 })).backward();
    expect(c.grad!.shape).toEqual([1, 3]);
    expect(c.grad!.toArray()).toEqual([[1, 1, 1]]); // 0.5 * 2 rows
    expect(a.grad!.toArray()).toEqual([[4, 4], [4, 4]]); // 2 * ones @ b^T
    expect(b.grad!.toArray()).toEqual([[8, 8, 8], [12, 12, 12]]); // 2 * a^T @ ones
    const s = tensor(1.5, { requiresGrad: true });
    sum(addmm(s, a, b)).backward();
    expect(s.grad!.shape).toEqual([]);
    expect(s.grad!.item()).toBe(6);
  });

  it('beta = 0: NaN in the input does not reach the output, and its gradient is 0', () => {
    const c = tensor([NaN, 1], { requiresGrad: true });
    const y = addmm(c, ones([2, 3]), ones([3, 2]), { beta: 0 });
    expect(y.toArray()).toEqual([[3, 3], [3, 3]]);
    sum(y).backward();
    expect(c.grad!.toArray()).toEqual([0, 0]);
  });

  it('double backward through the mm formulas (createGraph)', () => {
    const a = tensor([[1, 2], [3, 4]], { requiresGrad: true, dtype: 'float64' });
    const b = tensor([[1, -1], [2, 0.5]], { requiresGrad: true, dtype: 'float64' });
    const c = zeros([2], { requiresGrad: true, dtype: 'float64' });
    const y = addmm(c, a, b, { alpha: 3 });
    const [ga] = grad(sum(y), [a], { createGraph: true });
    expect(ga!.requiresGrad).toBe(true);
    // d/db of sum(3 * ones @ b^T) = 3 * (number of rows of the sum's ones) everywhere
    const [gb] = grad(sum(ga!), [b]);
    expect(gb!.toArray()).toEqual([[6, 6], [6, 6]]);
  });

  it('the method form and errors from the base op', () => {
    const c = tensor([1, 2], { requiresGrad: true });
    const y = c.addmm(ones([1, 3]), ones([3, 2]), { beta: 2 });
    expect(y.toArray()).toEqual([[5, 7]]);
    expect(y.gradFn!.name).toBe('AddmmBackward0');
    expect(() => addmm(ones([2]), ones([2, 3]), ones([4, 2]))).toThrow('mat1 and mat2 shapes cannot be multiplied (2x3 and 4x2)');
    expect(() => addmm(3, ones([2, 3]), ones([3, 2]))).toThrow("addmm: 'input' must be a tensor, got number");
    expect(() => addmm(ones([2], { dtype: 'float64' }), ones([2, 3]), ones([3, 2]))).toThrow(B.DTypeError);
  });
});

describe('PyTorch 1.13 parity of matrix products', () => {
  it('a tracked product with an empty inner dim folds a 3-D operand (was "shape \'[-1, 0]\' is invalid")', () => {
    const a = zeros([3, 4, 0], { requiresGrad: true });
    const y = matmul(a, zeros([0, 2]));
    expect(y.shape).toEqual([3, 4, 2]);
    y.sum().backward();
    expect(a.grad!.shape).toEqual([3, 4, 0]);
  });

  it('mixed float32/float64 operands raise instead of promoting', () => {
    const f = ones([2, 2], { requiresGrad: true });
    const d = ones([2, 2], { dtype: 'float64' });
    expect(() => mm(f, d)).toThrow('mm: expected scalar type Float but found Double');
    expect(() => matmul(f, d)).toThrow(DTypeError);
    expect(() => bmm(f.expand([3, 2, 2]), d.expand([3, 2, 2]))).toThrow(DTypeError);
    expect(() => dot(f.at(0), d.at(0))).toThrow('dot : expected both vectors to have same dtype, but found Float and Double');
    expect(() => mv(d, f.at(0))).toThrow('mv: expected scalar type Double but found Float');
  });
});

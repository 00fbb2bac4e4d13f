import { describe, expect, it } from 'vitest';
import { add, div, eq, ge, gt, le, lt, maximum, minimum, mul, ne, pow, sub } from './binary';
import { arange, tensor, zeros } from './creation';
import { DTypeError, ShapeError, ValueError } from './errors';

const f32 = Math.fround;
const values = (t: { toArray(): unknown }): number[] => t.toArray() as number[];
const i32 = (data: number[]): ReturnType<typeof tensor> => tensor(data, { dtype: 'int32' });

describe('arithmetic', () => {
  it('basic: same shape', () => {
    const a = tensor([1, 2, 3]);
    const b = tensor([4, 5, 6]);
    expect(values(add(a, b))).toEqual([5, 7, 9]);
    expect(values(sub(a, b))).toEqual([-3, -3, -3]);
    expect(values(mul(a, b))).toEqual([4, 10, 18]);
    expect(values(div(a, b))).toEqual([f32(1 / 4), f32(2 / 5), f32(3 / 6)]);
    expect(values(pow(a, tensor([2, 0, -1])))).toEqual([1, 1, f32(1 / 3)]);
  });

  it('broadcasting: [2, 1] with [3], [3] with [2, 3], 0-d with anything', () => {
    expect(add(tensor([[1], [2]]), tensor([10, 20, 30])).toArray()).toEqual([
      [11, 21, 31],
      [12, 22, 32],
    ]);
    expect(mul(tensor([1, 2, 3]), tensor([[1, 1, 1], [2, 2, 2]])).toArray()).toEqual([
      [1, 2, 3],
      [2, 4, 6],
    ]);
    expect(sub(tensor(10), tensor([[1, 2]])).toArray()).toEqual([[9, 8]]);
    expect(add(zeros([2, 0]), tensor([1])).shape).toEqual([2, 0]);
    expect(add(tensor([[1]]), tensor([5, 6])).shape).toEqual([1, 2]);
  });

  it('strided operands (transposes, slices, expands) in the general loop', () => {
    const x = arange(6).reshape(2, 3).float();
    expect(add(x.T, x.T).toArray()).toEqual([[0, 6], [2, 8], [4, 10]]);
    expect(add(x.T, tensor([100, 200])).toArray()).toEqual([[100, 203], [101, 204], [102, 205]]);
    expect(mul(x.slice(1, 0, 3, 2), x.slice(1, 1, 2)).toArray()).toEqual([[0, 2], [12, 20]]);
    expect(sub(x.reshape(2, 1, 3), x.reshape(1, 2, 3)).shape).toEqual([2, 2, 3]);
  });

  it('JS numbers on either side', () => {
    expect(values(sub(5, tensor([1, 2])))).toEqual([4, 3]);
    expect(values(div(1, tensor([4])))).toEqual([0.25]);
    expect(values(pow(2, i32([0, 3, 10])))).toEqual([1, 8, 1024]);
    expect(add(2, 3).item()).toBe(5);
  });

  it('division by zero is IEEE, as in PyTorch', () => {
    const q = values(div(tensor([1, 0, -1, 0]), 0));
    expect(q.slice(0, 1)).toEqual([Infinity]);
    expect(q[1]).toBeNaN();
    expect(q[2]).toBe(-Infinity);
    expect(values(div(i32([1, -1]), i32([0, 0])))).toEqual([Infinity, -Infinity]);
    expect(values(div(tensor([1]), tensor([-0])))).toEqual([-Infinity]);
  });

  it('preserves -0 and propagates NaN', () => {
    expect(Object.is(values(mul(tensor([0]), -1))[0], -0)).toBe(true);
    expect(Object.is(values(add(tensor([-0]), -0))[0], -0)).toBe(true);
    expect(values(add(tensor([Number.NaN]), 1))[0]).toBeNaN();
  });

  it('pow matches C pow on edge values: 1 ** NaN = 1, (-1) ** inf = 1, NaN ** 0 = 1', () => {
    expect(values(pow(tensor([1, -1, Number.NaN]), tensor([Number.NaN, Infinity, 0])))).toEqual([1, 1, 1]);
    expect(values(pow(tensor([-2]), 0.5))[0]).toBeNaN();
    expect(values(pow(tensor([0]), -1))).toEqual([Infinity]);
  });

  it('pow with a 0-d tensor exponent is C pow, not the scalar kernels (values from PyTorch 1.13)', () => {
    // torch.pow(x, 0.5) is sqrt: (-0) ** 0.5 = -0, (-inf) ** 0.5 = nan
    const scalar = values(pow(tensor([-0, Number.NEGATIVE_INFINITY]), 0.5));
    expect(Object.is(scalar[0], -0)).toBe(true);
    expect(scalar[1]).toBeNaN();
    // torch.pow(x, torch.tensor(0.5)) is pow: +0 and inf; likewise -0.5 gives +inf
    for (const dtype of ['float32', 'float64'] as const) {
      const base = tensor([-0, Number.NEGATIVE_INFINITY], { dtype });
      const half = values(pow(base, tensor(0.5, { dtype })));
      expect(Object.is(half[0], 0)).toBe(true);
      expect(half[1]).toBe(Infinity);
      expect(values(pow(base, tensor(-0.5, { dtype })))).toEqual([Infinity, 0]);
    }
  });

  it('int32 arithmetic wraps like C (values from PyTorch 1.13)', () => {
    expect(values(add(i32([2147483647]), 1))).toEqual([-2147483648]);
    expect(values(mul(i32([65536, 46341]), i32([65536, 46341])))).toEqual([0, -2147479015]);
    expect(values(pow(i32([3]), i32([40])))).toEqual([689956897]);
    expect(values(pow(i32([-3]), 3))).toEqual([-27]);
    // negative tensor exponents: 1 for base 1, +-1 for base -1, 0 otherwise (PyTorch)
    expect(values(pow(i32([-1, 1, 2, 0]), i32([-1, -3, -1, -1])))).toEqual([-1, 1, 0, 0]);
  });
});

describe('type promotion', () => {
  it('int32 + 2 -> int32, int32 + 2.5 -> float32, int32 / int32 -> float32', () => {
    expect(add(i32([1]), 2).dtype).toBe('int32');
    const r = add(i32([1]), 2.5);
    expect(r.dtype).toBe('float32');
    expect(values(r)).toEqual([3.5]);
    expect(div(i32([1]), i32([2])).dtype).toBe('float32');
    expect(pow(i32([2]), 0.5).dtype).toBe('float32');
  });

  it('float32 + float64 -> float64; float32 [n] + float64 0-d -> float32', () => {
    expect(add(tensor([1]), tensor([1], { dtype: 'float64' })).dtype).toBe('float64');
    expect(add(tensor([1]), tensor(1, { dtype: 'float64' })).dtype).toBe('float32');
    expect(add(i32([1]), tensor(1, { dtype: 'float64' })).dtype).toBe('float64');
  });

  it('bool: bool + true -> bool (logical or), bool * bool (and), bool + 3 -> int32', () => {
    const b = tensor([true, false]);
    expect(add(b, true).toArray()).toEqual([true, true]);
    expect(add(b, b).toArray()).toEqual([true, false]);
    expect(mul(b, tensor([true, true])).toArray()).toEqual([true, false]);
    const n = add(b, 3);
    expect(n.dtype).toBe('int32');
    expect(values(n)).toEqual([4, 3]);
    expect(maximum(b, tensor([false, true])).toArray()).toEqual([true, true]);
  });

  it('scalars are converted to the computation dtype first (float32(0.1))', () => {
    expect(eq(tensor([0.1]), 0.1).toArray()).toEqual([true]);
    expect(eq(tensor([0.1], { dtype: 'float64' }), 0.1).toArray()).toEqual([true]);
    expect(values(add(tensor([1]), 0.1))).toEqual([f32(1 + f32(0.1))]);
  });

  it('scalar / tensor is reciprocal(tensor) * scalar, as PyTorch evaluates 2.5 / t', () => {
    // torch: 2.5 / torch.tensor([3.]) == tensor([0.8333333730697632])
    expect(values(div(2.5, tensor([3])))).toEqual([0.8333333730697632]);
  });
});

describe('maximum / minimum', () => {
  it('basic and NaN propagation from either side', () => {
    expect(values(maximum(tensor([1, 5]), tensor([3, 2])))).toEqual([3, 5]);
    expect(values(minimum(tensor([1, 5]), 3))).toEqual([1, 3]);
    const m = values(maximum(tensor([1, Number.NaN]), tensor([Number.NaN, 1])));
    expect(m[0]).toBeNaN();
    expect(m[1]).toBeNaN();
    expect(values(minimum(tensor([Number.NaN]), -Infinity))[0]).toBeNaN();
  });

  it('signed zeros: maximum(-0, 0) = -0 and maximum(0, -0) = 0 as PyTorch', () => {
    expect(Object.is(values(maximum(tensor([-0]), tensor([0])))[0], -0)).toBe(true);
    expect(Object.is(values(maximum(tensor([0]), tensor([-0])))[0], 0)).toBe(true);
  });
});

describe('comparisons', () => {
  it('give bool tensors; NaN compares unequal', () => {
    const a = tensor([1, 2, Number.NaN]);
    expect(eq(a, 2).toArray()).toEqual([false, true, false]);
    expect(ne(a, a).toArray()).toEqual([false, false, true]);
    expect(gt(a, 1).toArray()).toEqual([false, true, false]);
    expect(ge(a, 1).toArray()).toEqual([true, true, false]);
    expect(lt(a, 2).toArray()).toEqual([true, false, false]);
    expect(le(a, 2).toArray()).toEqual([true, true, false]);
    expect(eq(tensor([-0]), 0).toArray()).toEqual([true]);
    expect(lt(i32([1, 2]), 1.5).toArray()).toEqual([true, false]);
    expect(gt(tensor([[1], [3]]), tensor([2])).toArray()).toEqual([[false], [true]]);
  });
});

describe('errors', () => {
  it("shapes that do not broadcast give PyTorch's message", () => {
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    );
    expect(() => add(zeros([2, 3]), zeros([4]))).toThrow(ShapeError);
  });

  it('bool subtraction, bool pow, negative scalar powers of integers, non-tensor operands', () => {
    expect(() => sub(tensor([true]), tensor([false]))).toThrow(/with two bool tensors is not supported/);
    expect(() => sub(i32([1]), true)).toThrow(/with a bool tensor is not supported/);
    expect(() => pow(tensor([true]), tensor([true]))).toThrow(DTypeError);
    expect(() => pow(i32([2]), -1)).toThrow('pow: Integers to negative integer powers are not allowed.');
    expect(() => pow(i32([2]), -1)).toThrow(ValueError);
    expect(() => add(tensor([1]), '1' as never)).toThrow("add: 'b' must be a Tensor, a number or a boolean, got string");
    expect(() => mul(null as never, tensor([1]))).toThrow(DTypeError);
  });
});

describe('pow with special scalar exponents (PyTorch kernels)', () => {
  it('x ** 0.5 is sqrt: (-0) ** 0.5 = -0, (-inf) ** 0.5 = NaN; (-0) ** -0.5 = -inf', () => {
    const r = values(pow(tensor([-0, -Infinity, 4]), 0.5));
    expect(Object.is(r[0], -0)).toBe(true);
    expect(r[1]).toBeNaN();
    expect(r[2]).toBe(2);
    expect(values(pow(tensor([-0]), -0.5))).toEqual([-Infinity]);
  });

  it('float32 x ** 3 rounds after each product and x ** -2 is 1 / (x * x), bit for bit', () => {
    const x = f32(1.1);
    expect(values(pow(tensor([x]), 3))).toEqual([f32(f32(x * x) * x)]);
    expect(values(pow(tensor([x]), -2))).toEqual([f32(1 / f32(x * x))]);
    expect(values(pow(tensor([x]), tensor(2)))).toEqual([f32(x * x)]);
    expect(values(pow(tensor([2], { dtype: 'float64' }), -1))).toEqual([0.5]);
  });
});

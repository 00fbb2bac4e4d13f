import { describe, expect, it } from 'vitest';
import { tensor } from './creation';
import { DTypeError } from './errors';
import {
  abs,
  atan,
  cos,
  exp,
  leakyRelu,
  log,
  neg,
  reciprocal,
  relu,
  sigmoid,
  sign,
  sin,
  sqrt,
  square,
  tan,
  tanh,
} from './unary';

const f32 = Math.fround;
const values = (t: { toArray(): unknown }): number[] => t.toArray() as number[];
const isNegZero = (v: number | undefined): boolean => Object.is(v, -0);

describe('unary ops', () => {
  it('basic: values rounded once to float32', () => {
    expect(values(exp(tensor([0, 1])))).toEqual([1, f32(Math.E)]);
    expect(values(log(tensor([1, Math.E])))).toEqual([0, f32(Math.log(f32(Math.E)))]);
    expect(values(sqrt(tensor([4, 2])))).toEqual([2, f32(Math.SQRT2)]);
    expect(values(sin(tensor([0])))).toEqual([0]);
    expect(values(cos(tensor([0])))).toEqual([1]);
    expect(values(tan(tensor([0])))).toEqual([0]);
    expect(values(atan(tensor([1])))).toEqual([f32(Math.PI / 4)]);
    expect(values(tanh(tensor([0, 100])))).toEqual([0, 1]);
    expect(values(sigmoid(tensor([0, -Infinity, Infinity])))).toEqual([0.5, 0, 1]);
    expect(values(reciprocal(tensor([2, 0])))).toEqual([0.5, Infinity]);
  });

  it('IEEE edge values as PyTorch: log(0) = -inf, log(-1) = NaN, sqrt(-0) = -0, 1/-0 = -inf', () => {
    const l = values(log(tensor([0, -1])));
    expect(l[0]).toBe(-Infinity);
    expect(l[1]).toBeNaN();
    expect(isNegZero(values(sqrt(tensor([-0])))[0])).toBe(true);
    expect(values(reciprocal(tensor([-0])))).toEqual([-Infinity]);
    expect(values(sigmoid(tensor([Number.NaN])))[0]).toBeNaN();
  });

  it('preserves -0 and NaN through neg, abs, relu, leakyRelu', () => {
    expect(isNegZero(values(neg(tensor([0])))[0])).toBe(true);
    expect(values(abs(tensor([-0, -2])))).toEqual([0, 2]);
    // NOTE: PyTorch's relu(-0) is -0 and relu(NaN) is NaN
    const r = values(relu(tensor([-1, -0, 2, Number.NaN])));
    expect(r[0]).toBe(0);
    expect(isNegZero(r[1])).toBe(true);
    expect(r[2]).toBe(2);
    expect(r[3]).toBeNaN();
    const l = values(leakyRelu(tensor([-1, -0, 3, Number.NaN])));
    expect(l[0]).toBe(f32(-0.01));
    expect(isNegZero(l[1])).toBe(true);
    expect(l[2]).toBe(3);
    expect(l[3]).toBeNaN();
    expect(values(leakyRelu(tensor([-2], { dtype: 'float64' }), 0.2))).toEqual([-0.4]);
  });

  it('sign: sign(NaN) = 0 and sign(-0) = +0 as PyTorch; dtype kept', () => {
    const s = values(sign(tensor([-3, 0, -0, 2, Number.NaN])));
    expect(s).toEqual([-1, 0, 0, 1, 0]);
    expect(Object.is(s[2], 0)).toBe(true);
    expect(sign(tensor([-5, 5], { dtype: 'int32' })).dtype).toBe('int32');
    expect(sign(tensor([true, false])).toArray()).toEqual([true, false]);
  });

  it('dtypes: floating functions turn int32/bool into float32; float64 stays', () => {
    expect(exp(tensor([1], { dtype: 'int32' })).dtype).toBe('float32');
    expect(sqrt(tensor([true])).dtype).toBe('float32');
    expect(tanh(tensor([1], { dtype: 'float64' })).dtype).toBe('float64');
    expect(values(tanh(tensor([0.5], { dtype: 'float64' })))).toEqual([Math.tanh(0.5)]);
    expect(neg(tensor([1], { dtype: 'int32' })).dtype).toBe('int32');
    expect(square(tensor([true, false])).dtype).toBe('int32');
  });

  it('int32 wraps like C: square/neg/abs of large values (values from PyTorch 1.13)', () => {
    const x = tensor([65536, 46341, -2147483648], { dtype: 'int32' });
    expect(values(square(x))).toEqual([0, -2147479015, 0]);
    expect(values(neg(x))).toEqual([-65536, -46341, -2147483648]);
    expect(values(abs(x))).toEqual([65536, 46341, -2147483648]);
  });

  it('int32 inputs are rounded to float32 first, as PyTorch does', () => {
    // float32(2147483647) is 2147483648
    expect(values(sin(tensor([2147483647], { dtype: 'int32' })))).toEqual([f32(Math.sin(2147483648))]);
  });

  it('strided and broadcast (stride-0) inputs', () => {
    const x = tensor([[1, 2], [3, 4]]);
    expect(square(x.T).toArray()).toEqual([[1, 9], [4, 16]]);
    expect(neg(tensor([5]).expand([2, 2])).toArray()).toEqual([[-5, -5], [-5, -5]]);
    expect(neg(x.slice(1, 1)).toArray()).toEqual([[-2], [-4]]);
  });

  it('0-d tensors and JS numbers', () => {
    expect(exp(tensor(0)).shape).toEqual([]);
    expect(exp(0).item()).toBe(1);
    expect(neg(2).dtype).toBe('int32');
  });

  it('errors: bool where PyTorch rejects it, non-floating leakyRelu, non-tensors', () => {
    expect(() => neg(tensor([true]))).toThrow(/Negation, the `-` operator, on a bool tensor is not supported/);
    // the suggestion names only what exists: x.eq(false) inverts the mask
    expect(() => neg(tensor([true]))).toThrow(/use x\.eq\(false\) instead \(gradlab has no logicalNot\)/);
    expect(tensor([true, false]).eq(false).toArray()).toEqual([false, true]);
    expect(() => abs(tensor([true]))).toThrow(DTypeError);
    expect(() => relu(tensor([true]))).toThrow('relu: Boolean inputs not supported for relu');
    expect(() => leakyRelu(tensor([1], { dtype: 'int32' }))).toThrow('leakyRelu: expected a floating point tensor, got int32');
    expect(() => exp('1' as never)).toThrow(DTypeError);
  });
});

import { describe, expect, it } from 'vitest';
import { add, div, eq, lt, mul, pow, sub } from './binary';
import { clamp } from './clamp';
import { full, fullLike, randint, tensor } from './creation';
import { ShapeError, ValueError } from './errors';
import { exp, log, neg, sqrt } from './unary';
import { where } from './where';

// JS has one number type: an integer-valued number plays PyTorch's Python int. Every expected
// value below is PyTorch 1.13's for the same call with a Python int.
const i32 = (values: number[]) => tensor(values, { dtype: 'int32' });

describe('JS integers beyond int32 (PyTorch: Python ints, int64)', () => {
  it('an int32 tensor wraps them in its own arithmetic, as PyTorch does', () => {
    expect(mul(i32([1, 2]), 1e10).toArray()).toEqual([1410065408, -1474836480]);
    expect(add(i32([1, 2]), 2 ** 31).toArray()).toEqual([-2147483647, -2147483646]);
    expect(sub(i32([1, 2]), 2 ** 33).toArray()).toEqual([1, 2]);
    expect(sub(2 ** 31, i32([-(2 ** 31), 5])).toArray()).toEqual([0, 2147483643]);
    expect(pow(i32([1, 2]), 40).toArray()).toEqual([1, 0]);
    expect(pow(2 ** 40, i32([1, 2])).toArray()).toEqual([0, 0]);
    expect(eq(i32([-(2 ** 31), 5]), 2 ** 31).toArray()).toEqual([true, false]);
    expect(lt(i32([-(2 ** 31), 5]), 2 ** 32).toArray()).toEqual([true, false]);
  });

  it('a floating computation takes them as floats', () => {
    expect(div(i32([-(2 ** 31), 5]), 2 ** 31).toArray()).toEqual([-1, Math.fround(5 / 2 ** 31)]);
    expect(log(2 ** 31).item()).toBe(Math.fround(Math.log(2 ** 31))); // 21.4876, not NaN
    expect(sqrt(2 ** 40).item()).toBe(2 ** 20);
    expect(exp(-(2 ** 31)).item()).toBe(0);
    expect(mul(tensor([1.5]), 2 ** 40).toArray()).toEqual([1.5 * 2 ** 40]);
  });

  it('where PyTorch would compute in int64 (no int32 tensor involved), gradlab throws instead of wrapping', () => {
    expect(() => pow(2, 40)).toThrow(/pow: the result 1099511627776 does not fit int32, and PyTorch would compute in int64/);
    expect(() => add(tensor([true]), 2 ** 31)).toThrow(ValueError);
    expect(() => neg(2 ** 31)).toThrow(/neg: the number 2147483648 does not fit int32/);
    expect(() => full([2], 1e10)).toThrow(/full: 'value' 10000000000 does not fit int32/);
    expect(pow(2, 30).item()).toBe(2 ** 30);
    expect(full([1], 1e10, { dtype: 'float64' }).item()).toBe(1e10);
    // comparisons are exact (PyTorch compares in int64)
    expect(eq(tensor([true]), 2 ** 32 + 1).toArray()).toEqual([false]);
  });

  it('where PyTorch checks the conversion, gradlab gives its message', () => {
    const message = 'value cannot be converted to type int32 without overflow';
    expect(() => full([2], 1e10, { dtype: 'int32' })).toThrow(`full: ${message} (got 10000000000)`);
    expect(() => fullLike(i32([1]), 2 ** 31)).toThrow(`fullLike: ${message}`);
    expect(() => clamp(i32([1, 2]), 0, 3e9)).toThrow(`clamp: ${message}`);
    expect(() => where(tensor([true, false]), i32([1, 2]), 2 ** 31)).toThrow(`where: ${message}`);
    expect(() => tensor([2 ** 31], { dtype: 'int32' })).toThrow(`tensor: ${message}`);
  });

  it('sizes no typed array can hold are a ShapeError, as for zeros', () => {
    expect(() => randint(5, [1e10])).toThrow(ShapeError);
  });
});

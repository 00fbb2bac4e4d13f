import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from './errors';
import { formatExponential, formatFixed, formatValues } from './format';

describe('formatFixed (Python {:.Nf})', () => {
  it('basic', () => {
    expect(formatFixed(123.456, 4)).toBe('123.4560');
    expect(formatFixed(1 / 3, 4)).toBe('0.3333');
    expect(formatFixed(3, 0)).toBe('3');
  });

  it('breaks exact ties to even, unlike toFixed', () => {
    expect((0.03125).toFixed(4)).toBe('0.0313');
    expect(formatFixed(0.03125, 4)).toBe('0.0312');
    expect(formatFixed(-0.03125, 4)).toBe('-0.0312');
    expect(formatFixed(0.09375, 4)).toBe('0.0938');
    expect(formatFixed(0.5, 0)).toBe('0');
    expect(formatFixed(1.5, 0)).toBe('2');
    expect(formatFixed(2.5, 0)).toBe('2');
  });

  it('keeps the sign of negative zero and of values that round to zero', () => {
    expect(formatFixed(-0, 4)).toBe('-0.0000');
    expect(formatFixed(-0, 0)).toBe('-0');
    expect(formatFixed(-1e-5, 4)).toBe('-0.0000');
  });

  it('prints non-finite values as Python does', () => {
    expect(formatFixed(NaN, 4)).toBe('nan');
    expect(formatFixed(Infinity, 0)).toBe('inf');
    expect(formatFixed(-Infinity, 4)).toBe('-inf');
  });

  it('prints huge values without exponent', () => {
    expect(formatFixed(1e21, 4)).toBe('1000000000000000000000.0000');
    expect(formatFixed(-(2 ** 80), 0)).toBe('-1208925819614629174706176');
  });
});

describe('formatExponential (Python {:.Ne})', () => {
  it('pads the exponent to two digits', () => {
    expect(formatExponential(123456, 4)).toBe('1.2346e+05');
    expect(formatExponential(1e-7, 4)).toBe('1.0000e-07');
    expect(formatExponential(1e300, 4)).toBe('1.0000e+300');
    expect(formatExponential(5e-324, 4)).toBe('4.9407e-324');
  });

  it('breaks exact ties to even, unlike toExponential', () => {
    expect((123425).toExponential(4)).toBe('1.2343e+5');
    expect(formatExponential(123425, 4)).toBe('1.2342e+05');
    expect(formatExponential(100015, 4)).toBe('1.0002e+05');
    expect(formatExponential(2.5, 0)).toBe('2e+00');
    expect(formatExponential(0.000152587890625, 4)).toBe('1.5259e-04');
  });

  it('carries into the exponent', () => {
    expect(formatExponential(9.99995, 4)).toBe('1.0000e+01');
    expect(formatExponential(999995, 4)).toBe('1.0000e+06');
  });

  it('zero, negative zero and non-finite values', () => {
    expect(formatExponential(0, 4)).toBe('0.0000e+00');
    expect(formatExponential(-0, 4)).toBe('-0.0000e+00');
    expect(formatExponential(NaN, 4)).toBe('nan');
    expect(formatExponential(-Infinity, 4)).toBe('-inf');
  });
});

describe('formatValues', () => {
  it('scalar', () => {
    expect(formatValues(new Float32Array([4.0584]), [], 'float32')).toBe('tensor(4.0584)');
    expect(formatValues([3], [], 'int32')).toBe('tensor(3, dtype=torch.int32)');
    expect(formatValues([1], [], 'bool')).toBe('tensor(True)');
  });

  it('integer-valued floats get a trailing dot; zeros do not widen columns', () => {
    expect(formatValues([1, -0, 2], [3], 'float32')).toBe('tensor([1., -0., 2.])');
  });

  it('aligns columns of a 2-D tensor', () => {
    expect(formatValues([1.5, -22.25, 3, 4], [2, 2], 'float32')).toBe(
      'tensor([[  1.5000, -22.2500],\n        [  3.0000,   4.0000]])',
    );
  });

  it('separates 3-D blocks with a blank line', () => {
    expect(formatValues([0, 1, 2, 3], [2, 1, 2], 'int32')).toBe(
      'tensor([[[0, 1]],\n\n        [[2, 3]]], dtype=torch.int32)',
    );
  });

  it('switches to scientific notation', () => {
    expect(formatValues([1e-5, 1], [2], 'float32')).toBe('tensor([1.0000e-05, 1.0000e+00])');
    expect(formatValues([1, 1001], [2], 'float32')).toBe('tensor([1.0000e+00, 1.0010e+03])');
  });

  it('nan and inf', () => {
    expect(formatValues([NaN, Infinity, -Infinity], [3], 'float32')).toBe('tensor([nan, inf, -inf])');
    expect(formatValues([1.5, NaN], [2], 'float32')).toBe('tensor([1.5000,    nan])');
  });

  it('summarises more than 1000 elements', () => {
    const values = Float64Array.from({ length: 1001 }, (_, index) => index);
    expect(formatValues(values, [1001], 'float64')).toBe(
      'tensor([   0.,    1.,    2.,  ...,  998.,  999., 1000.], dtype=torch.float64)',
    );
  });

  it('wraps at 80 columns', () => {
    const values = Array.from({ length: 30 }, (_, index) => index);
    expect(formatValues(values, [30], 'int32')).toBe(
      'tensor([ 0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11, 12, 13, 14, 15, 16, 17,\n' +
        '        18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29], dtype=torch.int32)',
    );
  });

  it('empty tensors', () => {
    expect(formatValues([], [0], 'float32')).toBe('tensor([])');
    expect(formatValues([], [0, 3], 'float32')).toBe('tensor([], size=(0, 3))');
    expect(formatValues([], [0], 'bool')).toBe('tensor([], dtype=torch.bool)');
  });

  it('appends suffixes after the dtype', () => {
    expect(formatValues([1, 2], [2], 'float64', ['requires_grad=True'])).toBe(
      'tensor([1., 2.], dtype=torch.float64, requires_grad=True)',
    );
    expect(formatValues([4.0584], [], 'float32', ['grad_fn=<LogBackward0>'])).toBe(
      'tensor(4.0584, grad_fn=<LogBackward0>)',
    );
  });

  it('moves a suffix that does not fit to its own line', () => {
    const values = Array.from({ length: 9 }, (_, index) => index + 0.5);
    expect(formatValues(values, [9], 'float64', ['requires_grad=True'])).toBe(
      'tensor([0.5000, 1.5000, 2.5000, 3.5000, 4.5000, 5.5000, 6.5000, 7.5000, 8.5000],\n' +
        '       dtype=torch.float64, requires_grad=True)',
    );
  });

  it('rejects values that do not fill the shape', () => {
    expect(() => formatValues([1, 2], [3], 'float32')).toThrow(ShapeError);
    expect(() => formatValues([1, 2], [3], 'float32')).toThrow(
      "formatValues: 'values' has 2 elements, expected 3 for shape [3]",
    );
    expect(() => formatValues([1], [-1], 'float32')).toThrow(ShapeError);
    expect(() => formatValues([1], [1], 'float16' as never)).toThrow(DTypeError);
  });
});

import { describe, expect, it } from 'vitest';
import { compact, fixed, readable, scientific, toJson, vector } from './format';

describe('fixed', () => {
  it('rounds to four decimals as PyTorch prints', () => {
    expect(fixed(3.772968)).toBe('3.7730');
    expect(fixed(-5.000000953674316)).toBe('-5.0000');
    expect(fixed(35.70841994057043)).toBe('35.7084');
  });

  it('prints negative zero and values that round to zero without a sign', () => {
    expect(fixed(-0)).toBe('0.0000');
    expect(fixed(-0.00001)).toBe('0.0000');
    expect(fixed(-0.4, 0)).toBe('0');
  });

  it('prints non-finite values as nan, inf and -inf', () => {
    expect(fixed(NaN)).toBe('nan');
    expect(fixed(Infinity)).toBe('inf');
    expect(fixed(-Infinity)).toBe('-inf');
  });
});

describe('scientific, compact and vector', () => {
  it('formats small differences', () => {
    expect(scientific(2.23e-10)).toBe('2.2e-10');
    expect(scientific(0)).toBe('0');
    expect(scientific(NaN)).toBe('nan');
  });

  it('prints integers without decimals', () => {
    expect(compact(-2)).toBe('-2');
    expect(compact(-0)).toBe('0');
    expect(compact(0.5)).toBe('0.5000');
  });

  it('switches to scientific notation where four decimals would hide the value', () => {
    expect(readable(-5.000000000000001)).toBe('-5.0000');
    expect(readable(0)).toBe('0.0000');
    expect(readable(1.3255510660014223e-270)).toBe('1.3256e-270');
    expect(readable(-267266.8693143012)).toBe('-267266.8693');
    expect(readable(1.5e9)).toBe('1.5000e+9');
    expect(readable(NaN)).toBe('nan');
  });

  it('prints a vector of readable values', () => {
    expect(vector([0, -0, -1.0000003576278687, 35.70843505859375])).toBe('[0.0000, 0.0000, -1.0000, 35.7084]');
  });
});

describe('toJson', () => {
  it('writes non-finite numbers as strings and typed arrays as arrays', () => {
    expect(toJson({ f: NaN, g: [Infinity, -Infinity, 1.5], t: new Float32Array([0.5, 2]) })).toBe(
      '{"f":"nan","g":["inf","-inf",1.5],"t":[0.5,2]}',
    );
  });

  it('keeps float32 values exactly (a reader recovers the same float32)', () => {
    const value = Math.fround(0.1);
    const parsed = JSON.parse(toJson([value])) as number[];
    expect(Math.fround(parsed[0]!)).toBe(value);
  });
});

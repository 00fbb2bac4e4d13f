import { describe, expect, it } from 'vitest';
import { allocate, castValue, checkDType, dtypeOfArray, isDType, promoteTypes, promoteWithScalar, scalarDType } from './dtype';
import { DTypeError } from './errors';

describe('dtype', () => {
  it('allocate gives the typed array of each dtype', () => {
    expect(allocate('float32', 2)).toBeInstanceOf(Float32Array);
    expect(allocate('float64', 2)).toBeInstanceOf(Float64Array);
    expect(allocate('int32', 2)).toBeInstanceOf(Int32Array);
    expect(allocate('bool', 2)).toBeInstanceOf(Uint8Array);
    expect(dtypeOfArray(new Uint8Array(1))).toBe('bool');
    expect(() => dtypeOfArray(new Int16Array(1) as never)).toThrow(DTypeError);
  });

  it('promotion between tensors: bool < int32 < float32 < float64', () => {
    expect(promoteTypes('bool', 'int32')).toBe('int32');
    expect(promoteTypes('int32', 'float32')).toBe('float32');
    expect(promoteTypes('float64', 'float32')).toBe('float64');
    expect(promoteTypes('bool', 'bool')).toBe('bool');
  });

  it('JS scalars only promote across categories', () => {
    expect(scalarDType(2)).toBe('int32');
    expect(scalarDType(-0)).toBe('int32');
    expect(scalarDType(2.5)).toBe('float32');
    expect(scalarDType(Number.NaN)).toBe('float32');
    expect(scalarDType(Infinity)).toBe('float32');
    expect(scalarDType(true)).toBe('bool');
    expect(promoteWithScalar('int32', 2)).toBe('int32');
    expect(promoteWithScalar('int32', 2.5)).toBe('float32');
    expect(promoteWithScalar('float64', 2.5)).toBe('float64');
    expect(promoteWithScalar('bool', true)).toBe('bool');
    expect(promoteWithScalar('bool', 3)).toBe('int32');
  });

  it('castValue rounds, truncates and booleanises like a storage write', () => {
    expect(castValue(0.1, 'float32')).toBe(Math.fround(0.1));
    expect(castValue(-1.7, 'int32')).toBe(-1);
    expect(castValue(Number.NaN, 'bool')).toBe(1);
    expect(castValue(0, 'bool')).toBe(0);
    expect(castValue(true, 'float64')).toBe(1);
  });

  it('errors: unknown dtype names', () => {
    expect(isDType('float16')).toBe(false);
    expect(() => checkDType('float16', 'zeros')).toThrow(/zeros: 'dtype' must be one of float32, float64, int32, bool, got float16/);
  });
});

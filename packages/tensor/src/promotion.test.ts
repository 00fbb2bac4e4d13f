import { describe, expect, it } from 'vitest';
import { tensor, zeros } from './creation';
import { resultType } from './promotion';

describe('resultType', () => {
  const i32 = zeros([2], { dtype: 'int32' });
  const f32 = zeros([2]);
  const f64 = zeros([2], { dtype: 'float64' });
  const b = zeros([2], { dtype: 'bool' });

  it('basic: tensors promote by rank', () => {
    expect(resultType(i32, f32)).toBe('float32');
    expect(resultType(f32, f64)).toBe('float64');
    expect(resultType(b, i32)).toBe('int32');
  });

  it('JS numbers: int32 + 2 -> int32, int32 + 2.5 -> float32, bool + true -> bool', () => {
    expect(resultType(i32, 2)).toBe('int32');
    expect(resultType(i32, 2.5)).toBe('float32');
    expect(resultType(f64, 2.5)).toBe('float64');
    expect(resultType(b, true)).toBe('bool');
    expect(resultType(b, 3)).toBe('int32');
    expect(resultType(2, 2.5)).toBe('float32');
  });

  it('0-d tensors promote only across categories (PyTorch: int32 [2] + float64 0-d -> float64; float32 [2] + float64 0-d -> float32)', () => {
    expect(resultType(i32, tensor(2.5, { dtype: 'float64' }))).toBe('float64');
    expect(resultType(f32, tensor(2.5, { dtype: 'float64' }))).toBe('float32');
    expect(resultType(tensor(1, { dtype: 'int32' }), tensor(1))).toBe('float32');
    expect(resultType(b, tensor(3, { dtype: 'int32' }))).toBe('int32');
    expect(resultType(tensor(1, { dtype: 'int32' }), 2.5)).toBe('float32');
  });
});

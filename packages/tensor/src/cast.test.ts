import { describe, expect, it } from 'vitest';
import { tensor } from './creation';
import { cast, to } from './cast';
import { DTypeError } from './errors';

describe('cast / to', () => {
  it('returns the same tensor for the same dtype', () => {
    const x = tensor([1, 2]);
    expect(cast(x, 'float32')).toBe(x);
  });

  it('float to int32 truncates toward zero; NaN gives -2^31 as PyTorch does', () => {
    expect(to(tensor([1.7, -1.7, 3.5, Number.NaN]), 'int32').toArray()).toEqual([1, -1, 3, -2147483648]);
  });

  it('to bool: non-zero (including NaN and -0.5) is true', () => {
    expect(cast(tensor([0, -0, 0.5, -0.5, Number.NaN]), 'bool').toArray()).toEqual([false, false, true, true, true]);
  });

  it('float64 to float32 rounds; bool to float gives 0/1; strided inputs keep their logical order', () => {
    expect(cast(tensor([0.1], { dtype: 'float64' }), 'float32').item()).toBe(Math.fround(0.1));
    expect(cast(tensor([true, false]), 'float64').toArray()).toEqual([1, 0]);
    expect(cast(tensor([[1, 2], [3, 4]]).T, 'int32').toArray()).toEqual([[1, 3], [2, 4]]);
    expect(tensor([1.5]).double().dtype).toBe('float64');
  });

  it('errors: unknown dtype', () => {
    expect(() => cast(tensor([1]), 'int64' as never)).toThrow(DTypeError);
  });
});

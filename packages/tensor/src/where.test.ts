import { describe, expect, it } from 'vitest';
import { tensor } from './creation';
import { DTypeError, ShapeError } from './errors';
import { where } from './where';

describe('where', () => {
  it('basic: picks a where true, b elsewhere', () => {
    const c = tensor([true, false, true]);
    expect(where(c, tensor([1, 2, 3]), tensor([10, 20, 30])).toArray()).toEqual([1, 20, 3]);
  });

  it('broadcasting all three operands, scalars on either side', () => {
    const c = tensor([[true], [false]]);
    expect(where(c, tensor([1, 2]), 0).toArray()).toEqual([[1, 2], [0, 0]]);
    expect(where(tensor([true, false]), 1, 2).toArray()).toEqual([1, 2]);
    expect(where(tensor([true, false]), 1, 2).dtype).toBe('int32');
    expect(where(c, -1, tensor([[5, 6, 7]])).shape).toEqual([2, 3]);
  });

  it('promotes a and b (int32 with 2.5 -> float32, float32 with float64 -> float64)', () => {
    const c = tensor([true, false]);
    const r = where(c, tensor([1, 2], { dtype: 'int32' }), 2.5);
    expect(r.dtype).toBe('float32');
    expect(r.toArray()).toEqual([1, 2.5]);
    expect(where(c, tensor([1, 2]), tensor([1, 2], { dtype: 'float64' })).dtype).toBe('float64');
  });

  it('preserves -0 and NaN from the chosen side', () => {
    const r = where(tensor([true, false]), tensor([-0, 1]), Number.NaN).toArray() as number[];
    expect(Object.is(r[0], -0)).toBe(true);
    expect(r[1]).toBeNaN();
  });

  it('errors: non-bool condition, shapes that do not broadcast', () => {
    expect(() => where(tensor([1, 0]), 1, 2)).toThrow(
      'where expected condition to be a boolean tensor, but got a tensor with dtype float32',
    );
    expect(() => where(tensor([true, false]), tensor([1, 2, 3]), 0)).toThrow(ShapeError);
    expect(() => where(tensor([true]), 'a' as never, 0)).toThrow(DTypeError);
  });
});

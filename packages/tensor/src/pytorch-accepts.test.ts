import { describe, expect, it } from 'vitest';
import { pow } from './binary';
import { randLike, randnLike, tensor, zeros } from './creation';
import { DTypeError, IndexError } from './errors';
import { argmax, argmin, max } from './reduce';
import { flatten } from './views';

// Calls where gradlab used to disagree with PyTorch 1.13 about whether to succeed.
describe('PyTorch 1.13 succeeds, so does gradlab', () => {
  it('pow of a 0-d int32 or bool tensor by ±0.5 (was a plain TypeError)', () => {
    const four = tensor(4, { dtype: 'int32' });
    expect([pow(four, 0.5).dtype, pow(four, 0.5).item()]).toEqual(['float32', 2]);
    expect(pow(tensor(0, { dtype: 'int32' }), -0.5).item()).toBe(Infinity);
    expect(pow(tensor(true), -0.5).item()).toBe(1);
    expect(pow(tensor(false), 0.5).item()).toBe(0);
  });
});

describe('PyTorch 1.13 raises, so does gradlab', () => {
  it('argmax/argmin of a bool tensor ("argmax_cpu" not implemented for \'Bool\'), though max works', () => {
    const b = tensor([true, false]);
    expect(() => argmax(b)).toThrow(DTypeError);
    expect(() => argmin(b, 0)).toThrow("argmin: not implemented for 'Bool' tensors");
    expect(max(b).item()).toBe(1);
    // a 0-d bool tensor too, with a dim, as PyTorch's tensor(True) (though its min(x, 0).values passes:
    // documented in test/differential.test.ts)
    expect(() => argmax(tensor(true), 0)).toThrow("argmax: not implemented for 'Bool' tensors");
    expect(() => argmin(tensor(false), -1, true)).toThrow("argmin: not implemented for 'Bool' tensors");
  });

  it('randLike/randnLike of an int32 or bool tensor, unless a float dtype is given', () => {
    expect(() => randLike(zeros([2], { dtype: 'int32' }))).toThrow(DTypeError);
    expect(() => randnLike(tensor([true]))).toThrow(/randnLike: expected a floating point dtype/);
    expect(randLike(zeros([2], { dtype: 'int32' }), { dtype: 'float64' }).dtype).toBe('float64');
  });

  it('flatten(x, 1, -1) of a 0-d tensor (dims of a 0-d tensor are -1 and 0)', () => {
    expect(() => flatten(tensor(1), 1, -1)).toThrow(IndexError);
    expect(flatten(tensor(1), -1, 0).shape).toEqual([1]);
  });
});

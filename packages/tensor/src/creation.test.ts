import { describe, expect, it } from 'vitest';
import {
  arange,
  empty,
  emptyLike,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  rand,
  randint,
  randLike,
  randn,
  randnLike,
  tensor,
  zeros,
  zerosLike,
} from './creation';
import { DTypeError, ShapeError, ValueError } from './errors';
import { Generator, manualSeed } from './random';

describe('tensor()', () => {
  it('basic: nested arrays are float32 by default', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]);
    expect(t.dtype).toBe('float32');
    expect(t.shape).toEqual([2, 3]);
    expect(t.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(tensor([0.1]).item()).toBe(Math.fround(0.1));
  });

  it('booleans give bool; mixed booleans and numbers give float32', () => {
    expect(tensor([[true], [false]]).dtype).toBe('bool');
    const mixed = tensor([true, 2]);
    expect(mixed.dtype).toBe('float32');
    expect(mixed.toArray()).toEqual([1, 2]);
  });

  it('typed arrays keep their dtype and are copied', () => {
    const source = new Int32Array([1, 2]);
    const t = tensor(source);
    expect(t.dtype).toBe('int32');
    source[0] = 9;
    expect(t.toArray()).toEqual([1, 2]);
    expect(tensor(new Float64Array([0.1])).dtype).toBe('float64');
    expect(tensor(new Uint8Array([0, 3])).toArray()).toEqual([false, true]);
    expect(tensor([new Float32Array([1, 2]), new Float32Array([3, 4])]).shape).toEqual([2, 2]);
  });

  it('the dtype option converts: int32 truncates toward zero, bool is non-zero', () => {
    expect(tensor([1.7, -1.7], { dtype: 'int32' }).toArray()).toEqual([1, -1]);
    // PyTorch 1.13 checks the values: "value cannot be converted to type int32 without overflow"
    for (const bad of [Number.NaN, 2 ** 31, -(2 ** 31) - 1, Infinity]) {
      expect(() => tensor([bad], { dtype: 'int32' })).toThrow('tensor: value cannot be converted to type int32 without overflow');
    }
    expect(tensor([0, 0.5, Number.NaN], { dtype: 'bool' }).toArray()).toEqual([false, true, true]);
  });

  it('preserves -0, NaN and infinities', () => {
    const t = tensor([-0, Number.NaN, Infinity, -Infinity]);
    const values = t.toArray() as number[];
    expect(Object.is(values[0], -0)).toBe(true);
    expect(values.slice(1)).toEqual([Number.NaN, Infinity, -Infinity]);
  });

  it('a Tensor is copied (and converted with a dtype), like torch.tensor(t)', () => {
    const x = tensor([[1.5, 2], [3, 4]]);
    const y = tensor(x.T);
    expect(y.storage).not.toBe(x.storage);
    expect(y.toArray()).toEqual([[1.5, 3], [2, 4]]);
    expect(tensor(x, { dtype: 'int32' }).toArray()).toEqual([[1, 2], [3, 4]]);
  });

  it('scalars and empty lists', () => {
    expect(tensor(3.5).shape).toEqual([]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
  });

  it('errors: ragged arrays name the dim and the lengths', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow('tensor: expected sequence of length 2 at dim 1 (got 1 at [1])');
    expect(() => tensor([[1, 2], 3] as never)).toThrow(ValueError);
    expect(() => tensor([1, [2]] as never)).toThrow(/ragged/);
  });

  it('errors: non-numeric elements', () => {
    expect(() => tensor(['a'] as never)).toThrow("tensor: expected a number or boolean at [0], got string 'a'");
    expect(() => tensor([1, null] as never)).toThrow(/got null/);
    expect(() => tensor([1, 2], { dtype: 'float16' as never })).toThrow(DTypeError);
    expect(() => tensor('abc' as never)).toThrow("tensor: expected a number or boolean at the top level, got string 'abc'");
    expect(() => tensor(new BigInt64Array(2) as never)).toThrow(ValueError);
    expect(() => zeros([2], 'float64' as never)).toThrow("zeros: 'options' must be an object such as { dtype: 'float64' }, got string 'float64'");
  });
});

describe('factories', () => {
  it('zeros, ones, empty, full', () => {
    expect(zeros([2, 2]).toArray()).toEqual([[0, 0], [0, 0]]);
    expect(zeros(3, { dtype: 'int32' }).dtype).toBe('int32');
    expect(ones([2], { dtype: 'bool' }).toArray()).toEqual([true, true]);
    expect(ones([]).item()).toBe(1);
    expect(empty([2, 3]).shape).toEqual([2, 3]);
    expect(full([2], 7).dtype).toBe('int32');
    expect(full([2], 2.5).toArray()).toEqual([2.5, 2.5]);
    expect(full([1], true).dtype).toBe('bool');
    expect(full([1], Number.NaN).toArray()).toEqual([Number.NaN]);
    expect(full([2], 7, { dtype: 'float64' }).dtype).toBe('float64');
    expect(() => zeros([2, -1])).toThrow(ShapeError);
    expect(() => full([2], 'x' as never)).toThrow(ValueError);
  });

  it('*Like keep shape and dtype', () => {
    const x = zeros([2, 3], { dtype: 'int32' });
    expect(onesLike(x).dtype).toBe('int32');
    expect(onesLike(x).shape).toEqual([2, 3]);
    expect(zerosLike(x, { dtype: 'float64' }).dtype).toBe('float64');
    expect(fullLike(x, 4).toArray()).toEqual([[4, 4, 4], [4, 4, 4]]);
    expect(emptyLike(x).shape).toEqual([2, 3]);
  });

  it('arange: int32 for integer arguments, float32 otherwise, PyTorch element count', () => {
    expect(arange(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(arange(5).dtype).toBe('int32');
    expect(arange(2, 8, 3).toArray()).toEqual([2, 5]);
    expect(arange(10, 0, -3).toArray()).toEqual([10, 7, 4, 1]);
    expect(arange(0, 1, 0.25).toArray()).toEqual([0, 0.25, 0.5, 0.75]);
    expect(arange(0, 1, 0.1).numel()).toBe(10);
    expect(arange(3, { dtype: 'float64' }).dtype).toBe('float64');
    expect(arange(3, 3).numel()).toBe(0);
    expect(() => arange(0, 5, 0)).toThrow(ValueError);
    expect(() => arange(0, 5, -1)).toThrow('arange: upper bound and larger bound inconsistent with step sign');
  });

  it('linspace: both ends included, filled from both ends as PyTorch does', () => {
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(3, 7, 1).toArray()).toEqual([3]);
    expect(linspace(3, 7, 0).numel()).toBe(0);
    // PyTorch 1.13: torch.linspace(-1, 1, 7)[3] is -2.9802322387695312e-08, not 0
    expect((linspace(-1, 1, 7).toArray() as number[])[3]).toBe(-2.9802322387695312e-8);
    expect(() => linspace(0, 1, -1)).toThrow(ValueError);
  });

  it('eye', () => {
    expect(eye(2).toArray()).toEqual([[1, 0], [0, 1]]);
    expect(eye(2, 3).toArray()).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(eye(2, { dtype: 'int32' }).dtype).toBe('int32');
  });
});

describe('random factories', () => {
  it('are reproducible with manualSeed and a private Generator', () => {
    manualSeed(7);
    const a = rand([4]).toArray();
    manualSeed(7);
    expect(rand([4]).toArray()).toEqual(a);
    const g1 = new Generator(3);
    const g2 = new Generator(3);
    expect(randn([5], { generator: g1 }).toArray()).toEqual(randn([5], { generator: g2 }).toArray());
  });

  it('match PyTorch: torch.manual_seed(0); torch.rand(3)', () => {
    const values = rand([3], { generator: new Generator(0) }).toArray() as number[];
    // torch 1.13: tensor([0.4963, 0.7682, 0.0885])
    expect(values.map((v) => Math.round(v * 1e4) / 1e4)).toEqual([0.4963, 0.7682, 0.0885]);
  });

  it('rand is in [0, 1), randint in [low, high), dtypes and shapes', () => {
    const g = new Generator(1);
    const u = rand([1000], { generator: g, dtype: 'float64' });
    expect(u.dtype).toBe('float64');
    expect(u.max().item()).toBeLessThan(1);
    expect(u.min().item()).toBeGreaterThanOrEqual(0);
    const r = randint(-2, 3, [1000], { generator: g });
    expect(r.dtype).toBe('int32');
    expect(r.min().item()).toBe(-2);
    expect(r.max().item()).toBe(2);
    expect(randint(4, [2, 2], { generator: g }).shape).toEqual([2, 2]);
    expect(randint(0, 4, [3], { generator: g, dtype: 'float32' }).dtype).toBe('float32');
    expect(randLike(zeros([2], { dtype: 'float64' })).dtype).toBe('float64');
    expect(randnLike(zeros([2, 2])).shape).toEqual([2, 2]);
  });

  it('errors: integer dtypes for rand/randn, empty randint ranges', () => {
    expect(() => rand([2], { dtype: 'int32' })).toThrow(DTypeError);
    expect(() => randn([2], { dtype: 'bool' })).toThrow(DTypeError);
    expect(() => randint(3, 3, [2])).toThrow(ValueError);
  });
});

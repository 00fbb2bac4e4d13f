/*
 * Misuse as a user meets it: wrong types, NaN, undefined, strings, huge
 * shapes, out-of-range arguments. Every one must give a typed GradlabError
 * naming the op and the argument, never a TypeError from deep inside, a silent
 * NaN or a hang.
 */
import { describe, expect, it } from 'vitest';
import { expectError } from '../../../scripts/test-errors';
import * as T from '../src/index';
import { DTypeError, GradlabError, IndexError, ShapeError, ValueError } from '../src/index';
import { gemm } from '../src/internal';


const x = (): T.Tensor => T.tensor([[1, 2, 3], [4, 5, 6]]);

describe('huge shapes give a ShapeError naming the op, not a RangeError', () => {
  it('zeros, full, rand with 1e20 elements', () => {
    expectError(() => T.zeros([1e10, 1e10]), ShapeError, 'INVALID_SHAPE', /^zeros: cannot allocate a float32 tensor of 100000000000000000000 elements/);
    expectError(() => T.full([1e10, 1e10], 2.5), ShapeError, 'INVALID_SHAPE', /^full: cannot allocate/);
    expectError(() => T.rand([1e10, 1e10]), ShapeError, 'INVALID_SHAPE', /^rand: cannot allocate/);
  });
  it('arange with a tiny step and linspace with 1e12 steps', () => {
    expectError(() => T.arange(0, 1, 1e-300), ShapeError, 'INVALID_SHAPE', /^arange: cannot allocate/);
    expectError(() => T.linspace(0, 1, 1e12), ShapeError, 'INVALID_SHAPE', /^linspace: cannot allocate a float32 tensor of 1000000000000 elements \(4000000000000 bytes\)/);
  });
  it('an expanded view copied out', () => {
    const big = T.zeros([1]).expand([1e6, 1e6]);
    expectError(() => big.contiguous(), ShapeError, 'INVALID_SHAPE', /cannot allocate a float32 tensor of 1000000000000 elements/);
  });
});

describe('arguments of the wrong type', () => {
  it('reshape and view given a non-array shape', () => {
    expectError(() => T.reshape(x(), '6' as never), ShapeError, 'INVALID_SHAPE', /^reshape: 'shape' must be an array of integers, got string '6'/);
    expectError(() => T.reshape(x(), undefined as never), ShapeError, 'INVALID_SHAPE', /got undefined/);
  });
  it('shape entries that are strings are named as strings', () => {
    expectError(() => T.zeros(['2'] as never), ShapeError, 'INVALID_SHAPE', /^zeros: 'shape' must contain non-negative integers, got \[2\] \(entry 0 is string '2'\)/);
  });
  it('the *Like factories given a non-tensor', () => {
    for (const [name, fn] of [
      ['zerosLike', T.zerosLike],
      ['onesLike', T.onesLike],
      ['emptyLike', T.emptyLike],
      ['randLike', T.randLike],
      ['randnLike', T.randnLike],
    ] as const) {
      expectError(() => (fn as (v: unknown) => unknown)(5), DTypeError, 'DTYPE', new RegExp(`^${name === 'emptyLike' ? 'zerosLike' : name}: 'x' must be a Tensor, got number`));
    }
    expectError(() => T.fullLike([1, 2] as never, 1), DTypeError, 'DTYPE', /^fullLike: 'x' must be a Tensor, got Array/);
  });
  it('a generator that is not a Generator', () => {
    expectError(() => T.rand([2], { generator: 5 as never }), ValueError, 'INVALID_ARGUMENT', /^rand: 'generator' must be a Generator, got number/);
    expectError(() => T.randint(0, 5, [2], { generator: {} as never }), ValueError, 'INVALID_ARGUMENT', /^randint: 'generator' must be a Generator, got Object/);
    expectError(() => T.fillUniform(new Float32Array(2), null as never), ValueError, 'INVALID_ARGUMENT', /^fillUniform: 'gen' must be a Generator, got null/);
    expectError(() => T.fillNormal([0, 0] as never, new T.Generator(0)), ValueError, 'INVALID_ARGUMENT', /^fillNormal: 'out' must be a Float32Array or Float64Array, got Array/);
    expectError(() => new T.Generator(0).setState(null as never), ValueError, 'INVALID_ARGUMENT', /^setState: 'state' must be an object from getState\(\), got null$/);
  });
  it('formatTensor given a non-tensor or bad suffixes', () => {
    expectError(() => T.formatTensor(5 as never), DTypeError, 'DTYPE', /^formatTensor: 't' must be a Tensor, got number/);
    expectError(() => T.formatTensor(x(), 'x' as never), ValueError, 'INVALID_ARGUMENT', /^formatTensor: 'suffixes' must be an array of strings, got string 'x'/);
  });
  it('clamp bounds, squeeze dims, expandAs, resultType operands', () => {
    expectError(() => T.clamp(x(), {} as never), DTypeError, 'DTYPE', /^clamp: 'min' must be a Tensor, a number or null, got Object/);
    expectError(() => T.clamp(x(), 0, 'a' as never), DTypeError, 'DTYPE', /^clamp: 'max' must be a Tensor, a number or null, got string 'a'/);
    expectError(() => T.squeeze(x(), x() as never), IndexError, 'INVALID_DIM', /^squeeze: 'dim' must be a number or an array of numbers, got Tensor/);
    expectError(() => x().expandAs(null as never), DTypeError, 'DTYPE', /^expandAs: 'other' must be a Tensor, got null/);
    expectError(() => T.resultType(x(), null as never), DTypeError, 'DTYPE', /^resultType: operand 1 must be a Tensor, a number or a boolean, got null/);
    expectError(() => T.resultType('a' as never), DTypeError, 'DTYPE', /^resultType: operand 0 .* got string 'a'/);
  });
  it('an autograd tensor given to a tensor function is named as such', () => {
    // autograd's Tensor carries the wrapper mark (a getter of its .data); tensor recognises it by that, not by field names
    const autogradLike = { data: x(), gradFn: null, requiresGrad: true, [T.WRAPPED_TENSOR]: x() };
    expectError(() => T.add(x(), autogradLike as never), DTypeError, 'DTYPE', /^add: 'b' must be a Tensor, a number or a boolean, got Tensor \(a @gradlab\/autograd Tensor: use the @gradlab\/autograd function, or pass its \.data\)$/);
    expectError(() => T.exp([1, 2] as never), DTypeError, 'DTYPE', /^exp: expected a Tensor or a number, got Array$/);
    expectError(() => T.sum(x(), 0, 'yes' as never), DTypeError, 'DTYPE', /^sum: 'keepdim' must be a boolean, got string 'yes'$/);
  });
  it('a view with non-integer strides or offset', () => {
    expectError(() => new T.Tensor(new Float32Array(2), [2], 'float32', [Number.NaN]), ShapeError, 'INVALID_SHAPE', /^Tensor: 'strides' must contain integers, got \[NaN\]/);
    expectError(() => new T.Tensor(new Float32Array(4), [2], 'float32', [1.5]), ShapeError, 'INVALID_SHAPE', /strides/);
    expectError(() => new T.Tensor(new Float32Array(2), [0], 'float32', undefined, Number.NaN), IndexError, 'INDEX_OUT_OF_RANGE', /^Tensor: 'offset' must be a non-negative integer, got NaN$/);
    expectError(() => new T.Tensor(new Float32Array(2), [1], 'float32', undefined, -1), IndexError, 'INDEX_OUT_OF_RANGE', /got -1/);
  });
});

describe('gemm checks its sizes and bounds instead of looping or reading outside', () => {
  const a = new Float32Array(6);
  const b = new Float32Array(6);
  const c = new Float32Array(4);
  it('sizes that are not non-negative integers', () => {
    expectError(() => gemm(Infinity, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2), ValueError, 'INVALID_ARGUMENT', /^gemm: 'M' must be a non-negative integer, got Infinity/);
    expectError(() => gemm(2, Number.NaN, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2), ValueError, 'INVALID_ARGUMENT', /'N' .* got NaN/);
    expectError(() => gemm(2, 2, -1, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2), ValueError, 'INVALID_ARGUMENT', /'K' .* got -1/);
  });
  it('operands that are not typed arrays, or too small for the block', () => {
    expectError(() => gemm(2, 2, 3, [1, 2] as never, 0, 3, 1, b, 0, 2, 1, c, 0, 2), DTypeError, 'DTYPE', /^gemm: 'a' must be a Float32Array, Float64Array or Int32Array, got Array/);
    expectError(() => gemm(2, 2, 3, a, 1, 3, 1, b, 0, 2, 1, c, 0, 2), IndexError, 'INDEX_OUT_OF_RANGE', /^gemm: a 2x3 block of 'a' at offset 1 with strides \(3, 1\) reaches outside its 6 elements/);
    expectError(() => gemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 3), IndexError, 'INDEX_OUT_OF_RANGE', /block of 'c'/);
    expectError(() => gemm(2, 2, 3, a, 0.5, 3, 1, b, 0, 2, 1, c, 0, 2), ValueError, 'INVALID_ARGUMENT', /offset and strides of 'a' must be integers/);
  });
  it('still computes valid products, including empty ones', () => {
    const a2 = new Float32Array([1, 2, 3, 4, 5, 6]);
    const b2 = new Float32Array([1, 0, 0, 1, 1, 1]);
    const out = new Float32Array(4);
    gemm(2, 2, 3, a2, 0, 3, 1, b2, 0, 2, 1, out, 0, 2);
    expect(Array.from(out)).toEqual([4, 5, 10, 11]);
    gemm(2, 2, 0, new Float32Array(0), 0, 0, 1, new Float32Array(0), 0, 2, 1, out, 0, 2);
    expect(Array.from(out)).toEqual([0, 0, 0, 0]);
  });
});

// Low-level building blocks for other packages, called on every op: they
// trust their (already checked) arguments.
const UNCHECKED = new Set(['allocateResult', 'broadcastShapes', 'castValue', 'contiguousStrides', 'expf', 'formatShape', 'shapeSize', 'shapesEqual', 'scalarTensor', 'normalizeDim']);

describe('every public function, given junk, throws a GradlabError or returns', () => {
  const junk: unknown[] = [undefined, null, 'a', {}, [], Number.NaN, 1.5, -7, Infinity, true, [1, 'x'], () => 1, 10n, new Float32Array(2)];
  const functions = Object.entries(T).filter(
    (entry): entry is [string, (...args: unknown[]) => unknown] =>
      typeof entry[1] === 'function' && !/^[A-Z]/.test(entry[0]) && !UNCHECKED.has(entry[0]),
  );

  it('covers the ops', () => {
    expect(functions.length).toBeGreaterThan(80);
  });

  it.each(functions)('%s', (_name, fn) => {
    const argumentLists: unknown[][] = [[]];
    for (const j of junk) {
      argumentLists.push([j], [x(), j], [x(), 0, j], [x(), x(), j], [j, x()], [[2, 3], j], [x(), j, 1]);
    }
    for (const args of argumentLists) {
      try {
        const result = fn(...args);
        if (result instanceof T.Tensor) String(result);
      } catch (error) {
        if (!(error instanceof GradlabError)) {
          throw new Error(`(${args.map((a) => (a instanceof T.Tensor ? 'Tensor' : typeof a === 'bigint' ? `${a}n` : typeof a === 'function' ? 'fn' : JSON.stringify(a))).join(', ')}) threw ${String(error)}`);
        }
      }
    }
  });

  it.each(Object.getOwnPropertyNames(T.Generator.prototype).filter((name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(T.Generator.prototype, name)!.value === 'function'))(
    'Generator.prototype.%s',
    (name) => {
      for (const j of junk) {
        for (const args of [[j], [j, 0], [0, j]]) {
          try {
            (new T.Generator(1) as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
          } catch (error) {
            if (!(error instanceof GradlabError)) throw new Error(`${name}(${String(args[0])}, ...) threw ${String(error)}`);
          }
        }
      }
    },
  );

  it.each(Object.getOwnPropertyNames(T.Tensor.prototype).filter((name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(T.Tensor.prototype, name)!.value === 'function'))(
    'Tensor.prototype.%s',
    (name) => {
      for (const j of junk) {
        for (const args of [[j], [0, j], [j, 0], [x(), j], [0, 1, j]]) {
          try {
            const result = (x() as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
            if (result instanceof T.Tensor) String(result);
          } catch (error) {
            if (!(error instanceof GradlabError)) throw new Error(`${name}(${String(args[0])}, ...) threw ${String(error)}`);
          }
        }
      }
    },
  );
});

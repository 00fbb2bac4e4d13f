import { describe, expect, it } from 'vitest';
import { gemm, type NumericArray } from './matmul-kernel';

/** Deterministic values in [-1, 1) (a small LCG, independent of the generator under test). */
function filled<T extends NumericArray>(array: T, seed: number, integers = false): T {
  let state = seed >>> 0;
  for (let index = 0; index < array.length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    array[index] = integers ? (state >>> 24) - 128 : state / 2 ** 31 - 1;
  }
  return array;
}

interface Operand {
  data: NumericArray;
  offset: number;
  rowStride: number;
  colStride: number;
}

/** A rows×cols operand laid out row-major, column-major (a transposed view) or with gaps. */
function operand(
  make: (length: number) => NumericArray,
  rows: number,
  cols: number,
  layout: 'row' | 'column' | 'padded',
  seed: number,
): Operand {
  const offset = 3;
  if (layout === 'row') return { data: filled(make(offset + rows * cols), seed), offset, rowStride: cols, colStride: 1 };
  if (layout === 'column') return { data: filled(make(offset + rows * cols), seed), offset, rowStride: 1, colStride: rows };
  // Every other column and row skipped: strides 2 and 2*(2*cols+1).
  const rowStride = 2 * (2 * cols + 1);
  return { data: filled(make(offset + rows * rowStride), seed), offset, rowStride, colStride: 2 };
}

/** C = A·B with float64 dot products over the same strided elements. */
function reference(M: number, N: number, K: number, a: Operand, b: Operand): { values: Float64Array; scale: Float64Array } {
  const values = new Float64Array(M * N);
  const scale = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let sum = 0;
      let magnitude = 0;
      for (let k = 0; k < K; k++) {
        const product =
          a.data[a.offset + i * a.rowStride + k * a.colStride]! * b.data[b.offset + k * b.rowStride + j * b.colStride]!;
        sum += product;
        magnitude += Math.abs(product);
      }
      values[i * N + j] = sum;
      scale[i * N + j] = magnitude;
    }
  }
  return { values, scale };
}

const SENTINEL = 12345;

/** Runs gemm into a C with leading dimension N + 2 and checks every element, including the gaps. */
function check(
  make: (length: number) => Float32Array | Float64Array,
  M: number,
  N: number,
  K: number,
  aLayout: 'row' | 'column' | 'padded',
  bLayout: 'row' | 'column' | 'padded',
  relativeTolerance: number,
): void {
  const a = operand(make, M, K, aLayout, 7 + M);
  const b = operand(make, K, N, bLayout, 11 + N);
  const ldc = N + 2;
  const cOffset = 5;
  const c = make(cOffset + M * ldc + 4).fill(SENTINEL);
  gemm(M, N, K, a.data, a.offset, a.rowStride, a.colStride, b.data, b.offset, b.rowStride, b.colStride, c, cOffset, ldc);
  const { values, scale } = reference(M, N, K, a, b);
  let worst = 0;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      const got = c[cOffset + i * ldc + j]!;
      const error = Math.abs(got - values[i * N + j]!) / Math.max(scale[i * N + j]!, 1e-300);
      if (!(error <= relativeTolerance)) {
        throw new Error(`(${i}, ${j}) of ${M}x${K} @ ${K}x${N}: got ${got}, expected ${values[i * N + j]}`);
      }
      worst = Math.max(worst, error);
    }
    // The two gap columns between rows are never written.
    if (i < M - 1) expect([c[cOffset + i * ldc + N], c[cOffset + i * ldc + N + 1]]).toEqual([SENTINEL, SENTINEL]);
  }
  expect(Array.from(c.subarray(0, cOffset))).toEqual(new Array(cOffset).fill(SENTINEL));
  expect(Array.from(c.subarray(cOffset + (M - 1) * ldc + N))).toEqual(new Array(c.length - (cOffset + (M - 1) * ldc + N)).fill(SENTINEL));
  expect(worst).toBeLessThanOrEqual(relativeTolerance);
}

const f32 = (length: number): Float32Array => new Float32Array(length);
const f64 = (length: number): Float64Array => new Float64Array(length);

// [M, N, K]: degenerate, tiny, odd, the homework's, and sizes crossing every block boundary
// (KC = 256, MC = 128, NC = 1020, the 4×3 and 4×4 tiles).
const shapes: [number, number, number][] = [
  [1, 1, 1], [1, 7, 5], [6, 1, 5], [1, 1, 300], [2, 2, 2], [3, 5, 4], [4, 4, 4], [5, 5, 5],
  [10, 11, 5], [17, 33, 9], [33, 17, 65], [64, 64, 64], [31, 29, 257], [131, 9, 20], [7, 1029, 3],
  [130, 70, 520], [9, 1030, 300], [6, 2043, 257],
];

describe('gemm', () => {
  describe.each([
    ['float32', f32, 2e-7],
    ['float64', f64, 1e-14],
  ] as const)('%s', (_name, make, tolerance) => {
    it.each(shapes)('%i x %i (K = %i), row-major operands', (M, N, K) => {
      check(make, M, N, K, 'row', 'row', tolerance);
    });

    it.each(shapes)('%i x %i (K = %i), transposed operands', (M, N, K) => {
      check(make, M, N, K, 'column', 'column', tolerance);
    });

    it.each([[17, 33, 9], [10, 11, 5], [40, 3, 260], [1, 9, 9]] as [number, number, number][])(
      '%i x %i (K = %i), mixed and gapped strides',
      (M, N, K) => {
        check(make, M, N, K, 'row', 'column', tolerance);
        check(make, M, N, K, 'column', 'padded', tolerance);
        check(make, M, N, K, 'padded', 'row', tolerance);
      },
    );
  });

  it('K = 0 gives zeros, even over garbage', () => {
    for (const [M, N] of [[1, 1], [3, 5], [40, 40]] as const) {
      const c = new Float32Array(M * N).fill(NaN);
      gemm(M, N, 0, new Float32Array(0), 0, 0, 1, new Float32Array(0), 0, N, 1, c, 0, N);
      expect(Array.from(c)).toEqual(new Array(M * N).fill(0));
    }
  });

  it('M = 0 or N = 0 writes nothing', () => {
    const c = new Float64Array(4).fill(SENTINEL);
    gemm(0, 2, 3, new Float64Array(6), 0, 3, 1, new Float64Array(6), 0, 2, 1, c, 0, 2);
    gemm(2, 0, 3, new Float64Array(6), 0, 3, 1, new Float64Array(6), 0, 2, 1, c, 0, 2);
    expect(Array.from(c)).toEqual([SENTINEL, SENTINEL, SENTINEL, SENTINEL]);
  });

  it('overwrites C instead of adding to it', () => {
    const a = new Float32Array([1, 2, 3, 4, 5, 6]);
    const b = new Float32Array([1, 0, 0, 1, 1, 1]);
    const c = new Float32Array([9, 9, 9, 9]);
    gemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2);
    expect(Array.from(c)).toEqual([4, 5, 10, 11]);
  });

  it('propagates NaN and infinity, and padding never leaks them', () => {
    for (const size of [3, 9]) {
      const a = new Float64Array(size * size).fill(1);
      const b = new Float64Array(size * size).fill(1);
      a[0] = NaN; // row 0 of C is NaN
      b[size - 1] = Infinity; // column size-1 of C is +inf (NaN in row 0)
      const c = new Float64Array(size * size);
      gemm(size, size, size, a, 0, size, 1, b, 0, size, 1, c, 0, size);
      for (let i = 0; i < size; i++) {
        for (let j = 0; j < size; j++) {
          const expected = i === 0 ? NaN : j === size - 1 ? Infinity : size;
          expect(c[i * size + j]).toBe(expected);
        }
      }
    }
  });

  it('float32 results are rounded to float32', () => {
    const a = new Float32Array([1 / 3, 1 / 3]);
    const b = new Float32Array([1, 1]);
    const c = new Float32Array(1);
    gemm(1, 1, 2, a, 0, 2, 1, b, 0, 1, 1, c, 0, 1);
    expect(c[0]).toBe(Math.fround(2 * Math.fround(1 / 3)));
  });

  describe('int32', () => {
    function int32Reference(M: number, N: number, K: number, a: Int32Array, b: Int32Array): Int32Array {
      const out = new Int32Array(M * N);
      for (let i = 0; i < M; i++) {
        for (let j = 0; j < N; j++) {
          let sum = 0n;
          for (let k = 0; k < K; k++) sum += BigInt(a[i * K + k]!) * BigInt(b[k * N + j]!);
          out[i * N + j] = Number(BigInt.asIntN(32, sum));
        }
      }
      return out;
    }

    it.each([[1, 1, 1], [10, 11, 5], [17, 33, 9], [70, 65, 300]] as [number, number, number][])(
      '%i x %i (K = %i) is exact',
      (M, N, K) => {
        const a = filled(new Int32Array(M * K), 3, true);
        const b = filled(new Int32Array(K * N), 4, true);
        const c = new Int32Array(M * N).fill(SENTINEL);
        gemm(M, N, K, a, 0, K, 1, b, 0, N, 1, c, 0, N);
        expect(Array.from(c)).toEqual(Array.from(int32Reference(M, N, K, a, b)));
      },
    );

    it('wraps around like C int32 arithmetic', () => {
      const a = new Int32Array([2147483647, 2147483647, 65536]);
      const b = new Int32Array([2, 1, 65536]);
      const c = new Int32Array(1);
      gemm(1, 1, 3, a, 0, 3, 1, b, 0, 1, 1, c, 0, 1);
      // 2·(2^31-1) + (2^31-1) + 2^32 = 3·2^31 - 3 + 2^32 ≡ 2^31 - 3 (mod 2^32)
      expect(c[0]).toBe(2147483645);
      gemm(1, 1, 1, new Int32Array([2147483647]), 0, 1, 1, new Int32Array([2]), 0, 1, 1, c, 0, 1);
      expect(c[0]).toBe(-2);
    });

    it('transposed operands', () => {
      const a = filled(new Int32Array(12), 5, true); // stored as 4x3, used as its 3x4 transpose
      const b = filled(new Int32Array(8), 6, true); // stored as 2x4, used as its 4x2 transpose
      const c = new Int32Array(6);
      gemm(3, 2, 4, a, 0, 1, 3, b, 0, 1, 4, c, 0, 2);
      const aT = new Int32Array(12);
      const bT = new Int32Array(8);
      for (let i = 0; i < 3; i++) for (let k = 0; k < 4; k++) aT[i * 4 + k] = a[k * 3 + i]!;
      for (let k = 0; k < 4; k++) for (let j = 0; j < 2; j++) bT[k * 2 + j] = b[j * 4 + k]!;
      expect(Array.from(c)).toEqual(Array.from(int32Reference(3, 2, 4, aT, bT)));
    });
  });
});

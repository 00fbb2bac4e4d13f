// Both paths of float32 products (the TypeScript kernel and WebAssembly SIMD), forced in turn,
// against a float64 reference computed here: strided, transposed, broadcast and batched operands,
// addmm's beta and alpha, tile and block edges. The golden PyTorch fixtures run on both paths in
// test/golden.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { addmm, bmm, getNumThreads, manualSeed, matmul, mm, rand, randn, setNumThreads, tensor, wasmInfo, zeros, type Tensor } from './index';
import { CROSSOVER, THREAD_CROSSOVER, forceMatmulPath, threadedProductCount } from './matmul-wasm';
import { ValueError } from './errors';

/** Element (indices) of a tensor through its strides, as a float64 number. */
function at(t: Tensor, index: number[]): number {
  let p = t.offset;
  index.forEach((i, d) => (p += i * t.strides[d]!));
  return t.storage[p] as number;
}

/**
 * Checks c = a·b (2-D) against float64 sums: |c - Σ a·b| ≤ 2·K·2^-24·Σ|a·b| + 1e-30, the float32
 * rounding bound of a K-term sum (and of the final rounding).
 */
function expectProduct(c: Tensor, a: Tensor, b: Tensor, alpha = 1, beta = 0, input?: Tensor): void {
  const [M, K] = a.shape as [number, number];
  const N = b.shape[1]!;
  expect(c.shape).toEqual([M, N]);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let sum = 0;
      let magnitude = 0;
      for (let k = 0; k < K; k++) {
        const term = at(a, [i, k]) * at(b, [k, j]);
        sum += term;
        magnitude += Math.abs(term);
      }
      let expected = alpha * sum;
      let bound = Math.abs(alpha) * 2 * (K + 1) * 2 ** -24 * magnitude;
      if (input !== undefined && beta !== 0) {
        const x = input.ndim === 2 ? at(input, [input.shape[0] === 1 ? 0 : i, input.shape[1] === 1 ? 0 : j]) : at(input, [input.shape[0] === 1 ? 0 : j]);
        expected += beta * x;
        bound += 4 * 2 ** -24 * (Math.abs(alpha * sum) + Math.abs(beta * x));
      }
      const actual = at(c, [i, j]);
      if (!(Math.abs(actual - expected) <= bound + 1e-30)) {
        expect.fail(`(${i}, ${j}) of a ${M}x${K}x${N} product: ${actual} vs ${expected} (bound ${bound})`);
      }
    }
  }
}

afterAll(() => {
  forceMatmulPath('auto');
});

describe.each(['ts', 'wasm'] as const)('float32 products on the %s path', (path) => {
  const use = (): void => void forceMatmulPath(path);

  it('square, thin and edge shapes (tiles of 5x8 and 6x8, KC and MC blocks)', () => {
    use();
    manualSeed(17);
    const shapes: [number, number, number][] = [
      [1, 1, 1], [2, 3, 4], [5, 8, 8], [6, 8, 8], [7, 9, 17], [10, 5, 11], [1, 300, 9], [9, 300, 1], [31, 257, 33],
      [121, 20, 9], [145, 13, 7], [30, 600, 17], [3, 2, 1030],
    ];
    for (const [M, K, N] of shapes) {
      const a = randn([M, K]);
      const b = randn([K, N]);
      expectProduct(mm(a, b), a, b);
    }
  });

  it('transposed, sliced, negative-stride-free strided and expanded operands', () => {
    use();
    manualSeed(18);
    const a = randn([40, 33]);
    const b = randn([29, 40]);
    expectProduct(mm(a.T, b.T), a.T, b.T); // [33, 40] . [40, 29]
    const wide = randn([37, 90]);
    const sliced = wide.slice(1, 0, 90, 3); // [37, 30], column stride 3: gathered
    const c = randn([30, 21]);
    expectProduct(mm(sliced, c), sliced, c);
    const row = randn([1, 30]).expand([25, 30]); // row stride 0
    expectProduct(mm(row, c), row, c);
    const column = randn([30, 1]).expand([30, 12]);
    expectProduct(mm(row, column), row, column);
    // a transposed right operand (Linear's x @ W.T), depths not a multiple of 4 and across KC blocks
    for (const [M, K, N] of [[9, 37, 17], [13, 258, 24], [6, 3, 8], [20, 515, 9]] as const) {
      const x = randn([M, K]);
      const w = randn([N, K]);
      expectProduct(mm(x, w.T), x, w.T);
    }
  });

  it('batched: bmm, broadcast batch dims, a shared right operand, 1-D operands', () => {
    use();
    manualSeed(19);
    const a = randn([3, 19, 23]);
    const b = randn([3, 23, 17]);
    const c = bmm(a, b);
    for (let i = 0; i < 3; i++) expectProduct(c.select(0, i), a.select(0, i), b.select(0, i));
    const shared = randn([23, 11]);
    const d = matmul(a, shared);
    for (let i = 0; i < 3; i++) expectProduct(d.select(0, i), a.select(0, i), shared);
    const left = randn([2, 1, 13, 23]);
    const right = randn([4, 23, 9]);
    const e = matmul(left, right);
    expect(e.shape).toEqual([2, 4, 13, 9]);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 4; j++) expectProduct(e.select(0, i).select(0, j), left.select(0, i).select(0, 0), right.select(0, j));
    const v = randn([23]);
    const f = matmul(a, v);
    expect(f.shape).toEqual([3, 19]);
    for (let i = 0; i < 3; i++) expectProduct(f.select(0, i).unsqueeze(1), a.select(0, i), v.unsqueeze(1));
    const g = matmul(v, b);
    for (let i = 0; i < 3; i++) expectProduct(g.select(0, i).unsqueeze(0), v.unsqueeze(0), b.select(0, i));
  });

  it('addmm with beta and alpha, a broadcast bias, beta 0 ignoring NaN', () => {
    use();
    manualSeed(20);
    const m1 = randn([27, 35]);
    const m2 = randn([35, 19]);
    const bias = randn([19]);
    expectProduct(addmm(bias, m1, m2), m1, m2, 1, 1, bias);
    expectProduct(addmm(bias, m1, m2, { beta: 0.5, alpha: -2 }), m1, m2, -2, 0.5, bias);
    const full = randn([27, 19]);
    expectProduct(addmm(full, m1.T.T, m2, { alpha: 3 }), m1, m2, 3, 1, full);
    const nan = zeros([27, 19]).add(Number.NaN);
    expectProduct(addmm(nan, m1, m2, { beta: 0 }), m1, m2);
  });

  it('K = 0 gives zeros, and non-finite values propagate', () => {
    use();
    expect(mm(zeros([40, 0]), zeros([0, 40])).sum().item()).toBe(0);
    const a = rand([10, 10]);
    const b = rand([10, 10]);
    a.storage[0] = Number.POSITIVE_INFINITY;
    b.storage[15] = Number.NaN;
    const c = mm(a, b);
    for (let j = 0; j < 10; j++) expect(at(c, [0, j])).toBe(j === 5 ? Number.NaN : Number.POSITIVE_INFINITY); // b[1][5] is NaN
    expect(Number.isNaN(at(c, [3, 5]))).toBe(true);
  });

  it('float64 and int32 stay exact on the TypeScript kernel', () => {
    use();
    const a = tensor([[1, 2], [3, 4]], { dtype: 'int32' });
    expect(mm(a, a).toArray()).toEqual([[7, 10], [15, 22]]);
    const x = tensor([[0.1, 0.2], [0.3, 0.4]], { dtype: 'float64' });
    expect(mm(x, x).toArray()).toEqual([[0.1 * 0.1 + 0.2 * 0.3, 0.1 * 0.2 + 0.2 * 0.4], [0.3 * 0.1 + 0.4 * 0.3, 0.3 * 0.2 + 0.4 * 0.4]]);
  });
});

describe('the WebAssembly path', () => {
  it('is what products above the crossover use in Node, and wasmInfo says so', () => {
    forceMatmulPath('auto');
    manualSeed(21);
    const a = randn([32, 32]);
    expectProduct(mm(a, a), a, a);
    const info = wasmInfo();
    expect(info).toMatchObject({ active: true, simd: true, threads: true, crossover: CROSSOVER });
    forceMatmulPath('ts');
    expect(wasmInfo().active).toBe(false);
    forceMatmulPath('auto');
  });

  it('gives the same results through a grown scratch memory (no stale view)', () => {
    forceMatmulPath('wasm');
    manualSeed(22);
    const small = randn([8, 8]);
    const first = mm(small, small);
    const big = randn([300, 300]);
    expectProduct(mm(big, big.T), big, big.T);
    expect(mm(small, small).toArray()).toEqual(first.toArray());
    forceMatmulPath('auto');
  });

  it('the relaxed-SIMD build (6x8 FMA tile) where the runtime has it', async () => {
    const v8 = await import('node:v8');
    // Node 20 compiles relaxed SIMD only behind this flag (Node 22 and browsers have it on)
    v8.setFlagsFromString('--experimental-wasm-relaxed-simd');
    forceMatmulPath('wasm', 'relaxed');
    expect(wasmInfo().relaxed).toBe(true);
    manualSeed(23);
    for (const [M, K, N] of [[6, 8, 8], [13, 300, 19], [145, 40, 33]] as const) {
      const a = randn([M, K]);
      const b = randn([K, N]);
      expectProduct(mm(a, b), a, b);
      expectProduct(mm(a, b.T.contiguous().T), a, b);
    }
    forceMatmulPath('wasm', 'simd');
    expect(wasmInfo().relaxed).toBe(false);
    forceMatmulPath('auto');
  });

  it('rejects a path or build it does not know', () => {
    expect(() => forceMatmulPath('gpu' as 'ts')).toThrow(ValueError);
    expect(() => forceMatmulPath('wasm', 'avx' as 'simd')).toThrow("forceMatmulPath: 'build' must be 'simd' or 'relaxed', got string 'avx'");
  });
});

describe('threads', () => {
  it('default to the cores in Node; setNumThreads validates as torch.set_num_threads', () => {
    expect(getNumThreads()).toBeGreaterThanOrEqual(1);
    expect(() => setNumThreads(0)).toThrow(ValueError);
    expect(() => setNumThreads(1.5)).toThrow("setNumThreads: 'n' must be a positive integer");
  });

  it('split a large product across worker threads, with the same bits as one thread', () => {
    const previous = getNumThreads();
    try {
      forceMatmulPath('auto');
      manualSeed(24);
      const n = 330; // 330³ > 2^25 multiply-adds
      expect(n ** 3).toBeGreaterThanOrEqual(THREAD_CROSSOVER);
      const a = randn([n + 7, n]);
      const b = randn([n, n - 3]).T.contiguous().T; // a column-major right operand
      setNumThreads(1);
      const one = mm(a, b);
      setNumThreads(3);
      const before = threadedProductCount();
      const deadline = Date.now() + 20_000; // the workers start in the background (~30 ms each)
      let many = mm(a, b);
      while (threadedProductCount() === before && Date.now() < deadline) many = mm(a, b);
      expect(threadedProductCount()).toBeGreaterThan(before);
      expect(Array.from(many.storage)).toEqual(Array.from(one.storage));
      expectProduct(many.narrow(0, 0, 40), a.narrow(0, 0, 40), b); // a slice of the first thread's rows
      expectProduct(many.narrow(0, n - 33, 40), a.narrow(0, n - 33, 40), b); // and of the last one's
    } finally {
      setNumThreads(previous);
    }
  }, 60_000);
});

/**
 * Single-thread GFLOP/s of the matmul kernel (`gemm`) against a naive triple loop.
 *
 *   pnpm --filter @gradlab/tensor bench            # sizes 64 .. 1024
 *   pnpm --filter @gradlab/tensor bench -- --quick # fewer repeats
 *
 * Square float32 products C = A·B (2·n³ flops each), warm-up first, then the median of several
 * repeats (min-max shown). Every result is checked against a float64 reference before it counts.
 */
import { gemm } from '../src/matmul-kernel';

const quick = process.argv.includes('--quick');
const sizes = [64, 128, 256, 512, 1024];

function randomMatrix(size: number, seed: number): Float32Array {
  // A small LCG keeps the data identical from run to run without depending on the generator.
  const out = new Float32Array(size * size);
  let state = seed >>> 0;
  for (let index = 0; index < out.length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[index] = state / 2 ** 32 - 0.5;
  }
  return out;
}

function naive(n: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += a[i * n + k]! * b[k * n + j]!;
      c[i * n + j] = sum;
    }
  }
}

function check(n: number, a: Float32Array, b: Float32Array, c: Float32Array): void {
  // Spot-check rows against a float64 reference (all of them for small sizes).
  const step = Math.max(1, Math.floor(n / 16));
  for (let i = 0; i < n; i += step) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += a[i * n + k]! * b[k * n + j]!;
      const error = Math.abs(sum - c[i * n + j]!);
      if (error > 1e-4 * Math.sqrt(n)) throw new Error(`wrong result at (${i}, ${j}) for n=${n}: ${c[i * n + j]} vs ${sum}`);
    }
  }
}

function time(run: () => void, repeats: number): { median: number; min: number; max: number } {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((x, y) => x - y);
  return { median: times[times.length >> 1]!, min: times[0]!, max: times[times.length - 1]! };
}

function gflops(n: number, milliseconds: number): string {
  return ((2 * n ** 3) / (milliseconds * 1e6)).toFixed(2);
}

console.log(`matmul float32, single thread, node ${process.version}${quick ? ' (quick)' : ''}`);
console.log('    n | gemm GFLOP/s (min-max)        | naive GFLOP/s (min-max)       | speed-up');
for (const n of sizes) {
  const a = randomMatrix(n, 1);
  const b = randomMatrix(n, 2);
  const c = new Float32Array(n * n);
  const runGemm = (): void => gemm(n, n, n, a, 0, n, 1, b, 0, n, 1, c, 0, n);
  const runNaive = (): void => naive(n, a, b, c);
  // Enough repeats for ~0.5 s of kernel time per size (fewer with --quick).
  const repeats = Math.max(3, Math.min(200, Math.round((quick ? 2e8 : 1e9) / (2 * n ** 3))));
  const naiveRepeats = n >= 1024 ? (quick ? 1 : 3) : Math.max(3, Math.round(repeats / 4));
  // Warm-up long enough for V8 to optimise the kernel at this size.
  for (let warm = 0; warm < Math.max(3, repeats >> 2); warm++) runGemm();
  check(n, a, b, c);
  const fast = time(runGemm, repeats);
  runNaive();
  check(n, a, b, c);
  const slow = time(runNaive, naiveRepeats);
  const cell = (t: { median: number; min: number; max: number }): string =>
    `${gflops(n, t.median).padStart(6)} (${gflops(n, t.max)}-${gflops(n, t.min)})`.padEnd(29);
  console.log(
    `${String(n).padStart(5)} | ${cell(fast)} | ${cell(slow)} | ${(slow.median / fast.median).toFixed(1)}x`,
  );
}

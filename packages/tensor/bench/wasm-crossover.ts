/**
 * Where the WebAssembly path starts to pay: time per float32 product, TypeScript kernel against
 * WebAssembly (copies in and out included), for small and thin shapes around the crossover.
 *
 *   pnpm --filter @gradlab/tensor exec tsx bench/wasm-crossover.ts
 *
 * Each shape runs both paths alternately (best of 7 rounds of a batch lasting ~20 ms), through
 * `mm` on tensors, as users call it.
 */
import { mm, rand, manualSeed, type Tensor } from '../src/index';
import { forceMatmulPath } from '../src/matmul-wasm';

const shapes: [number, number, number][] = [
  [10, 5, 11], [10, 11, 16], [4, 4, 4], [8, 8, 8], [16, 16, 16], [12, 16, 24], [16, 16, 32], [24, 24, 24], [32, 32, 32], [48, 48, 48], [64, 64, 64],
  [128, 10, 128], [128, 128, 10], [10, 64, 64], [128, 784, 256], [128, 256, 128], [784, 128, 256],
  [1, 64, 64], [64, 64, 1], [1, 256, 256], [256, 256, 1], [1, 1024, 1024], [1024, 1024, 1],
];

manualSeed(1);

function timePer(a: Tensor, b: Tensor): number {
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) mm(a, b);
    const t = performance.now() - t0;
    if (t > 20) return (t / reps) * 1000;
    reps *= 2;
  }
}

console.log('M x K x N      MACs      ts us    wasm us   ts/wasm');
for (const [M, K, N] of shapes) {
  const a = rand([M, K]);
  const b = rand([K, N]);
  let ts = Infinity;
  let wasm = Infinity;
  for (let round = 0; round < 7; round++) {
    forceMatmulPath('ts');
    ts = Math.min(ts, timePer(a, b));
    forceMatmulPath('wasm');
    wasm = Math.min(wasm, timePer(a, b));
  }
  forceMatmulPath('auto');
  console.log(`${`${M}x${K}x${N}`.padEnd(14)} ${String(M * K * N).padStart(9)} ${ts.toFixed(2).padStart(9)} ${wasm.toFixed(2).padStart(9)} ${(ts / wasm).toFixed(2).padStart(8)}`);
}

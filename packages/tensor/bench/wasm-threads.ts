/**
 * Where splitting a float32 product across two threads starts to pay: wall time per product on
 * one thread and on two (worker_threads on the kernel's shared memory), for square sizes.
 *
 *   pnpm --filter @gradlab/tensor exec tsx bench/wasm-threads.ts [--threads 2]
 *
 * Alternates 1 and N threads, best of 5 rounds of a batch lasting ~100 ms each. Only meaningful
 * when the second core is free (another process on it makes two threads slower than one).
 */
import { mm, rand, manualSeed, setNumThreads } from '../src/index';
import { setThreadCrossover, threadedProductCount } from '../src/matmul-wasm';

const threadsArg = process.argv.indexOf('--threads');
const threads = threadsArg >= 0 ? Number(process.argv[threadsArg + 1]) : 2;
const sizes = [128, 192, 256, 323, 400, 512, 768, 1024];
manualSeed(2);
setThreadCrossover(0); // split every size, to find where it pays

function best(n: number, t: number): number {
  const a = rand([n, n]);
  const b = rand([n, n]);
  setNumThreads(t);
  const until = Date.now() + 300; // workers start in the background
  while (Date.now() < until) mm(a, b);
  let fastest = Infinity;
  for (let round = 0; round < 5; round++) {
    let reps = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 100) {
      mm(a, b);
      reps++;
    }
    fastest = Math.min(fastest, (performance.now() - t0) / reps);
  }
  return fastest;
}

console.log(`size   1 thread ms   ${threads} threads ms   speedup   (threaded products so far)`);
for (const n of sizes) {
  const one = best(n, 1);
  const many = best(n, threads);
  console.log(`${String(n).padEnd(6)} ${one.toFixed(3).padStart(11)} ${many.toFixed(3).padStart(14)} ${(one / many).toFixed(2).padStart(9)}   (${threadedProductCount()})`);
}
process.exit(0);

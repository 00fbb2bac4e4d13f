/**
 * The timing loop shared by the TypeScript children (the Python child mirrors
 * it in `systems/torch_bench.py`): warm up, size each repeat from the warm-up
 * speed, then time repeats of many iterations and keep one per-iteration
 * sample per repeat.
 */
import type { TimingPlan, Timing } from './protocol';

const wallClock = (): number => Number(process.hrtime.bigint()) / 1e9;
const cpuClock = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Runs `step` per `plan` and returns per-iteration seconds, one sample per repeat. */
export function measure(step: () => void, plan: TimingPlan): Timing {
  const now = plan.clock === 'cpu' ? cpuClock : wallClock;
  let warmupIterations = 0;
  const warmupStart = now();
  let lastIteration = Infinity;
  for (;;) {
    const t0 = now();
    step();
    lastIteration = now() - t0;
    warmupIterations++;
    if (warmupIterations >= plan.minWarmupIterations && now() - warmupStart >= plan.warmupSeconds) break;
  }
  // The average over the warm-up overestimates (JIT, first calls); the last
  // iteration alone is noisy for micro-workloads: take the smaller.
  const average = (now() - warmupStart) / warmupIterations;
  const perIteration = Math.max(Math.min(average, lastIteration), 1e-9);
  const iterationsPerRepeat = Math.max(1, Math.round(plan.repeatSeconds / perIteration));
  const affordable = Math.floor(plan.budgetSeconds / (perIteration * iterationsPerRepeat));
  const repeats = Math.max(Math.min(plan.repeats, affordable), Math.min(3, plan.repeats));

  const samples: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = now();
    for (let i = 0; i < iterationsPerRepeat; i++) step();
    samples.push((now() - t0) / iterationsPerRepeat);
  }
  return { samples, iterationsPerRepeat, warmupIterations };
}

/** Median, minimum and maximum of the samples. */
export function summarize(samples: readonly number[]): { median: number; min: number; max: number } {
  if (samples.length === 0) throw new Error('summarize: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/**
 * Memory over a long training loop (issue 17): runs W3 (or W3-512) steps with gradlab, the
 * float32 products on the WebAssembly kernel, and samples the process's RSS. Fails (exit 1) when
 * RSS over the second half of the steps grows by more than the allowance over its value after the
 * first tenth (warm-up: the kernel's scratch memory reaches its final size on the first step).
 *
 *   pnpm --filter @gradlab/bench exec tsx --conditions=@gradlab/source src/rss-flat.ts [--steps 2000] [--workload W3] [--threads 1]
 */
import { parseArgs } from 'node:util';
import { wasmInfo } from '@gradlab/tensor';
import { createRunner } from './systems/gradlab';
import { WORKLOADS, type WorkloadId } from './workloads';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '2000' }, workload: { type: 'string', default: 'W3' }, threads: { type: 'string', default: '1' }, 'allow-mb': { type: 'string', default: '16' } } });
const steps = Number(values.steps);
const workload = values.workload as WorkloadId;
const allowance = Number(values['allow-mb']);
if (workload !== 'W3' && workload !== 'W3-512') throw new Error(`--workload: expected W3 or W3-512, got '${workload}'`);

const data = WORKLOADS[workload].build();
const runner = await createRunner(workload, new Map(data.arrays.map((a) => [a.name, a])), data.settings, Number(values.threads));
const mb = (): number => process.memoryUsage().rss / 2 ** 20;
const samples: { step: number; rss: number }[] = [];
const every = Math.max(1, Math.floor(steps / 40));
const start = performance.now();
for (let step = 1; step <= steps; step++) {
  runner.step();
  if (step % every === 0 || step === steps) samples.push({ step, rss: mb() });
}
const seconds = (performance.now() - start) / 1000;
const warm = samples.find((s) => s.step >= steps / 10) ?? samples[0]!;
const secondHalf = samples.filter((s) => s.step >= steps / 2);
const peak = Math.max(...secondHalf.map((s) => s.rss));
const last = samples[samples.length - 1]!;
const loss = runner.probe().get('loss')![0]!;
console.log(`${workload}, ${steps} steps in ${seconds.toFixed(1)} s (${((seconds / steps) * 1000).toFixed(2)} ms/step), matmul ${wasmInfo().active ? 'wasm' : 'typescript'}; loss ${loss.toFixed(4)}`);
console.log(`RSS: ${warm.rss.toFixed(1)} MB after step ${warm.step}, peak ${peak.toFixed(1)} MB over steps ${secondHalf[0]!.step}-${steps}, ${last.rss.toFixed(1)} MB at the end`);
console.log(`samples: ${samples.map((s) => s.rss.toFixed(0)).join(' ')}`);
if (peak - warm.rss > allowance) {
  console.error(`RSS grew by ${(peak - warm.rss).toFixed(1)} MB (allowance ${allowance} MB)`);
  process.exit(1);
}
console.log(`flat: growth ${(peak - warm.rss).toFixed(1)} MB <= ${allowance} MB`);

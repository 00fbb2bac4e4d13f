/*
 * W1 of the benchmark issue: one iteration is the forward and backward pass
 * of the homework's Ex 1, y = log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5), on
 * x = [1, 2, -1, 3, 5] (float32), reading the gradient.
 *
 *   pnpm --filter @gradlab/autograd bench
 */
import { exp, log, sin, tensor, type Tensor } from '../src/index';

function iteration(): number {
  const x = tensor([1, 2, -1, 3, 5], { requiresGrad: true });
  const x1 = x.at(0);
  const x2 = x.at(1);
  const x3 = x.at(2);
  const x4 = x.at(3);
  const x5 = x.at(4);
  const y = log(exp(x1.mul(x2)).pow(2).add(sin(x3.add(x4).add(x5)).mul(x5)));
  y.backward();
  return (x.grad as Tensor).data.storage[0]!;
}

/** Wall-clock and CPU microseconds per iteration (CPU time is robust to a busy machine). */
function measure(iterations: number): [wall: number, cpu: number] {
  let sink = 0;
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += iteration();
  const elapsed = Number(process.hrtime.bigint() - start) / 1e3;
  const cpu = process.cpuUsage(cpu0);
  if (!Number.isFinite(sink)) throw new Error('unexpected gradient');
  return [elapsed / iterations, (cpu.user + cpu.system) / iterations];
}

const expected = 3.7730;
if (Math.abs(iteration() - expected) > 1e-3) throw new Error('W1 gradient is wrong');
measure(20_000); // warm-up
const runs = Array.from({ length: 7 }, () => measure(20_000));
const wall = runs.map((r) => r[0]).sort((a, b) => a - b);
const cpu = runs.map((r) => r[1]).sort((a, b) => a - b);
console.log(
  `W1 (Ex 1 forward + backward, float32): median ${wall[3]!.toFixed(2)} us/iteration ` +
    `(min ${wall[0]!.toFixed(2)}, max ${wall[6]!.toFixed(2)}; CPU time median ${cpu[3]!.toFixed(2)} us; 7 runs x 20,000)`,
);

/*
 * W2 of the benchmark issue, autograd side only: the homework's MLP
 * 5-11-16-13-8-4 (no bias, ReLU, softmax) on a 10x5 input, loss
 * -sum(onehot * log(softmax)), backward. Prints microseconds per iteration.
 *
 *   pnpm --filter @gradlab/autograd exec tsx --conditions=@gradlab/source bench/mlp.ts
 */
import * as B from '@gradlab/tensor';
import { log, matmul, mul, neg, rand, randn, relu, softmax, sum, tensor, type Tensor } from '../src/index';

const generator = new B.Generator(0);
const sizes = [5, 11, 16, 13, 8, 4];
const weights = sizes.slice(1).map((n, i) => randn([n, sizes[i]!], { generator, requiresGrad: true }));
const x = rand([10, 5], { generator });
const onehot = tensor(Array.from({ length: 10 }, (_, i) => [0, 1, 2, 3].map((c) => (c === i % 4 ? 1 : 0))));

function iteration(): number {
  let h: Tensor = x;
  weights.forEach((w, i) => {
    h = matmul(h, w.t());
    if (i < weights.length - 1) h = relu(h);
  });
  const loss = neg(sum(mul(onehot, log(softmax(h, 1)))));
  for (const w of weights) w.grad = null;
  loss.backward();
  return weights[0]!.grad!.data.storage[0]!;
}

for (let i = 0; i < 5000; i++) iteration();
const wall: number[] = [];
const cpu: number[] = [];
for (let r = 0; r < 7; r++) {
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < 5000; i++) iteration();
  wall.push(((performance.now() - start) * 1000) / 5000);
  const used = process.cpuUsage(cpu0);
  cpu.push((used.user + used.system) / 5000);
}
wall.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
console.log(
  `W2 (homework MLP forward + backward, float32): median ${wall[3]!.toFixed(1)} us/iteration ` +
    `(min ${wall[0]!.toFixed(1)}, max ${wall[6]!.toFixed(1)}; CPU time median ${cpu[3]!.toFixed(1)} us; 7 runs x 5,000)`,
);

import * as A from './src/index';
import * as B from '@gradlab/tensor';
const gen = new B.Generator(0);
const sizes = [5, 11, 16, 13, 8, 4];
const W = sizes.slice(1).map((n, i) => A.randn([n, sizes[i]!], { generator: gen, requiresGrad: true }));
const x = A.rand([10, 5], { generator: gen });
const onehot = A.tensor(B.zeros([10, 4]).toArray() as number[][]);
for (let i = 0; i < 10; i++) (onehot.data.storage as Float32Array)[i * 4 + (i % 4)] = 1;
function iter() {
  let h: A.Tensor = x;
  W.forEach((w, i) => { h = A.matmul(h, w.t()); if (i < W.length - 1) h = A.relu(h); });
  const p = A.softmax(h, 1);
  const loss = A.neg(A.sum(A.mul(onehot, A.log(p))));
  for (const w of W) w.grad = null;
  loss.backward();
  return W[0]!.grad!.data.storage[0]!;
}
for (let i = 0; i < 5000; i++) iter();
const runs: number[] = [];
for (let r = 0; r < 5; r++) { const t0 = performance.now(); for (let i = 0; i < 5000; i++) iter(); runs.push((performance.now() - t0) * 1000 / 5000); }
runs.sort((a, b) => a - b); console.log('W2-like us/iter median', runs[2]!.toFixed(1), runs.map((r) => r.toFixed(1)).join(' '));

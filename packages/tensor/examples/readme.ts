// The snippet of packages/tensor/README.md, kept runnable: `pnpm tsx --conditions=@gradlab/source packages/tensor/examples/readme.ts`.
import { arange, manualSeed, randn, tensor } from '@gradlab/tensor';

const x = tensor([[1, 2, 3], [4, 5, 6]]);
console.log(String(x.T));
console.log(String(x.sum(1)));
console.log(String(x.add(tensor([10, 20, 30]))));
console.log(String(x.matmul(x.T)));

const logits = tensor([[1000, 0, -1000]]);
console.log(String(logits.softmax(1)));

const labels = arange(3);
console.log(String(labels.add(2.5)));
console.log(x.max(1).indices.toArray());

manualSeed(0);
console.log(String(randn([2])));

console.log(x.at(1).slice(0, 1).toArray());

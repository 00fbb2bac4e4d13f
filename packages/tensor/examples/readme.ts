// The snippet of packages/tensor/README.md, kept identical by test/readme.test.ts.
// Run: `pnpm tsx --conditions=@gradlab/source packages/tensor/examples/readme.ts`.
import { arange, manualSeed, randn, tensor, zeros, ShapeError } from '@gradlab/tensor';

const x = tensor([[1, 2, 3], [4, 5, 6]]); // float32, like torch.tensor([[1., 2., 3.], [4., 5., 6.]])
console.log(String(x.T));
// tensor([[1., 4.],
//         [2., 5.],
//         [3., 6.]])
console.log(String(x.sum(1))); // tensor([ 6., 15.])

// broadcasting
console.log(String(x.add(tensor([10, 20, 30]))));
// tensor([[11., 22., 33.],
//         [14., 25., 36.]])

console.log(String(x.matmul(x.T)));
// tensor([[14., 32.],
//         [32., 77.]])

// softmax is stable for large logits
console.log(String(tensor([[1000, 0, -1000]]).softmax(1))); // tensor([[1., 0., 0.]])

// arange gives int32; a float JS number promotes it to float32
const labels = arange(3);
console.log(String(labels)); // tensor([0, 1, 2], dtype=torch.int32)
console.log(String(labels.add(2.5))); // tensor([2.5000, 3.5000, 4.5000])
console.log(x.max(1).indices.toArray()); // [ 2, 2 ]

// the same numbers as torch.manual_seed(0); torch.randn(2)
manualSeed(0);
console.log(String(randn([2]))); // tensor([ 1.5410, -0.2934])

// x[1, 1:]
console.log(String(x.at(1).slice(0, 1))); // tensor([5., 6.])

// every error is a GradlabError with a stable code and PyTorch's wording
try {
  x.add(zeros([4]));
} catch (error) {
  if (error instanceof ShapeError) console.log(error.code, error.message);
  // SHAPE_MISMATCH The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1
}

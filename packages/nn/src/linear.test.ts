import { randn, tensor, zeros, type Node, type Tensor } from '@gradlab/autograd';
import { Generator, ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { Linear } from './linear';

describe('Linear', () => {
  it('has weight [out, in] and bias [out] as trainable leaves', () => {
    const layer = new Linear(5, 11);
    expect(layer.weight.shape).toEqual([11, 5]);
    expect(layer.bias!.shape).toEqual([11]);
    expect(layer.weight.requiresGrad && layer.weight.isLeaf).toBe(true);
    expect(layer.weight.dtype).toBe('float32');
  });

  it('bias: false leaves no bias parameter', () => {
    const layer = new Linear(5, 11, { bias: false });
    expect(layer.bias).toBeNull();
    expect(layer.namedParameters().map(([name]) => name)).toEqual(['weight']);
  });

  it('maps [*, in] to [*, out], including a single 1-D sample', () => {
    const layer = new Linear(3, 2, { generator: new Generator(0) });
    expect(layer.call(tensor([[1, 2, 3], [4, 5, 6]])).shape).toEqual([2, 2]);
    expect(layer.call(tensor([1, 2, 3])).shape).toEqual([2]);
  });

  it('computes x W^T + b', () => {
    const layer = new Linear(2, 1);
    layer.loadStateDict({ weight: tensor([[2, -1]]), bias: tensor([0.5]) });
    expect(layer.call(tensor([[3, 4]])).toArray()).toEqual([[2.5]]);
  });

  it('records the graph PyTorch records for a layer without bias: MmBackward0 <- TBackward0 <- AccumulateGrad', () => {
    const layer = new Linear(5, 11, { bias: false });
    const y = layer.call(tensor([[1, 2, 3, 4, 5]]));
    expect(y.gradFn!.name).toBe('MmBackward0');
    const [input, weight] = y.gradFn!.nextFunctions;
    expect(input![0]).toBeNull();
    expect(weight![0]!.name).toBe('TBackward0');
    expect(weight![0]!.nextFunctions[0]![0]!.name).toBe('AccumulateGrad');
  });

  it('supports float64', () => {
    const layer = new Linear(2, 2, { dtype: 'float64' });
    expect(layer.weight.dtype).toBe('float64');
    expect(layer.call(tensor([[1, 2]], { dtype: 'float64' })).dtype).toBe('float64');
  });

  it('rejects invalid sizes', () => {
    expect(() => new Linear(-1, 2)).toThrow(ValueError);
    expect(() => new Linear(2, 1.5)).toThrow("Linear: 'outFeatures' must be a non-negative integer, got 1.5");
  });
});

// The grad_fn trees of torch.nn.Linear(5, 11) in PyTorch 1.13 (printed by a script walking
// next_functions): [bias, input, input requires grad, output shape, tree]. F.linear runs
// addmm for a 2-D input and for a contiguous 3-D one (folded into rows by views), matmul
// (+ add) otherwise.
type Tree = [string, (Tree | null)[]];
const PYTORCH_GRAPHS: [boolean, string, boolean, number[], Tree][] = [
  [true, "1-D", false, [11], ["AddBackward0", [["SqueezeBackward3", [["MmBackward0", [null, ["TBackward0", [["AccumulateGrad", []]]]]]]], ["AccumulateGrad", []]]]],
  [true, "1-D", true, [11], ["AddBackward0", [["SqueezeBackward3", [["MmBackward0", [["UnsqueezeBackward0", [["AccumulateGrad", []]]], ["TBackward0", [["AccumulateGrad", []]]]]]]], ["AccumulateGrad", []]]]],
  [true, "2-D", false, [3, 11], ["AddmmBackward0", [["AccumulateGrad", []], null, ["TBackward0", [["AccumulateGrad", []]]]]]],
  [true, "2-D", true, [3, 11], ["AddmmBackward0", [["AccumulateGrad", []], ["AccumulateGrad", []], ["TBackward0", [["AccumulateGrad", []]]]]]],
  [true, "3-D", false, [2, 3, 11], ["ViewBackward0", [["AddmmBackward0", [["AccumulateGrad", []], null, ["TBackward0", [["AccumulateGrad", []]]]]]]]],
  [true, "3-D", true, [2, 3, 11], ["ViewBackward0", [["AddmmBackward0", [["AccumulateGrad", []], ["ViewBackward0", [["AccumulateGrad", []]]], ["TBackward0", [["AccumulateGrad", []]]]]]]]],
  [true, "3-D non-contiguous", false, [2, 3, 11], ["AddBackward0", [["UnsafeViewBackward0", [["MmBackward0", [null, ["TBackward0", [["AccumulateGrad", []]]]]]]], ["AccumulateGrad", []]]]],
  [true, "3-D non-contiguous", true, [2, 3, 11], ["AddBackward0", [["UnsafeViewBackward0", [["MmBackward0", [["UnsafeViewBackward0", [["CloneBackward0", [["TransposeBackward0", [["AccumulateGrad", []]]]]]]], ["TBackward0", [["AccumulateGrad", []]]]]]]], ["AccumulateGrad", []]]]],
  [true, "4-D", false, [2, 2, 3, 11], ["AddBackward0", [["UnsafeViewBackward0", [["MmBackward0", [null, ["TBackward0", [["AccumulateGrad", []]]]]]]], ["AccumulateGrad", []]]]],
  [true, "4-D", true, [2, 2, 3, 11], ["AddBackward0", [["UnsafeViewBackward0", [["MmBackward0", [["ReshapeAliasBackward0", [["AccumulateGrad", []]]], ["TBackward0", [["AccumulateGrad", []]]]]]]], ["AccumulateGrad", []]]]],
  [false, "1-D", false, [11], ["SqueezeBackward3", [["MmBackward0", [null, ["TBackward0", [["AccumulateGrad", []]]]]]]]],
  [false, "1-D", true, [11], ["SqueezeBackward3", [["MmBackward0", [["UnsqueezeBackward0", [["AccumulateGrad", []]]], ["TBackward0", [["AccumulateGrad", []]]]]]]]],
  [false, "2-D", false, [3, 11], ["MmBackward0", [null, ["TBackward0", [["AccumulateGrad", []]]]]]],
  [false, "2-D", true, [3, 11], ["MmBackward0", [["AccumulateGrad", []], ["TBackward0", [["AccumulateGrad", []]]]]]],
  [false, "3-D", false, [2, 3, 11], ["UnsafeViewBackward0", [["MmBackward0", [null, ["TBackward0", [["AccumulateGrad", []]]]]]]]],
  [false, "3-D", true, [2, 3, 11], ["UnsafeViewBackward0", [["MmBackward0", [["ReshapeAliasBackward0", [["AccumulateGrad", []]]], ["TBackward0", [["AccumulateGrad", []]]]]]]]],
  [false, "3-D non-contiguous", false, [2, 3, 11], ["UnsafeViewBackward0", [["MmBackward0", [null, ["TBackward0", [["AccumulateGrad", []]]]]]]]],
  [false, "3-D non-contiguous", true, [2, 3, 11], ["UnsafeViewBackward0", [["MmBackward0", [["UnsafeViewBackward0", [["CloneBackward0", [["TransposeBackward0", [["AccumulateGrad", []]]]]]]], ["TBackward0", [["AccumulateGrad", []]]]]]]]],
  [false, "4-D", false, [2, 2, 3, 11], ["UnsafeViewBackward0", [["MmBackward0", [null, ["TBackward0", [["AccumulateGrad", []]]]]]]]],
  [false, "4-D", true, [2, 2, 3, 11], ["UnsafeViewBackward0", [["MmBackward0", [["ReshapeAliasBackward0", [["AccumulateGrad", []]]], ["TBackward0", [["AccumulateGrad", []]]]]]]]],
];

function treeOf(node: Node | null): Tree | null {
  if (node === null) return null;
  return [node.name, node.nextFunctions.map(([next]) => treeOf(next))];
}

function makeInput(kind: string, requiresGrad: boolean): Tensor {
  const options = { requiresGrad };
  switch (kind) {
    case '1-D':
      return randn([5], options);
    case '2-D':
      return randn([3, 5], options);
    case '3-D':
      return randn([2, 3, 5], options);
    case '3-D non-contiguous':
      return randn([3, 2, 5], options).transpose(0, 1);
    default:
      return randn([2, 2, 3, 5], options);
  }
}

describe("Linear's graph against PyTorch's F.linear", () => {
  for (const [bias, kind, requiresGrad, shape, want] of PYTORCH_GRAPHS) {
    const name = `${bias ? 'with' : 'without'} bias, ${kind} input${requiresGrad ? ' that requires grad' : ''}`;
    it(name, () => {
      const layer = new Linear(5, 11, { bias, generator: new Generator(0) });
      const y = layer.call(makeInput(kind, requiresGrad));
      expect(y.shape).toEqual(shape);
      expect(treeOf(y.gradFn)).toEqual(want);
    });
  }

  it('the fused path gives the values and gradients of matmul + add, bit for bit', () => {
    const layer = new Linear(5, 11, { generator: new Generator(1) });
    for (const input of [randn([10, 5], { requiresGrad: true }), randn([2, 4, 5], { requiresGrad: true })]) {
      const g = randn([...input.shape.slice(0, -1), 11]);
      layer.zeroGrad();
      input.grad = null;
      const y = layer.call(input);
      y.backward(g);
      const got = [y, input.grad!, layer.weight.grad!, layer.bias!.grad!].map((t) => Array.from(t.dataSync()));
      layer.zeroGrad();
      input.grad = null;
      const plain = input.matmul(layer.weight.t()).add(layer.bias!);
      plain.backward(g);
      const want = [plain, input.grad!, layer.weight.grad!, layer.bias!.grad!].map((t) => Array.from(t.dataSync()));
      expect(got).toEqual(want);
    }
  });
});

describe('Linear with no input features', () => {
  it('maps [3, 4, 0] to [3, 4, 2] with gradients, as PyTorch 1.13', () => {
    const layer = new Linear(0, 2);
    const input = zeros([3, 4, 0], { requiresGrad: true });
    const output = layer.call(input);
    expect(output.shape).toEqual([3, 4, 2]);
    output.sum().backward();
    expect(input.grad!.shape).toEqual([3, 4, 0]);
    expect(layer.bias!.grad!.toArray()).toEqual([12, 12]);
  });
});

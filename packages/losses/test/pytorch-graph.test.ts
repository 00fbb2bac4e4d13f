import { tensor, type Node, type Tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { binaryCrossEntropy, crossEntropy, mseLoss, nllLoss } from '../src/index';

/** The names down the first input of each node, as `type(fn).__name__` along `next_functions[0]` in PyTorch. */
function chain(t: Tensor, depth = 6): string[] {
  const names: string[] = [];
  let node: Node | null = t.gradFn;
  while (node !== null && names.length < depth) {
    names.push(node.name);
    node = node.nextFunctions.map(([next]) => next).find((next) => next !== null) ?? null;
  }
  return names;
}

const labels = (values: number[]) => tensor(values, { dtype: 'int32' });

describe('losses record the nodes PyTorch 1.13 shows', () => {
  const x = () => tensor([[1, 2, 3, 4], [4, 3, 2, 1], [0, 0, 1, 0]], { requiresGrad: true });
  const t = labels([0, 2, 1]);

  it('crossEntropy and nllLoss: NllLossBackward0 (NllLoss2DBackward0 for more dims)', () => {
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      expect(chain(crossEntropy(x(), t, { reduction }))).toEqual(['NllLossBackward0', 'LogSoftmaxBackward0', 'AccumulateGrad']);
      expect(chain(nllLoss(x(), t, { reduction }))).toEqual(['NllLossBackward0', 'AccumulateGrad']);
      expect(chain(crossEntropy(x(), t, { reduction, weight: [1, 1, 1, 1] }))).toEqual([
        'NllLossBackward0', 'LogSoftmaxBackward0', 'AccumulateGrad',
      ]);
    }
    const x4 = tensor([[[[1, 2]], [[3, 4]], [[0, 1]]]], { requiresGrad: true }); // [1, 3, 1, 2]
    expect(chain(nllLoss(x4, tensor([[[0, 2]]], { dtype: 'int32' })))).toEqual(['NllLoss2DBackward0', 'AccumulateGrad']);
    const x3 = tensor([[[1, 2], [3, 4], [0, 1]]], { requiresGrad: true }); // [1, 3, 2]
    const t3 = tensor([[0, 2]], { dtype: 'int32' });
    expect(chain(nllLoss(x3, t3))).toEqual(['NllLoss2DBackward0', 'ViewBackward0', 'AccumulateGrad']);
    expect(chain(nllLoss(x3, t3, { reduction: 'none' }))).toEqual(['ViewBackward0', 'NllLoss2DBackward0', 'ViewBackward0', 'AccumulateGrad']);
    expect(chain(crossEntropy(x3, t3))).toEqual(['NllLoss2DBackward0', 'ViewBackward0', 'LogSoftmaxBackward0', 'AccumulateGrad']);
  });

  it('label smoothing and probability targets are PyTorch\'s composites', () => {
    expect(chain(crossEntropy(x(), t, { labelSmoothing: 0.1 }), 5)).toEqual([
      'AddBackward0', 'MulBackward1', 'NllLossBackward0', 'LogSoftmaxBackward0', 'AccumulateGrad',
    ]);
    const p = x().detach().softmax(1);
    expect(chain(crossEntropy(x(), p))).toEqual(['DivBackward1', 'NegBackward0', 'SumBackward0', 'MulBackward0', 'LogSoftmaxBackward0', 'AccumulateGrad']);
    expect(chain(crossEntropy(x(), p, { reduction: 'sum' }))).toEqual(['NegBackward0', 'SumBackward0', 'MulBackward0', 'LogSoftmaxBackward0', 'AccumulateGrad']);
    expect(chain(crossEntropy(x(), p, { reduction: 'none' }))).toEqual(['NegBackward0', 'SumBackward1', 'MulBackward0', 'LogSoftmaxBackward0', 'AccumulateGrad']);
  });

  it('mseLoss: MseLossBackward0; binaryCrossEntropy: BinaryCrossEntropyBackward0', () => {
    for (const reduction of ['mean', 'sum', 'none'] as const) {
      expect(chain(mseLoss(x(), x().detach().mul(2), { reduction }))).toEqual(['MseLossBackward0', 'AccumulateGrad']);
      const probabilities = x().sigmoid();
      expect(chain(binaryCrossEntropy(probabilities, probabilities.detach().mul(0.5), { reduction }))).toEqual([
        'BinaryCrossEntropyBackward0', 'SigmoidBackward0', 'AccumulateGrad',
      ]);
    }
  });
});

describe('losses read only what PyTorch reads (values from PyTorch 1.13)', () => {
  it('a -inf logit in a class that is not the target gives loss 0 and gradient 0', () => {
    const logits = tensor([[0, -Infinity]], { requiresGrad: true });
    const loss = crossEntropy(logits, labels([0]));
    expect(Object.is(loss.item(), 0)).toBe(true);
    loss.backward();
    expect(logits.grad!.toArray()).toEqual([[0, 0]]);
  });

  it('NaN in a row whose target is ignored does not reach the loss (its gradient is NaN, as PyTorch\'s)', () => {
    const logits = tensor([[Number.NaN, 1], [1, 2]], { requiresGrad: true });
    const loss = crossEntropy(logits, labels([-100, 1]));
    expect(loss.item()).toBeCloseTo(0.3133, 4);
    loss.backward();
    const grad = logits.grad!.toArray() as number[][];
    expect(grad[0]).toEqual([Number.NaN, Number.NaN]);
    expect(grad[1]![0]).toBeCloseTo(0.2689, 4);
  });

  it('-inf in a class of weight 0 is not read; the target\'s own -inf with weight 0 is NaN, as in PyTorch', () => {
    const logits = tensor([[-Infinity, 1], [1, 2]]);
    expect(crossEntropy(logits, labels([1, 1]), { weight: [0, 1] }).item()).toBeCloseTo(0.1566, 4);
    expect(crossEntropy(logits, labels([0, 1]), { weight: [0, 1] }).item()).toBeNaN();
  });

  it('every target ignored: the loss is NaN, and a NaN upstream gradient gives input gradient 0', () => {
    for (const loss of [crossEntropy, nllLoss]) {
      const input = tensor([[1, 2], [1, 2]], { requiresGrad: true });
      const value = loss(input, labels([-100, -100]));
      expect(value.item()).toBeNaN();
      value.backward(tensor(Number.NaN));
      expect(input.grad!.toArray()).toEqual([[0, 0], [0, 0]]);
    }
  });

  it('weight 0 times an infinite upstream gradient is NaN at that target only (PyTorch: [[nan, 0], [0, -inf]])', () => {
    const input = tensor([[1, 2], [1, 2]], { requiresGrad: true });
    nllLoss(input, labels([0, 1]), { reduction: 'sum', weight: [0, 1] }).backward(tensor(Infinity));
    expect(input.grad!.toArray()).toEqual([[Number.NaN, 0], [0, -Infinity]]);
  });

  it('a loss of exactly zero is +0, printed tensor(0.) as PyTorch; reduction none keeps PyTorch\'s -0', () => {
    const one = tensor([[3]], { requiresGrad: true });
    expect(String(crossEntropy(one, labels([0])))).toBe('tensor(0., grad_fn=<NllLossBackward0>)');
    expect(String(crossEntropy(one, labels([0]), { reduction: 'sum' }))).toBe('tensor(0., grad_fn=<NllLossBackward0>)');
    expect(String(crossEntropy(one, labels([0]), { reduction: 'none' }))).toBe('tensor([-0.], grad_fn=<NllLossBackward0>)');
    expect(String(mseLoss(tensor([[3]], { requiresGrad: true }), tensor([[3]])))).toBe('tensor(0., grad_fn=<MseLossBackward0>)');
  });

  it('binaryCrossEntropy\'s target gradient is PyTorch\'s -logit(x): infinite at x = 0 and 1', () => {
    const x = tensor([0, 1, 0.3], { requiresGrad: true });
    const target = tensor([0.2, 0.7, 0.3], { requiresGrad: true });
    binaryCrossEntropy(x, target).backward();
    const g = target.grad!.toArray() as number[];
    expect(g.slice(0, 2)).toEqual([Infinity, -Infinity]);
    expect(g[2]).toBeCloseTo(0.2824, 4);
    expect((x.grad!.toArray() as number[])[0]).toBeCloseTo(-6.6667e10, -6);
  });

  it('binaryCrossEntropy\'s weight must broadcast to the input and not require grad', () => {
    const half = tensor([0.5, 0.5]);
    expect(() => binaryCrossEntropy(half, half, { weight: tensor([[1, 1]]) })).toThrow(/must broadcast to the input's shape \[2\]/);
    expect(() => binaryCrossEntropy(half, half, { weight: tensor([1, 1, 1]) })).toThrow(/must broadcast/);
    expect(() => binaryCrossEntropy(half, half, { weight: tensor([1, 2], { requiresGrad: true }) })).toThrow(/must not require grad/);
    expect(binaryCrossEntropy(half, half, { weight: tensor(2) }).item()).toBeCloseTo(1.3863, 4);
  });
});

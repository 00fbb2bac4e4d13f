import { tensor } from '@gradlab/autograd';
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

import { tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { Parameter } from './parameter';

describe('Parameter', () => {
  it('is a leaf that requires grad and shares storage with its data', () => {
    const data = tensor([1, 2, 3]);
    const parameter = new Parameter(data);
    expect(parameter.requiresGrad).toBe(true);
    expect(parameter.isLeaf).toBe(true);
    expect(parameter.data.storage).toBe(data.data.storage);
    expect(new Parameter(data, false).requiresGrad).toBe(false);
  });

  it('copies a non-contiguous view into contiguous storage', () => {
    const parameter = new Parameter(tensor([[1, 2], [3, 4]]).mT);
    expect(parameter.data.isContiguous()).toBe(true);
    expect(parameter.toArray()).toEqual([[1, 3], [2, 4]]);
  });

  it('prints like PyTorch', () => {
    expect(String(new Parameter(tensor([[1, 2]])))).toBe('Parameter containing:\ntensor([[1., 2.]], requires_grad=True)');
  });
});

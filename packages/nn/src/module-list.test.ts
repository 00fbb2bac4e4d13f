import { tensor, type Tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { ModuleError } from './errors';
import { Linear } from './linear';
import { Module } from './module';
import { ModuleList } from './module-list';

class Tower extends Module {
  blocks = new ModuleList(Array.from({ length: 2 }, () => new Linear(2, 2)));
  forward(x: Tensor): Tensor {
    let output = x;
    for (const block of this.blocks) output = block.call(output).relu();
    return output;
  }
}

describe('ModuleList', () => {
  it("registers its modules as children '0', '1', ... with PyTorch's parameter names", () => {
    const tower = new Tower();
    expect(tower.namedParameters().map(([name]) => name)).toEqual([
      'blocks.0.weight',
      'blocks.0.bias',
      'blocks.1.weight',
      'blocks.1.bias',
    ]);
    expect(tower.call(tensor([[1, 2]])).shape).toEqual([1, 2]);
  });

  it('prints like PyTorch', () => {
    expect(new ModuleList([new Linear(1, 2)]).toString()).toBe(
      'ModuleList(\n  (0): Linear(in_features=1, out_features=2, bias=True)\n)',
    );
  });

  it('is indexable and has no forward', () => {
    const list = new ModuleList([new Linear(1, 1), new Linear(1, 2)]);
    expect(list.length).toBe(2);
    expect((list.at(-1) as Linear).outFeatures).toBe(2);
    expect(() => list.at(2)).toThrow(ModuleError);
    expect(() => list.forward()).toThrow('ModuleList has no forward()');
  });
});

import { tensor, type Tensor } from '@gradlab/autograd';
import { Adagrad, NAdam, RMSprop, SGD, StepLR, type Optimizer } from '@gradlab/optim';
import { describe, expect, it } from 'vitest';

import { readMetadata } from './deserialize';
import { CheckpointError } from './errors';
import { deserializeOptimizer, serializeOptimizer } from './optimizer-state';
import { serialize } from './serialize';

function stepped(make: (params: Tensor[]) => Optimizer<object>): { params: Tensor[]; optimizer: Optimizer<object> } {
  const params = [tensor([1, -2, 3], { requiresGrad: true }), tensor([[0.5]], { requiresGrad: true })];
  const optimizer = make(params);
  for (let i = 0; i < 3; i++) {
    optimizer.zeroGrad();
    params[0]!.mul(params[0]!).sum().add(params[1]!.mul(3).sum()).backward();
    optimizer.step();
  }
  return { params, optimizer };
}

describe('serializeOptimizer / deserializeOptimizer', () => {
  const makers: [string, (p: Tensor[]) => Optimizer<object>][] = [
    ['SGD with momentum', (p) => new SGD(p, { lr: 0.1, momentum: 0.9 }) as unknown as Optimizer<object>],
    ['RMSprop centered', (p) => new RMSprop(p, { centered: true, momentum: 0.5 }) as unknown as Optimizer<object>],
    ['Adagrad', (p) => new Adagrad(p) as unknown as Optimizer<object>],
    ['NAdam (float32 muProduct)', (p) => new NAdam(p) as unknown as Optimizer<object>],
  ];
  it.each(makers)('%s: the state round-trips exactly, and training continues identically', (_, make) => {
    const a = stepped(make);
    const b = stepped(make);
    const restored = deserializeOptimizer(serializeOptimizer(a.optimizer.stateDict()));
    const original = a.optimizer.stateDict();
    expect(Object.keys(restored.state)).toEqual(Object.keys(original.state));
    for (const [index, entries] of Object.entries(original.state)) {
      const got = restored.state[Number(index)]!;
      expect(Object.keys(got).sort()).toEqual(Object.keys(entries).sort());
      for (const [key, value] of Object.entries(entries)) {
        if (typeof value === 'number') expect(got[key], key).toBe(value);
        else expect((got[key] as Tensor).toArray(), key).toEqual(value.toArray());
      }
    }
    const fresh = make(b.params);
    fresh.loadStateDict(restored);
    expect(fresh.stateDict().paramGroups).toEqual(a.optimizer.stateDict().paramGroups);
    for (const optimizer of [a.optimizer, fresh]) {
      optimizer.zeroGrad();
      (optimizer === fresh ? b : a).params[0]!.sum().backward();
      optimizer.step();
    }
    expect(b.params[0]!.toArray()).toEqual(a.params[0]!.toArray());
  });

  it("uses PyTorch's names: state.<i>.<snake_case>, scalars as 0-d F32, groups as JSON with initial_lr", () => {
    const { optimizer } = stepped((p) => new SGD(p, { lr: 0.1, momentum: 0.9, weightDecay: 0.01 }) as unknown as Optimizer<object>);
    new StepLR(optimizer, { stepSize: 2 });
    const bytes = serializeOptimizer(optimizer.stateDict(), { metadata: { epoch: '1' } });
    const metadata = readMetadata(bytes);
    expect(metadata.epoch).toBe('1');
    expect(JSON.parse(metadata.param_groups!)).toEqual([
      { lr: 0.1, momentum: 0.9, dampening: 0, weight_decay: 0.01, nesterov: false, maximize: false, initial_lr: 0.1, params: [0, 1] },
    ]);
    const names = Object.keys(JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true))))));
    expect(names).toEqual(['__metadata__', 'state.0.momentum_buffer', 'state.1.momentum_buffer']);
  });

  it("a model's state dict is not an optimizer's", () => {
    expect(() => deserializeOptimizer(serialize({ w: tensor([1]) }))).toThrow(CheckpointError);
    expect(() => deserializeOptimizer(serialize({ w: tensor([1]) }, { metadata: { param_groups: '[]' } }))).toThrow("tensor 'w' is not an optimizer state entry");
  });
});

import { tensor, zeros, type Tensor } from '@gradlab/autograd';
import { Generator } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { ModuleError } from './errors';
import { Linear } from './linear';
import { Module } from './module';
import { Parameter } from './parameter';
import { ReLU } from './activation';
import { Sequential } from './sequential';

class Affine extends Module {
  scale = new Parameter(zeros([2]).data);
  encoder = new Linear(2, 3, { generator: new Generator(0) });
  head = new Sequential(new ReLU(), new Linear(3, 1, { bias: false, generator: new Generator(1) }));
  shift = new Parameter(zeros([1]).data);
  notAParameter = tensor([1, 2]);
  forward(x: Tensor): Tensor {
    return this.head.call(this.encoder.call(x.mul(this.scale))).add(this.shift);
  }
}

describe('Module', () => {
  it('finds parameters and submodules in assignment order, with dotted names', () => {
    const model = new Affine();
    expect(model.namedParameters().map(([name]) => name)).toEqual([
      'scale',
      'shift',
      'encoder.weight',
      'encoder.bias',
      'head.1.weight',
    ]);
    expect(model.namedChildren().map(([name]) => name)).toEqual(['encoder', 'head']);
    expect(model.namedModules().map(([name]) => name)).toEqual(['', 'encoder', 'head', 'head.0', 'head.1']);
    expect(model.children()).toEqual([model.encoder, model.head]);
    expect(model.parameters(false)).toEqual([model.scale, model.shift]);
    expect(model.parameters().every((p) => p.requiresGrad && p.isLeaf)).toBe(true);
  });

  it('lists a parameter shared by two modules once', () => {
    const shared = new Linear(2, 2);
    const model = new Sequential(shared, new ReLU(), shared);
    expect(model.namedParameters().map(([name]) => name)).toEqual(['0.weight', '0.bias']);
    expect(model.modules().length).toBe(3);
  });

  it('parameters() is namedParameters() without names, walk after walk', () => {
    const model = new Affine();
    const shared = new Linear(2, 2);
    const twice = new Sequential(shared, new ReLU(), shared, model, model);
    for (let walk = 0; walk < 3; walk++) {
      expect(model.parameters()).toEqual(model.namedParameters().map(([, p]) => p));
      expect(twice.parameters()).toEqual(twice.namedParameters().map(([, p]) => p));
      expect(twice.parameters().length).toBe(2 + 5);
    }
  });

  it('parameters() called from inside a walk (an enumerable getter) gives both walks in full', () => {
    class Holder extends Module {
      constructor(readonly shared: Parameter) {
        super();
      }
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    let nested: Parameter[] = [];
    class Probe extends Module {
      weight = new Parameter(zeros([1]).data);
      holder = new Holder(this.weight);
      constructor() {
        super();
        // Read by the walk after `weight` and before `holder`, which shares `weight`.
        Object.defineProperty(this, 'probe', {
          enumerable: true,
          get: () => {
            nested = this.holder.parameters();
            return 0;
          },
        });
      }
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    const probe = new Probe();
    expect(probe.parameters()).toEqual([probe.weight]);
    expect(nested).toEqual([probe.weight]);
  });

  it('call() is forward()', () => {
    const model = new Affine();
    const x = tensor([[1, 2]]);
    expect(model.call(x).toArray()).toEqual(model.forward(x).toArray());
  });

  it('train() and eval() set every descendant', () => {
    const model = new Affine();
    expect(model.eval()).toBe(model);
    expect(model.modules().every((m) => !m.training)).toBe(true);
    model.train();
    expect(model.modules().every((m) => m.training)).toBe(true);
  });

  it('zeroGrad() zeroes gradients by default (PyTorch 1.13) and clears them with setToNone', () => {
    const layer = new Linear(3, 2);
    layer.call(tensor([[1, 2, 3]])).sum().backward();
    expect(layer.weight.grad).not.toBeNull();
    layer.zeroGrad();
    expect(layer.weight.grad!.toArray()).toEqual([[0, 0, 0], [0, 0, 0]]);
    expect(layer.bias!.grad!.toArray()).toEqual([0, 0]);
    layer.zeroGrad(true);
    expect(layer.weight.grad).toBeNull();
  });

  it('stateDict() shares storage with the parameters', () => {
    const layer = new Linear(2, 2);
    const state = layer.stateDict();
    expect(Object.keys(state)).toEqual(['weight', 'bias']);
    expect(state.weight!.requiresGrad).toBe(false);
    layer.weight.data.storage[0] = 42;
    expect(state.weight!.data.storage[layer.weight.data.offset]).toBe(42);
  });

  it('loadStateDict() copies values and round-trips', () => {
    const a = new Linear(3, 2, { generator: new Generator(1) });
    const b = new Linear(3, 2, { generator: new Generator(2) });
    expect(b.loadStateDict(a.stateDict())).toEqual({ missingKeys: [], unexpectedKeys: [] });
    expect(b.weight.toArray()).toEqual(a.weight.toArray());
    expect(b.weight.data.storage).not.toBe(a.weight.data.storage);
  });

  it('loadStateDict() names missing, unexpected and mis-shaped keys as PyTorch does', () => {
    const model = new Sequential(new Linear(2, 3));
    const call = () => model.loadStateDict({ '0.weight': zeros([3, 3]), extra: zeros([1]) });
    expect(call).toThrow(ModuleError);
    expect(call).toThrow(
      'Error(s) in loading state_dict for Sequential:\n' +
        '\tMissing key(s) in state_dict: "0.bias".\n' +
        '\tUnexpected key(s) in state_dict: "extra".\n' +
        '\tsize mismatch for 0.weight: copying a param with shape [3, 3] from checkpoint, the shape in current model is [3, 2].',
    );
  });

  it('loadStateDict(state, false) tolerates missing and unexpected keys but not shape mismatches', () => {
    const model = new Sequential(new Linear(2, 3));
    expect(model.loadStateDict({ '0.weight': zeros([3, 2]), extra: zeros([1]) }, false)).toEqual({
      missingKeys: ['0.bias'],
      unexpectedKeys: ['extra'],
    });
    expect(model.at(0).parameters()[0]!.toArray()).toEqual([[0, 0], [0, 0], [0, 0]]);
    expect(() => model.loadStateDict({ '0.bias': zeros([4]) }, false)).toThrow('size mismatch for 0.bias');
  });

  it('apply() visits children first, then the module', () => {
    const model = new Affine();
    const visited: string[] = [];
    model.apply((m) => visited.push(m.constructor.name));
    expect(visited).toEqual(['Linear', 'ReLU', 'Linear', 'Sequential', 'Affine']);
  });

  it('requiresGrad_(false) freezes every parameter', () => {
    const model = new Affine().requiresGrad_(false);
    expect(model.parameters().some((p) => p.requiresGrad)).toBe(false);
  });

  it('loadStateDict() names a value that is not a tensor', () => {
    expect(() => new Linear(1, 1).loadStateDict({ weight: [[1]] as never, bias: zeros([1]) })).toThrow(
      'value for weight is not a tensor',
    );
  });

  it('prints a static typeName (kept through minification), else the class name', () => {
    class t extends Module {
      static readonly typeName = 'Pretty';
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    class MyLinear extends Linear {}
    expect(new t().toString()).toBe('Pretty()');
    expect(new MyLinear(2, 3).toString()).toBe('MyLinear(in_features=2, out_features=3, bias=True)');
  });

  it('rejects names with dots', () => {
    const model = new Sequential();
    expect(() => model.registerModule('a.b', new ReLU())).toThrow(ModuleError);
  });

  it('prints multi-line extra representations indented', () => {
    class Note extends Module {
      forward(x: Tensor): Tensor {
        return x;
      }
      override extraRepr(): string {
        return 'first\nsecond';
      }
    }
    expect(new Sequential(new Note()).toString()).toBe('Sequential(\n  (0): Note(\n    first\n    second\n  )\n)');
  });
});


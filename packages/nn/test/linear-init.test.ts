import { defaultGenerator, Generator, manualSeed } from '@gradlab/tensor';
import type { Tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { Linear, Module, ReLU, Sequential, Softmax } from '../src/index';
import { expectFixtureClose, loadFixture, type FixtureTensor } from '@gradlab/testing';

interface InitCase {
  seed: number;
  in_features: number;
  out_features: number;
  bias: boolean;
  dtype: 'float32' | 'float64';
  state_dict: Record<string, FixtureTensor>;
}

const fixture = loadFixture<{ linear: InitCase[]; homework_mlp_seed0: Record<string, FixtureTensor> }>(import.meta.url, 'linear_init.json');

describe("Linear's default initialisation replays PyTorch's generator", () => {
  it.each(fixture.linear.map((c) => [`seed ${c.seed}, Linear(${c.in_features}, ${c.out_features}), ${c.dtype}`, c] as const))(
    '%s',
    (_, testCase) => {
      const layer = new Linear(testCase.in_features, testCase.out_features, {
        bias: testCase.bias,
        dtype: testCase.dtype,
        generator: new Generator(testCase.seed),
      });
      const state = layer.stateDict();
      expect(Object.keys(state)).toEqual(Object.keys(testCase.state_dict));
      for (const [key, expected] of Object.entries(testCase.state_dict)) {
        expect(state[key]!.dtype).toBe(testCase.dtype);
        expectFixtureClose(state[key], expected, key, 1e-7);
      }
    },
  );

  it("gives the homework MLP PyTorch's weights after manualSeed(0)", () => {
    class MyMLP extends Module {
      layers = new Sequential(
        new Linear(5, 11), new ReLU(), new Linear(11, 16), new ReLU(), new Linear(16, 13), new ReLU(),
        new Linear(13, 8), new ReLU(), new Linear(8, 4), new Softmax(1),
      );
      forward(x: Tensor): Tensor {
        return this.layers.call(x);
      }
    }
    const saved = defaultGenerator.getState();
    try {
      manualSeed(0);
      const state = new MyMLP().stateDict();
      for (const [key, expected] of Object.entries(fixture.homework_mlp_seed0)) expectFixtureClose(state[key], expected, key, 1e-7);
    } finally {
      defaultGenerator.setState(saved);
    }
  });

  it('stays within U(-1/sqrt(in), 1/sqrt(in)) and is deterministic per seed', () => {
    const a = new Linear(100, 50, { generator: new Generator(3) });
    const b = new Linear(100, 50, { generator: new Generator(3) });
    const c = new Linear(100, 50, { generator: new Generator(4) });
    const weights = a.weight.data.storage;
    expect(Array.from(weights).every((w) => Math.abs(w) <= 0.1)).toBe(true);
    expect(Math.max(...Array.from(weights))).toBeGreaterThan(0.09);
    expect(Array.from(b.weight.data.storage)).toEqual(Array.from(weights));
    expect(Array.from(c.weight.data.storage)).not.toEqual(Array.from(weights));
  });
});

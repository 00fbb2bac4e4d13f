import { readFileSync } from 'node:fs';

import { Linear, ModuleError, ReLU, Sequential } from '@gradlab/nn';
import { Adam } from '@gradlab/optim';
import { describe, expect, it } from 'vitest';

import { deserialize, deserializeOptimizer, readMetadata, serialize, serializeOptimizer } from '../src/index';
import { expectFixtureClose, loadFixture, toTensor, type FixtureTensor } from '@gradlab/testing';
import { gradlabRun, Mlp, trainStep } from './mlp-run';

const file = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

interface Continued {
  output: FixtureTensor;
  losses: number[];
  params: Record<string, FixtureTensor>;
}

const gradlabToTorch = loadFixture<Continued & { metadata: Record<string, string>; keys: string[]; steps: number[] }>(import.meta.url, 'gradlab_to_torch.json');
const torchToGradlab = loadFixture<Continued & { lr: number; x: FixtureTensor; y: FixtureTensor }>(import.meta.url, 'torch_to_gradlab.json');
const dtypes = loadFixture<Record<string, FixtureTensor>>(import.meta.url, 'torch_dtypes.json');

function expectLosses(actual: number[], expected: number[]): void {
  actual.forEach((loss, i) => expect(Math.abs(loss - expected[i]!) / Math.abs(expected[i]!), `loss ${i}`).toBeLessThan(1e-5));
}

describe('gradlab -> PyTorch 1.13 (scripts/fixtures/gen_io.py read these files with load_state_dict)', () => {
  it('serialize still writes the very bytes PyTorch loaded', () => {
    const { model, optimizer } = gradlabRun();
    expect(serialize(model.stateDict(), { metadata: { producer: 'gradlab' } })).toEqual(new Uint8Array(file('gradlab_mlp.safetensors')));
    expect(serializeOptimizer(optimizer.stateDict())).toEqual(new Uint8Array(file('gradlab_mlp_adam.safetensors')));
    expect(Object.keys(model.stateDict()).sort()).toEqual(gradlabToTorch.keys);
  });

  it("PyTorch's module computed gradlab's outputs, and its Adam resumed where gradlab's stopped", () => {
    const { model, optimizer, x, y } = gradlabRun();
    expectFixtureClose(model.call(x), gradlabToTorch.output, 'output', 1e-5);
    const losses = [0, 1, 2].map(() => trainStep(model, optimizer, x, y));
    expectLosses(losses, gradlabToTorch.losses);
    for (const [key, value] of Object.entries(model.stateDict())) expectFixtureClose(value, gradlabToTorch.params[key]!, key, 1e-5);
    expect(gradlabToTorch.steps).toEqual([6, 6, 6, 6]);
  });
});

describe('PyTorch 1.13 -> gradlab', () => {
  it('a PyTorch checkpoint loads with loadStateDict (strict) and computes what PyTorch computed', () => {
    const model = new Mlp();
    model.loadStateDict(deserialize(file('torch_mlp.safetensors')));
    expect(readMetadata(file('torch_mlp.safetensors'))).toEqual({ producer: 'pytorch 1.13' });
    const x = toTensor(torchToGradlab.x);
    expectFixtureClose(model.call(x), torchToGradlab.output, 'output', 1e-6);
  });

  it("PyTorch's Adam state resumes in gradlab: the next three steps match PyTorch's", () => {
    const model = new Mlp();
    model.loadStateDict(deserialize(file('torch_mlp.safetensors')));
    const optimizer = new Adam(model.parameters(), { lr: torchToGradlab.lr });
    const state = deserializeOptimizer(file('torch_mlp_adam.safetensors'));
    expect(state.state[0]!.step).toBe(4);
    expect(Object.keys(state.paramGroups[0]!)).not.toContain('foreach');
    optimizer.loadStateDict(deserializeOptimizer(file('torch_mlp_adam.safetensors'))); // typed without a cast
    const x = toTensor(torchToGradlab.x);
    const y = toTensor(torchToGradlab.y);
    const losses = [0, 1, 2].map(() => trainStep(model, optimizer, x, y));
    expectLosses(losses, torchToGradlab.losses);
    for (const [key, value] of Object.entries(model.stateDict())) expectFixtureClose(value, torchToGradlab.params[key]!, key, 1e-5);
  });

  it('every dtype gradlab has, I64 into int32, 0-d and empty tensors, and the metadata', () => {
    const loaded = deserialize(file('torch_dtypes.safetensors'));
    expect(Object.keys(loaded).sort()).toEqual(Object.keys(dtypes).sort());
    for (const [key, expected] of Object.entries(dtypes)) {
      expect(loaded[key]!.dtype, key).toBe(expected.dtype);
      expectFixtureClose(loaded[key]!, expected, key, 0);
    }
    expect(Object.is((loaded.f32!.toArray() as number[][])[0]![1], -0)).toBe(true);
    expect(readMetadata(file('torch_dtypes.safetensors'))).toEqual({ format: 'pt', note: 'dtypes' });
  });

  it('a checkpoint of another architecture fails as PyTorch does (strict), loading nothing', () => {
    const other = new Sequential(new Linear(3, 4), new Linear(4, 2));
    const before = other.stateDict()['0.weight']!.toArray();
    expect(() => other.loadStateDict(deserialize(file('torch_mlp.safetensors')))).toThrow(ModuleError);
    expect(() => other.loadStateDict(deserialize(file('torch_mlp.safetensors')))).toThrow(
      'Missing key(s) in state_dict: "0.weight", "0.bias", "1.weight", "1.bias".',
    );
    expect(other.stateDict()['0.weight']!.toArray()).toEqual(before);
    const wide = new Mlp();
    wide.layers = new Sequential(new Linear(3, 5), new ReLU(), new Linear(5, 2));
    expect(() => wide.loadStateDict(deserialize(file('torch_mlp.safetensors')))).toThrow(
      'size mismatch for layers.0.weight: copying a param with shape [4, 3] from checkpoint, the shape in current model is [5, 3].',
    );
  });
});

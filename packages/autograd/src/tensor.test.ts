import { describe, expect, it } from 'vitest';
import * as B from '@gradlab/tensor';
import * as A from './index';
import { Tensor, tensor } from './index';

function members(proto: object): string[] {
  return Object.getOwnPropertyNames(proto).filter((name) => name !== 'constructor');
}

describe('Tensor API', () => {
  it('has a method or property for every method of the @gradlab/tensor Tensor', () => {
    const ours = new Set(members(Tensor.prototype));
    const missing = members(B.Tensor.prototype).filter((name) => !ours.has(name));
    expect(missing).toEqual([]);
  });

  it('exports a differentiable function for every op function of @gradlab/tensor', () => {
    // creation, kernels, printing, dtype helpers and the like are not ops
    const notOps = new Set([
      'GradlabError', 'ShapeError', 'DTypeError', 'IndexError', 'ValueError', 'DTYPES', 'isDType', 'isFloatingDType',
      'promoteTypes', 'promoteWithScalar', 'scalarDType', 'castValue', 'dtypeOfArray', 'allocate', 'resultType',
      'Tensor', 'isTensor', 'scalarTensor', 'broadcastShapes', 'contiguousStrides', 'shapeSize', 'Generator',
      'defaultGenerator', 'manualSeed', 'fillUniform', 'fillNormal', 'fillRandint', 'gemm', 'formatTensor',
      'formatValues', 'normalizeDim', 'formatShape',
    ]);
    const ours = A as unknown as Record<string, unknown>;
    const missing = Object.keys(B).filter((name) => !notOps.has(name) && typeof ours[name] !== 'function');
    expect(missing).toEqual([]);
  });

  it('reads like the base tensor', () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
    expect(x.shape).toEqual([2, 3]);
    expect(x.size()).toEqual([2, 3]);
    expect(x.size(-1)).toBe(3);
    expect(x.ndim).toBe(2);
    expect(x.dim()).toBe(2);
    expect(x.numel()).toBe(6);
    expect(x.dtype).toBe('float32');
    expect(x.at(1).at(2).item()).toBe(6);
    expect(Array.from(x.T.dataSync())).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('methods record the graph like the functions', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    expect(x.exp().gradFn!.name).toBe('ExpBackward0');
    expect(x.leakyRelu(0.2).gradFn!.name).toBe('LeakyReluBackward0');
    expect(x.clamp(0, 1).gradFn!.name).toBe('ClampBackward1');
    expect(x.where(x.gt(1), 0).gradFn!.name).toBe('WhereBackward0');
    expect(x.max(0).values.gradFn!.name).toBe('MaxBackward0');
    expect(x.max().gradFn!.name).toBe('MaxBackward1');
    expect(x.sum().gradFn!.name).toBe('SumBackward0');
    expect(x.reshape(2, 1).gradFn!.name).toBe('ReshapeAliasBackward0');
    expect(x.matmul(x).gradFn!.name).toBe('DotBackward0');
  });
});

import { describe, expect, it } from 'vitest';
import * as B from '@gradlab/tensor';
import * as A from './index';
import { opNames } from '../../../scripts/op-manifest';
import { Tensor, tensor } from './index';

function members(proto: object): string[] {
  return Object.getOwnPropertyNames(proto).filter((name) => name !== 'constructor');
}

describe('Tensor API', () => {
  it('has a method or property for every method of the @gradlab/tensor Tensor', () => {
    // every op of the manifest (scripts/op-manifest.json) both Tensors expose, and their own members
    const onTensor = (where: readonly string[]): boolean => where.includes('method') || where.includes('getter');
    const methods = [
      'ndim', 'numel', 'dim', 'size', 'isContiguous', 'item', 'toArray', 'dataSync', 'toString',
      ...opNames((op) => onTensor(op.tensor) && onTensor(op.autograd)),
    ];
    const base = new Set(members(B.Tensor.prototype));
    const ours = new Set(members(Tensor.prototype));
    expect(methods.filter((name) => !base.has(name))).toEqual([]);
    expect(methods.filter((name) => !ours.has(name))).toEqual([]);
  });

  it('exports a differentiable function for every op of @gradlab/tensor (design.md list)', () => {
    const ops = [
      ...opNames((op) => op.tensor.includes('function') && op.autograd.includes('function')),
      'tensor', 'zeros', 'ones', 'full', 'empty', 'arange',
      'linspace', 'eye', 'zerosLike', 'onesLike', 'fullLike', 'emptyLike', 'rand', 'randn', 'randint', 'randLike',
      'randnLike',
    ];
    const base = B as unknown as Record<string, unknown>;
    const ours = A as unknown as Record<string, unknown>;
    expect(ops.filter((name) => typeof base[name] !== 'function')).toEqual([]);
    expect(ops.filter((name) => typeof ours[name] !== 'function' || ours[name] === base[name])).toEqual([]);
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

describe('repr matches PyTorch 1.13 (strings printed by /usr/bin/python3)', () => {
  it('float64, int32, bool, empty, with requires_grad=True or grad_fn=<...>', () => {
    const x = A.tensor([1.5, 2], { dtype: 'float64', requiresGrad: true });
    const cases: [A.Tensor, string][] = [
      [x, 'tensor([1.5000, 2.0000], dtype=torch.float64, requires_grad=True)'],
      [x.mul(2), 'tensor([3., 4.], dtype=torch.float64, grad_fn=<MulBackward0>)'],
      [x.mul(2).sum(), 'tensor(7., dtype=torch.float64, grad_fn=<SumBackward0>)'],
      [x.sum(), 'tensor(3.5000, dtype=torch.float64, grad_fn=<SumBackward0>)'],
      [x.at(0), 'tensor(1.5000, dtype=torch.float64, grad_fn=<SelectBackward0>)'],
      [x.max(), 'tensor(2., dtype=torch.float64, grad_fn=<MaxBackward1>)'],
      [x.to('float32'), 'tensor([1.5000, 2.0000], grad_fn=<ToCopyBackward0>)'],
      // integer and bool results never require grad
      [x.int(), 'tensor([1, 2], dtype=torch.int32)'],
      [x.gt(1.6), 'tensor([False,  True])'],
      [A.argmax(x), 'tensor(1, dtype=torch.int32)'],
      [A.tensor([1, 2], { dtype: 'int32' }), 'tensor([1, 2], dtype=torch.int32)'],
      [A.tensor(3, { dtype: 'int32' }), 'tensor(3, dtype=torch.int32)'],
      [A.tensor([1, 2], { dtype: 'int32' }).to('float64').requiresGrad_(), 'tensor([1., 2.], dtype=torch.float64, requires_grad=True)'],
      [A.tensor([[1e-5, 1e5]], { dtype: 'float64', requiresGrad: true }), 'tensor([[1.0000e-05, 1.0000e+05]], dtype=torch.float64, requires_grad=True)'],
      [A.tensor([], { requiresGrad: true }), 'tensor([], requires_grad=True)'],
      [A.zeros([0, 3], { dtype: 'float64', requiresGrad: true }), 'tensor([], size=(0, 3), dtype=torch.float64, requires_grad=True)'],
    ];
    for (const [t, expected] of cases) expect(String(t)).toBe(expected);
  });
});

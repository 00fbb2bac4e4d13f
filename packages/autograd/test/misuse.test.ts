/*
 * Misuse of the autograd API as a user meets it: backward on the wrong thing,
 * gradients and hooks of the wrong kind, bad options. Every one must give a
 * typed GradlabError naming the op and the argument, never a TypeError from
 * deep inside the walk or a silently ignored argument.
 */
import { describe, expect, it } from 'vitest';
import { expectError } from '../../../scripts/test-errors';
import { JUNK, describeArgument as describeJunk } from '../../../scripts/test-junk';
import * as T from '@gradlab/tensor';
import * as A from '../src/index';
import { GradientError, GradlabError, ValueError } from '../src/index';


const leaf = (): A.Tensor => A.tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });

describe('backward misuse', () => {
  it('PyTorch errors: non-scalar output, second walk, nothing requiring grad', () => {
    const x = leaf();
    expectError(() => x.mul(2).backward(), GradientError, 'NON_SCALAR_OUTPUT', /^grad can be implicitly created only for scalar outputs$/);
    const y = x.mul(x).sum();
    y.backward();
    expectError(() => y.backward(), GradientError, 'GRAPH_FREED', /^Trying to backward through the graph a second time/);
    expectError(() => A.tensor([1, 2]).sum().backward(), GradientError, 'NO_GRAD_FN', /^element 0 of tensors does not require grad and does not have a grad_fn$/);
    expectError(() => A.noGrad(() => x.sum()).backward(), GradientError, 'NO_GRAD_FN', /element 0/);
  });
  it('a gradient that is not a tensor, or of the wrong shape', () => {
    const x = leaf();
    expectError(() => x.mul(2).backward(1 as never), GradientError, 'GRADIENT_MISMATCH', /^gradients can be either Tensors or null, but got number for grad_output\[0\]$/);
    expectError(() => x.mul(2).backward([1, 2] as never), GradientError, 'GRADIENT_MISMATCH', /got Array/);
    expectError(() => x.mul(2).backward(A.ones([3])), GradientError, 'GRADIENT_MISMATCH', /^Mismatch in shape: grad_output\[0\] has a shape of torch.Size\(\[3\]\) and output\[0\] has a shape of torch.Size\(\[2, 3\]\)\.$/);
    expect(x.grad).toBeNull();
  });
  it('options that are not an object of booleans', () => {
    const x = leaf();
    expectError(() => x.sum().backward(undefined, 'yes' as never), ValueError, 'INVALID_ARGUMENT', /^backward: 'options' must be an object, got string 'yes'$/);
    expectError(() => x.sum().backward(undefined, { createGraph: 'yes' as never }), ValueError, 'INVALID_ARGUMENT', /^backward: option 'createGraph' must be a boolean, got string 'yes'$/);
    expectError(() => x.sum().backward(null, { retainGraph: 1 as never }), ValueError, 'INVALID_ARGUMENT', /option 'retainGraph'/);
  });
  it('the functional backward() checks its lists', () => {
    const x = leaf();
    expectError(() => A.backward(5 as never), ValueError, 'INVALID_ARGUMENT', /^backward: 'outputs' must be a Tensor or an array of Tensors, got number$/);
    expectError(() => A.backward([x.sum(), T.tensor(1) as never]), ValueError, 'INVALID_ARGUMENT', /^backward: 'outputs\[1\]' must be a Tensor, got Tensor \(a @gradlab\/tensor Tensor: wrap it with fromData\(\)\)$/);
    expectError(() => A.backward([x.sum()], [null, null]), GradientError, 'GRADIENT_MISMATCH', /^backward: 'gradients' has 2 entries, expected 1 \(one per output\)$/);
    expectError(() => A.backward([x.sum()], [], 'yes' as never), ValueError, 'INVALID_ARGUMENT', /^backward: option 'retainGraph' must be a boolean, got string 'yes'$/);
  });
});

describe('.grad and requiresGrad', () => {
  it('.grad of a non-leaf is null (PyTorch warns), unless retainGrad was called', () => {
    const x = leaf();
    const h = x.mul(2);
    const k = x.mul(3);
    k.retainGrad();
    h.add(k).sum().backward();
    expect(h.isLeaf).toBe(false);
    expect(h.grad).toBeNull();
    expect(k.grad!.toArray()).toEqual([[1, 1, 1], [1, 1, 1]]);
    expect(x.grad!.toArray()).toEqual([[5, 5, 5], [5, 5, 5]]);
  });
  it('assigning .grad something that is not a tensor of the same shape and dtype', () => {
    const x = leaf();
    expectError(() => { x.grad = 5 as never; }, GradientError, 'GRADIENT_MISMATCH', /^assigned grad expected to be a Tensor or null but got number$/);
    expectError(() => { x.grad = T.ones([2, 3]) as never; }, GradientError, 'GRADIENT_MISMATCH', /got Tensor \(a @gradlab\/tensor Tensor: wrap it with fromData\(\)\)$/);
    expectError(() => { x.grad = A.ones([3]); }, GradientError, 'GRADIENT_MISMATCH', /^assigned grad has data of a different size: got \[3\], expected \[2, 3\]$/);
    expectError(() => { x.grad = A.ones([2, 3], { dtype: 'float64' }); }, GradientError, 'GRADIENT_MISMATCH', /different type: got float64, expected float32/);
    expect(x.grad).toBeNull();
  });
  it('requiresGrad must be a boolean, on a floating leaf', () => {
    const x = A.tensor([1, 2]);
    expectError(() => { x.requiresGrad = 'yes' as never; }, GradientError, 'REQUIRES_GRAD', /^requires_grad must be a bool, got string 'yes'$/);
    expectError(() => A.tensor([1], { requiresGrad: 1 as never }), GradientError, 'REQUIRES_GRAD', /got number/);
    expectError(() => A.zeros([2], { dtype: 'int32', requiresGrad: true }), GradientError, 'REQUIRES_GRAD', /only Tensors of floating point dtype can require gradients, got int32/);
    expectError(() => leaf().mul(2).requiresGrad_(false), GradientError, 'REQUIRES_GRAD', /you can only change requires_grad flags of leaf variables/);
    expect(x.requiresGrad).toBe(false);
  });
  it('creation options that are not an object are rejected by the tensor package', () => {
    expectError(() => A.zeros([2], 'float64' as never), T.ValueError, 'INVALID_ARGUMENT', /^zeros: 'options' must be an object such as \{ dtype: 'float64' \}, got string 'float64'$/);
    expect(A.zeros([2], null as never).toArray()).toEqual([0, 0]);
    expectError(() => A.fromData([1, 2] as never), ValueError, 'INVALID_ARGUMENT', /^fromData: 'data' must be a @gradlab\/tensor Tensor, got Array$/);
  });
});

describe('mixing the two packages', () => {
  it('each names the other\'s tensor and says what to do', () => {
    expectError(() => T.add(T.ones([2]), A.ones([2]) as never), T.DTypeError, 'DTYPE', /got Tensor \(a @gradlab\/autograd Tensor: use the @gradlab\/autograd function, or pass its \.data\)$/);
    expectError(() => A.grad(T.ones([1]) as never, [leaf()]), ValueError, 'INVALID_ARGUMENT', /got Tensor \(a @gradlab\/tensor Tensor: wrap it with fromData\(\)\)$/);
    // autograd ops themselves accept plain tensors as constants
    expect(A.add(T.ones([2]), A.ones([2])).toArray()).toEqual([2, 2]);
  });
});

describe('hooks', () => {
  it('registerHook needs a function and registers nothing otherwise', () => {
    const x = leaf();
    expectError(() => x.registerHook(5 as never), ValueError, 'INVALID_ARGUMENT', /^registerHook: 'hook' must be a function, got number$/);
    x.mul(2).sum().backward();
    expect(x.grad!.toArray()).toEqual([[2, 2, 2], [2, 2, 2]]);
  });
  it('a hook may return nothing or a replacement of the same shape and dtype (leaf and non-leaf)', () => {
    for (const onLeaf of [true, false]) {
      const make = (hook: (g: A.Tensor) => unknown): A.Tensor => {
        const x = A.tensor([1, 2], { requiresGrad: true });
        const h = x.mul(1);
        (onLeaf ? x : h).registerHook(hook as never);
        h.mul(2).sum().backward();
        return x;
      };
      expect(make(() => undefined).grad!.toArray()).toEqual([2, 2]);
      expect(make((g) => g.mul(3)).grad!.toArray()).toEqual([6, 6]);
      expectError(() => make(() => 5), GradientError, 'GRADIENT_MISMATCH', /^expected Tensor, but hook returned number$/);
      expectError(() => make(function widen() { return A.ones([3]); }), GradientError, 'GRADIENT_MISMATCH', /^hook 'widen' has changed the size of value \(was torch.Size\(\[2\]\) got torch.Size\(\[3\]\)\)$/);
      expectError(() => make((g) => g.double()), GradientError, 'GRADIENT_MISMATCH', /has changed the type of value \(was float32 got float64\)/);
    }
  });
});

describe('grad()', () => {
  it('checks outputs, inputs, gradOutputs and options', () => {
    const x = leaf();
    expectError(() => A.grad(T.tensor(1) as never, [x]), ValueError, 'INVALID_ARGUMENT', /^grad: 'outputs' must be a Tensor or an array of Tensors, got Tensor \(a @gradlab\/tensor Tensor: wrap it with fromData\(\)\)$/);
    expectError(() => A.grad(x.sum(), 'x' as never), ValueError, 'INVALID_ARGUMENT', /^grad: 'inputs' must be .* got string 'x'$/);
    expectError(() => A.grad(x.sum(), [A.tensor(1)]), GradientError, 'UNUSED_INPUT', /One of the differentiated Tensors does not require grad/);
    expectError(() => A.grad([x.sum()], [x], { gradOutputs: [A.tensor(1), A.tensor(1)] }), GradientError, 'GRADIENT_MISMATCH', /^grad: 'gradOutputs' has 2 entries, expected 1 \(one per output\)$/);
    expectError(() => A.grad([x.sum()], [x], { gradOutputs: [1 as never] }), GradientError, 'GRADIENT_MISMATCH', /but got number for grad_output\[0\]/);
    expectError(() => A.grad([x.sum()], [x], { gradOutputs: 1 as never }), ValueError, 'INVALID_ARGUMENT', /^grad: 'gradOutputs' must be an array/);
    expectError(() => A.grad(x.sum(), [x], null as never), ValueError, 'INVALID_ARGUMENT', /^grad: 'options' must be an object, got null$/);
    expectError(() => A.grad(x.sum(), [x], { allowUnused: 'no' as never }), ValueError, 'INVALID_ARGUMENT', /option 'allowUnused' must be a boolean/);
  });
});

describe('gradcheck', () => {
  const input = (): A.Tensor => A.tensor([0.5, 1.5], { dtype: 'float64', requiresGrad: true });
  it('checks its function, inputs and options', () => {
    expectError(() => A.gradcheck('exp' as never, [input()]), ValueError, 'INVALID_ARGUMENT', /^gradcheck: 'fn' must be a function, got string 'exp'$/);
    expectError(() => A.gradcheck((a) => a.exp(), 5 as never), ValueError, 'INVALID_ARGUMENT', /^gradcheck: 'inputs' must be a Tensor or an array of Tensors, got number$/);
    expectError(() => A.gradcheck((() => 5) as never, [input()]), ValueError, 'INVALID_ARGUMENT', /^gradcheck: 'the output of fn' must be a Tensor or an array of Tensors, got number$/);
    expectError(() => A.gradcheck((a) => a.exp(), [input()], { eps: 0 }), ValueError, 'INVALID_ARGUMENT', /^gradcheck: 'eps' must be a positive finite number, got 0$/);
    expectError(() => A.gradcheck((a) => a.exp(), [input()], { eps: Number.NaN }), ValueError, 'INVALID_ARGUMENT', /got NaN/);
    expectError(() => A.gradcheck((a) => a.exp(), [input()], { atol: -1 }), ValueError, 'INVALID_ARGUMENT', /^gradcheck: 'atol' must be a non-negative number, got -1$/);
    expectError(() => A.gradcheck((a) => a.exp(), [input()], null as never), ValueError, 'INVALID_ARGUMENT', /'options' must be an object/);
    expectError(() => A.gradcheck((a) => a.exp(), [A.tensor([1], { dtype: 'float64' })]), ValueError, 'INVALID_ARGUMENT', /^gradcheck expects at least one input tensor to require gradient/);
    expectError(() => A.gradgradcheck((a) => a.exp(), [input()], 5 as never), ValueError, 'INVALID_ARGUMENT', /^gradgradcheck: 'gradOutputs' must be/);
    expect(A.gradcheck((a) => a.exp(), [input()])).toBe(true);
  });
  it('an exception thrown by the function itself reaches the caller unchanged, with grad mode restored', () => {
    const boom = new Error('boom');
    expect(() => A.gradcheck(() => { throw boom; }, [input()])).toThrow(boom);
    expect(A.isGradEnabled()).toBe(true);
  });
});

describe('grad mode helpers', () => {
  it('noGrad and enableGrad need a function and leave the mode unchanged otherwise', () => {
    expectError(() => A.noGrad(5 as never), ValueError, 'INVALID_ARGUMENT', /^noGrad: 'fn' must be a function, got number$/);
    expectError(() => A.enableGrad(undefined as never), ValueError, 'INVALID_ARGUMENT', /^enableGrad: 'fn' must be a function, got undefined$/);
    expectError(() => A.setGradEnabled('no' as never), ValueError, 'INVALID_ARGUMENT', /^setGradEnabled: 'enabled' must be a boolean, got string 'no'$/);
    expect(A.isGradEnabled()).toBe(true);
  });
});

describe('every public function and method, given junk, throws a GradlabError or returns', () => {
  // the shared junk (scripts/test-junk.ts): a Symbol, a BigInt and a null-prototype object included
  const junk: readonly unknown[] = JUNK;
  const describeArgument = (a: unknown): string => (a instanceof A.Tensor ? 'Tensor' : describeJunk(a));
  const functions = Object.entries(A).filter(
    (entry): entry is [string, (...args: unknown[]) => unknown] => typeof entry[1] === 'function' && !/^[A-Z]/.test(entry[0]),
  );

  it.each(functions)('%s', (_name, fn) => {
    for (const j of junk) {
      for (const args of [[j], [leaf(), j], [leaf(), 0, j], [leaf(), leaf(), j], [j, leaf()], [[2, 3], j], [leaf(), j, 1]]) {
        try {
          const result = fn(...args);
          if (result instanceof A.Tensor) String(result);
        } catch (error) {
          if (!(error instanceof GradlabError)) throw new Error(`(${args.map(describeArgument).join(', ')}) threw ${String(error)}`);
        }
      }
    }
    expect(A.isGradEnabled()).toBe(true);
  });

  const methods = Object.getOwnPropertyNames(A.Tensor.prototype).filter(
    (name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(A.Tensor.prototype, name)!.value === 'function',
  );
  it.each(methods)('Tensor.prototype.%s', (name) => {
    for (const j of junk) {
      for (const args of [[j], [0, j], [j, 0], [leaf(), j], [0, 1, j]]) {
        try {
          const self = leaf().mul(1);
          const result = (self as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!(...args);
          if (result instanceof A.Tensor) String(result);
        } catch (error) {
          if (!(error instanceof GradlabError)) throw new Error(`${name}(${args.map(describeArgument).join(', ')}) threw ${String(error)}`);
        }
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import * as B from '@gradlab/tensor';
import {
  AccumulateGrad, add, enableGrad, exp, grad, GradientError, isGradEnabled, log, mul, noGrad, ones,
  pow, sigmoid, sin, sum, tanh, tensor, Tensor, zeros,
} from '../index';

function ex1() {
  const x = tensor([1, 2, -1, 3, 5], { requiresGrad: true });
  const [x1, x2, x3, x4, x5] = [0, 1, 2, 3, 4].map((i) => x.at(i)) as [Tensor, Tensor, Tensor, Tensor, Tensor];
  const y = log(exp(x1.mul(x2)).pow(2).add(sin(x3.add(x4).add(x5)).mul(x5)));
  return { x, y };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(GradientError);
    return (e as GradientError).code;
  }
  throw new Error('expected a GradientError');
}

describe('the homework Ex 1', () => {
  it('prints the gradient and y exactly as the notebook', () => {
    const { x, y } = ex1();
    y.backward();
    expect(String(x.grad)).toBe('tensor([3.7730, 1.8865, 0.0651, 0.0651, 0.0765])');
    expect(String(y)).toBe('tensor(4.0584, grad_fn=<LogBackward0>)');
    expect(String(x)).toBe('tensor([ 1.,  2., -1.,  3.,  5.], requires_grad=True)');
  });

  it('console.log prints the repr, like print() in the notebook', async () => {
    const { inspect } = await import('node:util');
    const { x, y } = ex1();
    y.backward();
    expect(inspect(x.grad)).toBe('tensor([3.7730, 1.8865, 0.0651, 0.0651, 0.0765])');
  });

  it('records PyTorch node names', () => {
    const { y } = ex1();
    const add = y.gradFn!.nextFunctions[0]![0]!;
    expect(add.name).toBe('AddBackward0');
    expect(add.nextFunctions.map(([n]) => n!.name)).toEqual(['PowBackward0', 'MulBackward0']);
    const select = add.nextFunctions[1]![0]!.nextFunctions[1]![0]!;
    expect(select.name).toBe('SelectBackward0');
    const leaf = select.nextFunctions[0]![0]!;
    expect(leaf).toBeInstanceOf(AccumulateGrad);
    expect(leaf.name).toBe('AccumulateGrad');
  });
});

describe('backward', () => {
  it('accumulates into .grad across calls until reset', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    sum(mul(x, x)).backward();
    sum(mul(x, x)).backward();
    expect(x.grad!.toArray()).toEqual([4, 8]);
    x.grad = null;
    sum(mul(x, 3)).backward();
    expect(x.grad!.toArray()).toEqual([3, 3]);
  });

  it('throws PyTorch errors with stable codes', () => {
    expect(codeOf(() => tensor([1, 2]).sum().backward())).toBe('NO_GRAD_FN');
    expect(() => tensor(1).backward()).toThrow('element 0 of tensors does not require grad and does not have a grad_fn');
    const x = tensor([1, 2], { requiresGrad: true });
    expect(codeOf(() => mul(x, 2).backward())).toBe('NON_SCALAR_OUTPUT');
    expect(() => mul(x, 2).backward()).toThrow('grad can be implicitly created only for scalar outputs');
    expect(() => mul(x, 2).backward(ones([3]))).toThrow(
      'Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of torch.Size([2]).',
    );
  });

  it('accepts a gradient for a non-scalar output', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    mul(x, x).backward(tensor([1, 10]));
    expect(x.grad!.toArray()).toEqual([2, 40]);
  });

  it('frees saved tensors: a second backward throws, unless retainGraph', () => {
    const x = tensor(2, { requiresGrad: true });
    const y = mul(x, x);
    y.backward();
    expect(codeOf(() => y.backward())).toBe('GRAPH_FREED');
    expect(() => y.backward()).toThrow(/^Trying to backward through the graph a second time \(or directly access saved tensors after they have already been freed\)\./);

    const z = mul(x, x);
    x.grad = null;
    z.backward(undefined, { retainGraph: true });
    z.backward();
    expect(x.grad!.item()).toBe(8);
  });

  it('runs again through nodes that saved nothing, as PyTorch does', () => {
    const x = tensor(2, { requiresGrad: true });
    const y = add(x, 3);
    y.backward();
    y.backward();
    expect(x.grad!.item()).toBe(2);
  });

  it('backpropagates a chain of 100,000 ops without a stack overflow', () => {
    const x = tensor(1.5, { dtype: 'float64', requiresGrad: true });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = i % 2 === 0 ? mul(y, 1) : add(y, 0);
    y.backward();
    expect(x.grad!.item()).toBe(1);
    expect(codeOf(() => y.backward())).toBe('GRAPH_FREED');
  });

  it('sums the gradients of a tensor used several times', () => {
    const x = tensor(3, { requiresGrad: true });
    const y = add(add(mul(x, x), mul(x, 2)), x);
    y.backward();
    expect(x.grad!.item()).toBe(2 * 3 + 2 + 1);
  });

  it('gives each leaf its own row-major .grad', () => {
    const a = tensor([1, 2, 3], { requiresGrad: true });
    const b = tensor([4, 5, 6], { requiresGrad: true });
    sum(add(a, b)).backward();
    expect(a.grad).not.toBe(b.grad);
    const c = tensor([[1], [2]], { requiresGrad: true });
    sum(c.expand(2, 3)).backward();
    expect(c.grad!.data.isContiguous()).toBe(true);
    expect(c.grad!.data.storage.length).toBe(2);
    expect(c.grad!.toArray()).toEqual([[3], [3]]);
  });

  it('casts gradients back to each input dtype', () => {
    const a = tensor([1, 2], { requiresGrad: true });
    const b = tensor([3, 4], { dtype: 'float64', requiresGrad: true });
    const y = mul(a, b);
    expect(y.dtype).toBe('float64');
    sum(y).backward();
    expect(a.grad!.dtype).toBe('float32');
    expect(b.grad!.dtype).toBe('float64');
    expect(a.grad!.toArray()).toEqual([3, 4]);
  });
});

describe('leaves, non-leaves and requiresGrad', () => {
  it('returns null for the .grad of a non-leaf unless retainGrad()', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = mul(x, 2);
    const k = mul(x, 3);
    k.retainGrad();
    sum(add(mul(h, h), k)).backward();
    expect(h.isLeaf).toBe(false);
    expect(h.grad).toBeNull();
    expect(k.retainsGrad).toBe(true);
    expect(k.grad!.toArray()).toEqual([1, 1]);
    expect(x.grad!.toArray()).toEqual([2 * 2 * 2 * 1 + 3, 2 * 2 * 2 * 2 + 3]);
  });

  it('only lets floating tensors require grad, and only leaves change the flag', () => {
    expect(codeOf(() => tensor([1, 2], { dtype: 'int32', requiresGrad: true }))).toBe('REQUIRES_GRAD');
    const x = tensor([1.5], { requiresGrad: true });
    const y = mul(x, 2);
    expect(codeOf(() => (y.requiresGrad = false))).toBe('REQUIRES_GRAD');
    expect(zeros([2]).requiresGrad_().requiresGrad).toBe(true);
  });

  it('a leaf that stopped requiring grad after use takes no gradient, as in PyTorch', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = sum(mul(x, 2));
    x.requiresGrad = false;
    y.backward();
    expect(x.grad).toBeNull();
  });

  it('detach shares the values and leaves the graph', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const d = mul(x, 2).detach();
    expect(d.requiresGrad).toBe(false);
    expect(d.gradFn).toBeNull();
    expect(String(d)).toBe('tensor([2., 4.])');
    expect(x.detach().data.storage).toBe(x.data.storage);
  });

  it('prints requires_grad and grad_fn suffixes after the dtype', () => {
    const x = tensor([1, 2], { dtype: 'float64', requiresGrad: true });
    expect(String(x)).toBe('tensor([1., 2.], dtype=torch.float64, requires_grad=True)');
    expect(String(mul(x, 2))).toBe('tensor([2., 4.], dtype=torch.float64, grad_fn=<MulBackward0>)');
  });
});

describe('grad mode', () => {
  it('noGrad records nothing and restores the mode, even on throw', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => mul(x, 2));
    expect(y.requiresGrad).toBe(false);
    expect(y.gradFn).toBeNull();
    expect(isGradEnabled()).toBe(true);
    expect(() =>
      noGrad(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });

  it('enableGrad records inside noGrad', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = noGrad(() => enableGrad(() => mul(x, 2)));
    expect(y.gradFn!.name).toBe('MulBackward0');
  });

  it('does not record the backward pass without createGraph', () => {
    const x = tensor(2, { requiresGrad: true });
    mul(x, x).backward();
    expect(x.grad!.requiresGrad).toBe(false);
    expect(isGradEnabled()).toBe(true);
  });
});

describe('hooks', () => {
  it('a leaf hook sees and may replace the summed gradient', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const seen: number[][] = [];
    const handle = x.registerHook((g) => {
      seen.push(g.toArray() as number[]);
      return mul(g, 10);
    });
    sum(add(x, x)).backward();
    expect(seen).toEqual([[2, 2]]);
    expect(x.grad!.toArray()).toEqual([20, 20]);
    handle.remove();
    x.grad = null;
    sum(x).backward();
    expect(x.grad!.toArray()).toEqual([1, 1]);
  });

  it('a non-leaf hook changes what flows further', () => {
    const x = tensor(3, { requiresGrad: true });
    const h = mul(x, 2);
    h.registerHook((g) => mul(g, 0.5));
    mul(h, 4).backward();
    expect(x.grad!.item()).toBe(4);
  });

  it('a backward started inside a hook keeps the outer pass\'s gradients (PyTorch 1.13: [34, 34, 34])', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const h = x.mul(2);
    const a = h.mul(3);
    const b = h.mul(4);
    const side = h.mul(10).sum();
    a.registerHook(() => {
      side.backward(undefined, { retainGraph: true });
    });
    a.add(b).sum().backward();
    expect(x.grad!.toArray()).toEqual([34, 34, 34]);
  });

  it('cannot hook a tensor that does not require grad', () => {
    expect(codeOf(() => tensor(1).registerHook(() => undefined))).toBe('REQUIRES_GRAD');
  });
});

describe('grad() and higher-order derivatives', () => {
  it('returns gradients without touching .grad', () => {
    const x = tensor(3, { requiresGrad: true });
    const [g] = grad(pow(x, 3), [x]);
    expect(g!.item()).toBe(27);
    expect(x.grad).toBeNull();
  });

  it('differentiates twice with createGraph', () => {
    const x = tensor(3, { dtype: 'float64', requiresGrad: true });
    const [dy] = grad(pow(x, 3), [x], { createGraph: true });
    expect(dy!.requiresGrad).toBe(true);
    const [d2y] = grad(dy!, [x]);
    expect(d2y!.item()).toBe(18);
  });

  it('second derivatives of tanh, sigmoid and exp (where TF.js fails)', () => {
    const v = 0.7;
    const cases: [(t: Tensor) => Tensor, number][] = [
      [(t) => tanh(t), -2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2)],
      [(t) => sigmoid(t), ((s) => s * (1 - s) * (1 - 2 * s))(1 / (1 + Math.exp(-v)))],
      [(t) => exp(t), Math.exp(v)],
    ];
    for (const [f, want] of cases) {
      const x = tensor(v, { dtype: 'float64', requiresGrad: true });
      const [d] = grad(f(x), [x], { createGraph: true });
      const [d2] = grad(d!, [x]);
      expect(d2!.item()).toBeCloseTo(want, 12);
    }
  });

  it('backward with createGraph leaves a differentiable .grad', () => {
    const x = tensor(2, { dtype: 'float64', requiresGrad: true });
    pow(x, 4).backward(undefined, { createGraph: true });
    const g = x.grad!;
    expect(g.item()).toBe(32);
    expect(g.gradFn).not.toBeNull();
    const [g2] = grad(g, [x]);
    expect(g2!.item()).toBe(48);
  });

  it('gradients with respect to a non-leaf', () => {
    const x = tensor(2, { requiresGrad: true });
    const h = mul(x, 3);
    const [gh, gx] = grad(mul(h, h), [h, x]);
    expect(gh!.item()).toBe(12);
    expect(gx!.item()).toBe(36);
  });

  it('unused inputs: an error, or null with allowUnused', () => {
    const x = tensor(2, { requiresGrad: true });
    const z = tensor(1, { requiresGrad: true });
    expect(codeOf(() => grad(mul(x, 2), [x, z]))).toBe('UNUSED_INPUT');
    expect(() => grad(mul(x, 2), [x, z])).toThrow(
      'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.',
    );
    const [gx, gz] = grad(mul(x, 2), [x, z], { allowUnused: true });
    expect(gx!.item()).toBe(2);
    expect(gz).toBeNull();
    expect(codeOf(() => grad(mul(x, 2), [tensor(1)]))).toBe('UNUSED_INPUT');
  });

  it('accepts gradOutputs for non-scalar outputs', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const [g] = grad(mul(x, x), [x], { gradOutputs: [new Tensor(B.tensor([1, -1]))] });
    expect(g!.toArray()).toEqual([2, -4]);
  });
});

describe('gradient ownership', () => {
  it('a leaf and a retained non-leaf never share one .grad tensor', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const h = add(x, 0);
    h.retainGrad();
    sum(h).backward();
    expect(h.grad!.toArray()).toEqual([1, 1]);
    expect(x.grad!.toArray()).toEqual([1, 1]);
    expect(x.grad!.data.storage).not.toBe(h.grad!.data.storage);
  });

  // PyTorch 1.13's AccumulateGrad copies a gradient anything else can see: in every case below
  // PyTorch's .grad has memory of its own (x.grad.data_ptr() differs).
  it('two parameters never share .grad memory (one reshaped, then added)', () => {
    const a = zeros([2, 3], { requiresGrad: true });
    const b = zeros([6], { requiresGrad: true });
    sum(add(a.reshape(6), b)).backward();
    expect(a.grad!.data.storage).not.toBe(b.grad!.data.storage);
    expect(a.grad!.data.storage.buffer === b.grad!.data.storage.buffer && a.grad!.data.storage.byteOffset === b.grad!.data.storage.byteOffset).toBe(false);
  });

  it('.grad is never the gradient given to backward, or a view of it', () => {
    const x = zeros([2, 3], { requiresGrad: true });
    const given = tensor([1, 2, 3, 4, 5, 6]);
    x.reshape(6).backward(given);
    expect(x.grad!.data.storage).not.toBe(given.data.storage);
    const y = zeros([3], { requiresGrad: true });
    const root = tensor([1, 1, 1]);
    y.backward(root);
    expect(y.grad!.data.storage).not.toBe(root.data.storage);
  });

  it('.grad is never the parameter itself, so an optimizer step cannot change it', () => {
    const w = tensor([1, 2], { requiresGrad: true });
    w.backward(w.detach());
    expect(w.grad!.data.storage).not.toBe(w.data.storage);
    const before = w.grad!.toArray();
    w.data.storage[0] = 100; // what an optimizer step does to the parameter
    expect(w.grad!.toArray()).toEqual(before);
  });

  it('a tensor a leaf hook returns is copied into .grad', () => {
    const x = zeros([2], { requiresGrad: true });
    const replacement = tensor([5, 6]);
    x.registerHook(() => replacement);
    sum(x).backward();
    expect(x.grad!.toArray()).toEqual([5, 6]);
    expect(x.grad!.data.storage).not.toBe(replacement.data.storage);
  });
});

describe('summing gradients in place (as PyTorch\'s InputBuffer)', () => {
  it('never writes into a gradient that other buffers or hooks hold', () => {
    const x = tensor([1, 2, 3], { requiresGrad: true });
    const h = x.mul(2);
    const u = h.mul(3); // older than t, so t's gradients reach h first
    const t = h.add(h); // AddBackward0 hands one tensor to both of its inputs: h's first gradient is shared
    let seen: Tensor | null = null;
    t.registerHook((g) => {
      seen = g;
    });
    // (through mul, t's gradient is a contiguous tensor, which an in-place sum could write into)
    add(t.mul(tensor([1, 1, 1])).sum(), u.sum()).backward();
    expect(x.grad!.toArray()).toEqual([10, 10, 10]);
    expect(seen!.toArray()).toEqual([1, 1, 1]);
  });

  it('a sum handed on by a node (to two leaves) is not added into again', () => {
    const x = tensor([1, 2], { requiresGrad: true });
    const y = tensor([3, 4], { requiresGrad: true });
    const early = x.mul(tensor([1, 1])).sum(); // older than n: its (contiguous) gradient reaches x after n's
    const n = x.add(y);
    const k = n.mul(1).add(n.mul(1)).add(n.mul(1)); // n's buffer sums three gradients
    add(k.sum(), early).backward();
    expect(y.grad!.toArray()).toEqual([3, 3]);
    expect(x.grad!.toArray()).toEqual([4, 4]);
  });

  it('gives the bits of out-of-place sums (which createGraph records, one op per sum)', () => {
    const values = [0.1, -2, 3, 1e-3, 7.25];
    const run = (createGraph: boolean): Tensor => {
      const x = tensor(values, { requiresGrad: true });
      const parts = [x.mul(1.5), x.sin(), x.mul(x), x.exp(), x.mul(-0.25), x.tanh()];
      parts.reduce((a, b) => a.add(b)).sum().backward(null, { createGraph });
      return x.grad!;
    };
    const inPlace = run(false);
    const recorded = run(true);
    expect(inPlace.gradFn).toBeNull();
    expect(recorded.gradFn).not.toBeNull();
    expect(inPlace.toArray()).toEqual(recorded.toArray());
    const exact = values.map((v) => 1.5 + Math.cos(v) + 2 * v + Math.exp(v) - 0.25 + 1 - Math.tanh(v) ** 2);
    (inPlace.toArray() as number[]).forEach((g, i) => expect(g).toBeCloseTo(exact[i]!, 3));
  });
});

describe('PyTorch order of summation', () => {
  it('sums contributions newest node first, so float32 rounding matches PyTorch', () => {
    // PyTorch 1.13 gives 1.0 for the first graph and 0.0 for the second: the
    // contributions arrive in decreasing creation order of the nodes
    const x = tensor(1, { requiresGrad: true });
    const a = mul(x, 1.0);
    const b = mul(x, 1e8);
    const c = mul(x, -1e8);
    add(add(a, b), c).backward();
    expect(x.grad!.item()).toBe(1);

    const z = tensor(1, { requiresGrad: true });
    const c2 = mul(z, -1e8);
    const a2 = mul(z, 1.0);
    const b2 = mul(z, 1e8);
    add(add(a2, b2), c2).backward();
    expect(z.grad!.item()).toBe(0);
  });
});

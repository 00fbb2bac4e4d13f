/*
 * Finite-difference checks of the gradient formulas, as torch.autograd's
 * gradcheck/gradgradcheck: central differences in float64 with PyTorch's
 * default eps = 1e-6, atol = 1e-5, rtol = 1e-3.
 */
import * as B from '@gradlab/tensor';
import { DTypeError, ValueError } from '@gradlab/tensor';
import { grad } from './engine/backward';
import { GradientError } from './errors';
import { checkFunction, checkOptions, tensorList } from './arguments';
import { withGradMode } from './engine/grad-mode';
import { Tensor } from './tensor';

/** Options of {@link gradcheck} and {@link gradgradcheck}. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
  /** Throw a `GradientError` on mismatch (default `true`); else return `false`. */
  raiseException?: boolean;
}

type Fn = (...inputs: Tensor[]) => Tensor | readonly Tensor[];

/** Storage offsets of a tensor's elements in row-major order. */
function offsets(t: B.Tensor): number[] {
  const shape = t.shape;
  const n = t.numel();
  const out = new Array<number>(n);
  const index = new Array<number>(shape.length).fill(0);
  let offset = t.offset;
  for (let k = 0; k < n; k++) {
    out[k] = offset;
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d]!++;
      offset += t.strides[d]!;
      if (index[d]! < shape[d]!) break;
      offset -= t.strides[d]! * shape[d]!;
      index[d] = 0;
    }
  }
  return out;
}

function values(t: B.Tensor): number[] {
  const s = t.storage;
  return offsets(t).map((o) => s[o]!);
}

const GRADCHECK_OPTIONS = { eps: 'number', atol: 'number', rtol: 'number', raiseException: 'boolean' } as const;

/** Checks fn, inputs and options; returns the inputs as a fresh list. */
function checkArguments(fn: Fn, inputs: Tensor | readonly Tensor[], options: GradcheckOptions, op: string): Tensor[] {
  checkFunction(fn, op, 'fn');
  checkOptions(options, op, GRADCHECK_OPTIONS);
  const { eps, atol, rtol } = options;
  if (eps !== undefined && !(eps > 0 && Number.isFinite(eps))) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'eps' must be a positive finite number, got ${eps}`);
  }
  for (const [name, value] of [['atol', atol], ['rtol', rtol]] as const) {
    if (value !== undefined && !(value >= 0)) {
      throw new ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be a non-negative number, got ${value}`);
    }
  }
  return [...tensorList(inputs, op, 'inputs')];
}

// grad mode stays on: gradgradcheck's function itself calls grad()
function call(fn: Fn, inputs: Tensor[], op: string): readonly Tensor[] {
  return tensorList(withGradMode(true, () => fn(...inputs), op), op, 'the output of fn');
}

function evaluate(fn: Fn, inputs: Tensor[], op: string): number[][] {
  return call(fn, inputs, op).map((o) => values(o.data));
}

function format(matrix: number[][]): string {
  return `tensor([${matrix.map((row) => `[${row.map((v) => v.toPrecision(6)).join(', ')}]`).join(',\n        ')}])`;
}

/**
 * Checks the gradients of `fn` at `inputs` against central finite differences.
 * Every input that requires grad must be float64.
 *
 * @returns `true`, or `false` with `raiseException: false` on a mismatch.
 * @throws GradientError `GRADCHECK_FAILED` naming the output and input whose Jacobians differ.
 *
 * @example
 * ```ts
 * const x = randn([3], { dtype: 'float64', requiresGrad: true });
 * gradcheck((a) => a.sin().mul(a), [x]); // true
 * ```
 */
export function gradcheck(fn: Fn, inputs: Tensor | readonly Tensor[], options: GradcheckOptions = {}): boolean {
  const list = checkArguments(fn, inputs, options, 'gradcheck');
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const differentiable: number[] = [];
  list.forEach((x, i) => {
    if (!x.requiresGrad) return;
    if (x.dtype !== 'float64') {
      throw new DTypeError(`gradcheck: input ${i} requires grad but is ${x.dtype}; gradcheck needs float64 inputs`);
    }
    differentiable.push(i);
  });
  if (differentiable.length === 0) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      'gradcheck expects at least one input tensor to require gradient, but none of the them have requiresGrad=true.',
    );
  }

  const outputs = call(fn, list, 'gradcheck');

  // numerical[o][i][j][k]: d output o element k / d input i element j
  const numerical: number[][][][] = outputs.map(() => differentiable.map(() => []));
  differentiable.forEach((inputIndex, di) => {
    const data = list[inputIndex]!.data;
    const storage = data.storage;
    for (const offset of offsets(data)) {
      const original = storage[offset]!;
      storage[offset] = original + eps;
      const plus = evaluate(fn, list, 'gradcheck');
      storage[offset] = original - eps;
      const minus = evaluate(fn, list, 'gradcheck');
      storage[offset] = original;
      outputs.forEach((_, o) => {
        const p = plus[o]!;
        const m = minus[o]!;
        numerical[o]![di]!.push(p.map((v, k) => (v - m[k]!) / (2 * eps)));
      });
    }
  });

  const wrt = differentiable.map((i) => list[i]!);
  for (let o = 0; o < outputs.length; o++) {
    const output = outputs[o]!;
    const count = output.numel();
    // analytical[i][j][k], row by row of the output (one backward per output element)
    const analytical: number[][][] = wrt.map((x) => Array.from({ length: x.numel() }, () => new Array<number>(count).fill(0)));
    if (output.requiresGrad && wrt.length > 0) {
      for (let k = 0; k < count; k++) {
        const seed = B.zeros(output.shape, { dtype: output.dtype });
        seed.storage[k] = 1;
        const grads = grad([output], wrt, { gradOutputs: [seed], retainGraph: true, allowUnused: true });
        grads.forEach((g, i) => {
          if (g === null) return;
          values(g.data).forEach((v, j) => {
            analytical[i]![j]![k] = v;
          });
        });
      }
    }
    for (let i = 0; i < wrt.length; i++) {
      const num = numerical[o]![i]!;
      const ana = analytical[i]!;
      let ok = true;
      for (let j = 0; j < num.length && ok; j++) {
        for (let k = 0; k < count; k++) {
          const n = num[j]![k]!;
          const a = ana[j]![k]!;
          if (!(Math.abs(a - n) <= atol + rtol * Math.abs(n))) {
            ok = false;
            break;
          }
        }
      }
      if (!ok) {
        if (options.raiseException === false) return false;
        throw new GradientError(
          'GRADCHECK_FAILED',
          `Jacobian mismatch for output ${o} with respect to input ${differentiable[i]},\nnumerical:${format(num)}\nanalytical:${format(ana)}\n`,
        );
      }
    }
  }
  return true;
}

function seededNormal(shape: readonly number[], seed: number): Tensor {
  return new Tensor(B.randn(shape, { dtype: 'float64', generator: new B.Generator(seed) }), true);
}

/**
 * Checks second derivatives: gradcheck of the function
 * `(inputs, gradOutputs) -> grad(fn(inputs), inputs, gradOutputs, { createGraph: true })`.
 * `gradOutputs` default to seeded standard-normal float64 tensors.
 *
 * @example
 * ```ts
 * const x = randn([3], { dtype: 'float64', requiresGrad: true });
 * gradgradcheck((a) => a.tanh(), [x]); // true
 * ```
 */
export function gradgradcheck(
  fn: Fn,
  inputs: Tensor | readonly Tensor[],
  gradOutputs?: readonly Tensor[] | null,
  options: GradcheckOptions = {},
): boolean {
  const list = checkArguments(fn, inputs, options, 'gradgradcheck');
  const outputs = call(fn, list, 'gradgradcheck').filter((o) => o.requiresGrad);
  const seeds =
    gradOutputs === undefined || gradOutputs === null
      ? outputs.map((o, i) => seededNormal(o.shape, 1234 + i))
      : tensorList(gradOutputs, 'gradgradcheck', 'gradOutputs');
  const n = list.length;
  const wrtIndices = list.flatMap((x, i) => (x.requiresGrad ? [i] : []));
  const firstOrder: Fn = (...all) => {
    const xs = all.slice(0, n);
    const gos = all.slice(n);
    const outs = tensorList(fn(...xs), 'gradgradcheck', 'the output of fn').filter((o) => o.requiresGrad);
    if (outs.length === 0) return [];
    const grads = grad(
      outs,
      wrtIndices.map((i) => xs[i]!),
      { gradOutputs: gos, createGraph: true, allowUnused: true },
    );
    return grads.filter((g): g is Tensor => g !== null);
  };
  return gradcheck(firstOrder, [...list, ...seeds], options);
}

/*
 * The few helpers every op uses to record itself. An op computes its result
 * with @gradlab/tensor first; only when an input requires grad and grad mode
 * is on does it allocate a Node (the lazy check that keeps constant-only and
 * no-grad code at the cost of the base op plus one wrapper object).
 */
import { isTensor, Tensor as BaseTensor, ValueError, describeValue, shapesEqual, type Scalar } from '@gradlab/tensor';
import { gradMode } from './grad-mode';
import { Node, type Edge, type Rule } from './node';
import type { Operand } from './operand';
import { AUTOGRAD_BRAND, Tensor } from './tensor';

/** The base tensor (or scalar) behind an operand. */
export function unwrap(x: Operand): BaseTensor | Scalar {
  if (x instanceof Tensor) return x.data;
  if (typeof x === 'object' && x !== null && (x as unknown as Record<symbol, unknown>)[AUTOGRAD_BRAND] === 1) throw foreignTensor();
  return x;
}

/** The error for a differentiable tensor made by another copy of @gradlab/autograd. */
export function foreignTensor(): ValueError {
  return new ValueError(
    'INVALID_ARGUMENT',
    'this Tensor comes from another copy of @gradlab/autograd (two versions installed, or its ESM and CommonJS builds loaded together): ' +
      'gradients cannot flow between two engines. Make every package use one copy (pnpm dedupe / npm dedupe), or pass its .data as a constant.',
  );
}

/**
 * The base tensor behind an operand that must be a tensor (differentiable or
 * not), with a typed error naming the op and the argument otherwise.
 */
export function baseOf(x: Operand, op: string, name: string): BaseTensor {
  const d = unwrap(x);
  if (!(d instanceof BaseTensor) && !isTensor(d)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be a tensor, got ${describeValue(d)}`);
  }
  return d;
}

/** `true` when `x` is a differentiable tensor that requires grad and grad mode is on. */
export function tracks(x: Operand): x is Tensor {
  return x instanceof Tensor && x._requiresGrad && gradMode.enabled;
}

/** Where gradients for `t` go: its node, the leaf itself, or nowhere. */
export function edgeOf(x: Operand): Edge {
  if (!(x instanceof Tensor)) return null;
  if (x.gradFn !== null) return x.gradFn;
  return x._requiresGrad ? x : null;
}

/** Wraps a base result as a tensor that does not require grad. */
export function constant(out: BaseTensor): Tensor {
  return new Tensor(out);
}

/** Wraps a base result as the output of `node`. */
export function attach(out: BaseTensor, node: Node): Tensor {
  const t = new Tensor(out);
  t._requiresGrad = true;
  t.gradFn = node;
  return t;
}

/**
 * A node for an op whose inputs broadcast against each other (elementwise
 * ops): it notes the shape and dtype of every input that differs from the
 * output, so that the engine un-broadcasts (`sumTo`) and casts the gradient
 * back in one place.
 */
export function broadcastNode(rule: Rule, out: BaseTensor, inputs: readonly Operand[]): Node {
  const n = inputs.length;
  const next: Edge[] = new Array<Edge>(n);
  const node = new Node(rule, next);
  const outShape = out.shape;
  for (let i = 0; i < n; i++) {
    const x = inputs[i]!;
    const edge = edgeOf(x);
    next[i] = edge;
    if (edge === null) continue;
    const data = (x as Tensor).data;
    if (!shapesEqual(data.shape, outShape)) {
      if (node.shapes === null) node.shapes = new Array<readonly number[] | null>(n).fill(null);
      node.shapes[i] = data.shape;
    }
    if (data.dtype !== out.dtype) {
      if (node.dtypes === null) node.dtypes = new Array<BaseTensor['dtype'] | null>(n).fill(null);
      node.dtypes[i] = data.dtype;
    }
  }
  return node;
}

/** A node for an op of one differentiable input whose gradient the rule shapes itself. */
export function unaryNode(rule: Rule, x: Tensor): Node {
  return new Node(rule, [x.gradFn !== null ? x.gradFn : x]);
}

/** True when any operand is tracked (requires grad with grad mode on). */
export function anyTracks(xs: readonly Operand[]): boolean {
  if (!gradMode.enabled) return false;
  for (const x of xs) if (x instanceof Tensor && x._requiresGrad) return true;
  return false;
}

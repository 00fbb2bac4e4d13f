/*
 * The recorder: the one place an op becomes a node of the graph. An op computes
 * its result with @gradlab/tensor first and hands it here with its declaration
 * (a `Rule`, see node.ts) and the record its formulas read; only when an input
 * requires grad and grad mode is on is a Node allocated (the lazy check that
 * keeps constant-only and no-grad code at the cost of the base op plus one
 * wrapper object). The recorder notes, once for every op, the shape and dtype
 * of each input that differs from the output, so that the engine un-broadcasts
 * (`sumTo`) and casts each gradient back in one place.
 */
import { isTensor, Tensor as BaseTensor, ValueError, describeValue, shapesEqual, type DType, type Scalar } from '@gradlab/tensor';
import { gradMode } from './grad-mode';
import { Node, type Edge, type Rule } from './node';
import type { Operand } from '../operand';
import { AUTOGRAD_BRAND, Tensor } from '../tensor';

/** The base tensor (or scalar) behind an operand. */
export function unwrap(x: Operand): BaseTensor | Scalar {
  // NOTE: the common case only, so that V8 inlines this into every op cheaply
  return x instanceof Tensor ? x.data : unwrapOther(x);
}

function unwrapOther(x: Operand): BaseTensor | Scalar {
  if (typeof x === 'object' && x !== null && (x as unknown as Record<symbol, unknown>)[AUTOGRAD_BRAND] === 1) throw foreignTensor();
  return x as BaseTensor | Scalar;
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

/**
 * `true` when `x` is a differentiable tensor that requires grad and grad mode is on:
 * THE tracked check (grad mode is read only once an input requires grad).
 */
export function tracks(x: Operand): x is Tensor {
  return x instanceof Tensor && x._requiresGrad && gradMode.enabled;
}

/** `true` when either operand is tracked. */
export function tracks2(a: Operand, b: Operand): boolean {
  return ((a instanceof Tensor && a._requiresGrad) || (b instanceof Tensor && b._requiresGrad)) && gradMode.enabled;
}

/** `true` when any operand is tracked. */
export function tracksAny(xs: readonly Operand[]): boolean {
  if (!gradMode.enabled) return false;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x instanceof Tensor && x._requiresGrad) return true;
  }
  return false;
}

/** `true` when `x` needs a gradient (a differentiable tensor that requires grad), grad mode aside. */
export function needsGrad(x: Operand): boolean {
  return x instanceof Tensor && x._requiresGrad;
}

/** Where gradients for `x` go: its node, the leaf itself, or nowhere. */
export function edgeOf(x: Operand): Edge {
  if (!(x instanceof Tensor)) return null;
  if (x.gradFn !== null) return x.gradFn;
  return x._requiresGrad ? x : null;
}

/** Wraps a base result as a tensor that does not require grad. */
export function constant(out: BaseTensor): Tensor {
  return wrap(out, null);
}

/**
 * An operand as a saved value: a differentiable tensor as is, a number as is, a
 * boolean as 0/1, a base tensor wrapped as a constant.
 */
export function saveOperand(x: Operand): Tensor | number {
  if (x instanceof Tensor) return x;
  if (typeof x === 'number') return x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  return new Tensor(x);
}

/** An operand that is a tensor as a saved tensor (a base tensor wrapped as a constant). */
export function saveTensor(x: Operand): Tensor {
  return x instanceof Tensor ? x : new Tensor(x as BaseTensor);
}

/**
 * What an op of one input saves: the record itself, or a function building it
 * from the op's output and input, called only when the op is recorded (so a
 * constant or no-grad call builds nothing; a module-level function allocates
 * no closure either).
 */
export type Save1<S> = S | ((result: Tensor, x: Tensor) => S);
/** What an op of two inputs saves (see {@link Save1}). */
export type Save2<S> = S | ((result: Tensor, a: Operand, b: Operand) => S);
/** What an op of any number of inputs saves (see {@link Save1}). */
export type SaveN<S> = S | ((result: Tensor, inputs: readonly (Operand | null)[]) => S);

/** The save of ops whose formulas read only the output (PyTorch's `result`). */
export function saveResult(result: Tensor): { result: Tensor } {
  return { result };
}

/** The save of ops whose formulas read only the input (PyTorch's `self`). */
export function saveSelf(_result: Tensor, x: Tensor): { self: Tensor } {
  return { self: x };
}

/**
 * The save of products whose formulas read each operand (`mul`): `self` only when
 * `b` needs a gradient, `other` only when `a` does, as PyTorch saves them.
 */
export function saveOperands(_result: Tensor, a: Operand, b: Operand): { self: Tensor | number | null; other: Tensor | number | null } {
  return { self: needsGrad(b) ? saveOperand(a) : null, other: needsGrad(a) ? saveOperand(b) : null };
}

/** The base tensor (or number) behind a saved value, for the formulas' masks. */
export function raw(x: Tensor | number): BaseTensor | number {
  return x instanceof Tensor ? x.data : x;
}

/** How the recorder relates the inputs to the output. */
export type Layout =
  /** inputs broadcast against each other: note each input's shape and dtype that differ from the output's */
  | 'broadcast'
  /** the formulas shape each gradient themselves (views, reductions): note dtypes only */
  | 'exact';

function output(node: Node, out: BaseTensor): Tensor {
  return wrap(out, node);
}

/**
 * Every op's result tensor is made here, a constant (`node` null) or the output of
 * `node`. NOTE: one function, too big for V8's small-function inlining, so that it
 * is compiled once with the constructor inlined and the ops call it; when the
 * constructor was inlined into each op instead, V8's budget ran out in the bigger
 * ops (mul, add) and they built tensors through the generic construct stub (W1: +4%).
 */
function wrap(out: BaseTensor, node: Node | null): Tensor {
  const t = new Tensor(out);
  if (node !== null) {
    t._requiresGrad = true;
    t.gradFn = node;
  }
  return t;
}

/**
 * Records an op of one differentiable input whose formula shapes the gradient
 * itself (views, reductions, unary ops), or returns `out` as a constant when
 * `x` is not tracked.
 */
export function op1<S>(rule: Rule<S>, out: BaseTensor, x: Operand, saved: Save1<S>): Tensor {
  // NOTE: kept this small so that V8 inlines the tracked check into every op; the
  // recording itself is one shared function (record1), its call sites monomorphic.
  if (x instanceof Tensor && x._requiresGrad && gradMode.enabled) return record1(rule, out, x, saved);
  return constant(out);
}

function record1<S>(rule: Rule<S>, out: BaseTensor, x: Tensor, saved: Save1<S>): Tensor {
  const node = new Node(rule, [x.gradFn !== null ? x.gradFn : x]);
  const dtype = x.data.dtype;
  if (dtype !== out.dtype) node.dtypes = [dtype];
  const t = output(node, out);
  // the commonest saves are built here, each at its own allocation site, instead of
  // through a call that every op would share (a megamorphic call site)
  if (saved === saveSelf) node.saved = { self: x };
  else if (saved === saveResult) node.saved = { result: t };
  else node.saved = typeof saved === 'function' ? (saved as (result: Tensor, x: Tensor) => S)(t, x) : saved;
  return t;
}

/**
 * Records an op of two inputs (either may be a number or a constant;
 * broadcasting unless `layout` says otherwise), or returns `out` as a constant
 * when neither is tracked.
 */
export function op2<S>(rule: Rule<S>, out: BaseTensor, a: Operand, b: Operand, saved: Save2<S>, layout: Layout = 'broadcast'): Tensor {
  if (((a instanceof Tensor && a._requiresGrad) || (b instanceof Tensor && b._requiresGrad)) && gradMode.enabled) {
    return record2(rule, out, a, b, saved, layout);
  }
  return constant(out);
}

function record2<S>(rule: Rule<S>, out: BaseTensor, a: Operand, b: Operand, saved: Save2<S>, layout: Layout): Tensor {
  const ea = edgeOf(a);
  const eb = edgeOf(b);
  const node = new Node(rule, [ea, eb]);
  if (ea !== null) note(node, out, a as Tensor, 0, layout);
  if (eb !== null) note(node, out, b as Tensor, 1, layout);
  const t = output(node, out);
  if (saved === saveOperands) {
    // like PyTorch, each input is saved only when the *other* one needs its gradient
    node.saved = { self: needsGrad(b) ? saveOperand(a) : null, other: needsGrad(a) ? saveOperand(b) : null };
  } else {
    node.saved = typeof saved === 'function' ? (saved as (result: Tensor, a: Operand, b: Operand) => S)(t, a, b) : saved;
  }
  return t;
}

/**
 * Records an op of any number of inputs (`null` for an input that takes no
 * gradient, such as an absent clamp bound; `layout` for all or per input), or
 * returns `out` as a constant when none is tracked.
 */
export function opN<S>(
  rule: Rule<S>,
  out: BaseTensor,
  inputs: readonly (Operand | null)[],
  saved: SaveN<S>,
  layout: Layout | readonly Layout[],
): Tensor {
  if (!gradMode.enabled) return constant(out);
  const n = inputs.length;
  const next = new Array<Edge>(n);
  let any = false;
  for (let i = 0; i < n; i++) {
    const x = inputs[i];
    const edge = x === null || x === undefined ? null : edgeOf(x);
    next[i] = edge;
    if (edge !== null) any = true;
  }
  if (!any) return constant(out);
  const node = new Node(rule, next);
  for (let i = 0; i < n; i++) {
    if (next[i] !== null) note(node, out, inputs[i] as Tensor, i, typeof layout === 'string' ? layout : layout[i]!);
  }
  const t = output(node, out);
  node.saved = typeof saved === 'function' ? (saved as (result: Tensor, inputs: readonly (Operand | null)[]) => S)(t, inputs) : saved;
  return t;
}

/** Notes input `i`'s shape (broadcast layouts) and dtype when they differ from the output's. */
function note(node: Node, out: BaseTensor, x: Tensor, i: number, layout: Layout): void {
  const n = node.next.length;
  const data = x.data;
  if (layout === 'broadcast' && !shapesEqual(data.shape, out.shape)) {
    if (node.shapes === null) node.shapes = new Array<readonly number[] | null>(n).fill(null);
    node.shapes[i] = data.shape;
  }
  if (data.dtype !== out.dtype) {
    if (node.dtypes === null) node.dtypes = new Array<DType | null>(n).fill(null);
    node.dtypes[i] = data.dtype;
  }
}

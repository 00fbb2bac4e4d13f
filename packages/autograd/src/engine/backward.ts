/*
 * The backward walk.
 *
 * 1. Collect the nodes reachable from the outputs with an explicit stack (no
 *    recursion: a chain of 100,000 ops is fine).
 * 2. Run them from the newest to the oldest (descending sequence number).
 *    Every edge points from a newer node to an older one, so this is a
 *    topological order, and it is the order PyTorch's engine runs a graph on
 *    one thread, so gradients are summed in PyTorch's order.
 * 3. Each node's incoming gradients are summed in a buffer on the node (no
 *    Map per node; from the third gradient on, in place, as PyTorch's
 *    InputBuffer); its rule gives one gradient per input, which the engine
 *    un-broadcasts (`sumTo`) and casts back to the input's dtype in one place.
 * 4. Leaves sum their buffer first and then add it to `.grad`, like
 *    PyTorch's AccumulateGrad.
 */
import * as B from '@gradlab/tensor';
import { writes, writtenSince } from '@gradlab/tensor/internal';
import { BACKWARD_OPTIONS, checkOptions, tensorList } from '../arguments';
import { GradientError } from '../errors';
import { add } from '../ops/elementwise';
import { gradMode } from './grad-mode';
import { Node } from './node';
import { sumTo } from '../ops/reductions';
import { Tensor } from '../tensor';
import { to } from '../ops/views';
import { contiguousCopy } from '../ops/view-internals';

let epoch = 0;
/** How many backward runs are active (a hook may start one inside another). */
let depth = 0;

/**
 * The scratch of the nodes and leaves an inner run takes over from an outer one: a backward
 * started inside a hook walks part of the same graph, and the outer run's half-summed buffers
 * must come back when it ends (PyTorch runs a re-entrant backward on its own graph task).
 */
interface Stash {
  nodes: Node[];
  nodeState: (Tensor | number | boolean | null)[];
  leaves: Tensor[];
  leafState: (Tensor | number | null)[];
}

function stashNode(stash: Stash | null, node: Node): void {
  if (stash === null || node.mark === 0) return;
  stash.nodes.push(node);
  stash.nodeState.push(node.buffer, node.mark, node.needed);
}

function stashLeaf(stash: Stash | null, leaf: Tensor): void {
  if (stash === null || leaf._mark === 0) return;
  stash.leaves.push(leaf);
  stash.leafState.push(leaf._buffer, leaf._mark);
}

function restore(stash: Stash): void {
  for (let i = 0; i < stash.nodes.length; i++) {
    const node = stash.nodes[i]!;
    node.buffer = stash.nodeState[3 * i] as Tensor | null;
    node.mark = stash.nodeState[3 * i + 1] as number;
    node.needed = stash.nodeState[3 * i + 2] as boolean;
  }
  for (let i = 0; i < stash.leaves.length; i++) {
    const leaf = stash.leaves[i]!;
    leaf._buffer = stash.leafState[2 * i] as Tensor | null;
    leaf._mark = stash.leafState[2 * i + 1] as number;
  }
}

const FREED_MESSAGE =
  'Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). ' +
  'Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). ' +
  'Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.';

function bySequenceDescending(a: Node, b: Node): number {
  return b.sequenceNr - a.sequenceNr;
}

/**
 * Newest first. The stack walk yields nodes nearly in that order already, so
 * small graphs take an insertion sort (no comparator calls, ~linear here);
 * large ones `Array.prototype.sort`.
 */
function sortBySequenceDescending(nodes: Node[]): void {
  const n = nodes.length;
  if (n > 64) {
    nodes.sort(bySequenceDescending);
    return;
  }
  for (let i = 1; i < n; i++) {
    const node = nodes[i]!;
    const key = node.sequenceNr;
    let j = i - 1;
    while (j >= 0 && nodes[j]!.sequenceNr < key) {
      nodes[j + 1] = nodes[j]!;
      j--;
    }
    nodes[j + 1] = node;
  }
}

function formatSize(shape: readonly number[]): string {
  return `torch.Size([${shape.join(', ')}])`;
}

/** Turns the user's `gradient` for output `i` into a tensor of the output's shape and dtype. */
function rootGradient(output: Tensor, gradient: Tensor | B.Tensor | null | undefined, i: number): Tensor {
  if (gradient !== null && gradient !== undefined && !(gradient instanceof Tensor) && !(gradient instanceof B.Tensor)) {
    throw new GradientError(
      'GRADIENT_MISMATCH',
      `gradients can be either Tensors or null, but got ${B.describeValue(gradient)} for grad_output[${i}]`,
    );
  }
  if (gradient === null || gradient === undefined) {
    if (output.data.numel() !== 1) {
      throw new GradientError('NON_SCALAR_OUTPUT', 'grad can be implicitly created only for scalar outputs');
    }
    return new Tensor(B.onesLike(output.data));
  }
  const g = gradient instanceof Tensor ? gradient : new Tensor(gradient);
  if (!B.shapesEqual(g.data.shape, output.data.shape)) {
    throw new GradientError(
      'GRADIENT_MISMATCH',
      `Mismatch in shape: grad_output[${i}] has a shape of ${formatSize(g.data.shape)} and output[${i}] has a shape of ${formatSize(output.data.shape)}.`,
    );
  }
  return g.data.dtype === output.data.dtype ? g : new Tensor(B.to(g.data, output.data.dtype));
}

function checkOutputs(outputs: readonly Tensor[]): void {
  outputs.forEach((output, i) => {
    if (!output._requiresGrad) {
      throw new GradientError(
        'NO_GRAD_FN',
        `element ${i} of tensors does not require grad and does not have a grad_fn`,
      );
    }
  });
}

/**
 * Calls the tensor hooks on a gradient in registration order; a hook may
 * return a replacement of the same shape and dtype (PyTorch's checks).
 */
function runHooks(hooks: readonly ((grad: Tensor) => Tensor | void)[], g: Tensor): Tensor {
  for (const hook of hooks.slice()) {
    const replaced: unknown = hook(g);
    if (replaced === undefined || replaced === null) continue;
    if (!(replaced instanceof Tensor)) {
      throw new GradientError('GRADIENT_MISMATCH', `expected Tensor, but hook returned ${B.describeValue(replaced)}`);
    }
    const name = hook.name || '<anonymous>';
    if (!B.shapesEqual(replaced.data.shape, g.data.shape)) {
      throw new GradientError(
        'GRADIENT_MISMATCH',
        `hook '${name}' has changed the size of value (was ${formatSize(g.data.shape)} got ${formatSize(replaced.data.shape)})`,
      );
    }
    if (replaced.data.dtype !== g.data.dtype) {
      throw new GradientError(
        'GRADIENT_MISMATCH',
        `hook '${name}' has changed the type of value (was ${g.data.dtype} got ${replaced.data.dtype})`,
      );
    }
    g = replaced;
  }
  return g;
}

const SAVED_NAMES = { float32: 'torch.FloatTensor', float64: 'torch.DoubleTensor', int32: 'torch.IntTensor', bool: 'torch.BoolTensor' } as const;

/**
 * PyTorch's saved-variable check: a tensor the node saved for its gradient must not have been
 * written in place since (its values would give a wrong gradient silently).
 */
function checkSaved(node: Node): void {
  const saved = node.saved;
  if (saved === null || typeof saved !== 'object') return;
  const result = node.rule.saves ? (saved as { result?: unknown }).result : undefined;
  for (const value of Object.values(saved)) {
    const data = value instanceof Tensor ? value.data : value instanceof B.Tensor ? value : null;
    if (data === null || !writtenSince(data.storage, node.createdAt)) continue;
    const which = value === result ? `, which is output 0 of ${node.name},` : '';
    throw new GradientError(
      'MODIFIED_INPLACE',
      `one of the variables needed for gradient computation has been modified by an inplace operation: ` +
        `[${SAVED_NAMES[data.dtype]} [${data.shape.join(', ')}]]${which} is at version ${data._version}, ` +
        `written after ${node.name} saved it (an optimizer step, an nn.init function, loadStateDict or markModified). ` +
        'Recompute the forward pass after changing the values.',
    );
  }
}

function release(node: Node): void {
  if (node.rule.saves) {
    node.saved = null;
    node.freed = true;
  }
}

/** `true` when `g`'s storage is also the leaf's, a stored `.grad`'s or a root gradient's. */
function sharesMemory(g: Tensor, leaf: Tensor, stored: readonly Tensor[], roots: readonly Tensor[]): boolean {
  const storage = g.data.storage;
  if (storage === leaf.data.storage) return true;
  for (let i = 0; i < stored.length; i++) if (stored[i]!.data.storage === storage) return true;
  for (let i = 0; i < roots.length; i++) if (roots[i]!.data.storage === storage) return true;
  return false;
}

/** Makes a stored `.grad` own its memory in row-major order, as PyTorch's AccumulateGrad does. */
function obeysLayout(g: Tensor): boolean {
  const d = g.data;
  return d.offset === 0 && d.storage.length === d.numel() && d.isContiguous();
}

/**
 * `target += g` in place for a sum the engine owns (contiguous from offset 0), with the same
 * rounding as `add` (the sum is stored in the target's dtype); `false` when the operands do not
 * line up that way, and the caller adds out of place instead.
 */
function addInto(target: B.Tensor, g: B.Tensor): boolean {
  if (target.dtype !== g.dtype || target.offset !== 0 || !target.isContiguous() || !g.isContiguous()) return false;
  if (!B.shapesEqual(target.shape, g.shape)) return false;
  const t = target.storage;
  const s = g.storage;
  const o = g.offset;
  const n = target.numel();
  for (let i = 0; i < n; i++) t[i] = t[i]! + s[o + i]!;
  return true;
}

interface Capture {
  /** node or leaf -> the positions of `inputs` it answers */
  targets: Map<Node | Tensor, number[]>;
  results: (Tensor | null)[];
}

/**
 * Runs the backward pass from `outputs` seeded with `gradients`. Without
 * `inputs`, gradients accumulate into the leaves' `.grad`; with `inputs`
 * (`grad()`), only the nodes leading to them run, and their gradients are
 * returned instead.
 */
function run(
  outputs: readonly Tensor[],
  gradients: readonly Tensor[],
  retainGraph: boolean,
  createGraph: boolean,
  capture: Capture | null,
): void {
  const mark = ++epoch;
  const nodes: Node[] = [];
  const leaves: Tensor[] = [];
  const stack: Node[] = [];
  // only a run inside another (from a hook) keeps what it overwrites, to give it back at the end
  const stash: Stash | null = depth > 0 ? { nodes: [], nodeState: [], leaves: [], leafState: [] } : null;
  depth++;
  try {
    runMarked(outputs, gradients, retainGraph, createGraph, capture, mark, nodes, leaves, stack, stash);
  } finally {
    depth--;
    if (stash !== null) restore(stash);
  }
}

function runMarked(
  outputs: readonly Tensor[],
  gradients: readonly Tensor[],
  retainGraph: boolean,
  createGraph: boolean,
  capture: Capture | null,
  mark: number,
  nodes: Node[],
  leaves: Tensor[],
  stack: Node[],
  stash: Stash | null,
): void {
  for (const output of outputs) {
    const fn = output.gradFn;
    if (fn !== null) {
      if (fn.mark !== mark) {
        stashNode(stash, fn);
        fn.mark = mark;
        fn.buffer = null;
        stack.push(fn);
      }
    } else if (output._mark !== mark) {
      stashLeaf(stash, output);
      output._mark = mark;
      output._buffer = null;
      leaves.push(output);
    }
  }
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    const next = node.next;
    for (let i = 0; i < next.length; i++) {
      const edge = next[i]!;
      if (edge === null) continue;
      if (edge instanceof Node) {
        if (edge.mark !== mark) {
          stashNode(stash, edge);
          edge.mark = mark;
          edge.buffer = null;
          stack.push(edge);
        }
      } else if (edge._mark !== mark) {
        stashLeaf(stash, edge);
        edge._mark = mark;
        edge._buffer = null;
        leaves.push(edge);
      }
    }
  }
  sortBySequenceDescending(nodes);

  if (capture !== null) {
    // a node runs only when one of the requested inputs lies below it
    for (let k = nodes.length - 1; k >= 0; k--) {
      const node = nodes[k]!;
      let needed = capture.targets.has(node);
      if (!needed) {
        for (const edge of node.next) {
          if (edge === null) continue;
          if (edge instanceof Node ? edge.needed && edge.mark === mark : capture.targets.has(edge)) {
            needed = true;
            break;
          }
        }
      }
      node.needed = needed;
    }
  }

  // Like PyTorch's InputBuffer: a buffer's first gradient is kept as given (it may be shared:
  // add's backward passes one tensor to both inputs), the second makes a sum that only the
  // engine holds, and later ones are added into that sum in place. With createGraph every sum
  // is a recorded op of its own, so nothing is owned.
  // A sum the engine holds is marked with this run's epoch (`_sumOf`); the mark is cleared when
  // the sum is handed on.
  const accumulate = (buffer: Tensor | null, g: Tensor): Tensor => {
    if (buffer === null) return g;
    if (buffer._sumOf === mark && addInto(buffer.data, g.data)) return buffer;
    const sum = add(buffer, g);
    if (!createGraph) sum._sumOf = mark;
    return sum;
  };

  for (let i = 0; i < outputs.length; i++) {
    const output = outputs[i]!;
    const g = gradients[i]!;
    const fn = output.gradFn;
    if (fn !== null) fn.buffer = accumulate(fn.buffer, g);
    else output._buffer = accumulate(output._buffer, g);
  }

  const previousMode = gradMode.enabled;
  gradMode.enabled = createGraph;
  // gradients already stored in some .grad: a leaf given the same object copies it
  const stored: Tensor[] = [];
  try {
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[k]!;
      let g = node.buffer;
      node.buffer = null;
      if (g === null || (capture !== null && !node.needed)) continue;
      // from here on the sum may be handed on (to hooks, .grad, other buffers): never add into it again
      g._sumOf = 0;
      if (node.freed) throw new GradientError('GRAPH_FREED', FREED_MESSAGE);
      // one comparison unless something was written in place since the node was made
      if (node.createdAt !== writes.epoch && node.rule.saves) checkSaved(node);
      if (node.hooks !== null) g = runHooks(node.hooks, g);
      const retained = node.retained;
      if (retained !== null && capture === null) {
        // like PyTorch's retain_grad hook: a contiguous copy first, then out-of-place sums
        retained._grad = retained._grad === null ? contiguousCopy(g) : add(retained._grad, g);
      }
      if (capture !== null) {
        const positions = capture.targets.get(node);
        if (positions !== undefined) for (const p of positions) capture.results[p] = g;
      }
      const rule = node.rule;
      const next = node.next;
      const shapes = node.shapes;
      const dtypes = node.dtypes;
      for (let i = 0; i < next.length; i++) {
        const edge = next[i]!;
        if (edge === null) continue;
        if (capture !== null && (edge instanceof Node ? !edge.needed : !capture.targets.has(edge))) continue;
        const formula = rule.variadic ? rule.grads[0]! : rule.grads[i]!;
        let gi = formula(g, node.saved, i);
        if (gi === null) continue;
        if (shapes !== null) {
          const shape = shapes[i];
          if (shape !== null && shape !== undefined) gi = sumTo(gi, shape);
        }
        if (dtypes !== null) {
          const dtype = dtypes[i];
          if (dtype !== null && dtype !== undefined && gi.data.dtype !== dtype) gi = to(gi, dtype);
        }
        if (edge instanceof Node) edge.buffer = accumulate(edge.buffer, gi);
        else edge._buffer = accumulate(edge._buffer, gi);
      }
      if (!retainGraph) release(node);
    }

    for (const leaf of leaves) {
      let g = leaf._buffer;
      leaf._buffer = null;
      if (g === null) continue;
      g._sumOf = 0;
      if (capture !== null) {
        const positions = capture.targets.get(leaf);
        if (positions !== undefined) for (const p of positions) capture.results[p] = g;
        continue;
      }
      // like AccumulateGrad: a leaf whose requiresGrad was turned off since takes nothing
      if (!leaf._requiresGrad) continue;
      let replaced = false;
      if (leaf._hooks !== null) {
        const before = g;
        g = runHooks(leaf._hooks, g);
        replaced = g !== before;
      }
      if (!createGraph && g._requiresGrad) g = g.detach();
      if (leaf._grad === null) {
        // NOTE: as PyTorch's AccumulateGrad, .grad takes the gradient's memory only when nothing
        // else can see it: a view (expand, select), memory shared with another leaf's .grad (add
        // passes one gradient to both inputs, a reshape views it), with the gradient given to
        // backward, with the leaf itself, or a tensor a hook returned, is copied row-major first.
        if (!obeysLayout(g) || replaced || sharesMemory(g, leaf, stored, gradients)) g = contiguousCopy(g);
        stored.push(g);
        leaf._grad = g;
      } else {
        leaf._grad = add(leaf._grad, g);
      }
    }
  } finally {
    gradMode.enabled = previousMode;
  }
}

/**
 * `Tensor.backward` for several outputs at once (`torch.autograd.backward`).
 *
 * @example
 * ```ts
 * backward([y1, y2], [null, null]);
 * ```
 */
export function backward(
  outputs: readonly Tensor[],
  gradients: readonly (Tensor | B.Tensor | null | undefined)[] = [],
  retainGraph = false,
  createGraph = false,
): void {
  const outs = tensorList(outputs, 'backward', 'outputs');
  const seeds = gradientList(gradients, outs.length, 'backward', 'gradients');
  checkOptions({ retainGraph, createGraph }, 'backward', BACKWARD_OPTIONS);
  checkOutputs(outs);
  const roots = outs.map((output, i) => rootGradient(output, seeds[i], i));
  run(outs, roots, retainGraph, createGraph, null);
}

const GRAD_OPTIONS = { retainGraph: 'boolean', createGraph: 'boolean', allowUnused: 'boolean' } as const;

/** The gradients given for `count` outputs: none, or one (or `null`) per output. */
function gradientList(
  given: unknown,
  count: number,
  op: string,
  name: string,
): readonly (Tensor | B.Tensor | null | undefined)[] {
  if (given === undefined || given === null) return [];
  if (!Array.isArray(given)) {
    throw new B.ValueError('INVALID_ARGUMENT', `${op}: '${name}' must be an array of Tensors (or nulls), got ${B.describeValue(given)}`);
  }
  if (given.length !== 0 && given.length !== count) {
    throw new GradientError(
      'GRADIENT_MISMATCH',
      `${op}: '${name}' has ${given.length} entries, expected ${count} (one per output)`,
    );
  }
  return given as readonly (Tensor | B.Tensor | null | undefined)[];
}

/** Options of {@link grad}. */
export interface GradOptions {
  /** The gradients of the outputs (`grad_outputs`); may be omitted for one-element outputs. */
  gradOutputs?: readonly (Tensor | B.Tensor | null)[] | Tensor | null;
  /** Keep the graph's saved tensors (default: `createGraph`). */
  retainGraph?: boolean;
  /** Record the backward pass for higher-order derivatives (default `false`). */
  createGraph?: boolean;
  /** Return `null` for inputs the outputs do not depend on instead of throwing (default `false`). */
  allowUnused?: boolean;
}

/**
 * The gradients of `outputs` with respect to `inputs`, returned instead of
 * accumulated into `.grad` (`torch.autograd.grad`).
 *
 * @example
 * ```ts
 * const x = tensor(3, { requiresGrad: true });
 * const [dy] = grad(x.pow(3), [x], { createGraph: true });  // 3x^2 = 27
 * const [d2y] = grad(dy!, [x]);                              // 6x = 18
 * ```
 */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  options: GradOptions = {},
): (Tensor | null)[] {
  checkOptions(options, 'grad', GRAD_OPTIONS);
  const outs = tensorList(outputs, 'grad', 'outputs');
  const ins = tensorList(inputs, 'grad', 'inputs');
  const createGraph = options.createGraph ?? false;
  const retainGraph = options.retainGraph ?? createGraph;
  const given = options.gradOutputs;
  const gradOutputs = gradientList(given instanceof Tensor ? [given] : given, outs.length, 'grad', 'gradOutputs');
  checkOutputs(outs);
  const targets = new Map<Node | Tensor, number[]>();
  ins.forEach((input, i) => {
    if (!input._requiresGrad) {
      throw new GradientError('UNUSED_INPUT', 'One of the differentiated Tensors does not require grad');
    }
    const key = input.gradFn ?? input;
    const list = targets.get(key);
    if (list === undefined) targets.set(key, [i]);
    else list.push(i);
  });
  const seeds = outs.map((output, i) => rootGradient(output, gradOutputs[i], i));
  const capture: Capture = { targets, results: ins.map(() => null) };
  run(outs, seeds, retainGraph, createGraph, capture);
  const results = capture.results.map((g, i) => {
    if (g === null) return null;
    const input = ins[i]!;
    if (!createGraph && g._requiresGrad) g = g.detach();
    return g.data.dtype === input.data.dtype ? g : to(g, input.data.dtype);
  });
  if (options.allowUnused !== true && results.some((g) => g === null)) {
    throw new GradientError(
      'UNUSED_INPUT',
      'One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.',
    );
  }
  return results;
}

import { writes, type DType } from '@gradlab/tensor';
import type { Tensor } from './tensor';

/**
 * One gradient formula: the gradient for one input of an op, from the gradient
 * of its output (`grad`) and what the op saved on its node. Written with
 * differentiable ops, so running it with grad mode on records the backward
 * pass itself (`createGraph`).
 */
export type GradFormula = (grad: Tensor, node: Node, index: number) => Tensor | null;

/**
 * A row of the gradient table: the node's PyTorch name and one formula per
 * differentiable input, like an entry of PyTorch's `derivatives.yaml`.
 */
export interface Rule {
  /** PyTorch's class name of the node, e.g. `'MulBackward0'`. */
  readonly name: string;
  /** Gradient formulas, in input order. */
  readonly grads: readonly GradFormula[];
  /** `true` when the formulas read saved tensors (so a freed node cannot run again). */
  readonly saves: boolean;
  /** `true` for ops of any number of inputs (cat, stack): `grads[0]` serves every input, given its index. */
  readonly variadic?: boolean;
}

/** Where a gradient goes: the input's node, the leaf tensor it accumulates into, or nowhere. */
export type Edge = Node | Tensor | null;

let sequence = 0;

/**
 * A node of the backward graph (PyTorch's `grad_fn`): the op that made a
 * tensor, the values it saved for its gradient, and edges to its inputs.
 *
 * @example
 * ```ts
 * const x = tensor(2, { requiresGrad: true });
 * const y = x.mul(x).log();
 * y.gradFn!.name;                                // 'LogBackward0'
 * y.gradFn!.nextFunctions[0]![0]!.name;          // 'MulBackward0'
 * ```
 */
export class Node {
  /** The table row of the op. */
  readonly rule: Rule;
  /** Creation order; the backward walk runs nodes from the newest to the oldest (PyTorch's order). */
  readonly sequenceNr: number;
  /** @internal edges to the inputs, one per op input. */
  next: Edge[];
  /** @internal input shapes when an input was broadcast (else null): the engine un-broadcasts with `sumTo`. */
  shapes: (readonly number[] | null)[] | null = null;
  /** @internal input dtypes when an input's dtype differs from the output's (else null). */
  dtypes: (DType | null)[] | null = null;

  // Saved values, named after derivatives.yaml's vocabulary. Released after backward.
  /** @internal */ self: Tensor | number | null = null;
  /** @internal */ other: Tensor | number | null = null;
  /** @internal */ result: Tensor | null = null;
  /** @internal non-tensor arguments (dim, keepdim, index, exponent, sizes, ...). */
  dim = 0;
  /** @internal */ keepdim = false;
  /** @internal */ scalar = 0;
  /** @internal */ scalar2 = 0;
  /** @internal */ sizes: readonly number[] | null = null;
  /** @internal */ extra: unknown = null;

  /** @internal set once the saved values were released. */
  freed = false;
  /** @internal tensor hooks registered on the output of this node. */
  hooks: ((grad: Tensor) => Tensor | void)[] | null = null;
  /** @internal the output tensor when it called `retainGrad()`. */
  retained: Tensor | null = null;
  /** @internal the count of in-place writes when the node was made (see `markModified`). */
  readonly createdAt: number;
  /** @internal engine scratch: gradient buffer and the walk's mark. */
  buffer: Tensor | null = null;
  /** @internal */ mark = 0;
  /** @internal */ needed = false;

  constructor(rule: Rule, next: Edge[]) {
    this.rule = rule;
    this.next = next;
    this.sequenceNr = sequence++;
    this.createdAt = writes.epoch;
  }

  /** PyTorch's name of the node, e.g. `'LogBackward0'`. */
  get name(): string {
    return this.rule.name;
  }

  /**
   * The nodes gradients flow to, one `[node, inputNr]` pair per input, as in
   * PyTorch: a leaf that requires grad shows up as its `AccumulateGrad` node,
   * an input that needs no gradient as `[null, 0]`.
   */
  get nextFunctions(): readonly (readonly [Node | null, number])[] {
    return this.next.map((edge) => {
      if (edge === null) return [null, 0] as const;
      if (edge instanceof Node) return [edge, 0] as const;
      return [accumulateGradNode(edge), 0] as const;
    });
  }

  /** The node's name, as PyTorch prints `<LogBackward0 object>`. */
  toString(): string {
    return `<${this.name}>`;
  }
}

const ACCUMULATE_GRAD: Rule = { name: 'AccumulateGrad', grads: [], saves: false };

/**
 * The node PyTorch shows for a leaf that requires grad: it accumulates the
 * incoming gradient into `variable.grad`. Created on demand for `nextFunctions`.
 */
export class AccumulateGrad extends Node {
  /** The leaf tensor whose `.grad` this node accumulates into. */
  readonly variable: Tensor;
  constructor(variable: Tensor) {
    super(ACCUMULATE_GRAD, []);
    this.variable = variable;
  }
}

const accumulators = new WeakMap<Tensor, AccumulateGrad>();

function accumulateGradNode(leaf: Tensor): AccumulateGrad {
  let node = accumulators.get(leaf);
  if (node === undefined) {
    node = new AccumulateGrad(leaf);
    accumulators.set(leaf, node);
  }
  return node;
}

import type { DType } from '@gradlab/tensor';
import { writes } from '@gradlab/tensor/internal';
import type { Tensor } from '../tensor';

/**
 * One gradient formula: the gradient for one input of an op, from the gradient
 * of its output (`grad`) and the record the op saved (`saved`, typed by the op's
 * declaration: a formula cannot read what its op did not save). Written with
 * differentiable ops, so running it with grad mode on records the backward
 * pass itself (`createGraph`). `index` is the input's position (variadic ops).
 */
export type GradFormula<S = unknown> = (grad: Tensor, saved: S, index: number) => Tensor | null;

/**
 * A declared gradient: the node's PyTorch name and one formula per
 * differentiable input, like an entry of PyTorch's `derivatives.yaml`. Made by
 * {@link derivative}; every declaration is listed in `RULES` (rules.ts).
 */
export interface Rule<S = any> {
  /** PyTorch's class name of the node, e.g. `'MulBackward0'`. */
  readonly name: string;
  /** Gradient formulas, in input order. */
  readonly grads: readonly GradFormula<S>[];
  /**
   * `true` when the saved record holds tensors (PyTorch's saved variables): it is released
   * after backward, and a second backward through the node throws. `false` when it keeps only
   * arguments (sizes, dims), which PyTorch keeps.
   */
  readonly saves: boolean;
  /** `true` for ops of any number of inputs (cat, stack): `grads[0]` serves every input, given its index. */
  readonly variadic: boolean;
}

/** Options of {@link derivative}. */
export interface DerivativeOptions {
  /** The record holds tensors (see {@link Rule.saves}); default `false`. */
  saves?: boolean;
  /** One formula for any number of inputs (see {@link Rule.variadic}); default `false`. */
  variadic?: boolean;
}

/**
 * Declares the gradient of an op: its node name, what its node saved (the type
 * parameter) and one formula per input.
 *
 * @example
 * ```ts
 * const ExpBackward0 = derivative<{ result: Tensor }>('ExpBackward0', { saves: true },
 *   (g, s) => mul(g, s.result));
 * ```
 */
export function derivative<S = null>(name: string, options: DerivativeOptions, ...grads: GradFormula<S>[]): Rule<S> {
  return { name, grads, saves: options.saves === true, variadic: options.variadic === true };
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
  // NOTE: fields set in the constructor, no class-field initializers (see the note on Tensor).
  /** The table row of the op. */
  declare readonly rule: Rule;
  /** Creation order; the backward walk runs nodes from the newest to the oldest (PyTorch's order). */
  declare readonly sequenceNr: number;
  /** @internal edges to the inputs, one per op input. */
  declare next: Edge[];
  /** @internal input shapes when an input was broadcast (else null): the engine un-broadcasts with `sumTo`. */
  declare shapes: (readonly number[] | null)[] | null;
  /** @internal input dtypes when an input's dtype differs from the output's (else null). */
  declare dtypes: (DType | null)[] | null;

  /** @internal what the op saved for its formulas (its declaration's record); `null` once released. */
  declare saved: unknown;

  /** @internal set once the saved values were released. */
  declare freed: boolean;
  /** @internal tensor hooks registered on the output of this node. */
  declare hooks: ((grad: Tensor) => Tensor | void)[] | null;
  /** @internal the output tensor when it called `retainGrad()`. */
  declare retained: Tensor | null;
  /** @internal the count of in-place writes when the node was made (see `markModified`). */
  declare readonly createdAt: number;
  /** @internal engine scratch: gradient buffer and the walk's mark. */
  declare buffer: Tensor | null;
  /** @internal */ declare mark: number;
  /** @internal */ declare needed: boolean;

  constructor(rule: Rule, next: Edge[], saved: unknown = null) {
    this.rule = rule;
    this.sequenceNr = sequence++;
    this.next = next;
    this.shapes = null;
    this.dtypes = null;
    this.saved = saved;
    this.freed = false;
    this.hooks = null;
    this.retained = null;
    this.createdAt = writes.epoch;
    this.buffer = null;
    this.mark = 0;
    this.needed = false;
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

const ACCUMULATE_GRAD: Rule<null> = derivative('AccumulateGrad', {});

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

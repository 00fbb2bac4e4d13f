/*
 * The index of every declared gradient, keyed by PyTorch's node name, in the
 * spirit of PyTorch's tools/autograd/derivatives.yaml. Each op declares its
 * forward, what it saves and its formulas once, in its own file (ops/*.ts);
 * this table only lists them, for the coverage test (every row is exercised
 * by gradcheck) and the docs, collected from the op files' exports. Nothing
 * is registered on import: ops point at their own declarations.
 */
import type { Rule } from './engine/node';
import * as ew from './ops/elementwise';
import * as views from './ops/views';
import * as red from './ops/reductions';
import * as linalg from './ops/linalg';
import * as bw from './ops/backward-ops';
import * as viewInternals from './ops/view-internals';
import * as losses from './ops/losses';
// indexing (issue 15)
import * as indexing from './ops/indexing';
// shapes (issue 15)
import * as shapes from './ops/shapes';

// reductions (issue 15)
import * as statistics from './ops/statistics';
import * as sorting from './ops/sorting';

/** The declarations among a module's exports, keyed by their export name (the node's name). */
type RulesOf<M> = { [K in keyof M as M[K] extends Rule ? K : never]: M[K] };

function rulesOf<M extends object>(module: M): RulesOf<M> {
  const out: Record<string, Rule> = {};
  for (const [key, value] of Object.entries(module)) if (isRule(value)) out[key] = value;
  return out as RulesOf<M>;
}

function isRule(value: unknown): value is Rule {
  return typeof value === 'object' && value !== null && 'grads' in value && 'name' in value && 'saves' in value;
}

/**
 * Every gradient rule of the package, keyed by PyTorch's node name (one row
 * per op, like `derivatives.yaml`), collected from the declarations the op
 * files export, so a new op's row appears here by itself. The engine calls
 * `grads[i](grad, saved, i)` for each input that needs a gradient.
 *
 * @example
 * ```ts
 * RULES.MulBackward0.grads.length; // 2: self and other
 * mul(x, y).gradFn!.rule === RULES.MulBackward0; // true
 * ```
 */
export const RULES = {
  ...rulesOf(ew), // arithmetic and elementwise
  ...rulesOf(red), // reductions
  ...rulesOf(linalg), // matrix products
  ...rulesOf(views), // views and copies
  ...rulesOf(viewInternals), // the views matmul records (`_unsafe_view`, `squeeze.dims`)
  ...rulesOf(bw), // the backward ops' own rules (double backward)
  ...rulesOf(losses), // the scalar overloads PyTorch's C++ composites record, and the losses
  // indexing (issue 15)
  ...rulesOf(indexing), // index_select, gather, scatter, take, masked_fill/select and their gradients' ops
  // shapes (issue 15)
  ...rulesOf(shapes), // split, chunk, unbind, flip, roll, repeat, tril/triu, diag, diagonal, trace, outer, kron

  // reductions (issue 15)
  ...rulesOf(statistics), // var, std, logsumexp, amax/amin, norm, cumsum, cumprod
  ...rulesOf(sorting), // sort, topk, kthvalue, median, mode
};

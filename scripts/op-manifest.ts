/*
 * The op manifest (op-manifest.json), typed for the tests: one row per op of
 * @gradlab/tensor and @gradlab/autograd. The facade tests, both golden
 * harnesses and the fixture generators (scripts/fixtures/common.py) read it,
 * so a new op is added to every list at once by its row.
 */
import { readFileSync } from 'node:fs';

/** How an op's values (or gradients) agree with PyTorch 1.13. */
export type Agreement =
  /** to the last bit (IEEE-exact arithmetic, or none) */
  | 'exact'
  /** within a few ulps: transcendental functions (libm vs PyTorch's vectorised ones) */
  | 'libm'
  /** within the accumulation bound: another summation order */
  | 'summation';

export interface OpRow {
  name: string;
  /**
   * 'logical': predicates and bit ops, bool or integer results, not differentiable (elementwise, issue 15);
   * 'index': the indexing ops (issue 15).
   */
  kind: 'unary' | 'binary' | 'compare' | 'ternary' | 'reduction' | 'linalg' | 'view' | 'index' | 'logical';
  arity: number | 'n';
  /** Input dtypes the tensor op accepts. */
  dtypes: readonly ('float32' | 'float64' | 'int32' | 'bool')[];
  /** PyTorch's callable, e.g. `torch.exp`, `Tensor.expand_as`. */
  torch: string;
  forward: Agreement;
  /** `null`: not differentiable. */
  gradient: Agreement | null;
  /** The sign of a zero result is IEEE-defined (and checked). */
  signedZero: boolean;
  /** The nodes the op records. */
  gradFn: readonly string[];
  /** Where @gradlab/tensor exposes it: a function, a Tensor method, a Tensor getter (`x.T`). */
  tensor: readonly ('function' | 'method' | 'getter')[];
  /** Where @gradlab/autograd exposes it. */
  autograd: readonly ('function' | 'method' | 'getter')[];
}

/** Every row of the manifest. */
export const OPS: readonly OpRow[] = (
  JSON.parse(readFileSync(new URL('./op-manifest.json', import.meta.url), 'utf8')) as { ops: OpRow[] }
).ops;

/** The row of `name`, or a thrown error naming it. */
export function opRow(name: string): OpRow {
  const row = OPS.find((o) => o.name === name);
  if (row === undefined) throw new Error(`op-manifest.json has no op '${name}'`);
  return row;
}

/** The names of the ops matching `test`. */
export function opNames(test: (row: OpRow) => boolean): string[] {
  return OPS.filter(test).map((o) => o.name);
}

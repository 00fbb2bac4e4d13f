/*
 * The reductions and scans of issue 15 against PyTorch 1.13 (fixtures from
 * scripts/fixtures/gen_reduce.py): values (or PyTorch's error), the recorded
 * node, the gradients of every input and, where PyTorch's first derivative is
 * differentiable, the second derivatives (double backward), in float32 and float64.
 */
import * as ag from '../src/index';
import type { Operand, Tensor } from '../src/index';
import { opRow } from '../../../scripts/op-manifest';
import { decode, type Num } from './helpers';
import { describeOpCases } from './op-cases';

type A = Record<string, any>;
const num = (v: unknown): number | undefined => (v === undefined ? undefined : decode(v as Num));
const varOptions = (a: A): { correction?: number; keepdim?: boolean } => ({ correction: a.correction, keepdim: a.keepdim });
const OPS: Record<string, (x: Operand[], a: A) => Tensor> = {
  var: ([x], a) => ag.var(x!, a.dim, varOptions(a)),
  std: ([x], a) => ag.std(x!, a.dim, varOptions(a)),
  logsumexp: ([x], a) => ag.logsumexp(x!, a.dim, a.keepdim ?? false),
  amax: ([x], a) => ag.amax(x!, a.dim, a.keepdim ?? false),
  amin: ([x], a) => ag.amin(x!, a.dim, a.keepdim ?? false),
  all: ([x], a) => ag.all(x!, a.dim, a.keepdim ?? false),
  any: ([x], a) => ag.any(x!, a.dim, a.keepdim ?? false),
  norm: ([x], a) => ag.norm(x!, a.p === 'fro' ? 'fro' : (num(a.p) ?? 2), a.dim, a.keepdim ?? false),
  cumsum: ([x], a) => ag.cumsum(x!, a.dim),
  cumprod: ([x], a) => ag.cumprod(x!, a.dim),
  sort: ([x], a) => ag.sort(x!, a.dim, { descending: a.descending, stable: a.stable }).values,
  sortIndices: ([x], a) => ag.sort(x!, a.dim, { descending: a.descending, stable: a.stable }).indices,
  argsort: ([x], a) => ag.argsort(x!, a.dim, { descending: a.descending, stable: a.stable }),
  topk: ([x], a) => ag.topk(x!, a.k, a.dim, { largest: a.largest }).values,
  topkIndices: ([x], a) => ag.topk(x!, a.k, a.dim, { largest: a.largest }).indices,
  kthvalue: ([x], a) => ag.kthvalue(x!, a.k, a.dim, a.keepdim).values,
  kthvalueIndices: ([x], a) => ag.kthvalue(x!, a.k, a.dim, a.keepdim).indices,
  median: ([x], a) => (a.dim === undefined ? ag.median(x!) : ag.median(x!, a.dim, a.keepdim).values),
  medianIndices: ([x], a) => ag.median(x!, a.dim, a.keepdim).indices,
  mode: ([x], a) => ag.mode(x!, a.dim, a.keepdim).values,
  modeIndices: ([x], a) => ag.mode(x!, a.dim, a.keepdim).indices,
};

// the fixture's `<op>Indices` cases check the indices of `<op>`
const rowOf = (op: string): ReturnType<typeof opRow> => opRow(op.replace(/Indices$/, ''));

describeOpCases('reductions and scans of issue 15 against PyTorch 1.13', 'reduce.json', OPS, rowOf);

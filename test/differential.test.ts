/*
 * The differential test: seeded random tensor programs that PyTorch 1.13 ran
 * (scripts/fixtures/gen_differential.py wrote what it gave into
 * test/fixtures/differential.json), replayed through gradlab's exported API
 * and compared node by node: values, dtypes, shapes, requiresGrad, grad_fn
 * names, the node at which an error is raised, gradients of first and second
 * order, and the parameters after optimizer steps. The suite prints the
 * agreement figure (programs agreeing / total) and what disagrees.
 *
 * Many more programs on demand: `scripts/differential.sh 5000` generates them
 * into a temporary file and runs this suite on it (GRADLAB_DIFFERENTIAL=<file>).
 */
import { readFileSync } from 'node:fs';

import { afterAll, describe, expect, it } from 'vitest';

import * as A from '../packages/autograd/src/index';
import { Linear } from '../packages/nn/src/index';
import { binaryCrossEntropy, crossEntropy, mseLoss, nllLoss } from '../packages/losses/src/index';
import { Adam, AdamW, SGD } from '../packages/optim/src/index';
import * as B from '../packages/tensor/src/index';
import { decodeNonFinite, isClose, toBase } from '@gradlab/testing';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface FixtureTensor {
  dtype: B.DType;
  shape: number[];
  data: (number | string | boolean)[];
  requiresGrad?: boolean;
  gradFn?: string | null;
}
interface ErrorResult {
  error: string;
  message: string;
}
type Node = { input: FixtureTensor } | { op: string; args: Json[] };
interface Tail {
  kind: 'none' | 'backward' | 'double' | 'optim';
  of?: number;
  upstream?: FixtureTensor;
  weights?: FixtureTensor[];
  optimizer?: { kind: 'SGD' | 'Adam' | 'AdamW'; options: Record<string, unknown> };
  steps?: number;
}
interface Program {
  seed: number;
  nodes: Node[];
  tail: Tail;
  expect: (FixtureTensor | ErrorResult | null)[];
  result?: {
    grads?: (FixtureTensor | null)[];
    second?: (FixtureTensor | null)[] | null;
    secondError?: ErrorResult;
    steps?: FixtureTensor[][];
    stepGrads?: (FixtureTensor | null)[][];
    error?: string;
    message?: string;
  };
}

const file = process.env.GRADLAB_DIFFERENTIAL ?? new URL('./fixtures/differential.json', import.meta.url);
const fixture = JSON.parse(readFileSync(file, 'utf8')) as { count: number; programs: Program[] };

// ---- building gradlab values ------------------------------------------------------------------

type Value = A.Tensor;

function arg(a: Json, values: Value[]): unknown {
  if (a !== null && typeof a === 'object' && !Array.isArray(a)) {
    if ('ref' in a) return values[a.ref as number];
    if ('scalar' in a) return decodeNonFinite(a.scalar as number | boolean | string);
    if ('list' in a) return (a.list as number[]).map((i) => values[i]);
  }
  return a;
}

const UNARY = new Set(['neg', 'abs', 'exp', 'log', 'sqrt', 'reciprocal', 'sin', 'cos', 'tan', 'atan', 'tanh', 'sigmoid', 'relu', 'sign', 'square']);
const BINARY = new Set(['add', 'sub', 'mul', 'div', 'pow', 'maximum', 'minimum', 'eq', 'ne', 'gt', 'ge', 'lt', 'le']);
// elementwise (issue 15); PyTorch's snake_case names map to gradlab's camelCase ones
for (const op of ['log2', 'log10', 'exp2', 'rsqrt', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh', 'asin', 'acos', 'erf', 'erfc', 'selu', 'floor', 'ceil', 'round', 'trunc', 'frac', 'isnan', 'isfinite', 'logical_not']) UNARY.add(op);
for (const op of ['fmod', 'remainder', 'atan2', 'logical_and', 'logical_xor']) BINARY.add(op);
const CAMEL: Record<string, string> = { logical_not: 'logicalNot', logical_and: 'logicalAnd', logical_xor: 'logicalXor' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

/** One node of a program through gradlab's exported API, as the generator ran it through PyTorch's. */
function runOp(op: string, raw: Json[], values: Value[]): Value {
  const a = raw.map((x) => arg(x, values)) as Any[];
  const fns = A as unknown as Record<string, (...args: unknown[]) => Value>;
  if (UNARY.has(op) || BINARY.has(op)) return fns[CAMEL[op] ?? op]!(...a);
  switch (op) {
    case 'leaky_relu':
      return A.leakyRelu(a[0], a[1]);
    case 'where':
      return A.where(a[0], a[1], a[2]);
    case 'clamp':
      return A.clamp(a[0], a[1], a[2]);
    case 'sum':
    case 'mean':
    case 'prod':
      return a[1] === null ? fns[op]!(a[0]) : fns[op]!(a[0], a[1], a[2]);
    case 'max':
    case 'min':
      return a[1] === null ? fns[op]!(a[0]) : (fns[op]!(a[0], a[1], a[2]) as unknown as A.ValuesIndices).values;
    case 'argmax':
    case 'argmin':
      return a[1] === null ? fns[op]!(a[0]) : fns[op]!(a[0], a[1], a[2]);
    // reductions (issue 15)
    case 'amax':
    case 'amin':
    case 'logsumexp':
      return fns[op]!(a[0], a[1], a[2]);
    case 'var':
    case 'std':
      return fns[op]!(a[0], a[1], { keepdim: a[2], correction: a[3] });
    case 'norm':
      return A.norm(a[0], a[3], a[1], a[2]);
    case 'cumsum':
    case 'cumprod':
      return fns[op]!(a[0], a[1]);
    case 'softmax':
      return A.softmax(a[0], a[1]);
    case 'log_softmax':
      return A.logSoftmax(a[0], a[1]);
    case 'matmul':
    case 'mm':
    case 'bmm':
    case 'dot':
    case 'mv':
      return fns[op]!(a[0], a[1]);
    case 'reshape':
    case 'view':
    case 'expand':
    case 'permute':
      return fns[op]!(a[0], a[1]);
    case 'flatten':
      return A.flatten(a[0], a[1], a[2]);
    case 'squeeze':
      return a[1] === null ? A.squeeze(a[0]) : A.squeeze(a[0], a[1]);
    case 'unsqueeze':
      return A.unsqueeze(a[0], a[1]);
    case 'transpose':
      return A.transpose(a[0], a[1], a[2]);
    case 't':
      return A.t(a[0]);
    case 'T':
      return A.T(a[0]);
    case 'select':
      return A.select(a[0], a[1], a[2]);
    case 'slice':
      return A.slice(a[0], a[1], a[2], a[3], a[4]);
    case 'narrow':
      return A.narrow(a[0], a[1], a[2], a[3]);
    case 'contiguous':
      return A.contiguous(a[0]);
    case 'clone':
      return A.clone(a[0]);
    case 'cat':
      return A.cat(a[0], a[1]);
    case 'stack':
      return A.stack(a[0], a[1]);
    case 'to':
      return A.to(a[0], a[1]);
    case 'linear': {
      // nn.Linear with the program's weight and bias as its parameters (F.linear is what its forward runs)
      const [x, weight, bias] = a as [Value, Value, Value | null];
      const layer = new Linear(weight.shape[1]!, weight.shape[0]!, { bias: bias !== null, dtype: weight.dtype });
      Object.assign(layer, { weight, bias });
      return layer.call(x);
    }
    case 'cross_entropy': {
      const [x, target, reduction, labelSmoothing, weight] = a;
      return crossEntropy(x, target, { reduction, labelSmoothing, ...(weight === null ? {} : { weight }) });
    }
    case 'nll_loss': {
      const [x, target, reduction, weight] = a;
      return nllLoss(x, target, { reduction, ...(weight === null ? {} : { weight }) });
    }
    case 'mse_loss':
      return mseLoss(a[0], a[1], { reduction: a[2] });
    case 'binary_cross_entropy':
      return binaryCrossEntropy(a[0], a[1], { reduction: a[3], ...(a[2] === null ? {} : { weight: a[2] }) });
    // shapes (issue 15)
    case 'flip':
      return A.flip(a[0], a[1]);
    case 'roll':
      return A.roll(a[0], a[1], a[2]);
    case 'repeat':
      return A.repeat(a[0], a[1]);
    case 'pad':
      return A.pad(a[0], a[1], { value: a[2] });
    case 'tril':
      return A.tril(a[0], a[1]);
    case 'triu':
      return A.triu(a[0], a[1]);
    case 'diagonal':
      return A.diagonal(a[0], a[1], a[2], a[3]);
    case 'trace':
      return A.trace(a[0]);
    // indexing (issue 15)
    case 'index_select':
      return A.indexSelect(a[0], a[1], a[2]);
    case 'gather':
      return A.gather(a[0], a[1], a[2]);
    case 'scatter_add':
      return A.scatterAdd(a[0], a[1], a[2], a[3]);
    case 'take':
      return A.take(a[0], a[1]);
    case 'masked_fill':
      return A.maskedFill(a[0], a[1], a[2]);
    case 'index':
      return a[1] === 0 ? A.index(a[0], a[2]) : A.index(a[0], ':', a[2]);
    default:
      throw new Error(`differential test: unknown op ${op}`);
  }
}

// ---- comparing ----------------------------------------------------------------------------------

const stats = { floats: 0, identical: 0 };
/** Set per program: float32 anywhere in it bounds the precision of everything after (a float64 made from float32). */
let programRtol = 1e-9;

/** Why `actual` differs from PyTorch's `expected`, or null when it agrees. */
function compareTensor(actual: A.Tensor | B.Tensor | null, expected: FixtureTensor | null, what: string): string | null {
  if (expected === null) return actual === null ? null : `${what}: expected none, got a tensor`;
  if (actual === null) return `${what}: expected a tensor, got none`;
  const data = actual instanceof A.Tensor ? actual.data : actual;
  if (data.dtype !== expected.dtype) return `${what}: dtype ${data.dtype}, PyTorch ${expected.dtype}`;
  if (!B.shapesEqual(data.shape, expected.shape)) return `${what}: shape [${data.shape.join(', ')}], PyTorch [${expected.shape.join(', ')}]`;
  if (expected.requiresGrad !== undefined && actual instanceof A.Tensor && actual.requiresGrad !== expected.requiresGrad) {
    return `${what}: requiresGrad ${actual.requiresGrad}, PyTorch ${expected.requiresGrad}`;
  }
  if (expected.gradFn !== undefined && actual instanceof A.Tensor) {
    const name = actual.gradFn?.name ?? null;
    if (name !== expected.gradFn) return `${what}: grad_fn ${name}, PyTorch ${expected.gradFn}`;
  }
  const got = data.dataSync();
  const want = expected.data.map((v) => Number(decodeNonFinite(v)));
  const float = expected.dtype === 'float32' || expected.dtype === 'float64';
  let scale = 1;
  for (const w of want) if (Number.isFinite(w) && Math.abs(w) > scale) scale = Math.abs(w);
  const rtol = expected.dtype === 'float32' ? 1e-4 : programRtol;
  for (let i = 0; i < want.length; i++) {
    const g = Number(got[i]);
    const w = want[i]!;
    if (float) {
      stats.floats++;
      if (Object.is(g, w)) {
        stats.identical++;
        continue;
      }
      if (Number.isNaN(w) || Number.isNaN(g) || !Number.isFinite(w) || !Number.isFinite(g)) {
        return `${what}: element ${i} is ${g}, PyTorch ${w}`;
      }
      // float32: an element's error is bounded by the largest terms it came from, not by itself
      const scaleRtol = expected.dtype === 'float32' ? rtol * 0.1 : rtol * 1e-2;
      if (!isClose(g, w, { rtol, scaleRtol }, scale)) return `${what}: element ${i} is ${g}, PyTorch ${w}`;
    } else if (g !== w) {
      return `${what}: element ${i} is ${g}, PyTorch ${w}`;
    }
  }
  return null;
}

function isError(x: unknown): x is ErrorResult {
  return typeof x === 'object' && x !== null && 'error' in x;
}

interface Outcome {
  agrees: boolean;
  /** The first disagreement, e.g. 'node 4 (sum): grad_fn ...'. */
  reason: string;
  /** The op (or tail) where it happened, for the summary. */
  where: string;
  /** gradlab threw a GradlabError there. */
  threw?: boolean;
}

/** Runs the program's nodes; returns the values, or the first disagreement. */
function runNodes(program: Program, leaves: Map<number, Value> | null): { values: Value[]; outcome: Outcome | null } {
  const values: Value[] = [];
  for (let i = 0; i < program.nodes.length; i++) {
    const node = program.nodes[i]!;
    if ('input' in node) {
      values.push(leaves?.get(i) ?? A.fromData(toBase(node.input), node.input.requiresGrad === true));
      continue;
    }
    const expected = program.expect[i]!;
    let value: Value;
    try {
      value = runOp(node.op, node.args, values);
    } catch (error) {
      if (!(error instanceof B.GradlabError)) {
        return { values, outcome: { agrees: false, where: node.op, reason: `node ${i} (${node.op}) threw a plain ${String(error)}` } };
      }
      if (isError(expected)) return { values, outcome: { agrees: true, where: node.op, reason: '' } };
      return { values, outcome: { agrees: false, threw: true, where: node.op, reason: `node ${i} (${node.op}) threw ${error.name}: ${error.message}; PyTorch succeeded` } };
    }
    if (isError(expected)) {
      return { values, outcome: { agrees: false, where: node.op, reason: `node ${i} (${node.op}) succeeded; PyTorch raised ${expected.error}: ${expected.message}` } };
    }
    const why = leaves === null ? compareTensor(value, expected as FixtureTensor, `node ${i} (${node.op})`) : null;
    if (why !== null) return { values, outcome: { agrees: false, where: node.op, reason: why } };
    values.push(value);
  }
  return { values, outcome: null };
}

function runTail(program: Program, values: Value[]): Outcome {
  const tail = program.tail;
  const ok: Outcome = { agrees: true, where: tail.kind, reason: '' };
  if (tail.kind === 'none') return ok;
  const result = program.result!;
  const final = values[tail.of!]!;
  const upstream = A.fromData(toBase(tail.upstream!));
  const leafIndices = program.nodes.flatMap((node, i) => ('input' in node && node.input.requiresGrad ? [i] : []));
  const leaves = leafIndices.map((i) => values[i]!);
  const fail = (reason: string): Outcome => ({ agrees: false, where: tail.kind, reason: `${tail.kind}: ${reason}` });
  const guard = (fn: () => Outcome): Outcome => {
    try {
      return fn();
    } catch (error) {
      if (result.error !== undefined && error instanceof B.GradlabError) return ok;
      return fail(`threw ${String(error)}${result.error === undefined ? '; PyTorch succeeded' : ''}`);
    }
  };
  if (tail.kind === 'backward') {
    return guard(() => {
      final.backward(upstream);
      if (result.error !== undefined) return fail(`succeeded; PyTorch raised ${result.error}: ${result.message}`);
      for (let k = 0; k < leaves.length; k++) {
        const why = compareTensor(leaves[k]!.grad, result.grads![k]!, `grad of leaf ${leafIndices[k]}`);
        if (why !== null) return fail(why);
      }
      return ok;
    });
  }
  if (tail.kind === 'double') {
    return guard(() => {
      const first = A.grad([final], leaves, { gradOutputs: [upstream], createGraph: true, allowUnused: true });
      if (result.error !== undefined) return fail(`succeeded; PyTorch raised ${result.error}: ${result.message}`);
      for (let k = 0; k < leaves.length; k++) {
        const why = compareTensor(first[k] ?? null, result.grads![k]!, `first-order grad of leaf ${leafIndices[k]}`);
        if (why !== null) return fail(why);
      }
      const terms = first.flatMap((g, k) => (g !== null && g.requiresGrad ? [g.mul(A.fromData(toBase(tail.weights![k]!))).sum()] : []));
      if (terms.length === 0) return result.second === null ? ok : fail('no first-order gradient requires grad; PyTorch\'s do');
      if (result.second === null) return fail('first-order gradients require grad; PyTorch\'s do not');
      let total = terms[0]!;
      for (const term of terms.slice(1)) total = total.add(term);
      try {
        total.backward();
      } catch (error) {
        if (result.secondError !== undefined && error instanceof B.GradlabError) return ok;
        return fail(`second backward threw ${String(error)}`);
      }
      if (result.secondError !== undefined) return fail(`second backward succeeded; PyTorch raised ${result.secondError.message}`);
      for (let k = 0; k < leaves.length; k++) {
        const why = compareTensor(leaves[k]!.grad, result.second![k]!, `second-order grad of leaf ${leafIndices[k]}`);
        if (why !== null) return fail(why);
      }
      return ok;
    });
  }
  // optimizer steps, the program re-run on the updated parameters each time
  return guard(() => {
    const spec = tail.optimizer!;
    const o = spec.options as Record<string, Any>;
    const optimizer =
      spec.kind === 'SGD'
        ? new SGD(leaves, { lr: o.lr, momentum: o.momentum, weightDecay: o.weight_decay, nesterov: o.nesterov, maximize: o.maximize })
        : new (spec.kind === 'Adam' ? Adam : AdamW)(leaves, {
          lr: o.lr, betas: o.betas, eps: o.eps, weightDecay: o.weight_decay, amsgrad: o.amsgrad, maximize: o.maximize,
        });
    const byIndex = new Map(leafIndices.map((i, k) => [i, leaves[k]!] as const));
    for (const [i, node] of program.nodes.entries()) if ('input' in node && !byIndex.has(i)) byIndex.set(i, values[i]!);
    const expectedSteps = result.steps ?? [];
    for (let step = 0; step < tail.steps!; step++) {
      optimizer.zeroGrad();
      const run = runNodes(program, byIndex);
      if (run.outcome !== null) {
        // the updated parameters made the program fail: PyTorch's must fail at the same step
        if (run.outcome.threw === true && result.error !== undefined && expectedSteps.length === step) return ok;
        return run.outcome.agrees ? ok : fail(`step ${step}: ${run.outcome.reason}`);
      }
      run.values[tail.of!]!.mul(upstream).sum().backward();
      const stepGrads = result.stepGrads?.[step];
      if (stepGrads !== undefined) {
        for (let k = 0; k < leaves.length; k++) {
          const why = compareTensor(leaves[k]!.grad, stepGrads[k] ?? null, `step ${step}, gradient of parameter ${leafIndices[k]}`);
          if (why !== null) return fail(why);
        }
      }
      optimizer.step();
      if (step >= expectedSteps.length) {
        return result.error !== undefined ? fail(`step ${step} succeeded; PyTorch raised ${result.message}`) : fail(`step ${step}: no PyTorch result`);
      }
      for (let k = 0; k < leaves.length; k++) {
        const expected = expectedSteps[step]![k]!;
        let why = compareTensor(leaves[k]!, { ...expected, requiresGrad: undefined, gradFn: undefined }, `step ${step}, parameter ${leafIndices[k]}`);
        // NOTE: Adam divides by sqrt(v) + eps: a gradient that is rounding noise (the two agree to
        // the tolerance above, but |g| ~ eps) moves a parameter by up to lr in either direction
        if (why !== null && spec.kind !== 'SGD' && noiseGradient(result.stepGrads, k, step)) {
          why = withinSteps(leaves[k]!, expected, (step + 1) * 2 * (o.lr as number));
        }
        if (why !== null) return fail(why);
      }
      // each step starts from PyTorch's parameters (they agree to the tolerance): rounding
      // differences are not carried into the next step, where a pole (tan) could amplify them
      for (let k = 0; k < leaves.length; k++) leaves[k]!.data.storage.set(toBase(expectedSteps[step]![k]!).storage);
    }
    return ok;
  });
}

/** `true` when PyTorch's gradient of parameter `k` was below 1e-6 in size at some step up to `step`. */
function noiseGradient(stepGrads: (FixtureTensor | null)[][] | undefined, k: number, step: number): boolean {
  if (stepGrads === undefined) return false;
  for (let s = 0; s <= step; s++) {
    const g = stepGrads[s]?.[k];
    if (g != null && g.data.some((v) => Math.abs(Number(decodeNonFinite(v))) < 1e-6)) return true;
  }
  return false;
}

function withinSteps(actual: A.Tensor, expected: FixtureTensor, bound: number): string | null {
  const got = actual.data.dataSync();
  const want = expected.data.map((v) => Number(decodeNonFinite(v)));
  for (let i = 0; i < want.length; i++) {
    const g = Number(got[i]);
    // NaN where PyTorch's is NaN agrees (as in compareTensor), NaN against a number does not
    if (Object.is(g, want[i]!)) continue;
    if (!(Math.abs(g - want[i]!) <= bound)) return `parameter element ${i} is ${got[i]}, PyTorch ${want[i]} (beyond ${bound})`;
  }
  return null;
}

/** The dtype the fixture records for a `{ ref }` argument (int64 is recorded as int32), or null. */
function recordedDtype(program: Program, a: Json | undefined): string | null {
  if (a === undefined || a === null || typeof a !== 'object' || Array.isArray(a) || typeof a.ref !== 'number') return null;
  const node = program.nodes[a.ref];
  if (node !== undefined && 'input' in node) return node.input.dtype;
  const value = program.expect[a.ref];
  return value !== null && value !== undefined && !isError(value) ? value.dtype : null;
}

/** The shape the fixture records for a `{ ref }` argument, or null. */
function recordedShape(program: Program, a: Json | undefined): number[] | null {
  if (a === undefined || a === null || typeof a !== 'object' || Array.isArray(a) || typeof a.ref !== 'number') return null;
  const node = program.nodes[a.ref];
  const value = node !== undefined && 'input' in node ? node.input : program.expect[a.ref];
  return value !== null && value !== undefined && !isError(value) ? value.shape : null;
}

/** Whether the fixture's values of a `{ ref }` argument contain a NaN. */
function recordedHasNaN(program: Program, a: Json | undefined): boolean {
  if (a === undefined || a === null || typeof a !== 'object' || Array.isArray(a) || typeof a.ref !== 'number') return false;
  const node = program.nodes[a.ref];
  const value = node !== undefined && 'input' in node ? node.input : program.expect[a.ref];
  return value !== null && value !== undefined && !isError(value) && value.data.some((v) => v === 'nan');
}

/**
 * Where PyTorch 1.13 itself is wrong (or checks nothing), and gradlab is not: each class is named
 * and explained, and counted apart in the printed figure. The tests beside the ops show gradlab's
 * answer is the right one (gradcheck / the mathematics).
 */
const PYTORCH_BUGS: { name: string; kind: 'bug' | 'deliberate'; matches: (program: Program, outcome: Outcome) => boolean }[] = [
  {
    // ClampBackward0 with tensor bounds broadcasting past the input: 1.13's backward writes the
    // gradient in place into a tensor of the input's shape ("output with shape [1] doesn't match
    // the broadcast shape [2, 1]"); gradlab sums it back (gradcheck passes)
    name: 'clamp with bounds broadcasting past the input: PyTorch 1.13 fails in backward',
    kind: 'bug',
    matches: (program, outcome) =>
      /doesn't match the broadcast shape/.test(program.result?.message ?? program.result?.secondError?.message ?? '') &&
      /succeeded; PyTorch raised/.test(outcome.reason) &&
      program.nodes.some((n) => 'op' in n && n.op === 'clamp' && n.args.slice(1).some((a) => a !== null && typeof a === 'object' && 'ref' in a)),
  },
  {
    // prod with two or more zeros: 1.13 returns zeros that do not require grad even with
    // create_graph, so its second derivative is 0 (or missing) where d2/dxi dxj prod is not
    name: 'prod with two zeros: PyTorch 1.13 drops the second derivative',
    kind: 'bug',
    matches: (program, outcome) => outcome.where === 'double' && program.nodes.some((n) => 'op' in n && n.op === 'prod'),
  },
  {
    // pow(x, False): 1.13's pow_backward does not see the bool exponent False as 0 and computes
    // grad * 0 * x^-1 (NaN at x = 0, and a graph under create_graph); the derivative of x^0 is 0
    name: 'pow(x, False): PyTorch 1.13 gives a NaN gradient at 0',
    kind: 'bug',
    matches: (program) =>
      program.nodes.some((n) => 'op' in n && n.op === 'pow' && n.args.some((a) => a !== null && typeof a === 'object' && 'scalar' in a && a.scalar === false)),
  },
  {
    // mm/mv/bmm of mixed dtypes with an empty operand: 1.13 returns zeros before its dtype check
    // (in the dtype of one operand or the other); gradlab always checks
    name: 'empty matrix products of mixed dtypes: PyTorch 1.13 does not check',
    kind: 'deliberate',
    matches: (_program, outcome) => /threw DTypeError: (mm|mv|bmm|matmul): expected scalar type .* PyTorch succeeded/.test(outcome.reason),
  },
  {
    // nll_loss2d's backward on a non-contiguous (permuted) input: 1.13 raises "grad_input must be
    // contiguous" in its own kernel; gradlab's gradient is the derivative (gradcheck)
    name: 'nll_loss of a non-contiguous 4-d input: PyTorch 1.13 fails in backward',
    kind: 'bug',
    matches: (program) => /grad_input must be contiguous/.test(program.result?.message ?? ''),
  },
  {
    // PyTorch's integer results (sums, argmax, int arithmetic) are int64 and a product of int64
    // with int32 raises; gradlab's integer dtype is int32 throughout (fixtures record int64 as int32)
    name: 'int64 and int32 products: gradlab has no int64 (its integers are int32)',
    kind: 'deliberate',
    matches: (_program, outcome) => /succeeded; PyTorch raised .*(expected scalar type (Long but found Int|Int but found Long)|found (Long and Int|Int and Long))/.test(outcome.reason),
  },
  {
    // scatter_add of an int64 tensor (a sum or argmax of integers) and an int32 one: PyTorch checks
    // self.dtype == src.dtype; gradlab's are both int32 (fixtures record int64 as int32, so both
    // operands recorded as int32 and PyTorch's dtype error can only be int64 against int32)
    name: 'scatter_add of int64 and int32: gradlab has no int64 (its integers are int32)',
    kind: 'deliberate',
    matches: (program, outcome) => {
      if (!/succeeded; PyTorch raised RuntimeError: scatter\(\): Expected self\.dtype to be equal to src\.dtype/.test(outcome.reason)) return false;
      const node = program.nodes[Number(/^node (\d+)/.exec(outcome.reason)?.[1])];
      if (node === undefined || !('op' in node) || node.op !== 'scatter_add') return false;
      return [node.args[0], node.args[3]].every((a) => recordedDtype(program, a) === 'int32');
    },
  },
  {
    // elu_backward (selu's EluBackward0) at a NaN input: 1.13's scalar kernel is x <= 0 ? negative :
    // grad * scale (finite, as gradlab), its SIMD kernel blends on x > 0 and takes the negative branch
    // (NaN); which one runs depends on the element's position (whole chunks of 16 float32 / 8 float64
    // elements on AVX2 are vectorized, the rest is scalar): selu(full([16], nan)) has NaN gradients,
    // selu(full([15], nan)) finite ones
    name: 'selu at NaN: PyTorch 1.13 gives NaN or grad * scale by SIMD chunk',
    kind: 'bug',
    matches: (program, outcome) =>
      /grad.* is -?[0-9][^,]*, PyTorch NaN$/.test(outcome.reason) &&
      program.nodes.some((n) => 'op' in n && n.op === 'selu' && recordedHasNaN(program, n.args[0])),
  },
  {
    // argmax/argmin(x, dim) of a 0-d bool tensor: 1.13 raises "argmax_cpu" not implemented for 'Bool' for
    // tensor(True), tensor([True]).sum(0).bool(), max(x) or amax(x, 0), but succeeds (0) when x is
    // min/max(x, dim).values: its answer depends on how the 0-d tensor was made (probably it reads sizes()[dim]
    // of a tensor that has no dims); gradlab raises for every 0-d bool tensor
    name: 'argmax/argmin of a 0-d bool tensor: PyTorch 1.13 raises or not by how it was made',
    kind: 'bug',
    matches: (program, outcome) => {
      if (!/\((argmax|argmin)\) threw DTypeError: (argmax|argmin): not implemented for 'Bool' tensors.*; PyTorch succeeded$/.test(outcome.reason)) return false;
      const node = program.nodes[Number(/^node (\d+)/.exec(outcome.reason)?.[1])];
      if (node === undefined || !('op' in node) || node.args[1] === null) return false;
      const source = node.args[0] as { ref?: number } | null;
      const made = typeof source?.ref === 'number' ? program.nodes[source.ref] : undefined;
      return made !== undefined && 'op' in made && (made.op === 'min' || made.op === 'max') && made.args[1] !== null &&
        recordedShape(program, node.args[0])?.length === 0;
    },
  },
  {
    // 1.13's structural zero gradients (efficient ZeroTensor, e.g. from sign's backward) turn
    // 0 * NaN into 0 in double backward; gradlab's zeros are ordinary tensors (0 * NaN = NaN)
    name: 'NaN times a structural zero in double backward: PyTorch 1.13 gives 0 (ZeroTensor)',
    kind: 'deliberate',
    matches: (_program, outcome) => outcome.where === 'double' && /is NaN, PyTorch 0$/.test(outcome.reason),
  },
  // reductions (issue 15)
  {
    // var/std of an empty tensor: 1.13's VarBackward0 returns a gradient of the reduced shape
    // ([1, 1, 1] for an input of [1, 0, 4]) and its engine refuses it; gradlab's is the input's
    // shape (empty)
    name: 'var/std of an empty tensor: PyTorch 1.13 fails in backward',
    kind: 'bug',
    matches: (program, outcome) =>
      /Function (Var|Std)Backward0 returned an invalid gradient/.test(program.result?.message ?? program.result?.secondError?.message ?? '') &&
      /succeeded; PyTorch raised/.test(outcome.reason),
  },
];

function replay(program: Program): Outcome {
  // a program that computes in float32 anywhere (an input, a cast, or a bool/int input promoted by a
  // float op such as asin, which only PyTorch's results show) carries float32 rounding into float64 results
  const text = JSON.stringify(program.nodes) + JSON.stringify(program.expect);
  programRtol = text.includes('float32') || text.includes('"to"') ? 1e-4 : 1e-9;
  const { values, outcome } = runNodes(program, null);
  if (outcome !== null) return outcome;
  return runTail(program, values);
}

// ---- the suite ----------------------------------------------------------------------------------

const outcomes: { seed: number; outcome: Outcome; bug?: string }[] = [];

describe(`differential test: ${fixture.programs.length} random programs replayed against PyTorch 1.13`, () => {
  it('every program agrees with PyTorch (values, dtypes, shapes, requiresGrad, grad_fn, errors, gradients, steps)', () => {
    for (const program of fixture.programs) {
      let outcome: Outcome;
      try {
        outcome = A.enableGrad(() => replay(program));
      } catch (error) {
        outcome = { agrees: false, where: 'harness', reason: `replay crashed: ${String(error)}` };
      }
      outcomes.push({ seed: program.seed, outcome });
    }
    for (const o of outcomes) {
      if (o.outcome.agrees) continue;
      const program = fixture.programs.find((p) => p.seed === o.seed)!;
      const known = PYTORCH_BUGS.find((bug) => bug.matches(program, o.outcome));
      o.bug = known === undefined ? undefined : `${known.kind === 'bug' ? 'PyTorch 1.13 is wrong' : 'deliberate difference'}: ${known.name}`;
    }
    const disagreeing = outcomes.filter((o) => !o.outcome.agrees && o.bug === undefined);
    expect(disagreeing.map((o) => `seed ${o.seed}: ${o.outcome.reason}`)).toEqual([]);
  });
});

afterAll(() => {
  const agree = outcomes.filter((o) => o.outcome.agrees).length;
  const byOp = new Map<string, number>();
  const bugs = new Map<string, number>();
  for (const { outcome, bug } of outcomes) {
    if (outcome.agrees) continue;
    if (bug !== undefined) bugs.set(bug, (bugs.get(bug) ?? 0) + 1);
    else byOp.set(outcome.where, (byOp.get(outcome.where) ?? 0) + 1);
  }
  const lines = [
    `differential test: ${agree} / ${outcomes.length} programs agree with PyTorch 1.13 (${((100 * agree) / Math.max(outcomes.length, 1)).toFixed(1)}%)`,
    `  float elements compared: ${stats.floats}, bit-identical: ${stats.identical} (${((100 * stats.identical) / Math.max(stats.floats, 1)).toFixed(1)}%)`,
  ];
  for (const [bug, n] of [...bugs].sort()) lines.push(`  documented, not counted as agreeing: ${n} x ${bug}`);
  if (byOp.size > 0) lines.push(`  disagreements by op: ${[...byOp].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${op} ${n}`).join(', ')}`);
  console.log(lines.join('\n'));
});

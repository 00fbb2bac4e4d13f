// Golden tests: every case in test/fixtures/tensor-*.json was computed by
// PyTorch 1.13 (scripts/fixtures/gen_tensor.py). Each case is rebuilt here with
// the package's public API, run, and compared: dtype and shape exactly,
// integer/bool values exactly, floats to a few ulps (see `closeEnough`), NaN
// and infinities by identity, and the sign of zero where IEEE defines it.
import { opNames } from '../../../scripts/op-manifest';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forceMatmulPath } from '@gradlab/tensor/internal';
import { decode, decodeNumber, storageOf } from './fixture-values';
import {
  GradlabError,
  IndexError as GradlabIndexError,
  Tensor,
  abs,
  add,
  arange,
  argmax,
  argmin,
  atan,
  bmm,
  Generator,
  cat,
  clamp,
  cos,
  div,
  eq,
  exp,
  eye,
  full,
  fullLike,
  ge,
  gt,
  le,
  leakyRelu,
  linspace,
  log,
  logSoftmax,
  lt,
  manualSeed,
  matmul,
  max,
  maximum,
  mean,
  min,
  minimum,
  mm,
  mul,
  ne,
  neg,
  ones,
  onesLike,
  pow,
  prod,
  rand,
  randint,
  randn,
  reciprocal,
  relu,
  sigmoid,
  sign,
  sin,
  softmax,
  sqrt,
  square,
  stack,
  sub,
  sum,
  tan,
  tanh,
  tensor,
  where,
  zeros,
  zerosLike,
  type DType,
  type NestedArray,
} from '@gradlab/tensor';
import * as api from '@gradlab/tensor';

// ---------------------------------------------------------------- fixtures

type Raw = number | boolean | string;
type Step = [string, ...unknown[]];
interface TensorSpec {
  dtype: DType;
  shape: number[];
  data: Raw[];
  steps?: Step[];
  repr?: string;
  /** views group: PyTorch's is_contiguous() of the result. */
  contiguous?: boolean;
  /** views group: whether PyTorch's result shares the input's storage (a view, not a copy). */
  sharesStorage?: boolean;
}
interface ScalarSpec {
  scalar: Raw;
}
interface ValuesIndicesSpec {
  values: TensorSpec;
  indices: TensorSpec;
  repr?: string;
}
interface ErrorSpec {
  error: string;
  message: string;
}
type Expected = TensorSpec | ValuesIndicesSpec | ErrorSpec;
interface Case {
  op: string;
  name: string;
  inputs: (TensorSpec | ScalarSpec)[];
  args?: Record<string, unknown>;
  expected: Expected;
  atol?: number;
  rtol?: number;
}
interface Fixture {
  torch: string;
  cases: Case[];
}

function loadFixture(group: string): Case[] {
  const url = new URL(`./fixtures/tensor-${group}.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, 'utf8')) as Fixture).cases;
}

const isScalarSpec = (x: TensorSpec | ScalarSpec): x is ScalarSpec => 'scalar' in x;
const isError = (e: Expected): e is ErrorSpec => 'error' in e;
const isValuesIndices = (e: Expected): e is ValuesIndicesSpec => 'values' in e;

/** Calls a view method (or reads the `T` / `mT` getter) as the fixture step says. */
function applyStep(t: Tensor, step: Step): Tensor {
  const [name, ...rawArgs] = step;
  if (name === 'T') return t.T;
  if (name === 'mT') return t.mT;
  const args = rawArgs.map((a) => (a === null ? undefined : a));
  const method = (t as unknown as Record<string, (...a: unknown[]) => Tensor>)[name];
  if (typeof method !== 'function') throw new Error(`test harness: Tensor has no method '${name}'`);
  return method.apply(t, args);
}

/** Rebuilds an input from its flat data with the public constructor, then its view steps. */
function build(spec: TensorSpec): Tensor {
  let t = new Tensor(storageOf(spec.dtype, spec.data), spec.shape, spec.dtype);
  for (const step of spec.steps ?? []) t = applyStep(t, step);
  return t;
}

function buildOperand(spec: TensorSpec | ScalarSpec): Tensor | number | boolean {
  return isScalarSpec(spec) ? (decode(spec.scalar) as number | boolean) : build(spec);
}

// ---------------------------------------------------------------- comparison

const f32 = new Float32Array(1);
const f32bits = new Int32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64bits = new BigInt64Array(f64.buffer);

/** Distance in units in the last place between two float32 values (monotone bit order). */
function ulps32(a: number, b: number): number {
  f32[0] = a;
  const ia = f32bits[0]!;
  f32[0] = b;
  const ib = f32bits[0]!;
  const oa = ia < 0 ? -ia - 2147483648 : ia;
  const ob = ib < 0 ? -ib - 2147483648 : ib;
  return Math.abs(oa - ob);
}

function ulps64(a: number, b: number): number {
  f64[0] = a;
  const ia = f64bits[0]!;
  f64[0] = b;
  const ib = f64bits[0]!;
  const min = -(2n ** 63n);
  const oa = ia < 0n ? -ia + min : ia;
  const ob = ib < 0n ? -ib + min : ib;
  const d = oa > ob ? oa - ob : ob - oa;
  return Number(d);
}

/**
 * float32: within `maxUlps` (4 by default: PyTorch's vectorised transcendental
 * functions are not always correctly rounded; 0 for IEEE-exact ops). float64:
 * relative 1e-12, or `maxUlps` near the subnormal range. `atol` is the
 * accumulation bound the generator wrote for sums and matrix products (and,
 * with `rtol`, PyTorch's own measured error for softmax and logSoftmax).
 */
function closeEnough(actual: number, expected: number, dtype: DType, atol: number, maxUlps = 4): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (!Number.isFinite(actual)) return false;
  if (actual === expected) return true;
  const diff = Math.abs(actual - expected);
  if (diff <= atol) return true;
  if (dtype === 'float32') return ulps32(actual, expected) <= maxUlps;
  return (maxUlps > 0 && diff <= 1e-12 * Math.abs(expected)) || ulps64(actual, expected) <= maxUlps;
}

/** The elements of `t` in row-major order, read through its own strides and offset. */
function elements(t: Tensor): number[] {
  const out: number[] = [];
  const { shape, strides, storage, offset } = t;
  const n = shape.reduce((a, b) => a * b, 1);
  if (n === 0) return out;
  const index = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let p = offset;
    for (let d = 0; d < shape.length; d++) p += index[d]! * strides[d]!;
    out.push(storage[p]!);
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d]!++;
      if (index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}

const show = (x: number): string => (Object.is(x, -0) ? '-0' : String(x));

interface CompareOptions {
  atol?: number;
  /** Check the sign of zero results (only where IEEE defines it). */
  signedZero?: boolean;
  /** float tolerance in ulps (0 for correctly rounded ops). */
  maxUlps?: number;
  /** A relative tolerance the generator derived from PyTorch's own error (softmax). */
  rtol?: number;
  label?: string;
}

function expectTensor(actual: unknown, expected: TensorSpec, options: CompareOptions = {}): void {
  const label = options.label ? `${options.label}: ` : '';
  expect(actual, `${label}result is a Tensor`).toBeInstanceOf(Tensor);
  const t = actual as Tensor;
  expect(t.dtype, `${label}dtype`).toBe(expected.dtype);
  expect([...t.shape], `${label}shape`).toEqual(expected.shape);
  expect(t.ndim, `${label}ndim`).toBe(expected.shape.length);
  expect(t.numel(), `${label}numel()`).toBe(expected.data.length);
  const got = elements(t);
  const want = expected.data.map(decodeNumber);
  expect(got.length, `${label}number of elements`).toBe(want.length);
  const floating = expected.dtype === 'float32' || expected.dtype === 'float64';
  const bad: string[] = [];
  for (let i = 0; i < want.length; i++) {
    const a = got[i]!;
    const e = want[i]!;
    let ok: boolean;
    if (!floating) ok = a === e;
    else {
      ok =
        closeEnough(a, e, expected.dtype, options.atol ?? 0, options.maxUlps) ||
        (options.rtol !== undefined && Number.isFinite(e) && Math.abs(a - e) <= options.rtol * Math.abs(e));
      if (ok && options.signedZero && e === 0) ok = Object.is(a, e);
    }
    if (!ok) bad.push(`[${i}] got ${show(a)}, expected ${show(e)}`);
  }
  if (bad.length > 0) {
    throw new Error(`${label}${bad.length} of ${want.length} values differ: ${bad.slice(0, 8).join('; ')}`);
  }
  if (expected.shape.length === 0) {
    // item() of a one-element tensor gives the same value (bool as 0/1)
    const item = t.item();
    const ok = floating
      ? closeEnough(item, want[0]!, expected.dtype, options.atol ?? 0, options.maxUlps)
      : item === want[0];
    expect(ok, `${label}item() gave ${show(item)}, expected ${show(want[0]!)}`).toBe(true);
  }
}

// ---------------------------------------------------------------- running cases

type Operand = Tensor | number | boolean;
type OpResult = Tensor | { values: Tensor; indices: Tensor };
type OpFn = (inputs: Operand[], args: Record<string, unknown>) => OpResult;

const asTensor = (x: Operand | undefined): Tensor => {
  if (!(x instanceof Tensor)) throw new Error('test harness: expected a tensor operand');
  return x;
};
const asLike = (x: Operand | undefined): Tensor | number => {
  if (x === undefined) throw new Error('test harness: missing operand');
  return x as Tensor | number;
};
const dimArg = (args: Record<string, unknown>): number | number[] | undefined =>
  args.dim as number | number[] | undefined;
const keepArg = (args: Record<string, unknown>): boolean => (args.keepdim as boolean | undefined) ?? false;
const bound = (v: unknown): number | undefined => (v === undefined ? undefined : (decode(v) as number));

// every unary op of the manifest called as torch.<name>(x) (leakyRelu takes a slope: OPS below)
const UNARY_FNS: Record<string, (x: Tensor) => Tensor> = Object.fromEntries(
  opNames((op) => op.kind === 'unary' && op.torch === `torch.${op.name}`).map((name) => [name, (api as unknown as Record<string, (x: Tensor) => Tensor>)[name]!]),
);
const BINARY_FNS: Record<string, (a: Tensor | number, b: Tensor | number) => Tensor> = {
  add,
  sub,
  mul,
  div,
  pow,
  maximum,
  minimum,
  eq,
  ne,
  gt,
  ge,
  lt,
  le,
};

const OPS: Record<string, OpFn> = {
  leakyRelu: ([x], args) =>
    args.negativeSlope === undefined ? leakyRelu(asTensor(x)) : leakyRelu(asTensor(x), args.negativeSlope as number),
  clamp: ([x, lo, hi], args) =>
    args.boundsFromInputs
      ? clamp(asTensor(x), asTensor(lo), asTensor(hi))
      : clamp(asTensor(x), bound(args.min), bound(args.max)),
  where: ([c, a, b]) => where(asTensor(c), asLike(a), asLike(b)),
  sum: ([x], args) => sum(asTensor(x), dimArg(args), keepArg(args)),
  mean: ([x], args) => mean(asTensor(x), dimArg(args), keepArg(args)),
  prod: ([x], args) => prod(asTensor(x), dimArg(args), keepArg(args)),
  max: ([x], args) => (args.dim === undefined ? max(asTensor(x)) : max(asTensor(x), args.dim as number, keepArg(args))),
  min: ([x], args) => (args.dim === undefined ? min(asTensor(x)) : min(asTensor(x), args.dim as number, keepArg(args))),
  argmax: ([x], args) => argmax(asTensor(x), args.dim as number | undefined, keepArg(args)),
  argmin: ([x], args) => argmin(asTensor(x), args.dim as number | undefined, keepArg(args)),
  softmax: ([x], args) => softmax(asTensor(x), args.dim as number),
  logSoftmax: ([x], args) => logSoftmax(asTensor(x), args.dim as number),
  matmul: ([a, b]) => matmul(asTensor(a), asTensor(b)),
  mm: ([a, b]) => mm(asTensor(a), asTensor(b)),
  bmm: ([a, b]) => bmm(asTensor(a), asTensor(b)),
  cat: (xs, args) => cat(xs.map(asTensor), args.dim as number),
  stack: (xs, args) => stack(xs.map(asTensor), args.dim as number),
  steps: ([x], args) => (args.steps as Step[]).reduce(applyStep, asTensor(x)),
  sumTo: ([x], args) => asTensor(x).sumTo(args.shape as number[]),
  random: (_inputs, args) => {
    const seed = args.seed as number;
    const generator = args.private ? new Generator(seed) : undefined;
    if (!generator) manualSeed(seed);
    const options = generator ? { generator } : {};
    let out: Tensor | undefined;
    for (const call of args.calls as unknown[][]) {
      if (call[0] === 'rand') out = rand(call[1] as number[], { ...options, dtype: call[2] as DType });
      else if (call[0] === 'randn') out = randn(call[1] as number[], { ...options, dtype: call[2] as DType });
      else out = randint(call[1] as number, call[2] as number, call[3] as number[], options);
    }
    return out!;
  },
};
for (const [name, fn] of Object.entries(UNARY_FNS)) OPS[name] = ([x]) => fn(asTensor(x));
for (const [name, fn] of Object.entries(BINARY_FNS)) OPS[name] = ([a, b]) => fn(asLike(a), asLike(b));
// elementwise (issue 15): the activations not called as torch.<name>(x), with their arguments as the fixtures name them
const ACTIVATION_ARGS: Record<string, readonly string[]> = {
  silu: [], softplus: ['beta', 'threshold'], elu: ['alpha'], gelu: ['approximate'], hardtanh: ['minVal', 'maxVal'], logSigmoid: [], nanToNum: [],
};
const activationArgs = (op: string, args: Record<string, unknown>): unknown[] => ACTIVATION_ARGS[op]!.filter((k) => k in args).map((k) => decode(args[k]));
for (const name of Object.keys(ACTIVATION_ARGS)) {
  OPS[name] = ([x], args) => (api as unknown as Record<string, (x: Tensor, ...a: unknown[]) => Tensor>)[name]!(asTensor(x), ...activationArgs(name, args));
}

/** The method form of an op, for the cases whose first operand is a tensor. */
function runMethod(c: Case, inputs: Operand[]): OpResult | undefined {
  const [first, ...rest] = inputs;
  if (!(first instanceof Tensor)) return undefined;
  const m = first as unknown as Record<string, (...a: unknown[]) => OpResult>;
  const args = c.args ?? {};
  if (c.op in UNARY_FNS) return m[c.op]!.call(first);
  if (c.op in BINARY_FNS) return m[c.op]!.call(first, rest[0]);
  if (c.op === 'leakyRelu') return m.leakyRelu!.call(first, ...(args.negativeSlope === undefined ? [] : [args.negativeSlope]));
  if (c.op in ACTIVATION_ARGS) return m[c.op]!.call(first, ...activationArgs(c.op, args)); // elementwise (issue 15)
  if (c.op === 'clamp') {
    return args.boundsFromInputs ? m.clamp!.call(first, rest[0], rest[1]) : m.clamp!.call(first, bound(args.min), bound(args.max));
  }
  if (['sum', 'mean', 'prod', 'argmax', 'argmin'].includes(c.op)) return m[c.op]!.call(first, dimArg(args), keepArg(args));
  if (c.op === 'max' || c.op === 'min') {
    return args.dim === undefined ? m[c.op]!.call(first) : m[c.op]!.call(first, args.dim, keepArg(args));
  }
  if (c.op === 'softmax' || c.op === 'logSoftmax') return m[c.op]!.call(first, args.dim);
  if (['matmul', 'mm', 'bmm'].includes(c.op)) return m[c.op]!.call(first, rest[0]);
  return undefined;
}

// PyTorch's exact wording is part of the contract for these (docs/design.md).
const PYTORCH_MESSAGES = [/^The size of tensor a/, /^mat1 and mat2 shapes cannot be multiplied/];

// From the op manifest (scripts/op-manifest.json), plus the fixture's 'steps' (view steps, no arithmetic).
// signedZero: ops whose zero results have an IEEE-defined sign (neg(0) = -0, 0 * -1 = -0,
// sqrt(-0) = -0, ...). Elsewhere (relu(-0), maximum(0, -0), sums) PyTorch's
// sign of zero is an implementation detail and is not checked.
const SIGNED_ZERO_OPS = new Set([...opNames((op) => op.signedZero), 'steps']);

// forward 'exact': IEEE-754 requires these to be correctly rounded, and a float32 result
// computed in double then rounded once is too (for +, -, *, /, sqrt): both
// sides must agree to the last bit. Views, copies and selections move values
// without arithmetic.
const EXACT_OPS = new Set([...opNames((op) => op.forward === 'exact'), 'steps']);

// NOTE: PyTorch evaluates `2.5 / x` as `x.reciprocal() * 2.5` (two roundings),
// so its answer may be an ulp away from the correctly rounded quotient.
const reflectedDiv = (c: Case): boolean => c.op === 'div' && c.inputs[0] !== undefined && isScalarSpec(c.inputs[0]);

function checkCase(c: Case, run: () => OpResult, label?: string): void {
  const expected = c.expected;
  if (isError(expected)) {
    let thrown: unknown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown, `PyTorch raises ${expected.error}: ${expected.message}`).toBeInstanceOf(GradlabError);
    if (expected.error === 'IndexError') {
      // bad dims and out-of-range indices: gradlab's IndexError, like PyTorch's
      expect(thrown, `PyTorch raises IndexError: ${expected.message}`).toBeInstanceOf(GradlabIndexError);
    }
    if (PYTORCH_MESSAGES.some((re) => re.test(expected.message))) {
      expect((thrown as Error).message).toContain(expected.message);
    }
    return;
  }
  const result = run();
  const options: CompareOptions = {
    signedZero: SIGNED_ZERO_OPS.has(c.op),
    maxUlps: EXACT_OPS.has(c.op) && !reflectedDiv(c) ? 0 : 4,
    ...(label ? { label } : {}),
  };
  if (c.atol !== undefined) options.atol = c.atol;
  if (c.rtol !== undefined) options.rtol = c.rtol;
  if (isValuesIndices(expected)) {
    expect(result, 'max/min along a dim returns { values, indices }').not.toBeInstanceOf(Tensor);
    const vi = result as { values: Tensor; indices: Tensor };
    expectTensor(vi.values, expected.values, { ...options, label: `${label ?? ''}values` });
    expectTensor(vi.indices, expected.indices, { label: `${label ?? ''}indices` });
    if (expected.repr !== undefined) expect(String(vi.values)).toBe(expected.repr);
    return;
  }
  expectTensor(result, expected, options);
  if (expected.repr !== undefined) expect(String(result)).toBe(expected.repr);
}

function runCase(c: Case): void {
  const fn = OPS[c.op];
  if (!fn) throw new Error(`test harness: no runner for op '${c.op}'`);
  const inputs = c.inputs.map(buildOperand);
  checkCase(c, () => fn(inputs, c.args ?? {}));
  const expected = c.expected;
  if (c.op === 'steps' && !isError(expected) && !isValuesIndices(expected)) {
    const input = asTensor(inputs[0]);
    const result = fn(inputs, c.args ?? {}) as Tensor;
    if (expected.contiguous !== undefined) {
      expect(result.isContiguous(), 'isContiguous() as PyTorch is_contiguous()').toBe(expected.contiguous);
    }
    if (expected.sharesStorage !== undefined) {
      const shares = result.storage === input.storage;
      expect(shares, expected.sharesStorage ? 'PyTorch returns a view here: storage must be shared' : 'PyTorch copies here: storage must not be shared').toBe(expected.sharesStorage);
    }
  }
  // The method form (x.add(y), x.sum(1, true), ...) must agree with the function.
  if (!isError(c.expected) && inputs[0] instanceof Tensor) {
    const viaMethod = runMethod(c, inputs);
    if (viaMethod !== undefined) checkCase(c, () => viaMethod, 'method form: ');
  }
}

function goldenSuite(group: string): void {
  const cases = loadFixture(group);
  const byOp = new Map<string, Case[]>();
  for (const c of cases) {
    const list = byOp.get(c.op) ?? [];
    list.push(c);
    byOp.set(c.op, list);
  }
  describe(`golden ${group} (PyTorch)`, () => {
    for (const [op, list] of byOp) {
      describe(op, () => {
        for (const c of list) it(c.name, () => runCase(c));
      });
    }
  });
}

// ---------------------------------------------------------------- creation

type Options = { dtype?: DType };
const optionsOf = (args: Record<string, unknown>): Options =>
  args.dtype === undefined ? {} : { dtype: args.dtype as DType };

const CREATION: Record<string, (args: Record<string, unknown>, inputs: Operand[]) => Tensor> = {
  tensor: (a) => {
    if (a.typedArray === 'Int32Array') return tensor(Int32Array.from(a.data as number[]), optionsOf(a));
    if (a.typedArray === 'Float32Array') return tensor(Float32Array.from(a.data as number[]), optionsOf(a));
    return tensor(decode(a.data) as NestedArray, optionsOf(a));
  },
  zeros: (a) => zeros(a.shape as number[], optionsOf(a)),
  ones: (a) => ones(a.shape as number[], optionsOf(a)),
  full: (a) => full(a.shape as number[], decode(a.value) as number | boolean, optionsOf(a)),
  arange: (a) => {
    const [start, end, step] = a.args as number[];
    if (end === undefined) return arange(start!, optionsOf(a));
    if (step === undefined) return arange(start!, end, optionsOf(a));
    return arange(start!, end, step, optionsOf(a));
  },
  linspace: (a) => {
    const [start, end, steps] = a.args as number[];
    return linspace(start!, end!, steps!, optionsOf(a));
  },
  eye: (a) => {
    const [n, m] = a.args as number[];
    return m === undefined ? eye(n!, optionsOf(a)) : eye(n!, m, optionsOf(a));
  },
  zerosLike: (_a, [x]) => zerosLike(asTensor(x)),
  onesLike: (_a, [x]) => onesLike(asTensor(x)),
  fullLike: (a, [x]) => fullLike(asTensor(x), a.value as number),
};

describe('golden creation (PyTorch)', () => {
  const byOp = new Map<string, Case[]>();
  for (const c of loadFixture('creation')) byOp.set(c.op, [...(byOp.get(c.op) ?? []), c]);
  for (const [op, list] of byOp) {
    describe(op, () => {
      for (const c of list) {
        it(c.name, () => {
          const make = CREATION[op];
          if (!make) throw new Error(`test harness: no runner for ${op}`);
          const inputs = c.inputs.map(buildOperand);
          checkCase({ ...c, op: 'steps' }, () => make(c.args ?? {}, inputs));
        });
      }
    });
  }
});

for (const group of ['promotion', 'unary', 'binary', 'reduction', 'softmax', 'matmul', 'views', 'repr', 'random']) {
  goldenSuite(group);
}

// toArray() gives back the nested arrays PyTorch's .tolist() would (bool as booleans).
describe('golden toArray (PyTorch .tolist())', () => {
  const nest = (flat: unknown[], shape: number[]): unknown => {
    if (shape.length === 0) return flat[0];
    const [n, ...rest] = shape;
    const size = rest.reduce((a, b) => a * b, 1);
    return Array.from({ length: n! }, (_, i) => nest(flat.slice(i * size, (i + 1) * size), rest));
  };
  const cases = loadFixture('views').filter((c) => !isError(c.expected) && c.op === 'steps');
  for (const c of cases) {
    it(c.name, () => {
      const result = OPS.steps!(c.inputs.map(buildOperand), c.args ?? {}) as Tensor;
      const spec = c.expected as TensorSpec;
      const values = spec.data.map((v) => (spec.dtype === 'bool' ? v === true : decode(v)));
      expect(result.toArray()).toEqual(nest(values, spec.shape));
    });
  }
});

// WebAssembly SIMD kernels (issue 17): the matmul fixtures on each float32 path, forced
describe.each(['ts', 'wasm'] as const)('golden matmul on the %s path', (path) => {
  beforeAll(() => void forceMatmulPath(path));
  afterAll(() => void forceMatmulPath('auto'));
  goldenSuite('matmul');
});

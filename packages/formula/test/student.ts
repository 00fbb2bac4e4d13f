/**
 * A simulated student for the answer checker's tests: works the forward pass
 * node by node and the backward pass edge by edge on the solution's graph,
 * writing every number rounded to a few significant digits and computing on
 * with what was written, with one mistake injected somewhere. Written apart
 * from the checker (it shares only the graph and the operator table), so that
 * the checker is tested against an independent model of a hand calculation.
 */
import { binary, unary, type Expr } from '../src/ast';
import { evaluate, trace } from '../src/evaluate';
import { BINARY, UNARY } from '../src/ops';
import type { Solution } from '../src/solve';

/** One mistake, at one place. */
export type Injection =
  /** The forward value of a node replaced: `value(correct, operands)`. */
  | { readonly at: 'forward'; readonly node: number; readonly value: (correct: number, operands: readonly number[]) => number }
  /** The local derivative of an edge replaced: `value(correct, consumer operands)`. */
  | { readonly at: 'local'; readonly edge: number; readonly value: (correct: number, operands: readonly number[]) => number }
  /** The contribution of an edge replaced: `value(upstream, local)`. */
  | { readonly at: 'term'; readonly edge: number; readonly value: (upstream: number, local: number) => number }
  /** A node's accumulated gradient replaced. */
  | { readonly at: 'backward'; readonly node: number; readonly value: (correct: number) => number };

/** What the student writes down. */
export interface Worked {
  readonly forward: Record<string, number>;
  readonly backward: Record<string, number>;
  readonly local: Record<string, number>;
}

const writeDigits = (digits: number) => (value: number): number => (Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(digits)) : value);

/**
 * Works a solution's graph by hand with at most one injected mistake,
 * writing `digits` significant digits (default 6) and computing on with them.
 */
export function work(solution: Solution, injection: Injection | null = null, digits = 6): Worked {
  const write = writeDigits(digits);
  const nodes = solution.nodes;
  const forward: number[] = [];
  const byName = new Map<string, number>();
  const operandsOf = (id: number): number[] => {
    const d = nodes[id]!.definition;
    const value = (e: Expr): number => (e.kind === 'const' ? e.value : forward[byName.get((e as { name: string }).name)!]!);
    return d.kind === 'unary' ? [value(d.arg)] : d.kind === 'binary' ? [value(d.left), value(d.right)] : [];
  };
  for (const node of nodes) {
    byName.set(node.name, node.id);
    if (node.op === 'input') {
      forward.push(node.value);
      continue;
    }
    const d = node.definition;
    const operands = operandsOf(node.id);
    let value = d.kind === 'unary' ? UNARY[d.op].evaluate(operands[0]!) : d.kind === 'binary' ? BINARY[d.op].evaluate(operands[0]!, operands[1]!) : NaN;
    if (injection?.at === 'forward' && injection.node === node.id) value = injection.value(value, operands);
    forward.push(write(value));
  }
  const env = new Map(nodes.map((n) => [n.name, forward[n.id]!]));
  const truth = new Map(nodes.map((n) => [n.name, n.value]));
  const grads = nodes.map(() => 0);
  const output = nodes.length - 1;
  grads[output] = 1;
  const remaining = new Map<number, number>();
  for (const edge of solution.edges) remaining.set(edge.to, (remaining.get(edge.to) ?? 0) + 1);
  const local: Record<string, number> = {};
  solution.edges.forEach((edge, k) => {
    // PyTorch's masked local derivatives (pow at 0) stand as they are.
    let value = Object.is(evaluate(edge.local, truth), edge.localValue) ? evaluate(edge.local, env) : edge.localValue;
    if (injection?.at === 'local' && injection.edge === k) value = injection.value(value, operandsOf(edge.from));
    value = write(value);
    // `x3 / x3` has two edges x3 -> v1: the local derivative of the pair is their sum.
    const key = `${nodes[edge.from]!.name}->${nodes[edge.to]!.name}`;
    local[key] = write((local[key] ?? 0) + value);
    const upstream = grads[edge.from]!;
    let term = nodes[edge.from]!.op === 'relu' && value === 0 ? 0 : upstream * value;
    if (injection?.at === 'term' && injection.edge === k) term = injection.value(upstream, value);
    grads[edge.to] = grads[edge.to]! + term;
    const left = remaining.get(edge.to)! - 1;
    remaining.set(edge.to, left);
    if (left === 0) {
      let g = grads[edge.to]!;
      if (injection?.at === 'backward' && injection.node === edge.to) g = injection.value(g);
      grads[edge.to] = write(g);
    }
  });
  const out: Worked = { forward: {}, backward: {}, local };
  for (const node of nodes) {
    if (node.op !== 'input') out.forward[node.name] = forward[node.id]!;
    if (node.id !== output && (node.op === 'input' || solution.trace.nodes[node.id]!.requiresGrad)) out.backward[node.name] = grads[node.id]! + 0;
  }
  return out;
}

/**
 * Misreadings built on the tree (independently of the checker's, which reads
 * the printed formula with parentheses dropped): `(a ± b) ×÷ c` as
 * `a ± (b ×÷ c)`, `a op (c ± d)` as `(a op c) ± d`, `(a op b)^n` as `a op b^n`.
 */
export function treeMisreadings(expr: Expr): Expr[] {
  const level = (op: string): number => (op === 'add' || op === 'sub' ? 1 : op === 'mul' || op === 'div' ? 2 : 3);
  const here = (e: Expr): Expr[] => {
    const out: Expr[] = [];
    if (e.kind === 'binary') {
      const { op, left, right } = e;
      if (left.kind === 'binary' && level(op) === 2 && level(left.op) === 1) out.push(binary(left.op, left.left, binary(op, left.right, right)));
      if (right.kind === 'binary' && level(op) <= 2 && level(right.op) <= level(op) && level(right.op) < 3) {
        out.push(binary(right.op, binary(op, left, right.left), right.right));
      }
    }
    if (e.kind === 'unary' && (e.op === 'square' || e.op === 'cube') && e.arg.kind === 'binary' && e.arg.op !== 'pow') {
      out.push(binary(e.arg.op, e.arg.left, unary(e.op, e.arg.right)));
    }
    return out;
  };
  const all = (e: Expr): Expr[] => {
    const out = here(e);
    if (e.kind === 'unary') for (const a of all(e.arg)) out.push(unary(e.op, a));
    if (e.kind === 'binary') {
      for (const l of all(e.left)) out.push(binary(e.op, l, e.right));
      for (const r of all(e.right)) out.push(binary(e.op, e.left, r));
    }
    return out;
  };
  return all(expr);
}

/** A misread formula worked correctly, with its nodes numbered as its own graph numbers them. */
export function workMisreading(solution: Solution, misread: Expr, digits = 6): Worked {
  const write = writeDigits(digits);
  const t = trace(misread, solution.values, solution.variables);
  const out: Worked = { forward: {}, backward: {}, local: {} };
  t.nodes.forEach((node, id) => {
    if (node.op !== 'input') out.forward[node.name] = write(node.value);
    if (id !== t.nodes.length - 1) out.backward[node.name] = write(t.grads[id]!) + 0;
  });
  return out;
}

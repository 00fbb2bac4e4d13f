/**
 * The worked solution's graph as the answer checker sees it: the links
 * (consumer, operand) whose local derivatives a student writes, and what the
 * student's own numbers give for every cell (the student's value where
 * written, the solution's where blank).
 */
import type { Answers } from './answers';
import type { CellTable } from './check';
import { handClose } from './check-tolerance';
import { evaluateTree, type Trace } from './evaluate';
import { BINARY, UNARY } from './ops';
import type { Expr } from './ast';
import type { Solution } from './solve';

/** One cell of the student's tables, as the checker builds them. */
export interface Cell {
  readonly table: CellTable;
  readonly node: string;
  readonly consumer?: string;
  readonly id: number;
  /** For `local`: the link. */
  readonly link?: number;
  readonly given: number | null;
  readonly expected: number;
  readonly scale: number;
  /** Indices of the cells this one is computed from. */
  inputs: number[];
}

/** The derivative of a consumer with respect to one operand node: one edge, or two for `x3 / x3`. */
export interface Link {
  readonly from: number;
  readonly to: number;
  /** `consumer->operand`, the answers' key. */
  readonly key: string;
  /** The trace's edges it sums. */
  readonly edges: readonly number[];
  /** The operand position (0 left, 1 right), or -1 when the node is both operands. */
  readonly position: number;
  readonly localValue: number;
  readonly localScale: number;
  readonly contribution: number;
}

export function links(solution: Solution): Link[] {
  const byKey = new Map<string, { from: number; to: number; edges: number[] }>();
  solution.edges.forEach((edge, k) => {
    const key = `${solution.nodes[edge.from]!.name}->${solution.nodes[edge.to]!.name}`;
    const link = byKey.get(key) ?? { from: edge.from, to: edge.to, edges: [] };
    link.edges.push(k);
    byKey.set(key, link);
  });
  return [...byKey.entries()].map(([key, link]) => {
    const definition = solution.nodes[link.from]!.definition;
    const target = solution.nodes[link.to]!.name;
    const refs = definition.kind === 'binary' ? [definition.left, definition.right] : definition.kind === 'unary' ? [definition.arg] : [];
    const positions = refs.flatMap((e, i) => (e.kind === 'var' && e.name === target ? [i] : []));
    const edges = link.edges.map((k) => solution.edges[k]!);
    return {
      ...link,
      key,
      position: positions.length === 1 ? positions[0]! : -1,
      localValue: edges.reduce((sum, e) => sum + e.localValue, 0),
      localScale: edges.reduce((sum, e) => sum + Math.abs(e.localValue), 0),
      contribution: edges.reduce((sum, e) => sum + e.contribution, 0),
    };
  });
}

/** The graph and the student's numbers. */
export class CheckModel {
  readonly trace: Trace;
  readonly names: Map<string, number>;
  /** The output node's id. */
  readonly output: number;
  readonly links: readonly Link[];
  /** The student's forward values where given, else the solution's, by node id. */
  readonly usedForward: number[];
  readonly usedBackward: number[];
  /** The student's local derivatives where given, else computed from their forward values, by link. */
  readonly usedLocal: number[];

  constructor(
    readonly solution: Solution,
    answers: Answers,
    readonly digits: number,
  ) {
    this.trace = solution.trace;
    this.names = new Map(solution.nodes.map((n) => [n.name, n.id]));
    this.output = solution.nodes.length - 1;
    this.links = links(solution);
    this.usedForward = solution.nodes.map((n) => answers.forward[n.name] ?? n.value);
    this.usedBackward = solution.nodes.map((n) => answers.backward[n.name] ?? n.grad);
    this.usedLocal = this.links.map((link, k) => answers.local[link.key] ?? this.recomputeLocal(k));
  }

  operandValues(id: number, used: readonly number[]): number[] {
    const definition = this.solution.nodes[id]!.definition;
    const value = (e: Expr): number => (e.kind === 'const' ? e.value : used[this.names.get((e as { name: string }).name)!]!);
    if (definition.kind === 'unary') return [value(definition.arg)];
    if (definition.kind === 'binary') return [value(definition.left), value(definition.right)];
    return [];
  }

  recomputeForward(id: number, used: readonly number[] = this.usedForward): number {
    const definition = this.solution.nodes[id]!.definition;
    const operands = this.operandValues(id, used);
    if (definition.kind === 'unary') return UNARY[definition.op].evaluate(operands[0]!);
    if (definition.kind === 'binary') return BINARY[definition.op].evaluate(operands[0]!, operands[1]!);
    return this.solution.nodes[id]!.value;
  }

  recomputeLocal(k: number, used: readonly number[] = this.usedForward): number {
    const env = new Map(this.solution.nodes.map((n) => [n.name, used[n.id]!]));
    const truth = new Map(this.solution.nodes.map((n) => [n.name, n.value]));
    let sum = 0;
    for (const e of this.links[k]!.edges) {
      const edge = this.solution.edges[e]!;
      // Where PyTorch's backward masks the formula (pow at 0), the masked value stands.
      sum += Object.is(evaluateTree(edge.local, truth), edge.localValue) ? evaluateTree(edge.local, env) : edge.localValue;
    }
    return sum;
  }

  term(k: number, upstream: number, local: number): number {
    const selectsZero = this.solution.nodes[this.links[k]!.from]!.op === 'relu' && local === 0;
    return selectsZero ? 0 : upstream * local;
  }

  incoming(id: number): number[] {
    return this.links.flatMap((link, k) => (link.to === id ? [k] : []));
  }

  recomputeBackward(id: number): number {
    if (id === this.output) return 1;
    let sum = 0;
    for (const k of this.incoming(id)) sum += this.term(k, this.usedBackward[this.links[k]!.from]!, this.usedLocal[k]!);
    return sum;
  }

  recompute(cell: Cell): number {
    if (cell.table === 'forward') return cell.id < this.solution.variables.length ? this.solution.values[cell.id]! : this.recomputeForward(cell.id);
    if (cell.table === 'local') return this.recomputeLocal(cell.link!);
    return this.recomputeBackward(cell.id);
  }

  close(given: number, target: number, scale: number): boolean {
    return handClose(given, target, this.digits, scale);
  }

  consumerName(k: number): string {
    return this.solution.nodes[this.links[k]!.from]!.name;
  }
}

/** How a cell is written: `v5`, `∂f/∂v5`, `∂v6/∂v5`. */
export function title(cell: Cell): string {
  if (cell.table === 'forward') return cell.node;
  if (cell.table === 'backward') return `∂f/∂${cell.node}`;
  return `∂${cell.consumer}/∂${cell.node}`;
}

/** The significant digits of a number as written (shortest form): 1.37 has 3, 1200 has 2, 0.0384615 has 6. */
export function significantDigits(value: number): number {
  const [mantissa] = Math.abs(value).toExponential().split('e');
  return mantissa!.replace('.', '').replace(/0+$/, '').length || 1;
}

export function relativeError(cell: Cell): number {
  return Math.abs(cell.given! - cell.expected) / Math.max(Math.abs(cell.expected), 1e-300);
}

/**
 * The answer checker: a student's forward values, gradients ∂f/∂node and
 * (optionally) local derivatives, compared cell by cell with the worked
 * solution. Every cell is right, wrong, follows from an earlier wrong cell
 * (right given the student's own earlier numbers), or missing; the first wrong
 * cell in the order a student works is named, and each wrong cell gets the
 * most likely mistake from a documented vocabulary ({@link MistakeKind}).
 */
import { equals, usedVariables, type Expr } from './ast';
import { edgeKey, type Answers } from './answers';
import { FormulaError } from './errors';
import { evaluate, trace, type Trace } from './evaluate';
import { formatValue } from './format';
import { forwardSlips, localRule, localSlips, type MistakeKind, type Slip } from './mistakes';
import { misreadings, type Misreading } from './misreadings';
import { BINARY, UNARY } from './ops';
import { parse } from './parser';
import { toPlain } from './printers';
import { randomFormula } from './randomizer';
import { gradientScales, solve, workedSolution, type Solution } from './solve';

/** The verdict on one cell. */
export type CellStatus = 'right' | 'wrong' | 'follows' | 'missing';

/** The table a cell belongs to: forward values, gradients ∂f/∂node, local derivatives ∂consumer/∂operand. */
export type CellTable = 'forward' | 'backward' | 'local';

/** One checked cell. */
export interface CheckedCell {
  readonly table: CellTable;
  /** The node (for `local`: the operand whose local derivative it is). */
  readonly node: string;
  /** For `local`: the consuming node (the cell is ∂consumer/∂node). */
  readonly consumer?: string;
  /** The student's number, or null when the cell is blank. */
  readonly given: number | null;
  /** The worked solution's number (autograd, float64). */
  readonly expected: number;
  readonly status: CellStatus;
  /** For a wrong cell: the most likely mistake. */
  readonly mistake?: MistakeKind;
  /** For a wrong or following cell: one sentence for the student. */
  readonly explanation?: string;
  /** For a following cell: the earlier wrong cell it follows from, e.g. `forward v5`. */
  readonly follows?: string;
}

/** The result of {@link checkAnswers}. */
export interface CheckResult {
  /** True when every cell is right (none wrong, following or blank). */
  readonly correct: boolean;
  /** The first wrong cell in the order a student works (forward top to bottom, then backward from the output), or null. */
  readonly first: CheckedCell | null;
  /** Every cell, in that order. */
  readonly cells: readonly CheckedCell[];
  readonly counts: Readonly<Record<CellStatus, number>>;
  /** Significant digits the check asked for. */
  readonly digits: number;
  /** The solution the answers were checked against (the proposed values when the given ones are undefined). */
  readonly solution: Solution;
  /** When the student's numbers fit a misreading of the formula better than the formula: that misreading. */
  readonly misreading: Misreading | null;
  /** Things worth knowing that are not a cell's verdict (keys that are no node, values that differ...). */
  readonly notes: readonly string[];
}

/** Options of {@link checkAnswers}. */
export interface CheckOptions {
  /**
   * Significant digits a hand calculation must get right (default 3): a
   * number is right when it is within one unit of the last of these digits
   * of the expected value, so 1.373 and 1.37 are right for 1.3734 and 1.37
   * is wrong for 137. Raise it to be stricter (up to 15).
   */
  readonly digits?: number;
}

/** The default number of significant digits. */
export const DEFAULT_DIGITS = 3;

interface Cell {
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

/**
 * True when `given` matches `expected` to `digits` significant digits: within
 * one unit of the last digit, and within 10^-(digits+1) of `scale` (the size of
 * the numbers it is computed from), so that a rounding residue such as
 * 1.2e-16 matches 0.
 *
 * @example
 * ```ts
 * handClose(1.373, 1.3734);   // true
 * handClose(1.37, 137);       // false
 * handClose(0, 1.2e-16, 3, 26); // true
 * ```
 */
export function handClose(given: number, expected: number, digits = DEFAULT_DIGITS, scale = 0): boolean {
  if (!Number.isFinite(given) || !Number.isFinite(expected)) {
    return Object.is(given, expected) || (Number.isNaN(given) && Number.isNaN(expected));
  }
  const magnitude = Math.abs(expected);
  const unit = magnitude > 0 ? 10 ** (Math.floor(Math.log10(magnitude)) - (digits - 1)) : 0;
  const floor = 10 ** -(digits + 1) * Math.abs(scale);
  return Math.abs(given - expected) <= (unit + floor) * (1 + 1e-9) + 1e-300;
}

const fmt = formatValue;

/**
 * Checks a student's answers against a worked solution. When the solution's
 * values make the formula undefined and a change is proposed, the answers are
 * checked against the proposed values (as the worked solution works them),
 * unless they name other values.
 *
 * @throws {FormulaError} code `'ANSWERS'` when the answers give values other than the solution's.
 *
 * @example
 * ```ts
 * const solution = solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]);
 * const result = checkAnswers(solution, parseAnswers('{"forward": {"v5": 1.3734}, "backward": {}}'));
 * result.first?.node;    // 'v5'
 * result.first?.mistake; // 'sign'
 * ```
 */
export function checkAnswers(solution: Solution, answers: Answers, options: CheckOptions = {}): CheckResult {
  const digits = options.digits ?? DEFAULT_DIGITS;
  if (!Number.isInteger(digits) || digits < 1 || digits > 15) {
    throw new FormulaError('INVALID_ARGUMENT', `checkAnswers: 'digits' must be an integer from 1 to 15, got ${String(digits)}`);
  }
  const notes: string[] = [];
  const target = pickSolution(solution, answers, notes);
  return new Checker(target, answers, digits, notes).run();
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function pickSolution(solution: Solution, answers: Answers, notes: string[]): Solution {
  const worked = workedSolution(solution);
  if (answers.values === undefined || sameValues(answers.values, solution.values)) {
    if (worked !== solution && answers.values === undefined) {
      notes.push(
        `The given values [${solution.values.join(', ')}] make the formula undefined (${solution.domainError!.message}); ` +
          `the answers are checked at the proposed values [${worked.values.join(', ')}].`,
      );
      return worked;
    }
    return solution;
  }
  if (sameValues(answers.values, worked.values)) return worked;
  throw new FormulaError(
    'ANSWERS',
    `answers: the answers are for the values [${answers.values.join(', ')}], but the solution is for [${solution.values.join(', ')}]`,
  );
}

class Checker {
  private readonly cells: Cell[] = [];
  private readonly status: CellStatus[] = [];
  private readonly results: CheckedCell[] = [];
  /** The student's forward values where given, else the solution's, by node id. */
  private readonly usedForward: number[];
  private readonly usedBackward: number[];
  private readonly usedLocal: number[];
  private readonly trace: Trace;
  private readonly names: Map<string, number>;
  private readonly output: number;
  /** The graph's edges, one per consumer and operand node (`x3 / x3` is one link of two edges). */
  private readonly links: readonly Link[];
  private readonly linkCell = new Map<number, number>();
  private readonly forwardCell = new Map<number, number>();
  private readonly backwardCell = new Map<number, number>();
  private misreading: Misreading | null = null;
  /** Cells explained by the misreading (they follow from it), by cell index. */
  private readonly misread = new Set<number>();

  constructor(
    private readonly solution: Solution,
    private readonly answers: Answers,
    private readonly digits: number,
    private readonly notes: string[],
  ) {
    this.trace = solution.trace;
    this.names = new Map(solution.nodes.map((n) => [n.name, n.id]));
    this.output = solution.nodes.length - 1;
    this.links = links(solution);
    this.usedForward = solution.nodes.map((n) => answers.forward[n.name] ?? n.value);
    this.usedBackward = solution.nodes.map((n) => answers.backward[n.name] ?? n.grad);
    this.usedLocal = this.links.map(() => NaN);
  }

  run(): CheckResult {
    this.buildCells();
    this.noteUnknownKeys();
    this.findMisreading();
    for (let index = 0; index < this.cells.length; index++) this.judge(index);
    const counts: Record<CellStatus, number> = { right: 0, wrong: 0, follows: 0, missing: 0 };
    for (const s of this.status) counts[s]++;
    const first = this.results.find((c) => c.status === 'wrong') ?? null;
    return {
      correct: this.results.every((c) => c.status === 'right'),
      first,
      cells: this.results,
      counts,
      digits: this.digits,
      solution: this.solution,
      misreading: this.misreading,
      notes: this.notes,
    };
  }

  // ---- the cells, in the order a student works ----

  private buildCells(): void {
    const { solution, answers } = this;
    const scales = gradientScales(this.trace);
    const push = (cell: Omit<Cell, 'inputs'>): number => {
      this.cells.push({ ...cell, inputs: [] });
      return this.cells.length - 1;
    };
    for (const node of solution.nodes) {
      const isInput = node.op === 'input';
      const given = answers.forward[node.name] ?? null;
      // An input's forward cell is the given value: a cell only when the student wrote it.
      if (isInput && given === null) continue;
      // NOTE: a sum or difference of large operands is only known to within their rounding: 100.5 - 100.4.
      const cancels = node.op === 'add' || node.op === 'sub';
      const operandScale = cancels ? Math.max(0, ...this.trace.nodes[node.id]!.operands.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0))) : 0;
      const index = push({ table: 'forward', node: node.name, id: node.id, given, expected: node.value, scale: Math.max(Math.abs(node.value), operandScale) });
      this.forwardCell.set(node.id, index);
      this.cells[index]!.inputs = node.inputs.flatMap((id) => this.forwardCellOf(id));
    }
    const lastLink = new Map<number, number>();
    this.links.forEach((link, k) => lastLink.set(link.to, k));
    const pushBackward = (id: number): void => {
      const node = solution.nodes[id]!;
      const given = answers.backward[node.name] ?? null;
      if (id === this.output && given === null) return;
      const index = push({ table: 'backward', node: node.name, id, given, expected: node.grad, scale: scales[id]! });
      this.backwardCell.set(id, index);
    };
    pushBackward(this.output);
    this.links.forEach((link, k) => {
      const consumer = solution.nodes[link.from]!;
      const operand = solution.nodes[link.to]!;
      const given = answers.local[link.key] ?? null;
      if (given !== null) {
        const index = push({
          table: 'local',
          node: operand.name,
          consumer: consumer.name,
          id: link.to,
          link: k,
          given,
          expected: link.localValue,
          scale: link.localScale,
        });
        this.linkCell.set(k, index);
        this.cells[index]!.inputs = this.localInputs(k);
      }
      if (lastLink.get(link.to) === k) pushBackward(link.to);
    });
    // Inputs and operations no edge reaches (an unused x2, constants only): their gradient is 0.
    for (const node of solution.nodes) {
      if (this.backwardCell.has(node.id) || node.id === this.output || lastLink.has(node.id)) continue;
      if (node.op !== 'input' && !this.trace.nodes[node.id]!.requiresGrad) continue;
      pushBackward(node.id);
    }
    for (const [id, index] of this.backwardCell) {
      this.cells[index]!.inputs = this.links.flatMap((link, k) =>
        link.to !== id ? [] : [...this.backwardCellOf(link.from), ...(this.linkCell.has(k) ? [this.linkCell.get(k)!] : this.localInputs(k))],
      );
    }
    this.links.forEach((link, k) => (this.usedLocal[k] = this.answers.local[link.key] ?? this.recomputeLocal(k)));
  }

  private forwardCellOf(id: number): number[] {
    const index = this.forwardCell.get(id);
    return index === undefined ? [] : [index];
  }

  private backwardCellOf(id: number): number[] {
    const index = this.backwardCell.get(id);
    return index === undefined ? [] : [index];
  }

  /** The forward cells a local derivative is computed from. */
  private localInputs(k: number): number[] {
    const names = new Set(this.links[k]!.edges.flatMap((e) => [...usedVariables(this.solution.edges[e]!.local)]));
    return [...names].flatMap((name) => this.forwardCellOf(this.names.get(name)!));
  }

  private noteUnknownKeys(): void {
    const { answers, solution } = this;
    const known = (name: string): boolean => this.names.has(name);
    const range = `${solution.variables.join(', ')}, ${solution.nodes.filter((n) => n.op !== 'input').map((n) => n.name).join(', ')}`;
    for (const [table, record] of [['forward', answers.forward], ['backward', answers.backward]] as const) {
      const unknown = Object.keys(record).filter((key) => !known(key));
      if (unknown.length > 0) {
        this.notes.push(`${table}: ${unknown.join(', ')} ${unknown.length > 1 ? 'are not nodes' : 'is not a node'} of this formula's graph (${range}); not checked.`);
      }
    }
    const edges = new Set(this.links.map((link) => link.key));
    const unknownEdges = Object.keys(answers.local).filter((key) => !edges.has(edgeKey(key) ?? key));
    if (unknownEdges.length > 0) {
      this.notes.push(`local: ${unknownEdges.join(', ')} ${unknownEdges.length > 1 ? 'are not edges' : 'is not an edge'} of this formula's graph; not checked.`);
    }
    const output = solution.nodes[this.output]!;
    if (answers.backward[output.name] === undefined && Object.keys(answers.backward).length > 0) {
      // Not a note worth making: ∂f/∂f = 1 is given in the template.
    }
  }

  // ---- what the student's own numbers give ----

  private operandValues(id: number, used: readonly number[]): number[] {
    const definition = this.solution.nodes[id]!.definition;
    const value = (e: Expr): number => (e.kind === 'const' ? e.value : used[this.names.get((e as { name: string }).name)!]!);
    if (definition.kind === 'unary') return [value(definition.arg)];
    if (definition.kind === 'binary') return [value(definition.left), value(definition.right)];
    return [];
  }

  private recomputeForward(id: number, used: readonly number[] = this.usedForward): number {
    const definition = this.solution.nodes[id]!.definition;
    const operands = this.operandValues(id, used);
    if (definition.kind === 'unary') return UNARY[definition.op].evaluate(operands[0]!);
    if (definition.kind === 'binary') return BINARY[definition.op].evaluate(operands[0]!, operands[1]!);
    return this.solution.nodes[id]!.value;
  }

  private recomputeLocal(k: number, used: readonly number[] = this.usedForward): number {
    const env = new Map(this.solution.nodes.map((n) => [n.name, used[n.id]!]));
    const truth = new Map(this.solution.nodes.map((n) => [n.name, n.value]));
    let sum = 0;
    for (const e of this.links[k]!.edges) {
      const edge = this.solution.edges[e]!;
      // Where PyTorch's backward masks the formula (pow at 0), the masked value stands.
      sum += Object.is(evaluate(edge.local, truth), edge.localValue) ? evaluate(edge.local, env) : edge.localValue;
    }
    return sum;
  }

  private term(k: number, upstream: number, local: number): number {
    const selectsZero = this.solution.nodes[this.links[k]!.from]!.op === 'relu' && local === 0;
    return selectsZero ? 0 : upstream * local;
  }

  private incoming(id: number): number[] {
    return this.links.flatMap((link, k) => (link.to === id ? [k] : []));
  }

  private recomputeBackward(id: number): number {
    if (id === this.output) return 1;
    let sum = 0;
    for (const k of this.incoming(id)) sum += this.term(k, this.usedBackward[this.links[k]!.from]!, this.usedLocal[k]!);
    return sum;
  }

  private recompute(cell: Cell): number {
    if (cell.table === 'forward') return cell.id < this.solution.variables.length ? this.solution.values[cell.id]! : this.recomputeForward(cell.id);
    if (cell.table === 'local') return this.recomputeLocal(cell.link!);
    return this.recomputeBackward(cell.id);
  }

  private close(given: number, target: number, scale: number): boolean {
    return handClose(given, target, this.digits, scale);
  }

  private off(index: number): boolean {
    const s = this.status[index];
    return s === 'wrong' || s === 'follows';
  }

  // ---- misreadings of the formula ----

  /**
   * Reads the formula with other parentheses: when a misreading's forward
   * and backward values (by node name: the student numbers the nodes of the
   * graph they drew) match more of the student's cells than the formula's, and
   * the first cell that is off, the student misread the formula.
   */
  private findMisreading(): void {
    const offCells = this.cells.flatMap((cell, i) => (cell.given !== null && !this.close(cell.given, cell.expected, cell.scale) ? [i] : []));
    if (offCells.length === 0) return;
    const given = this.cells.filter((c) => c.given !== null && c.table !== 'local');
    const truthScore = given.filter((c) => this.close(c.given!, c.expected, c.scale)).length;
    const firstOff = this.cells[offCells[0]!]!;
    let best: { misreading: Misreading; score: number; matches: Set<number> } | null = null;
    for (const misreading of misreadings(this.solution.expr)) {
      let alt: Trace;
      try {
        alt = trace(misreading.expr, this.solution.values, this.solution.variables);
      } catch {
        continue;
      }
      const altScales = gradientScales(alt);
      const altValue = new Map<string, { value: number; grad: number; scale: number }>(
        alt.nodes.map((n, id) => [n.name, { value: n.value, grad: alt.grads[id]!, scale: altScales[id]! }]),
      );
      const matches = new Set<number>();
      let score = 0;
      const check = (table: 'forward' | 'backward', name: string, value: number, scale: number): boolean => {
        const a = altValue.get(name);
        if (!a) return false;
        return this.close(value, table === 'forward' ? a.value : a.grad, Math.max(scale, table === 'forward' ? Math.abs(a.value) : a.scale));
      };
      this.cells.forEach((cell, i) => {
        if (cell.given === null || cell.table === 'local') return;
        if (check(cell.table, cell.node, cell.given, cell.scale)) {
          score++;
          matches.add(i);
        }
      });
      // Keys of the misread graph that the formula's graph does not have (a misreading may have fewer nodes).
      for (const [table, record] of [['forward', this.answers.forward], ['backward', this.answers.backward]] as const) {
        for (const [name, value] of Object.entries(record)) if (!this.names.has(name) && check(table, name, value, 0)) score++;
      }
      if (!matches.has(offCells[0]!) || score <= truthScore) continue;
      // A misreading changes the forward pass: it must fit the student's forward values at least as well.
      const forwardScore = (set: (i: number) => boolean): number => this.cells.filter((c, i) => c.table === 'forward' && c.given !== null && set(i)).length;
      if (forwardScore((i) => matches.has(i)) < forwardScore((i) => this.close(this.cells[i]!.given!, this.cells[i]!.expected, this.cells[i]!.scale))) continue;
      // At least half of the cells that are off must be explained by the misreading.
      const explained = offCells.filter((i) => matches.has(i)).length;
      if (explained * 2 < offCells.length) continue;
      if (best === null || score > best.score) best = { misreading, score, matches };
    }
    if (best === null) return;
    void firstOff;
    this.misreading = best.misreading;
    for (const i of offCells) if (best.matches.has(i)) this.misread.add(i);
  }

  // ---- verdicts ----

  private judge(index: number): void {
    const cell = this.cells[index]!;
    const base = { table: cell.table, node: cell.node, ...(cell.consumer !== undefined ? { consumer: cell.consumer } : {}), given: cell.given, expected: cell.expected };
    if (cell.given === null) {
      this.status[index] = 'missing';
      this.results.push({ ...base, status: 'missing' });
      return;
    }
    if (this.close(cell.given, cell.expected, cell.scale)) {
      this.status[index] = 'right';
      this.results.push({ ...base, status: 'right' });
      return;
    }
    const offInputs = cell.inputs.filter((i) => this.off(i));
    if (this.misread.has(index)) {
      const firstMisread = Math.min(...this.misread);
      if (index !== firstMisread) {
        this.status[index] = 'follows';
        this.results.push({
          ...base,
          status: 'follows',
          follows: this.label(firstMisread),
          explanation: `${this.title(cell)} is right for the misread formula ${this.misreading!.formula}: it follows from the misreading at ${this.label(firstMisread)}.`,
        });
        return;
      }
      this.status[index] = 'wrong';
      const m = this.misreading!;
      this.results.push({
        ...base,
        status: 'wrong',
        mistake: 'precedence',
        explanation:
          `You read ${m.written} as ${m.read}: in the course's notation every operation has its own parentheses, ` +
          `so ${this.title(cell)} is ${fmt(cell.expected)}, not ${fmt(cell.given)} (your later numbers follow the misread formula ${m.formula}).`,
      });
      return;
    }
    const recomputed = this.recompute(cell);
    if (this.close(cell.given, recomputed, Math.max(cell.scale, Math.abs(recomputed)))) {
      if (offInputs.length > 0) {
        const root = this.root(offInputs[0]!);
        this.status[index] = 'follows';
        this.results.push({
          ...base,
          status: 'follows',
          follows: root,
          explanation: `${this.title(cell)} = ${fmt(cell.given)} is right given your ${this.listOff(offInputs)}: it follows from the mistake at ${root}.`,
        });
        return;
      }
      // Right given numbers that are themselves right: wrong only when they were rounded to the bare
      // tolerance (or less) and the rounding grew; numbers carried with more digits than that are fine.
      const rounded = this.roundedInputs(cell);
      if (rounded.length === 0) {
        this.status[index] = 'right';
        this.results.push({ ...base, status: 'right', explanation: `${fmt(cell.given)} is right given your numbers (the exact value is ${fmt(cell.expected)}).` });
        return;
      }
      this.status[index] = 'wrong';
      this.results.push({ ...base, status: 'wrong', mistake: 'rounding', explanation: this.roundingEarly(cell, recomputed, rounded) });
      return;
    }
    this.status[index] = 'wrong';
    const diagnosis = this.diagnose(cell, recomputed);
    this.results.push({ ...base, status: 'wrong', mistake: diagnosis.kind, explanation: diagnosis.explanation });
  }

  /** The wrong cell an off cell goes back to. */
  private root(index: number): string {
    const result = this.results[index]!;
    return result.status === 'follows' && result.follows ? result.follows : this.label(index);
  }

  private label(index: number): string {
    const cell = this.cells[index]!;
    return cell.table === 'local' ? `local ${cell.consumer}->${cell.node}` : `${cell.table} ${cell.node}`;
  }

  /** How a cell is written: `v5`, `∂f/∂v5`, `∂v6/∂v5`. */
  private title(cell: Cell): string {
    if (cell.table === 'forward') return cell.node;
    if (cell.table === 'backward') return `∂f/∂${cell.node}`;
    return `∂${cell.consumer}/∂${cell.node}`;
  }

  private listOff(indices: readonly number[]): string {
    return indices.map((i) => `${this.title(this.cells[i]!)} = ${fmt(this.cells[i]!.given!)}`).join(', ');
  }

  /**
   * The inputs of a cell, and their inputs back to the start, that the student
   * rounded to `digits` significant digits or fewer, most rounded first.
   */
  private roundedInputs(cell: Cell): number[] {
    const seen = new Set<number>();
    const visit = (i: number): void => {
      if (seen.has(i)) return;
      seen.add(i);
      for (const j of this.cells[i]!.inputs) visit(j);
    };
    for (const i of cell.inputs) visit(i);
    return [...seen]
      .filter((i) => {
        const c = this.cells[i]!;
        return c.given !== null && Number.isFinite(c.given) && c.given !== c.expected && significantDigits(c.given) <= this.digits && relativeError(c) > 1e-12;
      })
      .sort((a, b) => relativeError(this.cells[b]!) - relativeError(this.cells[a]!));
  }

  private roundingEarly(cell: Cell, recomputed: number, rounded: readonly number[]): string {
    const culprit = this.cells[rounded[0]!]!;
    return (
      `${fmt(cell.given!)} follows from your rounded ${this.title(culprit)} = ${fmt(culprit.given!)} (more exactly ${fmt(culprit.expected)}), ` +
      `but the rounding error has grown here: ${this.title(cell)} is ${fmt(cell.expected)} (your numbers give ${fmt(recomputed)}); ` +
      `carry at least ${this.digits + 1} significant digits through the intermediate steps.`
    );
  }

  // ---- diagnosis of a wrong cell ----

  private diagnose(cell: Cell, recomputed: number): { kind: MistakeKind; explanation: string } {
    const given = cell.given!;
    const { expected } = cell;
    if (!Number.isFinite(expected)) {
      const problem = this.solution.domainError?.problems[0];
      return {
        kind: 'domain',
        explanation: `${this.title(cell)} is not defined at these values (${fmt(expected)}${problem ? `: ${problem.node} = ${problem.expression} is ${problem.reason}` : ''}), so no number is right here.`,
      };
    }
    if (!Number.isFinite(given)) {
      return { kind: 'arithmetic', explanation: `${this.title(cell)} is defined here: ${fmt(expected)}, not ${fmt(given)}.` };
    }
    const rounding = (coarsest: number): { kind: MistakeKind; explanation: string } | null => {
      const how = roundedTo(given, expected, this.digits, coarsest);
      return how === null
        ? null
        : {
            kind: 'rounding',
            explanation: `${fmt(given)} is ${fmt(expected)} rounded to ${how}: keep at least ${this.digits} significant digits (better ${this.digits + 2} in intermediate steps).`,
          };
    };
    // Rounding to 2 digits or 1-2 decimals first: an exact match that little else explains.
    const rounded = rounding(2);
    if (rounded) return rounded;
    // Two passes: slips that give the student's number to 6 digits, in order of likelihood; then
    // slips that give it to the tolerance. A student who writes 0.999914 did not write 1.
    for (const strict of [true, false]) {
      const match = (prediction: number): boolean =>
        Number.isFinite(prediction) &&
        (strict
          ? Math.abs(given - prediction) <= 5e-6 * Math.max(Math.abs(given), Math.abs(prediction)) + 1e-12 * Math.max(cell.scale, 1)
          : this.close(given, prediction, Math.max(cell.scale, Math.abs(prediction))));
      let found: { kind: MistakeKind; explanation: string } | null = null;
      if (cell.table === 'forward') found = this.diagnoseForward(cell, match);
      else if (cell.table === 'local') found = this.diagnoseLocal(cell, recomputed, match);
      else found = this.diagnoseBackward(cell, recomputed, match);
      if (found) return found;
    }
    // To a single digit, or to an integer: also what many coincidences look like, so only now.
    const coarse = rounding(1);
    if (coarse) return coarse;
    const other = this.otherNode(cell, given);
    if (other) return other;
    return { kind: 'arithmetic', explanation: `${this.computation(cell)}; ${fmt(given)} is not what this step gives: redo the arithmetic.` };
  }

  /** `v5 = v2 - v4 = 0 - 1.3734 = -1.3734`, with the student's numbers. */
  private computation(cell: Cell): string {
    if (cell.table === 'forward') {
      const node = this.solution.nodes[cell.id]!;
      if (node.op === 'input') return `${cell.node} is ${fmt(cell.expected)} in the given values`;
      const withNumbers = substitute(node.definition, (name) => this.usedForward[this.names.get(name)!]!);
      return `${cell.node} = ${toPlain(node.definition)} = ${withNumbers} = ${fmt(this.recomputeForward(cell.id))}`;
    }
    if (cell.table === 'local') {
      const link = this.links[cell.link!]!;
      const formula = link.edges.map((e) => toPlain(this.solution.edges[e]!.local)).join(' + ');
      return `∂${cell.consumer}/∂${cell.node} = ${formula} = ${fmt(this.recomputeLocal(cell.link!))}`;
    }
    if (cell.id === this.output) return `the backward pass starts from ∂f/∂${cell.node} = 1 (f is ${cell.node})`;
    const ks = this.incoming(cell.id);
    if (ks.length === 0) return `f does not depend on ${cell.node}, so ∂f/∂${cell.node} = 0`;
    const symbolic = ks.map((k) => `∂f/∂${this.consumerName(k)} · ∂${this.consumerName(k)}/∂${cell.node}`).join(' + ');
    const numbers = ks.map((k) => `${fmt(this.usedBackward[this.links[k]!.from]!)} · ${fmt(this.usedLocal[k]!)}`).join(' + ');
    return `∂f/∂${cell.node} = ${symbolic} = ${numbers} = ${fmt(this.recomputeBackward(cell.id))}`;
  }

  private consumerName(k: number): string {
    return this.solution.nodes[this.links[k]!.from]!.name;
  }

  private diagnoseForward(cell: Cell, match: (p: number) => boolean): { kind: MistakeKind; explanation: string } | null {
    const node = this.solution.nodes[cell.id]!;
    if (node.op === 'input') {
      return { kind: 'values', explanation: `${cell.node} is ${fmt(cell.expected)} in the given values, you have ${fmt(cell.given!)}.` };
    }
    const operands = this.operandValues(cell.id, this.usedForward);
    const truthOperands = this.operandValues(cell.id, this.solution.nodes.map((n) => n.value));
    if (match(-this.recomputeForward(cell.id))) {
      const slip = forwardSlips(node.op as never).find((s) => s.kind === 'sign' && match(s.value(operands, NaN)));
      return { kind: 'sign', explanation: `${this.computation(cell)}, but you have ${fmt(cell.given!)}: ${slip ? slip.why(operands) : 'the sign is flipped'}.` };
    }
    for (const slip of forwardSlips(node.op as never)) {
      for (const values of [operands, truthOperands]) {
        if (match(slip.value(values, NaN))) {
          return { kind: slip.kind, explanation: `${this.computation(cell)}, but your ${fmt(cell.given!)} is ${ruleFor(node.definition, slip)}: ${slip.why(values)}.` };
        }
      }
    }
    return null;
  }

  private diagnoseLocal(cell: Cell, recomputed: number, match: (p: number) => boolean): { kind: MistakeKind; explanation: string } | null {
    const link = this.links[cell.link!]!;
    const consumer = this.solution.nodes[link.from]!;
    const position = link.position;
    const operands = this.operandValues(link.from, this.usedForward);
    if (match(-recomputed)) {
      const rule = position >= 0 ? ` (${localRule(consumer.op as never, position)})` : '';
      return { kind: 'sign', explanation: `${this.computation(cell)}, but you have ${fmt(cell.given!)}: the sign is flipped${rule}.` };
    }
    for (const slip of position >= 0 ? localSlips(consumer.op as never, position) : []) {
      if (match(slip.value(operands, this.usedForward[link.from]!))) {
        return {
          kind: slip.kind,
          explanation: `${this.computation(cell)}, but your ${fmt(cell.given!)} is ${slip.rule.replace(/\bu\b/g, operandName(consumer.definition, position))}, and ${localRule(consumer.op as never, position)}: ${slip.why(operands)}.`,
        };
      }
    }
    return null;
  }

  private diagnoseBackward(cell: Cell, recomputed: number, match: (p: number) => boolean): { kind: MistakeKind; explanation: string } | null {
    const id = cell.id;
    const given = cell.given!;
    const ks = this.incoming(id);
    const links = this.links;
    const upstream = (k: number): number => this.usedBackward[links[k]!.from]!;
    const terms = ks.map((k) => this.term(k, upstream(k), this.usedLocal[k]!));
    const truthTerms = ks.map((k) => links[k]!.contribution);
    const total = (list: readonly number[]): number => list.reduce((a, b) => a + b, 0);
    const consumers = ks.map((k) => this.consumerName(k));
    if (id === this.output) {
      return { kind: 'chain-rule', explanation: `The backward pass starts from ∂f/∂${cell.node} = 1 (f is ${cell.node} itself), not ${fmt(given)}.` };
    }
    const fanOut = (list: readonly number[], general: boolean): { kind: MistakeKind; explanation: string } | null => {
      if (ks.length < 2 || ks.length > 8) return null;
      for (let mask = 1; mask < (1 << ks.length) - 1; mask++) {
        const kept = ks.flatMap((_, j) => ((mask >> j) & 1 ? [j] : []));
        const dropped = ks.flatMap((_, j) => ((mask >> j) & 1 ? [] : [j]));
        // First the likely slips: one contribution forgotten, or only one counted.
        if (!general && dropped.length !== 1 && kept.length !== 1) continue;
        if (dropped.every((j) => list[j] === 0)) continue;
        // NOTE: a forgotten ReLU/LeakyReLU term is its derivative taken as 0: the local-derivative slips say so.
        if (!general && dropped.length === 1 && ['relu', 'leakyRelu'].includes(this.solution.nodes[links[ks[dropped[0]!]!]!.from]!.op)) continue;
        if (match(total(kept.map((j) => list[j]!)))) {
          return {
            kind: 'fan-out',
            explanation:
              `${cell.node} feeds ${consumers.join(' and ')}, so ${this.computation(cell)}; ` +
              `your ${fmt(given)} has only the contribution${kept.length > 1 ? 's' : ''} from ${kept.map((j) => consumers[j]).join(' and ')} ` +
              `(missing: ${dropped.map((j) => `${consumers[j]}, ${fmt(list[j]!)}`).join('; ')}).`,
          };
        }
      }
      return null;
    };
    // A node feeding several others: a contribution forgotten.
    for (const list of [terms, truthTerms]) {
      const found = fanOut(list, false);
      if (found) return found;
    }
    // A sign slip: one term (a negative local derivative's minus lost), or the whole gradient.
    for (const [j, k] of ks.entries()) {
      if (terms[j] === 0 || !match(recomputed - 2 * terms[j]!)) continue;
      const consumer = this.solution.nodes[links[k]!.from]!;
      const local = `∂${consumer.name}/∂${cell.node} = ${fmt(this.usedLocal[k]!)}`;
      const rule = links[k]!.position >= 0 ? localRule(consumer.op as never, links[k]!.position) : '';
      // A rule with a minus (a - b, a / b, 1/u, cos, -u): that minus is the usual slip, whatever the sign of the result.
      const minus = / = -/.test(rule);
      let why: string;
      if (this.usedLocal[k]! < 0) why = `the local derivative ${local} is negative${rule ? ` (${rule})` : ''} and its minus got lost.`;
      else if (minus) why = `the minus of ${rule} got lost (${local} is positive here because of the operands' signs).`;
      else why = `the sign of the contribution from ${consumer.name} is flipped.`;
      return { kind: 'sign', explanation: `${this.computation(cell)}, but you have ${fmt(given)}: ${why}` };
    }
    if (match(-recomputed)) return { kind: 'sign', explanation: `${this.computation(cell)}, but you have ${fmt(given)}: the sign is flipped.` };
    const without = (j: number, replacement: number): number => recomputed - terms[j]! + replacement;
    // The chain rule: the upstream gradient left out.
    for (const [j, k] of ks.entries()) {
      const consumer = consumers[j]!;
      if (upstream(k) !== 1 && match(without(j, this.usedLocal[k]!))) {
        return {
          kind: 'chain-rule',
          explanation: `${this.computation(cell)}; your ${fmt(given)} leaves out the upstream gradient ∂f/∂${consumer} = ${fmt(upstream(k))}: the chain rule multiplies it by the local derivative ∂${consumer}/∂${cell.node} = ${fmt(this.usedLocal[k]!)}.`,
        };
      }
    }
    // A wrong rule for a local derivative (or one evaluated in degrees).
    for (const [j, k] of ks.entries()) {
      const link = links[k]!;
      const consumer = this.solution.nodes[link.from]!;
      const position = link.position;
      if (position < 0) continue;
      for (const operandValues of [this.operandValues(link.from, this.usedForward), this.operandValues(link.from, this.solution.nodes.map((n) => n.value))]) {
        for (const slip of localSlips(consumer.op as never, position)) {
          const wrongLocal = slip.value(operandValues, this.usedForward[link.from]!);
          if (!Number.isFinite(wrongLocal) || this.close(wrongLocal, this.usedLocal[k]!, Math.abs(this.usedLocal[k]!))) continue;
          if (match(without(j, this.term(k, upstream(k), wrongLocal)))) {
            return {
              kind: slip.kind,
              explanation:
                `${this.computation(cell)}; your ${fmt(given)} comes from ∂${consumer.name}/∂${cell.node} = ${withValue(slip.rule.replace(/\bu\b/g, operandName(consumer.definition, position)), wrongLocal)}, ` +
                `but ${localRule(consumer.op as never, position)}: ${slip.why(operandValues)}.`,
            };
          }
        }
      }
    }
    // The chain rule: the local derivative left out.
    for (const [j, k] of ks.entries()) {
      const consumer = consumers[j]!;
      if (this.usedLocal[k] !== 1 && match(without(j, upstream(k)))) {
        return {
          kind: 'chain-rule',
          explanation: `${this.computation(cell)}; your ${fmt(given)} leaves out the local derivative ∂${consumer}/∂${cell.node} = ${fmt(this.usedLocal[k]!)}: the chain rule multiplies the upstream gradient ∂f/∂${consumer} = ${fmt(upstream(k))} by it.`,
        };
      }
    }
    // Several contributions forgotten.
    for (const list of [terms, truthTerms]) {
      const found = fanOut(list, true);
      if (found) return found;
    }
    return null;
  }

  /** The number belongs to another node: a numbering slip. */
  private otherNode(cell: Cell, given: number): { kind: MistakeKind; explanation: string } | null {
    if (cell.table === 'local' || given === 0 || Math.abs(given) === 1) return null;
    for (const node of this.solution.nodes) {
      if (node.id === cell.id) continue;
      const value = cell.table === 'forward' ? node.value : node.grad;
      if (node.op === 'input' && cell.table === 'forward') continue;
      if (Number.isFinite(value) && value !== 0 && this.close(given, value, Math.abs(value))) {
        const what = cell.table === 'forward' ? `the value of ${node.name} = ${toPlain(node.definition)}` : `∂f/∂${node.name}`;
        return {
          kind: 'numbering',
          explanation: `${fmt(given)} is ${what}, not of ${this.title(cell)}: the nodes are numbered in evaluation order, left operand first (${this.title(cell)}: ${this.computation(cell)}).`,
        };
      }
    }
    return null;
  }
}

/** The derivative of a consumer with respect to one operand node: one edge, or two for `x3 / x3`. */
interface Link {
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

function links(solution: Solution): Link[] {
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

function operandName(definition: Expr, position: number): string {
  const e = definition.kind === 'binary' ? (position === 0 ? definition.left : definition.right) : definition.kind === 'unary' ? definition.arg : definition;
  return toPlain(e);
}

/** `rule = value`, or just the value when the rule is that number. */
function withValue(rule: string, value: number): string {
  return rule === fmt(value) ? rule : `${rule} = ${fmt(value)}`;
}

/** A slip's rule with the node's operand names (`1/cos(v6)`). */
function ruleFor(definition: Expr, slip: Slip): string {
  if (definition.kind === 'unary') return slip.rule.replace(/\bu\b/g, toPlain(definition.arg));
  if (definition.kind === 'binary') return slip.rule.replace(/\ba\b/g, toPlain(definition.left)).replace(/\bb\b/g, toPlain(definition.right));
  return slip.rule;
}

/** A definition with the operands' numbers written in (`0 - 1.3734`). */
function substitute(definition: Expr, value: (name: string) => number): string {
  const number = (e: Expr): string => {
    if (e.kind === 'const') return fmt(e.value);
    const v = value((e as { name: string }).name);
    return v < 0 ? `(${fmt(v)})` : fmt(v);
  };
  if (definition.kind === 'unary') return toPlain({ ...definition, arg: { kind: 'var', name: number(definition.arg) } });
  if (definition.kind === 'binary') {
    return toPlain({ ...definition, left: { kind: 'var', name: number(definition.left) }, right: { kind: 'var', name: number(definition.right) } });
  }
  return toPlain(definition);
}

/** The significant digits of a number as written (shortest form): 1.37 has 3, 1200 has 2, 0.0384615 has 6. */
function significantDigits(value: number): number {
  const [mantissa] = Math.abs(value).toExponential().split('e');
  return mantissa!.replace('.', '').replace(/0+$/, '').length || 1;
}

function relativeError(cell: Cell): number {
  return Math.abs(cell.given! - cell.expected) / Math.max(Math.abs(cell.expected), 1e-300);
}

/**
 * When `given` is `expected` rounded to fewer than `digits` significant
 * digits, or to 0, 1 or 2 decimals: how ("2 significant digits", "1 decimal").
 */
function roundedTo(given: number, expected: number, digits: number, coarsest: number): string | null {
  // NOTE: a 0 is rarely a rounding: a number that rounds to 0 is more likely something else.
  if (given === 0) return null;
  const same = (a: number): boolean => Math.abs(a - given) <= 1e-9 * Math.max(Math.abs(given), 1e-12);
  for (let d = Math.max(coarsest, 1); d < digits; d++) if (same(Number(expected.toPrecision(d)))) return `${d} significant digit${d > 1 ? 's' : ''}`;
  for (let d = Math.max(coarsest - 1, 0); d <= 2; d++) {
    // Rounding 0.0148 to 2 decimals leaves one significant digit: as coarse as rounding to 1 digit.
    if (same(Number(expected.toFixed(d))) && significantDigits(given) >= coarsest) return d === 0 ? 'an integer' : `${d} decimal${d > 1 ? 's' : ''}`;
  }
  return null;
}

/** Where the formula and values of a check come from, besides the answers file. */
export interface CheckSource {
  readonly name?: string;
  readonly formula?: string;
  readonly values?: readonly number[];
}

/**
 * The solution a set of answers is about: the name's formula (and values), or
 * the formula and values, from `source` (e.g. command-line flags) or else from
 * the answers file itself. Values given without a name's values (the course
 * asks to change values that make the formula undefined) are used as given.
 *
 * @throws {FormulaError} code `'ANSWERS'` when neither says which formula, or they disagree.
 *
 * @example
 * ```ts
 * solveForAnswers(parseAnswers('{"name": "Francesco Tomba", "forward": {}}')).values; // [-2, 2, 3, -2, 1]
 * ```
 */
export function solveForAnswers(answers: Answers, source: CheckSource = {}): Solution {
  const pick = <T>(field: string, a: T | undefined, b: T | undefined, same: (x: T, y: T) => boolean): T | undefined => {
    if (a !== undefined && b !== undefined && !same(a, b)) {
      throw new FormulaError('ANSWERS', `answers: the file's ${field} (${JSON.stringify(b)}) differs from the one given (${JSON.stringify(a)})`);
    }
    return a ?? b;
  };
  const name = pick('name', source.name, answers.name, (x, y) => x === y);
  const formula = pick('formula', source.formula, answers.formula, (x, y) => equals(parse(x), parse(y)));
  const values = pick('values', source.values, answers.values, sameValues);
  if (name !== undefined) {
    const random = randomFormula(name);
    if (formula !== undefined && !equals(parse(formula), random.expr)) {
      throw new FormulaError('ANSWERS', `answers: the formula ${formula} is not ${JSON.stringify(name)}'s (${random.formula})`);
    }
    return solve(random.expr, values ?? random.values);
  }
  if (formula === undefined) {
    throw new FormulaError('ANSWERS', 'answers: which formula? give a name, or a formula and values (in the file or as options)');
  }
  if (values === undefined) throw new FormulaError('ANSWERS', `answers: the formula ${formula} needs its values`);
  return solve(formula, values);
}

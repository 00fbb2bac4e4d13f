/**
 * The answer checker: a student's forward values, gradients ∂f/∂node and
 * (optionally) local derivatives, compared cell by cell with the worked
 * solution. Every cell is right, wrong, follows from an earlier wrong cell
 * (right given the student's own earlier numbers), or missing; the first wrong
 * cell in the order a student works is named, and each wrong cell gets the
 * most likely mistake from a documented vocabulary ({@link MistakeKind}).
 */
import { equalsTree, usedVariablesOf } from './ast';
import { edgeKey, type Answers } from './answers';
import { diagnose } from './check-diagnosis';
import { CheckModel, relativeError, significantDigits, title, type Cell } from './check-model';
import { DEFAULT_DIGITS } from './check-tolerance';
import { FormulaError } from './errors';
import { traceTree, type Trace } from './evaluate';
import { formatValue } from './format';
import type { MistakeKind } from './mistakes';
import { misreadings, type Misreading } from './misreadings';
import { parse } from './parser';
import { randomFormula } from './randomizer';
import { gradientScales, solve, workedSolution, type Solution } from './solve';
import { mark, requireMade, requireNumber, requireNumbers, requireOptions, requireRecord, requireString } from './guards';

/** Answers as `parseAnswers` reads them, or built by hand: tables of node names (or edges) to numbers. */
function requireAnswers(answers: unknown, fn: string): asserts answers is Answers {
  requireRecord(answers, fn, 'answers', 'answers ({ forward, backward, local? }, e.g. from parseAnswers)');
  for (const table of ['forward', 'backward', 'local'] as const) {
    const record = answers[table];
    if (record === undefined && table === 'local') continue;
    requireRecord(record, fn, `answers.${table}`, 'an object of node names to numbers');
    for (const [key, value] of Object.entries(record)) requireNumber(value, fn, `answers.${table}.${key}`);
  }
  for (const field of ['name', 'formula'] as const) if (answers[field] !== undefined) requireString(answers[field], fn, `answers.${field}`);
  if (answers.values !== undefined) requireNumbers(answers.values, fn, 'answers.values');
}

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

export { DEFAULT_DIGITS, handClose } from './check-tolerance';

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
  requireMade('solution', solution, 'checkAnswers', 'solution');
  requireAnswers(answers, 'checkAnswers');
  requireOptions(options, 'checkAnswers');
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
  /** The graph and what the student's own numbers give. */
  private readonly m: CheckModel;
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
    this.m = new CheckModel(solution, answers, digits);
  }

  run(): CheckResult {
    this.buildCells();
    this.noteUnknownKeys();
    this.findMisreading();
    for (let index = 0; index < this.cells.length; index++) this.judge(index);
    const counts: Record<CellStatus, number> = { right: 0, wrong: 0, follows: 0, missing: 0 };
    for (const s of this.status) counts[s]++;
    const first = this.results.find((c) => c.status === 'wrong') ?? null;
    return mark('checkResult', {
      correct: this.results.every((c) => c.status === 'right'),
      first,
      cells: this.results,
      counts,
      digits: this.digits,
      solution: this.solution,
      misreading: this.misreading,
      notes: this.notes,
    });
  }

  // ---- the cells, in the order a student works ----

  private buildCells(): void {
    const { solution, answers } = this;
    const scales = gradientScales(this.m.trace);
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
      const operandScale = cancels ? Math.max(0, ...this.m.trace.nodes[node.id]!.operands.map((v) => (Number.isFinite(v) ? Math.abs(v) : 0))) : 0;
      const index = push({ table: 'forward', node: node.name, id: node.id, given, expected: node.value, scale: Math.max(Math.abs(node.value), operandScale) });
      this.forwardCell.set(node.id, index);
      this.cells[index]!.inputs = node.inputs.flatMap((id) => this.forwardCellOf(id));
    }
    const lastLink = new Map<number, number>();
    this.m.links.forEach((link, k) => lastLink.set(link.to, k));
    const pushBackward = (id: number): void => {
      const node = solution.nodes[id]!;
      const given = answers.backward[node.name] ?? null;
      if (id === this.m.output && given === null) return;
      const index = push({ table: 'backward', node: node.name, id, given, expected: node.grad, scale: scales[id]! });
      this.backwardCell.set(id, index);
    };
    pushBackward(this.m.output);
    this.m.links.forEach((link, k) => {
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
      if (this.backwardCell.has(node.id) || node.id === this.m.output || lastLink.has(node.id)) continue;
      if (node.op !== 'input' && !this.m.trace.nodes[node.id]!.requiresGrad) continue;
      pushBackward(node.id);
    }
    for (const [id, index] of this.backwardCell) {
      this.cells[index]!.inputs = this.m.links.flatMap((link, k) =>
        link.to !== id ? [] : [...this.backwardCellOf(link.from), ...(this.linkCell.has(k) ? [this.linkCell.get(k)!] : this.localInputs(k))],
      );
    }
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
    const names = new Set(this.m.links[k]!.edges.flatMap((e) => [...usedVariablesOf(this.solution.edges[e]!.local)]));
    return [...names].flatMap((name) => this.forwardCellOf(this.m.names.get(name)!));
  }

  private noteUnknownKeys(): void {
    const { answers, solution } = this;
    const known = (name: string): boolean => this.m.names.has(name);
    const range = `${solution.variables.join(', ')}, ${solution.nodes.filter((n) => n.op !== 'input').map((n) => n.name).join(', ')}`;
    for (const [table, record] of [['forward', answers.forward], ['backward', answers.backward]] as const) {
      const unknown = Object.keys(record).filter((key) => !known(key));
      if (unknown.length > 0) {
        this.notes.push(`${table}: ${unknown.join(', ')} ${unknown.length > 1 ? 'are not nodes' : 'is not a node'} of this formula's graph (${range}); not checked.`);
      }
    }
    const edges = new Set(this.m.links.map((link) => link.key));
    const unknownEdges = Object.keys(answers.local).filter((key) => !edges.has(edgeKey(key) ?? key));
    if (unknownEdges.length > 0) {
      this.notes.push(`local: ${unknownEdges.join(', ')} ${unknownEdges.length > 1 ? 'are not edges' : 'is not an edge'} of this formula's graph; not checked.`);
    }
    const output = solution.nodes[this.m.output]!;
    if (answers.backward[output.name] === undefined && Object.keys(answers.backward).length > 0) {
      // Not a note worth making: ∂f/∂f = 1 is given in the template.
    }
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
    const offCells = this.cells.flatMap((cell, i) => (cell.given !== null && !this.m.close(cell.given, cell.expected, cell.scale) ? [i] : []));
    if (offCells.length === 0) return;
    const given = this.cells.filter((c) => c.given !== null && c.table !== 'local');
    const truthScore = given.filter((c) => this.m.close(c.given!, c.expected, c.scale)).length;
    const firstOff = this.cells[offCells[0]!]!;
    let best: { misreading: Misreading; score: number; matches: Set<number> } | null = null;
    for (const misreading of misreadings(this.solution.expr)) {
      let alt: Trace;
      try {
        alt = traceTree(misreading.expr, this.solution.values, this.solution.variables);
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
        return this.m.close(value, table === 'forward' ? a.value : a.grad, Math.max(scale, table === 'forward' ? Math.abs(a.value) : a.scale));
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
        for (const [name, value] of Object.entries(record)) if (!this.m.names.has(name) && check(table, name, value, 0)) score++;
      }
      if (!matches.has(offCells[0]!) || score <= truthScore) continue;
      // A misreading changes the forward pass: it must fit the student's forward values at least as well.
      const forwardScore = (set: (i: number) => boolean): number => this.cells.filter((c, i) => c.table === 'forward' && c.given !== null && set(i)).length;
      if (forwardScore((i) => matches.has(i)) < forwardScore((i) => this.m.close(this.cells[i]!.given!, this.cells[i]!.expected, this.cells[i]!.scale))) continue;
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
    if (this.m.close(cell.given, cell.expected, cell.scale)) {
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
          explanation: `${title(cell)} is right for the misread formula ${this.misreading!.formula}: it follows from the misreading at ${this.label(firstMisread)}.`,
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
          `so ${title(cell)} is ${fmt(cell.expected)}, not ${fmt(cell.given)} (your later numbers follow the misread formula ${m.formula}).`,
      });
      return;
    }
    const recomputed = this.m.recompute(cell);
    if (this.m.close(cell.given, recomputed, Math.max(cell.scale, Math.abs(recomputed)))) {
      if (offInputs.length > 0) {
        const root = this.root(offInputs[0]!);
        this.status[index] = 'follows';
        this.results.push({
          ...base,
          status: 'follows',
          follows: root,
          explanation: `${title(cell)} = ${fmt(cell.given)} is right given your ${this.listOff(offInputs)}: it follows from the mistake at ${root}.`,
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
    const diagnosis = diagnose(this.m, cell, recomputed);
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

  private listOff(indices: readonly number[]): string {
    return indices.map((i) => `${title(this.cells[i]!)} = ${fmt(this.cells[i]!.given!)}`).join(', ');
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
      `${fmt(cell.given!)} follows from your rounded ${title(culprit)} = ${fmt(culprit.given!)} (more exactly ${fmt(culprit.expected)}), ` +
      `but the rounding error has grown here: ${title(cell)} is ${fmt(cell.expected)} (your numbers give ${fmt(recomputed)}); ` +
      `carry at least ${this.digits + 1} significant digits through the intermediate steps.`
    );
  }
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
  requireAnswers(answers, 'solveForAnswers');
  requireOptions(source, 'solveForAnswers', 'source');
  if (source.name !== undefined) requireString(source.name, 'solveForAnswers', 'source.name');
  if (source.formula !== undefined) requireString(source.formula, 'solveForAnswers', 'source.formula');
  if (source.values !== undefined) requireNumbers(source.values, 'solveForAnswers', 'source.values');
  const pick = <T>(field: string, a: T | undefined, b: T | undefined, same: (x: T, y: T) => boolean): T | undefined => {
    if (a !== undefined && b !== undefined && !same(a, b)) {
      throw new FormulaError('ANSWERS', `answers: the file's ${field} (${JSON.stringify(b)}) differs from the one given (${JSON.stringify(a)})`);
    }
    return a ?? b;
  };
  const name = pick('name', source.name, answers.name, (x, y) => x === y);
  const formula = pick('formula', source.formula, answers.formula, (x, y) => equalsTree(parse(x), parse(y)));
  const values = pick('values', source.values, answers.values, sameValues);
  if (name !== undefined) {
    const random = randomFormula(name);
    if (formula !== undefined && !equalsTree(parse(formula), random.expr)) {
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

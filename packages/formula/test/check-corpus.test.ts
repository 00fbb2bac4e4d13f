/**
 * The answer checker on a corpus of wrong answers: each kind of mistake
 * injected into real worked solutions (course formulas for generated names,
 * and typed formulas where variables fan out) by a simulated student
 * (`student.ts`) who then carries on correctly with their own numbers. The
 * checker must name the injected cell as the first wrong one, every time;
 * name the kind of mistake in at least 97% of the cases (95% for each kind;
 * the issue's bar is 90%); and report the
 * cells computed from the mistake as following from it, not as new mistakes.
 * Correct answers, exact or rounded, are never flagged.
 */
import { describe, expect, it } from 'vitest';
import { binary, constant, unary, variable, type BinaryOp, type Expr, type UnaryOp } from '../src/ast';
import { answersFromJson } from '../src/answers';
import { checkAnswers, type CheckResult } from '../src/check';
import type { MistakeKind } from '../src/mistakes';
import { PythonRandom } from '../src/python-random';
import { randomFormula } from '../src/randomizer';
import { solve, workedSolution, type Solution } from '../src/solve';
import { treeMisreadings, work, workMisreading, type Injection, type Worked } from './student';

const rng = new PythonRandom(31415);
const pick = <T>(list: readonly T[]): T => list[rng.randbelow(list.length)]!;
const DEG = Math.PI / 180;

/** Solutions a student can work by hand: finite, no kink, no huge numbers. */
function workable(solution: Solution): boolean {
  if (solution.domainError || solution.kinks.length > 0) return false;
  return solution.nodes.every((n) => Number.isFinite(n.value) && Number.isFinite(n.grad) && Math.abs(n.value) < 1e6 && Math.abs(n.grad) < 1e6);
}

function courseSolutions(count: number): Solution[] {
  const out: Solution[] = [];
  for (let i = 0; out.length < count; i++) {
    const name = `${pick(['Ada', 'Alan', 'Grace', 'Emmy', 'Kurt', 'Ennio', 'Maria', 'Sofia', 'Niels', 'Élie', 'Zoë', '李'])} ${pick(['Rossi', 'Bianchi', 'Noether', 'Turing', 'Gödel', 'Ferrari', 'Kovalevskaya', 'Abel', '王'])} ${i}`;
    const solution = workedSolution(solve(randomFormula(name).expr, randomFormula(name).values));
    if (workable(solution)) out.push(solution);
  }
  return out;
}

const UNARY_OPS: UnaryOp[] = ['square', 'cube', 'log', 'exp', 'cos', 'sin', 'tan', 'atan', 'reciprocal', 'sqrt', 'relu', 'leakyRelu', 'abs', 'tanh', 'sigmoid'];
const BINARY_OPS: BinaryOp[] = ['add', 'sub', 'mul', 'div'];

/** Typed formulas over x1..x3, so that variables feed several operations (fan-out). */
function typedSolutions(count: number): Solution[] {
  const generate = (depth: number): Expr => {
    const r = rng.getrandbits(32) / 2 ** 32;
    if (depth === 0 || r < 0.15) return rng.getrandbits(4) < 14 ? variable(`x${1 + rng.randbelow(3)}`) : constant(pick([2, 3, 0.5]));
    if (r < 0.45) return unary(pick(UNARY_OPS), generate(depth - 1));
    return binary(pick(BINARY_OPS), generate(depth - 1), generate(depth - 1));
  };
  const out: Solution[] = [solve('log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)', [1, 2, -1, 3, 5])];
  while (out.length < count) {
    const expr = generate(4);
    let solution: Solution;
    try {
      solution = solve(expr, [pick([-3, -2, -1, 1, 2, 3]), pick([-2, -1, 1, 2, 0.5]), pick([-1, 1, 2, 3])], ['x1', 'x2', 'x3']);
    } catch {
      continue;
    }
    const fanOut = solution.nodes.some((n) => solution.edges.filter((e) => e.to === n.id).length >= 2);
    if (fanOut && solution.nodes.length >= 7 && workable(solution)) out.push(solution);
  }
  return out;
}

interface Case {
  readonly label: string;
  readonly kind: MistakeKind;
  readonly solution: Solution;
  readonly answers: Worked;
  readonly first: string;
  readonly withLocal: boolean;
}

const operandValue = (o: readonly number[], i = 0): number => o[i]!;

/** Wrong local derivatives by operator (the test's own list, not the checker's). */
const WRONG_LOCAL: Partial<Record<string, ((o: readonly number[], position: number) => number | null)[]>> = {
  tan: [(o) => 1 / Math.cos(o[0]!), (o) => Math.tan(o[0]!) ** 2, (o) => 1 + Math.tan(o[0]!)],
  sqrt: [(o) => 1 / Math.sqrt(o[0]!), (o) => Math.sqrt(o[0]!) / 2],
  atan: [(o) => 1 / (1 + o[0]!), (o) => 1 / (1 - o[0]! ** 2), (o) => 1 + o[0]! ** 2],
  reciprocal: [(o) => -1 / o[0]!],
  log: [(o) => o[0]!, (o) => 1 / o[0]! ** 2],
  square: [(o) => o[0]!, () => 2],
  cube: [(o) => 3 * o[0]!, (o) => o[0]! ** 2],
  exp: [(o) => o[0]! * Math.exp(o[0]! - 1)],
  sin: [(o) => Math.sin(o[0]!)],
  cos: [(o) => Math.cos(o[0]!)],
  relu: [(o) => (o[0]! > 0 ? null : 1)],
  leakyRelu: [(o) => (o[0]! > 0 ? 0.01 : 0), (o) => (o[0]! > 0 ? null : 0.1)],
  mul: [(o, position) => o[position]!],
  div: [(o, position) => (position === 0 ? o[1]! : -1 / o[1]! ** 2)],
};

/** True when the student's number is clearly not the worked solution's (> 2%). */
const differs = (given: number | undefined, expected: number): boolean =>
  given !== undefined && Math.abs(given - expected) > 0.02 * Math.max(Math.abs(expected), 1e-3);

function positionOf(solution: Solution, k: number): number {
  const edge = solution.edges[k]!;
  const siblings = solution.edges.flatMap((e, j) => (e.from === edge.from ? [j] : []));
  const definition = solution.nodes[edge.from]!.definition;
  if (definition.kind !== 'binary') return 0;
  const target = solution.nodes[edge.to]!.name;
  const refs = [definition.left, definition.right].map((e, i) => (e.kind === 'var' && e.name === target ? i : -1)).filter((i) => i >= 0);
  return refs[siblings.filter((j) => solution.edges[j]!.to === edge.to).indexOf(k)] ?? 0;
}

function casesFor(solution: Solution, label: string): Case[] {
  const cases: Case[] = [];
  const nodes = solution.nodes;
  const edges = solution.edges;
  const ops = nodes.filter((n) => n.op !== 'input');
  const add = (kind: MistakeKind, injection: Injection, note: string, withLocal = false): void => {
    const answers = work(solution, injection);
    let first: string;
    if (injection.at === 'forward') {
      const node = nodes[injection.node]!;
      if (!differs(answers.forward[node.name], node.value)) return;
      first = `forward ${node.name}`;
    } else if (injection.at === 'backward') {
      const node = nodes[injection.node]!;
      if (!differs(answers.backward[node.name], node.grad)) return;
      first = `backward ${node.name}`;
    } else {
      const edge = edges[injection.edge]!;
      const node = nodes[edge.to]!;
      const key = `${nodes[edge.from]!.name}->${node.name}`;
      if (injection.at === 'local' && withLocal) {
        if (!differs(answers.local[key], edge.localValue)) return;
        first = `local ${key}`;
      } else {
        if (!differs(answers.backward[node.name], node.grad)) return;
        first = `backward ${node.name}`;
      }
    }
    cases.push({ label: `${label}: ${note}`, kind, solution, answers, first, withLocal });
  };

  // Sign slips: a subtraction the wrong way round, a product's or quotient's sign, a negative local derivative's minus lost.
  const signed = ops.filter((n) => ['sub', 'mul', 'div'].includes(n.op) && n.value !== 0);
  if (signed.length > 0) {
    const node = pick(signed);
    add('sign', { at: 'forward', node: node.id, value: (v) => -v }, `${node.name} = -(${node.name})`);
  }
  // NOTE: `x3 * x3` has two edges x3 -> v1 whose local derivatives a student writes as one (their sum):
  // a mistake in one of them is a mistake in that sum, so the corpus injects none there.
  const single = (k: number): boolean => edges.filter((e) => e.from === edges[k]!.from && e.to === edges[k]!.to).length === 1;
  const negative = edges.flatMap((e, k) => (e.localValue < 0 && e.upstream !== 0 && single(k) ? [k] : []));
  if (negative.length > 0) {
    const k = pick(negative);
    add('sign', { at: 'local', edge: k, value: (v) => -v }, `edge ${k} local derivative's minus lost`, rng.randbelow(3) === 0);
  }
  // A missing fan-out term.
  const fanned = nodes.filter((n) => new Set(edges.filter((e) => e.to === n.id).map((e) => e.from)).size >= 2);
  if (fanned.length > 0) {
    const node = pick(fanned);
    const ks = edges.flatMap((e, k) => (e.to === node.id && e.contribution !== 0 && single(k) ? [k] : []));
    if (ks.length > 0) {
      const k = pick(ks);
      add('fan-out', { at: 'term', edge: k, value: () => 0 }, `${node.name} misses the term of edge ${k}`);
    }
  }
  // A wrong local derivative.
  const ruled = edges.flatMap((e, k) => (WRONG_LOCAL[nodes[e.from]!.op] && e.upstream !== 0 && single(k) ? [k] : []));
  if (ruled.length > 0) {
    const k = pick(ruled);
    const rules = WRONG_LOCAL[nodes[edges[k]!.from]!.op]!;
    const rule = pick(rules);
    const position = positionOf(solution, k);
    add(
      'local-derivative',
      { at: 'local', edge: k, value: (v, o) => rule(o, position) ?? v },
      `wrong ${nodes[edges[k]!.from]!.op}' on edge ${k}`,
      rng.randbelow(3) === 0,
    );
  }
  // Degrees instead of radians, forward and backward.
  const trig = ops.filter((n) => ['sin', 'cos', 'tan', 'atan'].includes(n.op));
  if (trig.length > 0) {
    const node = pick(trig);
    const inDegrees: Record<string, (u: number) => number> = {
      sin: (u) => Math.sin(u * DEG),
      cos: (u) => Math.cos(u * DEG),
      tan: (u) => Math.tan(u * DEG),
      atan: (u) => Math.atan(u) / DEG,
    };
    add('degrees', { at: 'forward', node: node.id, value: (_, o) => inDegrees[node.op]!(operandValue(o)) }, `${node.name} in degrees`);
  }
  const trigEdges = edges.flatMap((e, k) => (['sin', 'cos'].includes(nodes[e.from]!.op) && e.upstream !== 0 && single(k) ? [k] : []));
  if (trigEdges.length > 0) {
    const k = pick(trigEdges);
    const op = nodes[edges[k]!.from]!.op;
    add('degrees', { at: 'local', edge: k, value: (_, o) => (op === 'sin' ? Math.cos(o[0]! * DEG) : -Math.sin(o[0]! * DEG)) }, `${op}' in degrees`);
  }
  // The formula misread.
  const misread = treeMisreadings(solution.expr);
  if (misread.length > 0) {
    const expr = pick(misread);
    const answers = workMisreading(solution, expr);
    const cells = [
      ...ops.map((n) => ({ key: `forward ${n.name}`, given: answers.forward[n.name], expected: n.value })),
      ...orderBackward(solution).map((n) => ({ key: `backward ${n.name}`, given: answers.backward[n.name], expected: n.grad })),
    ];
    const firstOff = cells.find((c) => differs(c.given, c.expected));
    if (firstOff) cases.push({ label: `${label}: misread`, kind: 'precedence', solution, answers, first: firstOff.key, withLocal: false });
  }
  // Rounding to two significant digits.
  const roundable = ops.filter((n) => differs(Number(n.value.toPrecision(2)), n.value));
  if (roundable.length > 0) {
    const node = pick(roundable);
    add('rounding', { at: 'forward', node: node.id, value: (v) => Number(v.toPrecision(2)) }, `${node.name} to 2 digits`);
  }
  // The upstream gradient left out.
  const chained = edges.flatMap((e, k) => (Math.abs(e.upstream) !== 1 && e.upstream !== 0 && e.localValue !== 0 && single(k) ? [k] : []));
  if (chained.length > 0) {
    const k = pick(chained);
    add('chain-rule', { at: 'term', edge: k, value: (_, local) => local }, `edge ${k} without its upstream`);
  }
  // The wrong function: log10 for log.
  const logs = ops.filter((n) => n.op === 'log');
  if (logs.length > 0) {
    const node = pick(logs);
    add('operator', { at: 'forward', node: node.id, value: (_, o) => Math.log10(o[0]!) }, `${node.name} with log10`);
  }
  // Plain arithmetic: a number that is simply off.
  const arithmetic = ops.filter((n) => n.value !== 0);
  if (arithmetic.length > 0) {
    const node = pick(arithmetic);
    add('arithmetic', { at: 'forward', node: node.id, value: (v) => v * 1.37 + 0.41 }, `${node.name} off`);
  }
  const grads = nodes.filter((n) => n.grad !== 0 && n.id !== nodes.length - 1);
  if (grads.length > 0) {
    const node = pick(grads);
    add('arithmetic', { at: 'backward', node: node.id, value: (g) => g * 0.63 - 0.29 }, `∂f/∂${node.name} off`);
  }
  return cases;
}

/** The nodes in the order the backward table finishes their gradients. */
function orderBackward(solution: Solution): Solution['nodes'][number][] {
  const last = new Map<number, number>();
  solution.edges.forEach((e, k) => last.set(e.to, k));
  return [...last.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => solution.nodes[id]!);
}

function check(c: Case): CheckResult {
  const answers = answersFromJson({ forward: c.answers.forward, backward: c.answers.backward, ...(c.withLocal ? { local: c.answers.local } : {}) });
  return checkAnswers(c.solution, answers);
}

const label = (cell: { table: string; node: string; consumer?: string } | null): string =>
  cell === null ? 'none' : cell.table === 'local' ? `local ${cell.consumer}->${cell.node}` : `${cell.table} ${cell.node}`;

describe('the answer checker on injected mistakes', () => {
  const solutions = [...courseSolutions(160).map((s, i) => [s, `course ${i} ${s.formula}`] as const), ...typedSolutions(50).map((s, i) => [s, `typed ${i} ${s.formula}`] as const)];
  const cases = solutions.flatMap(([solution, name]) => casesFor(solution, name));

  it('has hundreds of cases of every kind', () => {
    const kinds = new Map<MistakeKind, number>();
    for (const c of cases) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
    expect(cases.length).toBeGreaterThan(1000);
    for (const kind of ['sign', 'fan-out', 'local-derivative', 'degrees', 'precedence', 'rounding', 'chain-rule', 'arithmetic'] as const) {
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(40);
    }
  });

  it('names the first wrong cell every time, the kind of mistake in at least 97% (95% per kind), and nothing after it as a new mistake in 99%', () => {
    const byKind = new Map<MistakeKind, { n: number; kind: number; first: number; clean: number }>();
    const wrongKinds: string[] = [];
    const wrongFirst: string[] = [];
    const newMistakes: string[] = [];
    for (const c of cases) {
      const result = check(c);
      const stats = byKind.get(c.kind) ?? { n: 0, kind: 0, first: 0, clean: 0 };
      stats.n++;
      if (label(result.first) === c.first) stats.first++;
      else wrongFirst.push(`${c.label}: first ${label(result.first)}, injected ${c.first}`);
      if (result.first?.mistake === c.kind) stats.kind++;
      else wrongKinds.push(`[${c.kind}] ${c.label}: ${result.first?.mistake} (${result.first?.explanation})`);
      const later = result.cells.filter((cell) => cell.status === 'wrong' && cell !== result.first);
      if (later.length === 0) stats.clean++;
      else newMistakes.push(`${c.label}: also ${later.map((cell) => `${label(cell)} ${cell.mistake}`).join(', ')}`);
      byKind.set(c.kind, stats);
    }
    const total = [...byKind.values()].reduce((a, s) => ({ n: a.n + s.n, kind: a.kind + s.kind, first: a.first + s.first, clean: a.clean + s.clean }), { n: 0, kind: 0, first: 0, clean: 0 });
    const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(1)}%`;
    const rows = [...byKind.entries()].map(([kind, s]) => `  ${kind.padEnd(17)} ${String(s.n).padStart(4)} cases  kind ${pct(s.kind, s.n).padStart(6)}  first cell ${pct(s.first, s.n).padStart(6)}  no new mistakes ${pct(s.clean, s.n).padStart(6)}`);
    console.log(
      [`answer checker on ${total.n} injected mistakes: right kind ${pct(total.kind, total.n)}, right first cell ${pct(total.first, total.n)}, no new mistakes after it ${pct(total.clean, total.n)}`, ...rows].join('\n'),
    );
    expect(wrongFirst.slice(0, 10)).toEqual([]);
    expect(total.kind / total.n, wrongKinds.slice(0, 20).join('\n')).toBeGreaterThanOrEqual(0.97);
    for (const [kind, s] of byKind) expect(s.kind / s.n, `${kind}: ${wrongKinds.filter((w) => w.startsWith(`[${kind}]`)).slice(0, 8).join('\n')}`).toBeGreaterThanOrEqual(0.95);
    expect(total.clean / total.n, newMistakes.slice(0, 20).join('\n')).toBeGreaterThanOrEqual(0.99);
  });

  it('never flags correct answers: exact, rounded to 3 or 4 digits cell by cell, or worked by hand carrying 5 or 6 digits', () => {
    const flagged: string[] = [];
    for (const [solution, name] of solutions) {
      const exact = work(solution, null, 17);
      const variants: [string, Worked][] = [
        ['exact', exact],
        ['worked at 6 digits', work(solution, null, 6)],
        ['worked at 5 digits', work(solution, null, 5)],
        ...[3, 4].map((digits): [string, Worked] => [
          `rounded to ${digits} digits`,
          {
            forward: Object.fromEntries(Object.entries(exact.forward).map(([k, v]) => [k, Number(v.toPrecision(digits))])),
            backward: Object.fromEntries(Object.entries(exact.backward).map(([k, v]) => [k, v === 0 ? 0 : Number(v.toPrecision(digits))])),
            local: Object.fromEntries(Object.entries(exact.local).map(([k, v]) => [k, v === 0 ? 0 : Number(v.toPrecision(digits))])),
          },
        ]),
      ];
      for (const [variant, answers] of variants) {
        const result = checkAnswers(solution, answersFromJson(answers));
        if (!result.correct) flagged.push(`${name}, ${variant}: ${result.cells.filter((c) => c.status !== 'right').map((c) => `${label(c)} ${c.status} ${c.given} vs ${c.expected}`).join('; ')}`);
      }
    }
    expect(flagged).toEqual([]);
  });
});

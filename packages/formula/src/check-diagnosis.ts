/**
 * The most likely mistake behind a wrong cell, from the vocabulary of
 * `mistakes.ts`: each candidate slip predicts a number, and the first that
 * gives the student's (to 6 digits first, then to the tolerance) is it.
 */
import type { Expr } from './ast';
import { type Cell, type CheckModel, significantDigits, title } from './check-model';
import { formatValue } from './format';
import { forwardSlips, localRule, localSlips, type MistakeKind, type Slip } from './mistakes';
import { toDisplay } from './printers';

/** A diagnosis: the kind of mistake and one sentence for the student. */
export interface Diagnosis {
  readonly kind: MistakeKind;
  readonly explanation: string;
}

const fmt = formatValue;

export function diagnose(m: CheckModel, cell: Cell, recomputed: number): Diagnosis {
  const given = cell.given!;
  const { expected } = cell;
  if (!Number.isFinite(expected)) {
    const problem = m.solution.domainError?.problems[0];
    return {
      kind: 'domain',
      explanation: `${title(cell)} is not defined at these values (${fmt(expected)}${problem ? `: ${problem.node} = ${problem.expression} is ${problem.reason}` : ''}), so no number is right here.`,
    };
  }
  if (!Number.isFinite(given)) {
    return { kind: 'arithmetic', explanation: `${title(cell)} is defined here: ${fmt(expected)}, not ${fmt(given)}.` };
  }
  const rounding = (coarsest: number): Diagnosis | null => {
    const how = roundedTo(given, expected, m.digits, coarsest);
    return how === null
      ? null
      : {
          kind: 'rounding',
          explanation: `${fmt(given)} is ${fmt(expected)} rounded to ${how}: keep at least ${m.digits} significant digits (better ${m.digits + 2} in intermediate steps).`,
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
        : m.close(given, prediction, Math.max(cell.scale, Math.abs(prediction))));
    let found: Diagnosis | null = null;
    if (cell.table === 'forward') found = diagnoseForward(m, cell, match);
    else if (cell.table === 'local') found = diagnoseLocal(m, cell, recomputed, match);
    else found = diagnoseBackward(m, cell, recomputed, match);
    if (found) return found;
  }
  // To a single digit, or to an integer: also what many coincidences look like, so only now.
  const coarse = rounding(1);
  if (coarse) return coarse;
  const other = otherNode(m, cell, given);
  if (other) return other;
  return { kind: 'arithmetic', explanation: `${computation(m, cell)}; ${fmt(given)} is not what this step gives: redo the arithmetic.` };
}

/** `v5 = v2 - v4 = 0 - 1.3734 = -1.3734`, with the student's numbers. */
function computation(m: CheckModel, cell: Cell): string {
  if (cell.table === 'forward') {
    const node = m.solution.nodes[cell.id]!;
    if (node.op === 'input') return `${cell.node} is ${fmt(cell.expected)} in the given values`;
    const withNumbers = substitute(node.definition, (name) => m.usedForward[m.names.get(name)!]!);
    return `${cell.node} = ${toDisplay(node.definition)} = ${withNumbers} = ${fmt(m.recomputeForward(cell.id))}`;
  }
  if (cell.table === 'local') {
    const link = m.links[cell.link!]!;
    const formula = link.edges.map((e) => toDisplay(m.solution.edges[e]!.local)).join(' + ');
    return `∂${cell.consumer}/∂${cell.node} = ${formula} = ${fmt(m.recomputeLocal(cell.link!))}`;
  }
  if (cell.id === m.output) return `the backward pass starts from ∂f/∂${cell.node} = 1 (f is ${cell.node})`;
  const ks = m.incoming(cell.id);
  if (ks.length === 0) return `f does not depend on ${cell.node}, so ∂f/∂${cell.node} = 0`;
  const symbolic = ks.map((k) => `∂f/∂${consumerName(m, k)} · ∂${consumerName(m, k)}/∂${cell.node}`).join(' + ');
  const numbers = ks.map((k) => `${fmt(m.usedBackward[m.links[k]!.from]!)} · ${fmt(m.usedLocal[k]!)}`).join(' + ');
  return `∂f/∂${cell.node} = ${symbolic} = ${numbers} = ${fmt(m.recomputeBackward(cell.id))}`;
}

function diagnoseForward(m: CheckModel, cell: Cell, match: (p: number) => boolean): Diagnosis | null {
  const node = m.solution.nodes[cell.id]!;
  if (node.op === 'input') {
    return { kind: 'values', explanation: `${cell.node} is ${fmt(cell.expected)} in the given values, you have ${fmt(cell.given!)}.` };
  }
  const operands = m.operandValues(cell.id, m.usedForward);
  const truthOperands = m.operandValues(cell.id, m.solution.nodes.map((n) => n.value));
  if (match(-m.recomputeForward(cell.id))) {
    const slip = forwardSlips(node.op as never).find((s) => s.kind === 'sign' && match(s.value(operands, NaN)));
    return { kind: 'sign', explanation: `${computation(m, cell)}, but you have ${fmt(cell.given!)}: ${slip ? slip.why(operands) : 'the sign is flipped'}.` };
  }
  for (const slip of forwardSlips(node.op as never)) {
    for (const values of [operands, truthOperands]) {
      if (match(slip.value(values, NaN))) {
        return { kind: slip.kind, explanation: `${computation(m, cell)}, but your ${fmt(cell.given!)} is ${ruleFor(node.definition, slip)}: ${slip.why(values)}.` };
      }
    }
  }
  return null;
}

function diagnoseLocal(m: CheckModel, cell: Cell, recomputed: number, match: (p: number) => boolean): Diagnosis | null {
  const link = m.links[cell.link!]!;
  const consumer = m.solution.nodes[link.from]!;
  const position = link.position;
  const operands = m.operandValues(link.from, m.usedForward);
  if (match(-recomputed)) {
    const rule = position >= 0 ? ` (${localRule(consumer.op as never, position)})` : '';
    return { kind: 'sign', explanation: `${computation(m, cell)}, but you have ${fmt(cell.given!)}: the sign is flipped${rule}.` };
  }
  for (const slip of position >= 0 ? localSlips(consumer.op as never, position) : []) {
    if (match(slip.value(operands, m.usedForward[link.from]!))) {
      return {
        kind: slip.kind,
        explanation: `${computation(m, cell)}, but your ${fmt(cell.given!)} is ${slip.rule.replace(/\bu\b/g, operandName(consumer.definition, position))}, and ${localRule(consumer.op as never, position)}: ${slip.why(operands)}.`,
      };
    }
  }
  return null;
}

function diagnoseBackward(m: CheckModel, cell: Cell, recomputed: number, match: (p: number) => boolean): Diagnosis | null {
  const id = cell.id;
  const given = cell.given!;
  const ks = m.incoming(id);
  const links = m.links;
  const upstream = (k: number): number => m.usedBackward[links[k]!.from]!;
  const terms = ks.map((k) => m.term(k, upstream(k), m.usedLocal[k]!));
  const truthTerms = ks.map((k) => links[k]!.contribution);
  const total = (list: readonly number[]): number => list.reduce((a, b) => a + b, 0);
  const consumers = ks.map((k) => consumerName(m, k));
  if (id === m.output) {
    return { kind: 'chain-rule', explanation: `The backward pass starts from ∂f/∂${cell.node} = 1 (f is ${cell.node} itself), not ${fmt(given)}.` };
  }
  const fanOut = (list: readonly number[], general: boolean): Diagnosis | null => {
    if (ks.length < 2 || ks.length > 8) return null;
    for (let mask = 1; mask < (1 << ks.length) - 1; mask++) {
      const kept = ks.flatMap((_, j) => ((mask >> j) & 1 ? [j] : []));
      const dropped = ks.flatMap((_, j) => ((mask >> j) & 1 ? [] : [j]));
      // First the likely slips: one contribution forgotten, or only one counted.
      if (!general && dropped.length !== 1 && kept.length !== 1) continue;
      if (dropped.every((j) => list[j] === 0)) continue;
      // NOTE: a forgotten ReLU/LeakyReLU term is its derivative taken as 0: the local-derivative slips say so.
      if (!general && dropped.length === 1 && ['relu', 'leakyRelu'].includes(m.solution.nodes[links[ks[dropped[0]!]!]!.from]!.op)) continue;
      if (match(total(kept.map((j) => list[j]!)))) {
        return {
          kind: 'fan-out',
          explanation:
            `${cell.node} feeds ${consumers.join(' and ')}, so ${computation(m, cell)}; ` +
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
    const consumer = m.solution.nodes[links[k]!.from]!;
    const local = `∂${consumer.name}/∂${cell.node} = ${fmt(m.usedLocal[k]!)}`;
    const rule = links[k]!.position >= 0 ? localRule(consumer.op as never, links[k]!.position) : '';
    // A rule with a minus (a - b, a / b, 1/u, cos, -u): that minus is the usual slip, whatever the sign of the result.
    const minus = / = -/.test(rule);
    let why: string;
    if (m.usedLocal[k]! < 0) why = `the local derivative ${local} is negative${rule ? ` (${rule})` : ''} and its minus got lost.`;
    else if (minus) why = `the minus of ${rule} got lost (${local} is positive here because of the operands' signs).`;
    else why = `the sign of the contribution from ${consumer.name} is flipped.`;
    return { kind: 'sign', explanation: `${computation(m, cell)}, but you have ${fmt(given)}: ${why}` };
  }
  if (match(-recomputed)) return { kind: 'sign', explanation: `${computation(m, cell)}, but you have ${fmt(given)}: the sign is flipped.` };
  const without = (j: number, replacement: number): number => recomputed - terms[j]! + replacement;
  // The chain rule: the upstream gradient left out.
  for (const [j, k] of ks.entries()) {
    const consumer = consumers[j]!;
    if (upstream(k) !== 1 && match(without(j, m.usedLocal[k]!))) {
      return {
        kind: 'chain-rule',
        explanation: `${computation(m, cell)}; your ${fmt(given)} leaves out the upstream gradient ∂f/∂${consumer} = ${fmt(upstream(k))}: the chain rule multiplies it by the local derivative ∂${consumer}/∂${cell.node} = ${fmt(m.usedLocal[k]!)}.`,
      };
    }
  }
  // A wrong rule for a local derivative (or one evaluated in degrees).
  for (const [j, k] of ks.entries()) {
    const link = links[k]!;
    const consumer = m.solution.nodes[link.from]!;
    const position = link.position;
    if (position < 0) continue;
    for (const operandValues of [m.operandValues(link.from, m.usedForward), m.operandValues(link.from, m.solution.nodes.map((n) => n.value))]) {
      for (const slip of localSlips(consumer.op as never, position)) {
        const wrongLocal = slip.value(operandValues, m.usedForward[link.from]!);
        if (!Number.isFinite(wrongLocal) || m.close(wrongLocal, m.usedLocal[k]!, Math.abs(m.usedLocal[k]!))) continue;
        if (match(without(j, m.term(k, upstream(k), wrongLocal)))) {
          return {
            kind: slip.kind,
            explanation:
              `${computation(m, cell)}; your ${fmt(given)} comes from ∂${consumer.name}/∂${cell.node} = ${withValue(slip.rule.replace(/\bu\b/g, operandName(consumer.definition, position)), wrongLocal)}, ` +
              `but ${localRule(consumer.op as never, position)}: ${slip.why(operandValues)}.`,
          };
        }
      }
    }
  }
  // The chain rule: the local derivative left out.
  for (const [j, k] of ks.entries()) {
    const consumer = consumers[j]!;
    if (m.usedLocal[k] !== 1 && match(without(j, upstream(k)))) {
      return {
        kind: 'chain-rule',
        explanation: `${computation(m, cell)}; your ${fmt(given)} leaves out the local derivative ∂${consumer}/∂${cell.node} = ${fmt(m.usedLocal[k]!)}: the chain rule multiplies the upstream gradient ∂f/∂${consumer} = ${fmt(upstream(k))} by it.`,
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
function otherNode(m: CheckModel, cell: Cell, given: number): Diagnosis | null {
  if (cell.table === 'local' || given === 0 || Math.abs(given) === 1) return null;
  for (const node of m.solution.nodes) {
    if (node.id === cell.id) continue;
    const value = cell.table === 'forward' ? node.value : node.grad;
    if (node.op === 'input' && cell.table === 'forward') continue;
    if (Number.isFinite(value) && value !== 0 && m.close(given, value, Math.abs(value))) {
      const what = cell.table === 'forward' ? `the value of ${node.name} = ${toDisplay(node.definition)}` : `∂f/∂${node.name}`;
      return {
        kind: 'numbering',
        explanation: `${fmt(given)} is ${what}, not of ${title(cell)}: the nodes are numbered in evaluation order, left operand first (${title(cell)}: ${computation(m, cell)}).`,
      };
    }
  }
  return null;
}

function consumerName(m: CheckModel, k: number): string {
  return m.solution.nodes[m.links[k]!.from]!.name;
}

function operandName(definition: Expr, position: number): string {
  const e = definition.kind === 'binary' ? (position === 0 ? definition.left : definition.right) : definition.kind === 'unary' ? definition.arg : definition;
  return toDisplay(e);
}

/** `rule = value`, or just the value when the rule is that number. */
function withValue(rule: string, value: number): string {
  return rule === fmt(value) ? rule : `${rule} = ${fmt(value)}`;
}

/** A slip's rule with the node's operand names (`1/cos(v6)`). */
function ruleFor(definition: Expr, slip: Slip): string {
  if (definition.kind === 'unary') return slip.rule.replace(/\bu\b/g, toDisplay(definition.arg));
  if (definition.kind === 'binary') return slip.rule.replace(/\ba\b/g, toDisplay(definition.left)).replace(/\bb\b/g, toDisplay(definition.right));
  return slip.rule;
}

/** A definition with the operands' numbers written in (`0 - 1.3734`). */
function substitute(definition: Expr, value: (name: string) => number): string {
  const number = (e: Expr): string => {
    if (e.kind === 'const') return fmt(e.value);
    const v = value((e as { name: string }).name);
    return v < 0 ? `(${fmt(v)})` : fmt(v);
  };
  if (definition.kind === 'unary') return toDisplay({ ...definition, arg: { kind: 'var', name: number(definition.arg) } });
  if (definition.kind === 'binary') {
    return toDisplay({ ...definition, left: { kind: 'var', name: number(definition.left) }, right: { kind: 'var', name: number(definition.right) } });
  }
  return toDisplay(definition);
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

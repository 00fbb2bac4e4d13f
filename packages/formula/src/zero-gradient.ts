/**
 * Why a partial derivative is exactly 0: where the backward pass stops (a
 * dead ReLU, a factor that is 0, an operator that is flat at its input, an
 * underflow, contributions that cancel), and which inputs each stop cuts off.
 */
import { usedVariablesOf, type Expr } from './ast';
import type { Trace, TraceEdge } from './evaluate';
import { formatValue } from './format';
import { toCourse, toDisplay } from './printers';
import type { Solution } from './solve';
import { invalid, isMade } from './guards';

/** Why the gradient stops at one place. */
export type GradientStopKind = 'dead-relu' | 'zero-factor' | 'flat' | 'underflow' | 'cancel';

/** One place where the backward pass passes nothing on although the gradient arriving there is not 0. */
export interface GradientStop {
  readonly kind: GradientStopKind;
  /** The consuming node (`v6`); for `'cancel'`, the node whose contributions cancel. */
  readonly node: string;
  /** The operand that receives nothing (`x5`); for `'cancel'`, the node itself. */
  readonly operand: string;
  /** ∂node/∂operand in plain maths with node names (`v5`); `''` for `'cancel'`. */
  readonly local: string;
  /** Its value (0, or a value whose product with the upstream gradient underflows). */
  readonly localValue: number;
  /** The inputs whose partial derivative is 0 and which this stop cuts off, in positional order. */
  readonly inputs: readonly string[];
  /** One sentence. */
  readonly reason: string;
}

/** Why some partial derivatives are exactly 0. */
export interface ZeroGradientExplanation {
  /** The inputs whose partial derivative is exactly 0, in positional order. */
  readonly variables: readonly string[];
  /** True when every partial derivative is 0. */
  readonly all: boolean;
  /** The places where the backward pass stops: dead ReLUs first (in evaluation order), then the others from the output down. */
  readonly stops: readonly GradientStop[];
  /** The whole explanation as one paragraph: a heading sentence, then one sentence per stop. */
  readonly text: string;
}

/** What the explanations read: a trace, or a solution (its trace). */
export type ZeroGradientSource = Trace | Pick<Solution, 'trace'>;

const traceOf = (source: ZeroGradientSource): Trace => ('trace' in source ? source.trace : source);
const list = (names: readonly string[]): string => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)!}`);
/** The course notation without the parentheses around a whole binary operation. */
const bare = (expr: Expr): string => {
  const text = toCourse(expr);
  return expr.kind === 'binary' && text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1) : text;
};

/**
 * Why the listed inputs' partial derivatives are exactly 0: each place where
 * a non-zero gradient arrives at a node and nothing goes on to an operand
 * (ReLU'(u) = 0 for u <= 0; a product whose other factor is 0; x^2 or cos at
 * 0; an exp that underflows), or where contributions cancel; and which
 * inputs each cuts off. Null when no partial derivative is exactly 0.
 *
 * @example
 * ```ts
 * const e = explainZeroPartials(solve('relu(x1 - x2) * x3', [1, 2, 3]));
 * e?.variables; // ['x1', 'x2']
 * e?.stops[0].kind; // 'dead-relu'
 * ```
 */
export function explainZeroPartials(source: ZeroGradientSource): ZeroGradientExplanation | null {
  if (!isMade('solution', source) && !isMade('trace', source)) throw invalid('explainZeroPartials', 'source', 'a Solution from solve() or a Trace from trace()', source);
  const t = traceOf(source);
  const idOf = new Map(t.nodes.map((node) => [node.name, node.id]));
  const inputIds = t.variables.map((name) => idOf.get(name)!);
  const zero = t.variables.filter((_, i) => t.grads[inputIds[i]!] === 0);
  if (zero.length === 0) return null;
  const zeroSet = new Set(zero);
  const cutOff = (id: number): string[] => {
    const used = usedVariablesOf(t.nodes[id]!.expr);
    return t.variables.filter((name) => used.has(name) && zeroSet.has(name));
  };
  const explained = new Set<number>();
  const name = (id: number): string => t.nodes[id]!.name;
  const show = (id: number): string => {
    const node = t.nodes[id]!;
    return node.op === 'input' ? node.name : `${node.name} = ${bare(node.expr)}`;
  };
  /** The operands of a node: their node id (null for a constant) and value. */
  const operandsOf = (id: number): { id: number | null; value: number }[] => {
    const definition = t.nodes[id]!.definition;
    const refs = definition.kind === 'unary' ? [definition.arg] : definition.kind === 'binary' ? [definition.left, definition.right] : [];
    return refs.map((ref, k) => ({ id: ref.kind === 'var' ? idOf.get(ref.name) ?? null : null, value: t.nodes[id]!.operands[k]! }));
  };

  /** Why node `id` has the value 0, as clauses; empty when said before. */
  const whyZero = (id: number): string[] => {
    if (explained.has(id)) return [];
    explained.add(id);
    const node = t.nodes[id]!;
    const definition = `${node.name} = ${toDisplay(node.definition)}`;
    if (node.op === 'input') return [`${node.name} is 0`];
    const operands = operandsOf(id);
    const zeroOperand = operands.find((o) => o.value === 0);
    const because = (operand: { id: number | null }): string[] =>
      operand.id === null ? [`${definition} is 0 because a constant is 0`] : [`${definition} is 0 because ${name(operand.id)} is`, ...whyZero(operand.id)];
    switch (node.op) {
      case 'relu': {
        const u = operands[0]!;
        if (u.value < 0 && u.id !== null) return [`${definition} is 0 because its input ${show(u.id)} = ${formatValue(u.value)} is negative`];
        return because(u);
      }
      case 'mul':
        return zeroOperand ? because(zeroOperand) : [`${definition} underflows to 0`];
      case 'div':
        return operands[0]!.value === 0 ? because(operands[0]!) : [`${definition} underflows to 0`];
      case 'sub':
      case 'add': {
        const [a, b] = operands as [{ id: number | null; value: number }, { id: number | null; value: number }];
        if (a.value === 0 && b.value === 0) {
          if (a.id === null || b.id === null) return because(a.id === null ? b : a);
          return [`${definition} is 0 because ${name(a.id)} and ${name(b.id)} are`, ...whyZero(a.id), ...whyZero(b.id)];
        }
        const label = (o: { id: number | null; value: number }): string => (o.id === null ? formatValue(o.value) : name(o.id));
        return node.op === 'sub'
          ? [`${definition} is 0 because ${label(a)} = ${label(b)} = ${formatValue(a.value)}`]
          : [`${definition} is 0 because ${label(a)} = ${formatValue(a.value)} and ${label(b)} = ${formatValue(b.value)} cancel`];
      }
      case 'log':
        return [`${definition} is 0 because ${operands[0]!.id === null ? 'its argument' : name(operands[0]!.id)} = 1`];
      default:
        // square, cube, neg, sin, tan, atan, sqrt, leakyRelu of 0 are 0; anything else is an underflow.
        return zeroOperand ? because(zeroOperand) : [`${definition} underflows to 0`];
    }
  };
  const why = (id: number): string => {
    const clauses = whyZero(id);
    return clauses.length > 0 ? ` (${clauses.join('; ')})` : '';
  };

  const stopOf = (edge: TraceEdge): Omit<GradientStop, 'inputs'> => {
    const consumer = t.nodes[edge.from]!;
    const operand = t.nodes[edge.to]!;
    const local = toDisplay(edge.local);
    const base = { node: consumer.name, operand: operand.name, local, localValue: edge.localValue };
    // `∂v6/∂x5 = v5`, but `∂v1/∂x1 = 0`, not `= 0 = 0`.
    const constantLocal = edge.local.kind === 'const';
    const derivative = `∂${consumer.name}/∂${operand.name}${constantLocal ? '' : ` = ${local}`}`;
    const operands = operandsOf(edge.from);
    if (edge.localValue !== 0) {
      return {
        ...base,
        kind: 'underflow',
        reason: `${derivative} = ${formatValue(edge.localValue)}, but multiplied by the upstream gradient ${formatValue(edge.upstream)} it underflows to 0 in float64`,
      };
    }
    switch (consumer.op) {
      case 'relu': {
        const u = operands[0]!.value;
        explained.add(edge.from);
        return {
          ...base,
          kind: 'dead-relu',
          reason:
            u === 0
              ? `${consumer.name} = ${toDisplay(consumer.definition)} passes nothing back: its input ${show(edge.to)} is exactly 0, its kink, where PyTorch takes ReLU'(0) = 0`
              : `${consumer.name} = ${toDisplay(consumer.definition)} is dead: its input ${show(edge.to)} = ${formatValue(u)} is negative and ReLU'(${formatValue(u)}) = 0`,
        };
      }
      case 'abs':
        return {
          ...base,
          kind: 'flat',
          reason: `${consumer.name} = ${toDisplay(consumer.definition)} passes nothing back: its input ${show(edge.to)} is exactly 0, its kink, where PyTorch takes d|u|/du = 0`,
        };
      case 'sign':
        return { ...base, kind: 'flat', reason: `${derivative} = 0: sign is constant where it is differentiable` };
      case 'mul':
      case 'div': {
        // The factor that makes the local derivative 0: the other factor of a product, the numerator of a quotient.
        const position = operands[0]!.id === edge.to ? 0 : 1;
        const factor = consumer.op === 'mul' ? operands[1 - position]! : position === 1 ? operands[0]! : null;
        if (factor === null || factor.value !== 0) break;
        if (factor.id === null) return { ...base, kind: 'zero-factor', reason: `${derivative} = 0 because the constant factor is 0` };
        const direct = local === name(factor.id);
        return { ...base, kind: 'zero-factor', reason: `${derivative} = 0${direct ? '' : ` because ${name(factor.id)} = 0`}${why(factor.id)}` };
      }
      case 'square':
      case 'cube':
        return {
          ...base,
          kind: 'flat',
          reason: `${derivative} = 0: ${consumer.op === 'square' ? 'u^2' : 'u^3'} is flat at u = ${operand.name} = 0${why(edge.to)}`,
        };
      case 'cos':
        return { ...base, kind: 'flat', reason: `${derivative} = 0: cos is flat at ${operand.name} = 0${why(edge.to)}` };
      case 'pow':
        return {
          ...base,
          kind: 'flat',
          reason:
            operands[1]!.value === 0 && operands[0]!.id === edge.to
              ? `${derivative} = 0: a power with exponent 0 is constant`
              : `${derivative} = 0 at ${operand.name} = ${formatValue(operand.value)}`,
        };
      case 'step':
      case 'leakyStep':
        return { ...base, kind: 'flat', reason: `${derivative} = 0: ${consumer.op === 'step' ? 'step' : 'leaky_step'} is constant where it is differentiable` };
      case 'exp':
        if (operand.value < -700) {
          return {
            ...base,
            kind: 'underflow',
            reason: `${derivative} = 0: exp(${formatValue(operand.value)}) (about 10^${Math.round(operand.value / Math.LN10)}) underflows to 0 in float64`,
          };
        }
        break;
    }
    return { ...base, kind: 'underflow', reason: `${derivative} = 0 here: its value underflows in float64` };
  };

  const cuts: { edge: TraceEdge; inputs: string[]; deadRelu: boolean }[] = [];
  for (const edge of t.edges) {
    const upstream = t.grads[edge.from]!;
    // NOTE: a ReLU passes 0 back even from a NaN upstream (PyTorch selects, it does not multiply).
    if (edge.contribution !== 0 || upstream === 0) continue;
    const inputs = cutOff(edge.to);
    if (inputs.length > 0) cuts.push({ edge, inputs, deadRelu: t.nodes[edge.from]!.op === 'relu' && edge.localValue === 0 });
  }
  // Dead ReLUs first: the other stops often come from their zero output.
  const ordered = [...cuts.filter((c) => c.deadRelu).sort((a, b) => a.edge.from - b.edge.from), ...cuts.filter((c) => !c.deadRelu)];
  const stops: GradientStop[] = ordered.map(({ edge, inputs }) => {
    const stop = stopOf(edge);
    const through = t.nodes[edge.to]!.op === 'input' ? '' : ` through ${stop.operand}`;
    return { ...stop, inputs, reason: `${stop.reason}, so nothing reaches ${list(inputs)}${through}.` };
  });
  // Contributions that cancel: a node fed back non-zero terms that sum to 0.
  for (const node of t.nodes) {
    if (t.grads[node.id] !== 0) continue;
    const terms = t.edges.filter((e) => e.to === node.id).map((e) => e.contribution);
    if (terms.length < 2 || terms.every((c) => c === 0)) continue;
    const inputs = cutOff(node.id);
    if (inputs.length === 0) continue;
    stops.push({
      kind: 'cancel',
      node: node.name,
      operand: node.name,
      local: '',
      localValue: 0,
      inputs,
      reason:
        `The contributions to ∂f/∂${node.name} cancel: ${terms.map(formatValue).join(' + ')} = 0` +
        (node.op === 'input' ? '.' : `, so nothing reaches ${list(inputs)} through ${node.name}.`),
    });
  }
  const all = zero.length === t.variables.length;
  const heading = all ? '∇f is all zero.' : `${zero.map((v) => `∂f/∂${v}`).join(' = ')} = 0.`;
  const text = [heading, ...stops.map((s) => s.reason)].join(' ');
  return { variables: zero, all, stops, text };
}

/**
 * Why ∇f is all zero, in one paragraph (null when some partial derivative is
 * not exactly 0): which ReLU is dead, or which factor is 0, and what each
 * stop cuts off.
 *
 * @example
 * ```ts
 * explainZeroGradient(solve('relu(x1 - x2)', [1, 2]));
 * // "∇f is all zero. v2 = relu(v1) is dead: its input v1 = x1 - x2 = -1 is negative and ReLU'(-1) = 0,
 * //  so nothing reaches x1 and x2 through v1."
 * ```
 */
export function explainZeroGradient(source: ZeroGradientSource): string | null {
  if (!isMade('solution', source) && !isMade('trace', source)) throw invalid('explainZeroGradient', 'source', 'a Solution from solve() or a Trace from trace()', source);
  const explanation = explainZeroPartials(source);
  return explanation?.all ? explanation.text : null;
}

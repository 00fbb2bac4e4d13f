/**
 * A float64 scalar evaluator, and the forward/backward pass by hand: every
 * local derivative is a formula (from the operator table) that is evaluated,
 * then multiplied by the upstream gradient and accumulated, exactly the steps a
 * student writes down.
 */
import { variable, variablesOf as formulaVariables, type BinaryOp, type Expr, type UnaryOp } from './ast';
import { FormulaError } from './errors';
import { BINARY, UNARY, type Mask } from './ops';
import { mark, requireExpr, requireStrings } from './guards';

/** Variable values: positional (in {@link formulaVariables} order) or by name. */
export type Values = readonly number[] | Readonly<Record<string, number>>;

/**
 * Resolves values to a name -> value map, checking the count and the names.
 *
 * @throws {FormulaError} code `'VALUES'` when values are missing, extra or not numbers.
 *
 * @example
 * ```ts
 * bindValues(parse('x1 + x2'), [1, 2]); // Map { 'x1' => 1, 'x2' => 2 }
 * ```
 */
export function bindValues(expr: Expr, values: Values, order?: readonly string[]): Map<string, number> {
  requireExpr(expr, 'bindValues', 'expr');
  if (order !== undefined) requireStrings(order, 'bindValues', 'order');
  return bindValuesTo(expr, values, order ?? formulaVariables(expr));
}

/** {@link bindValues} for a checked tree (for the package's own code). */
export function bindValuesTo(expr: Expr, values: Values, order: readonly string[] = formulaVariables(expr)): Map<string, number> {
  const env = new Map<string, number>();
  const missing = formulaVariables(expr).filter((name) => !order.includes(name));
  if (missing.length > 0) {
    throw new FormulaError(
      'VALUES',
      `values: the variable order (${order.join(', ')}) leaves out ${missing.join(', ')}, which the formula uses`,
    );
  }
  if (typeof values !== 'object' || values === null) {
    throw new FormulaError('VALUES', `values: expected an array of numbers or an object of variable names to numbers, got ${values === null ? 'null' : typeof values}`);
  }
  if (Array.isArray(values)) {
    const list = values as readonly number[];
    if (list.length !== order.length) {
      throw new FormulaError(
        'VALUES',
        `values: the formula has ${order.length} variable${order.length === 1 ? '' : 's'} (${order.join(', ')}), got ${list.length} value${list.length === 1 ? '' : 's'}`,
      );
    }
    order.forEach((name, i) => env.set(name, list[i]!));
  } else {
    const record = values as Readonly<Record<string, number>>;
    for (const name of order) {
      const value = record[name];
      if (value === undefined) throw new FormulaError('VALUES', `values: missing a value for '${name}'`);
      env.set(name, value);
    }
    for (const name of Object.keys(record)) {
      if (!order.includes(name)) throw new FormulaError('VALUES', `values: '${name}' is not a variable of the formula (${order.join(', ')})`);
    }
  }
  for (const [name, value] of env) {
    if (typeof value !== 'number') throw new FormulaError('VALUES', `values: '${name}' must be a number, got ${typeof value}`);
  }
  return env;
}

/**
 * The formula's value in float64.
 *
 * @example
 * ```ts
 * evaluate(parse('x1 * sin(x2)'), [2, 0]); // 0
 * evaluate(parse('a + b'), { a: 1, b: 2 }); // 3
 * ```
 */
export function evaluate(expr: Expr, values: Values | ReadonlyMap<string, number>): number {
  requireExpr(expr, 'evaluate', 'expr');
  return evaluateTree(expr, values);
}

/** {@link evaluate} of a checked tree (for the package's own code). */
export function evaluateTree(expr: Expr, values: Values | ReadonlyMap<string, number>): number {
  const env = values instanceof Map ? values : bindValuesTo(expr, values as Values);
  const run = (e: Expr): number => {
    switch (e.kind) {
      case 'var': {
        const value = env.get(e.name);
        if (value === undefined) throw new FormulaError('UNKNOWN_VARIABLE', `evaluate: no value for '${e.name}'`);
        return value;
      }
      case 'const':
        return e.value;
      case 'unary':
        return UNARY[e.op].evaluate(run(e.arg));
      case 'binary':
        return BINARY[e.op].evaluate(run(e.left), run(e.right));
    }
  };
  return run(expr);
}

/** One node of the computational graph: an input variable or one operation (constants stay inline). */
export interface TraceNode {
  /** Position in evaluation order (inputs first). */
  readonly id: number;
  /** `x1`... for inputs, `v1`, `v2`... for operations in evaluation order. */
  readonly name: string;
  /** `'input'` or the operator. */
  readonly op: 'input' | UnaryOp | BinaryOp;
  /** The subtree this node computes. */
  readonly expr: Expr;
  /** The ids of the operand nodes, in operand order (constant operands have none). */
  readonly inputs: readonly number[];
  /** The definition in terms of operand names, e.g. `v1 * x3`. */
  readonly definition: Expr;
  /** The operands' values, in operand order (constants included). */
  readonly operands: readonly number[];
  /** The forward value. */
  readonly value: number;
  /** False for operations on constants only: like PyTorch, no gradient flows into them. */
  readonly requiresGrad: boolean;
}

/** One edge of the backward pass: consumer -> operand. */
export interface TraceEdge {
  /** The consuming node's id. */
  readonly from: number;
  /** The operand node's id. */
  readonly to: number;
  /** d from / d to, as a formula of node names. */
  readonly local: Expr;
  /** Its value. */
  readonly localValue: number;
  /** The consumer's accumulated gradient (upstream). */
  readonly upstream: number;
  /** upstream * local (0 where the operator selects 0, as ReLU's backward). */
  readonly contribution: number;
}

/** A full forward and backward pass by hand. */
export interface Trace {
  readonly expr: Expr;
  /** Input variable names, in positional order. */
  readonly variables: readonly string[];
  /** All nodes in evaluation order: inputs, then operations; the last is the output. */
  readonly nodes: readonly TraceNode[];
  /** All edges, in the order the backward pass visits them (reverse evaluation order). */
  readonly edges: readonly TraceEdge[];
  /** Accumulated gradient of the output with respect to each node, by id. */
  readonly grads: readonly number[];
  /** The output node's id (null when the whole formula is one constant). */
  readonly output: number | null;
  /** The output value. */
  readonly value: number;
  /** The gradient with respect to the input variables, in positional order. */
  readonly gradient: readonly number[];
}

interface Operand {
  readonly id: number | null;
  readonly ref: Expr;
  readonly value: number;
}

/**
 * Runs the forward pass and the backward pass by hand (chain rule, local
 * derivatives from the operator table). Inputs become nodes named after the
 * variables, each operation a node `v1, v2, ...` in evaluation order; a
 * variable used twice is one node with two outgoing edges, whose gradients are summed.
 *
 * @example
 * ```ts
 * const t = trace(parse('x1 * x2 + x1'), [3, 4]);
 * t.value;    // 15
 * t.gradient; // [5, 3]
 * ```
 */
export function trace(expr: Expr, values: Values, order?: readonly string[]): Trace {
  requireExpr(expr, 'trace', 'expr');
  if (order !== undefined) requireStrings(order, 'trace', 'order');
  return traceTree(expr, values, order ?? formulaVariables(expr));
}

/** {@link trace} of a checked tree (for the package's own code). */
export function traceTree(expr: Expr, values: Values, order: readonly string[] = formulaVariables(expr)): Trace {
  const env = bindValuesTo(expr, values, order);
  const nodes: TraceNode[] = [];
  const byVariable = new Map<string, number>();
  for (const name of order) {
    byVariable.set(name, nodes.length);
    const v = variable(name);
    nodes.push({ id: nodes.length, name, op: 'input', expr: v, inputs: [], definition: v, operands: [], value: env.get(name)!, requiresGrad: true });
  }
  // Operations are v1, v2, ... unless a variable is already called like that.
  const prefix = ['v', 'u', 'w', 'z', 'node'].find((p) => !order.some((name) => new RegExp(`^${p}\\d+$`).test(name)))!;
  const ids = (operands: readonly Operand[]): number[] => operands.flatMap((o) => (o.id === null ? [] : [o.id]));
  const push = (op: UnaryOp | BinaryOp, e: Expr, operands: readonly Operand[], definition: Expr, value: number): Operand => {
    const id = nodes.length;
    const name = `${prefix}${id - order.length + 1}`;
    const requiresGrad = operands.some((o) => o.id !== null && nodes[o.id]!.requiresGrad);
    nodes.push({ id, name, op, expr: e, inputs: ids(operands), definition, operands: operands.map((o) => o.value), value, requiresGrad });
    return { id, ref: variable(name), value };
  };
  const operandsOf = new Map<number, readonly Operand[]>();
  const visit = (e: Expr): Operand => {
    switch (e.kind) {
      case 'var': {
        const id = byVariable.get(e.name)!;
        return { id, ref: e, value: nodes[id]!.value };
      }
      case 'const':
        return { id: null, ref: e, value: e.value };
      case 'unary': {
        const a = visit(e.arg);
        const result = push(e.op, e, [a], { kind: 'unary', op: e.op, arg: a.ref }, UNARY[e.op].evaluate(a.value));
        operandsOf.set(result.id!, [a]);
        return result;
      }
      case 'binary': {
        const a = visit(e.left);
        const b = visit(e.right);
        const definition: Expr = { kind: 'binary', op: e.op, left: a.ref, right: b.ref };
        const result = push(e.op, e, [a, b], definition, BINARY[e.op].evaluate(a.value, b.value));
        operandsOf.set(result.id!, [a, b]);
        return result;
      }
    }
  };
  const output = visit(expr);

  const names = new Map<string, number>(nodes.map((n) => [n.name, n.value]));
  const grads = new Array<number>(nodes.length).fill(0);
  if (output.id !== null) grads[output.id] = 1;
  const edges: TraceEdge[] = [];
  for (let id = nodes.length - 1; id >= order.length; id--) {
    if (!nodes[id]!.requiresGrad) continue;
    const definition = nodes[id]!.definition;
    const upstream = grads[id]!;
    let locals: readonly Expr[];
    let selectsZero = false;
    let masks: readonly [Mask, Mask] | undefined;
    if (definition.kind === 'unary') {
      locals = [UNARY[definition.op].local(definition.arg)];
      selectsZero = UNARY[definition.op].selectsZero === true;
    } else if (definition.kind === 'binary') {
      locals = BINARY[definition.op].local(definition.left, definition.right);
      const [a, b] = nodes[id]!.operands;
      masks = BINARY[definition.op].masks?.(a!, b!);
    } else continue;
    operandsOf.get(id)!.forEach((operand, k) => {
      if (operand.id === null || !nodes[operand.id]!.requiresGrad) return;
      const local = locals[k]!;
      const mask = masks?.[k] ?? null;
      const localValue = mask !== null ? 0 : evaluateTree(local, names);
      const contribution = mask === 'select' || (selectsZero && localValue === 0) ? 0 : upstream * localValue;
      grads[operand.id] = grads[operand.id]! + contribution;
      edges.push({ from: id, to: operand.id, local, localValue, upstream, contribution });
    });
  }
  return mark('trace', {
    expr,
    variables: order,
    nodes,
    edges,
    grads,
    output: output.id,
    value: output.value,
    // -0 becomes 0, as in PyTorch's x.grad for x = torch.tensor([...]) (see autogradTrace).
    gradient: order.map((name) => grads[byVariable.get(name)!]! + 0),
  });
}

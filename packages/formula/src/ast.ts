import { invalid, requireExpr, requireNumber, requireString } from './guards';
/**
 * The formula tree shared by the randomizer, the parser, the printers, the
 * evaluators, the symbolic differentiator and the worked solution.
 */

/**
 * Unary operators. The first twelve after `neg` are the course's
 * (`^2, ^3, log, exp, cos, sin, tan, arctan, 1/, √, ReLU, LeakyReLU`);
 * `abs`, `tanh` and `sigmoid` are what students type besides; `step`,
 * `leakyStep` and `sign` are the derivatives of ReLU, LeakyReLU and abs
 * (1 for u > 0, else 0 or 0.01; the sign of u, 0 at 0) and appear in symbolic gradients.
 */
export type UnaryOp =
  | 'neg'
  | 'square'
  | 'cube'
  | 'log'
  | 'exp'
  | 'cos'
  | 'sin'
  | 'tan'
  | 'atan'
  | 'reciprocal'
  | 'sqrt'
  | 'relu'
  | 'leakyRelu'
  | 'abs'
  | 'tanh'
  | 'sigmoid'
  | 'step'
  | 'leakyStep'
  | 'sign';

/** Binary operators: `+ - * /` and the general power `a ^ b`. */
export type BinaryOp = 'add' | 'sub' | 'mul' | 'div' | 'pow';

/** Every unary operator. */
export const UNARY_OPS: readonly UnaryOp[] = ['neg', 'square', 'cube', 'log', 'exp', 'cos', 'sin', 'tan', 'atan', 'reciprocal', 'sqrt', 'relu', 'leakyRelu', 'abs', 'tanh', 'sigmoid', 'step', 'leakyStep', 'sign'];

/** Every binary operator. */
export const BINARY_OPS: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div', 'pow'];

/** A node's operand: an object with a kind (its subtree was checked when it was built or parsed). */
function requireNode(value: unknown, fn: string, arg: string): void {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (kind !== 'var' && kind !== 'const' && kind !== 'unary' && kind !== 'binary') throw invalid(fn, arg, 'a formula node (an Expr)', value);
}

/** A variable such as `x1`. */
export interface VariableNode {
  readonly kind: 'var';
  readonly name: string;
}
/** A numeric constant (always finite). */
export interface ConstantNode {
  readonly kind: 'const';
  readonly value: number;
}
/** A unary operation. */
export interface UnaryNode {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly arg: Expr;
}
/** A binary operation. */
export interface BinaryNode {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}

/**
 * A formula: an immutable tree of plain objects (JSON-serialisable).
 *
 * @example
 * ```ts
 * const e: Expr = binary('mul', variable('x1'), unary('sin', variable('x2'))); // x1 * sin(x2)
 * ```
 */
export type Expr = VariableNode | ConstantNode | UnaryNode | BinaryNode;

/** The unary operators in the course script's order (`^2, ^3, log, exp, cos, sin, tan, arctan, 1/, √, ReLU, LeakyReLU`). */
export const COURSE_UNARY: readonly UnaryOp[] = [
  'square',
  'cube',
  'log',
  'exp',
  'cos',
  'sin',
  'tan',
  'atan',
  'reciprocal',
  'sqrt',
  'relu',
  'leakyRelu',
];

/** The binary operators in the course script's order (`+, -, *, /`). */
export const COURSE_BINARY: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div'];

/** The slope of LeakyReLU for negative inputs (PyTorch's default, and the course's). */
export const LEAKY_SLOPE = 0.01;

/**
 * A variable node.
 *
 * @example
 * ```ts
 * variable('x1'); // { kind: 'var', name: 'x1' }
 * ```
 */
export function variable(name: string): VariableNode {
  requireString(name, 'variable', 'name');
  return { kind: 'var', name };
}

/**
 * A constant node.
 *
 * @example
 * ```ts
 * constant(2); // { kind: 'const', value: 2 }
 * ```
 */
export function constant(value: number): ConstantNode {
  requireNumber(value, 'constant', 'value');
  return { kind: 'const', value };
}

/**
 * A unary node.
 *
 * @example
 * ```ts
 * unary('sqrt', variable('x1')); // √(x1)
 * ```
 */
export function unary(op: UnaryOp, arg: Expr): UnaryNode {
  if (!UNARY_OPS.includes(op)) throw invalid('unary', 'op', `a unary operator (${UNARY_OPS.join(', ')})`, op);
  requireNode(arg, 'unary', 'arg');
  return { kind: 'unary', op, arg };
}

/**
 * A binary node. `pow` with the constant exponent 2 or 3 becomes the unary
 * `square` / `cube`, so that every formula has one tree.
 *
 * @example
 * ```ts
 * binary('div', variable('x1'), variable('x2')); // (x1 / x2)
 * binary('pow', variable('x1'), constant(2));     // x1^2, a unary 'square'
 * ```
 */
export function binary(op: BinaryOp, left: Expr, right: Expr): Expr {
  if (!BINARY_OPS.includes(op)) throw invalid('binary', 'op', `a binary operator (${BINARY_OPS.join(', ')})`, op);
  requireNode(left, 'binary', 'left');
  requireNode(right, 'binary', 'right');
  if (op === 'pow' && right.kind === 'const' && (right.value === 2 || right.value === 3)) {
    return unary(right.value === 2 ? 'square' : 'cube', left);
  }
  return { kind: 'binary', op, left, right };
}

/**
 * Structural equality of two trees.
 *
 * @example
 * ```ts
 * equals(parse('x1 + x2'), parse('(x1 + x2)')); // true
 * ```
 */
export function equals(a: Expr, b: Expr): boolean {
  requireExpr(a, 'equals', 'a');
  requireExpr(b, 'equals', 'b');
  return equalsTree(a, b);
}

/** {@link equals} on checked trees (for the package's own code). */
export function equalsTree(a: Expr, b: Expr): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'var':
      return a.name === (b as VariableNode).name;
    case 'const':
      return Object.is(a.value, (b as ConstantNode).value);
    case 'unary':
      return a.op === (b as UnaryNode).op && equalsTree(a.arg, (b as UnaryNode).arg);
    case 'binary': {
      const other = b as BinaryNode;
      return a.op === other.op && equalsTree(a.left, other.left) && equalsTree(a.right, other.right);
    }
  }
}

const INDEXED = /^x(\d+)$/;

/**
 * The formula's input variables in positional order: `x1, x2, ...` up to the
 * highest index used (an unused `x2` between `x1` and `x3` still takes a
 * position, as in the course's five-value lists), then any other names in
 * order of first appearance.
 *
 * @example
 * ```ts
 * variables(parse('x3 * x1 + y')); // ['x1', 'x2', 'x3', 'y']
 * ```
 */
export function variables(expr: Expr): string[] {
  requireExpr(expr, 'variables', 'expr');
  return variablesOf(expr);
}

/** {@link variables} of a checked tree (for the package's own code). */
export function variablesOf(expr: Expr): string[] {
  const seen: string[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'var') {
      if (!seen.includes(e.name)) seen.push(e.name);
    } else if (e.kind === 'unary') visit(e.arg);
    else if (e.kind === 'binary') {
      visit(e.left);
      visit(e.right);
    }
  };
  visit(expr);
  let maxIndex = 0;
  for (const name of seen) {
    const match = INDEXED.exec(name);
    if (match && !name.startsWith('x0')) maxIndex = Math.max(maxIndex, Number(match[1]));
  }
  const indexed = Array.from({ length: maxIndex }, (_, i) => `x${i + 1}`);
  return [...indexed, ...seen.filter((name) => !indexed.includes(name))];
}

/**
 * The set of variable names a subtree reads.
 *
 * @example
 * ```ts
 * usedVariables(parse('sin(x3) * x1')); // Set { 'x3', 'x1' }
 * ```
 */
export function usedVariables(expr: Expr): Set<string> {
  requireExpr(expr, 'usedVariables', 'expr');
  return usedVariablesOf(expr);
}

/** {@link usedVariables} of a checked tree (for the package's own code). */
export function usedVariablesOf(expr: Expr): Set<string> {
  const out = new Set<string>();
  const visit = (e: Expr): void => {
    if (e.kind === 'var') out.add(e.name);
    else if (e.kind === 'unary') visit(e.arg);
    else if (e.kind === 'binary') {
      visit(e.left);
      visit(e.right);
    }
  };
  visit(expr);
  return out;
}

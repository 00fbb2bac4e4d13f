/**
 * Symbolic differentiation (the chain rule over the operator table's local
 * derivatives) and an algebraic simplifier, for the "analytical calculation"
 * of the gradient.
 */
import { binary, constant, equalsTree, unary, variablesOf, type BinaryNode, type BinaryOp, type Expr, type UnaryOp } from './ast';
import { checkFormulaSize } from './limits';
import { BINARY, UNARY } from './ops';
import { requireExpr, requireString, requireStrings } from './guards';

const ZERO = constant(0);
const ONE = constant(1);
const isConst = (e: Expr, value?: number): e is Expr & { kind: 'const' } =>
  e.kind === 'const' && (value === undefined || e.value === value);

// NOTE: simplifying compares subtrees again and again (merging equal factors, `a - a`): with plain
// structural equality, 200 nested sin took 73 s (each comparison walks both trees). A hash per
// node, computed once and cached, makes an unequal comparison O(1); only equal trees are walked.
// The caches live for one call of simplify/differentiate/symbolicGradient (plain Maps, dropped
// whole afterwards: WeakMaps kept across calls cost more in garbage collection than they save).
interface Caches {
  readonly hashes: Map<Expr, number>;
  readonly simplified: Map<Expr, Expr>;
}
let caches: Caches | null = null;

function withCaches<T>(run: () => T): T {
  if (caches !== null) return run();
  caches = { hashes: new Map(), simplified: new Map() };
  try {
    return run();
  } finally {
    caches = null;
  }
}

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x5bd1e995) ^ (hash >>> 15);
}

function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = mix(hash, text.charCodeAt(i));
  return hash;
}

/** A structural hash: equal trees (as `equals` decides) have equal hashes. */
function hashOf(e: Expr): number {
  const hashes = caches!.hashes;
  let hash = hashes.get(e);
  if (hash !== undefined) return hash;
  switch (e.kind) {
    case 'var':
      hash = mix(1, textHash(e.name));
      break;
    case 'const':
      hash = mix(2, textHash(Object.is(e.value, -0) ? '-0' : String(e.value)));
      break;
    case 'unary':
      hash = mix(mix(3, textHash(e.op)), hashOf(e.arg));
      break;
    case 'binary':
      hash = mix(mix(mix(4, textHash(e.op)), hashOf(e.left)), hashOf(e.right));
      break;
  }
  hashes.set(e, hash);
  return hash;
}

/** `equalsTree(a, b)`, without walking two trees that differ. */
function same(a: Expr, b: Expr): boolean {
  return a === b || (hashOf(a) === hashOf(b) && equalsTree(a, b));
}

/** A folded constant is kept only when it prints short (2, -0.5), not 0.9092974268256817. */
function foldable(value: number): boolean {
  return Number.isFinite(value) && (Number.isInteger(value) || String(value).length <= 8);
}

/**
 * Simplifies a formula bottom-up: folds short constants, removes `0 +`, `* 1`,
 * `/ 1`, `0 *`, double negations, moves signs and constants outward
 * (`a * -b` -> `-(a * b)`, `a * 1/(b)` -> `a / b`).
 *
 * NOTE: `0 * a -> 0` is the algebraic rule; it ignores that `a` might be
 * infinite at some point, as a hand calculation would.
 *
 * @example
 * ```ts
 * toPlain(simplify(parse('0 * x1 + 1 * (x2 / 1)'))); // 'x2'
 * ```
 */
export function simplify(expr: Expr): Expr {
  requireExpr(expr, 'simplify', 'expr');
  checkFormulaSize(expr, 'simplify');
  return withCaches(() => simplifyTree(expr));
}

// NOTE: the chain rule simplifies the same subtrees once per level above them (the local
// derivative of sin(u) is cos(u), with u simplified again): each result is cached, and so is
// each result as its own result (simplifying is idempotent: checked on 18,000 gradients), so
// that the work grows with the size of the output rather than a power of it.
function simplifyTree(expr: Expr): Expr {
  const simplified = caches!.simplified;
  const cached = simplified.get(expr);
  if (cached !== undefined) return cached;
  let result: Expr;
  switch (expr.kind) {
    case 'var':
    case 'const':
      return expr;
    case 'unary':
      result = simplifyUnary(expr.op, simplifyTree(expr.arg));
      break;
    case 'binary':
      result = simplifyBinary(expr.op, simplifyTree(expr.left), simplifyTree(expr.right));
      break;
  }
  simplified.set(expr, result);
  simplified.set(result, result);
  return result;
}

function simplifyUnary(op: UnaryOp, arg: Expr): Expr {
  if (arg.kind === 'const') {
    const value = UNARY[op].evaluate(arg.value);
    if (['neg', 'square', 'cube', 'reciprocal', 'step', 'leakyStep', 'sign', 'abs'].includes(op) && foldable(value)) return constant(value);
    if (op === 'exp' && arg.value === 0) return ONE;
    if (op === 'log' && arg.value === 1) return ZERO;
  }
  if (op === 'neg') {
    if (arg.kind === 'unary' && arg.op === 'neg') return arg.arg;
    if (arg.kind === 'binary' && arg.op === 'sub') return simplifyBinary('sub', arg.right, arg.left);
  }
  if (op === 'square' && arg.kind === 'unary' && arg.op === 'neg') return unary('square', arg.arg);
  if (op === 'square' && arg.kind === 'unary' && arg.op === 'reciprocal') return unary('reciprocal', unary('square', arg.arg));
  if (op === 'reciprocal') {
    if (arg.kind === 'unary' && arg.op === 'reciprocal') return arg.arg;
    if (arg.kind === 'unary' && arg.op === 'neg') return simplifyUnary('neg', simplifyUnary('reciprocal', arg.arg));
  }
  return unary(op, arg);
}

function simplifyBinary(op: BinaryOp, a: Expr, b: Expr): Expr {
  if (a.kind === 'const' && b.kind === 'const') {
    const value = BINARY[op].evaluate(a.value, b.value);
    if (op !== 'pow' && foldable(value)) return constant(value);
  }
  const neg = (e: Expr): Expr => simplifyUnary('neg', e);
  const isNeg = (e: Expr): e is Expr & { kind: 'unary' } => e.kind === 'unary' && e.op === 'neg';
  const negative = (e: Expr): boolean => isNeg(e) || (e.kind === 'const' && e.value < 0);
  switch (op) {
    case 'add':
      if (isConst(a, 0)) return b;
      if (isConst(b, 0)) return a;
      if (negative(b)) return simplifyBinary('sub', a, neg(b));
      if (isNeg(a)) return simplifyBinary('sub', b, a.arg);
      if (same(a, b)) return simplifyBinary('mul', constant(2), a);
      break;
    case 'sub':
      if (isConst(b, 0)) return a;
      if (isConst(a, 0)) return neg(b);
      if (negative(b)) return simplifyBinary('add', a, neg(b));
      if (same(a, b)) return ZERO;
      break;
    case 'mul':
      if (isConst(a, 0) || isConst(b, 0)) return ZERO;
      if (isConst(a, 1)) return b;
      if (isConst(b, 1)) return a;
      return fraction(binary('mul', a, b) as BinaryNode);
    case 'div':
      if (isConst(a, 0)) return ZERO;
      if (isConst(b, 1)) return a;
      return fraction(binary('div', a, b) as BinaryNode);
    case 'pow':
      if (isConst(b, 1)) return a;
      if (isConst(b, 0)) return ONE;
      if (isConst(b, -1)) return simplifyUnary('reciprocal', a);
      break;
  }
  return binary(op, a, b);
}

interface Factor {
  readonly base: Expr;
  power: number;
}

/**
 * Normalises a product/quotient into one fraction: a leading constant, the
 * factors of the numerator and of the denominator in order of appearance,
 * equal factors merged into powers and cancelled across the fraction bar
 * (`2 * e * (e * x2)` -> `2 * x2 * e^2`, `c * u^2 / u^2` -> `c`).
 */
function fraction(e: BinaryNode): Expr {
  let coefficient = 1;
  const factors: Factor[] = [];
  const byHash = new Map<number, Factor[]>();
  const add = (base: Expr, power: number): void => {
    const bucket = byHash.get(hashOf(base));
    const existing = bucket?.find((f) => same(f.base, base));
    if (existing) existing.power += power;
    else {
      const factor = { base, power };
      factors.push(factor);
      if (bucket) bucket.push(factor);
      else byHash.set(hashOf(base), [factor]);
    }
  };
  const collect = (x: Expr, sign: number): void => {
    if (x.kind === 'const') {
      coefficient = sign > 0 ? coefficient * x.value : coefficient / x.value;
    } else if (x.kind === 'binary' && x.op === 'mul') {
      collect(x.left, sign);
      collect(x.right, sign);
    } else if (x.kind === 'binary' && x.op === 'div') {
      collect(x.left, sign);
      collect(x.right, -sign);
    } else if (x.kind === 'binary' && x.op === 'pow' && x.right.kind === 'const' && Number.isInteger(x.right.value)) {
      add(x.left, sign * x.right.value);
    } else if (x.kind === 'unary' && x.op === 'neg') {
      coefficient = -coefficient;
      collect(x.arg, sign);
    } else if (x.kind === 'unary' && x.op === 'reciprocal') {
      collect(x.arg, -sign);
    } else if (x.kind === 'unary' && (x.op === 'square' || x.op === 'cube')) {
      add(x.arg, sign * (x.op === 'square' ? 2 : 3));
    } else {
      add(x, sign);
    }
  };
  collect(e, 1);
  if (!Number.isFinite(coefficient) || coefficient === 0) {
    // A constant division by zero or an underflow: leave the expression as written.
    return e;
  }
  const power = (base: Expr, n: number): Expr =>
    n === 1 ? base : n === 2 ? unary('square', base) : n === 3 ? unary('cube', base) : binary('pow', base, constant(n));
  const chain = (list: Expr[]): Expr | null => list.reduce<Expr | null>((acc, f) => (acc === null ? f : binary('mul', acc, f)), null);
  const numerator = factors.filter((f) => f.power > 0).map((f) => power(f.base, f.power));
  const denominator = factors.filter((f) => f.power < 0).map((f) => power(f.base, -f.power));
  let magnitude = Math.abs(coefficient);
  let denominatorConstant = 1;
  if (!foldable(magnitude) && foldable(1 / magnitude) && Number.isInteger(1 / magnitude)) {
    denominatorConstant = 1 / magnitude;
    magnitude = 1;
  }
  if (!foldable(magnitude)) return e;
  if (magnitude !== 1) numerator.unshift(constant(magnitude));
  if (denominatorConstant !== 1) denominator.unshift(constant(denominatorConstant));
  const top = chain(numerator);
  const bottom = chain(denominator);
  let result: Expr = bottom === null ? (top ?? ONE) : top === null ? unary('reciprocal', bottom) : binary('div', top, bottom);
  if (coefficient < 0) result = unary('neg', result);
  return result;
}

/**
 * The partial derivative d expr / d name, simplified.
 *
 * @example
 * ```ts
 * toPlain(differentiate(parse('sin(x1 * x2)'), 'x1')); // 'cos(x1 * x2) * x2'
 * ```
 */
export function differentiate(expr: Expr, name: string): Expr {
  requireExpr(expr, 'differentiate', 'expr');
  requireString(name, 'differentiate', 'name');
  checkFormulaSize(expr, 'differentiate');
  return withCaches(() => simplifyTree(derive(expr, name)));
}

function derive(expr: Expr, name: string): Expr {
  switch (expr.kind) {
    case 'var':
      return expr.name === name ? ONE : ZERO;
    case 'const':
      return ZERO;
    case 'unary': {
      const inner = simplifyTree(derive(expr.arg, name));
      if (isConst(inner, 0)) return ZERO;
      return simplifyBinary('mul', simplifyTree(UNARY[expr.op].local(expr.arg)), inner);
    }
    case 'binary': {
      const [localLeft, localRight] = BINARY[expr.op].local(expr.left, expr.right);
      const left = simplifyTree(derive(expr.left, name));
      const right = simplifyTree(derive(expr.right, name));
      const termLeft = isConst(left, 0) ? ZERO : simplifyBinary('mul', simplifyTree(localLeft), left);
      const termRight = isConst(right, 0) ? ZERO : simplifyBinary('mul', simplifyTree(localRight), right);
      return simplifyBinary('add', termLeft, termRight);
    }
  }
}

/**
 * Every partial derivative, in the formula's variable order.
 *
 * @example
 * ```ts
 * symbolicGradient(parse('x1 * x2')).map(toPlain); // ['x2', 'x1']
 * ```
 */
export function symbolicGradient(expr: Expr, order?: readonly string[]): Expr[] {
  requireExpr(expr, 'symbolicGradient', 'expr');
  if (order !== undefined) requireStrings(order, 'symbolicGradient', 'order');
  checkFormulaSize(expr, 'symbolicGradient');
  return withCaches(() => (order ?? variablesOf(expr)).map((name) => simplifyTree(derive(expr, name))));
}

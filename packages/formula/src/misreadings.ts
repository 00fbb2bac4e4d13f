/**
 * Misreadings of a formula: the trees a student gets by reading the course's
 * notation with other parentheses, as the homework's notebook read
 * `tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)` as
 * `tan(ReLU(x1 * x2) - arctan(x3 - x4) / x5)`.
 */
import { binary, equalsTree, unary, type BinaryOp, type Expr } from './ast';
import { parse } from './parser';
import { toCourse } from './printers';
import { requireExpr } from './guards';

/** A formula read another way. */
export interface Misreading {
  /** The misread tree. */
  readonly expr: Expr;
  /** The misread formula in the course notation. */
  readonly formula: string;
  /** The part of the formula that was misread, as written. */
  readonly written: string;
  /** How it was read instead. */
  readonly read: string;
}

/** Index of the `)` matching the `(` at `open`, or -1. */
function matching(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

/** The inside of the innermost parentheses around [start, end], or the whole text: [from, to). */
function enclosing(text: string, start: number, end: number): [number, number] {
  for (let outer = start - 1; outer >= 0; outer--) {
    if (text[outer] === '(' && matching(text, outer) > end) return [outer + 1, matching(text, outer)];
  }
  return [0, text.length];
}

/**
 * The distinct misreadings of a formula: each pair of parentheses dropped in
 * turn and the rest read with the usual precedence (`(a - b) / c` as
 * `a - b / c`, `(x1 - x2)^3` as `x1 - x2^3`, `a / (b + c)` as `a / b + c`, a
 * function applied to the first operand only); the course's `X / 1/(Y)`
 * read as `(X / 1) / Y`; and the same slips kept inside their own group
 * (`s + (a - b)^2` as `s + (a - b^2)` as well as `(s + a) - b^2`). Misreadings
 * that give the same tree as the formula are left out.
 *
 * @example
 * ```ts
 * misreadings(parse('tan((relu(x1 * x2) - atan(x3 - x4)) / x5)')).map((m) => m.formula);
 * // includes 'tan((ReLU(x1 * x2) - (arctan(x3 - x4) / x5)))'
 * ```
 */
export function misreadings(expr: Expr): Misreading[] {
  requireExpr(expr, 'misreadings', 'expr');
  const text = toCourse(expr);
  const found: Misreading[] = [];
  const consider = (candidate: string, written: string, read: string): void => {
    let tree: Expr;
    try {
      tree = parse(candidate);
    } catch {
      return;
    }
    if (equalsTree(tree, expr) || found.some((m) => equalsTree(m.expr, tree))) return;
    found.push({ expr: tree, formula: toCourse(tree), written, read });
  };
  for (let open = 0; open < text.length; open++) {
    if (text[open] !== '(') continue;
    const close = matching(text, open);
    if (close < 0) continue;
    // A function's own parentheses: dropping them reads `ReLUx1` as a name; but `tan((a - b) / c)`
    // without its outer pair is `tan(a - b) / c`, the function applied to the first operand only.
    if (/[\w.]/.test(text[open - 1] ?? '') && text[open + 1] !== '(') continue;
    const candidate = `${text.slice(0, open)}${text.slice(open + 1, close)}${text.slice(close + 1)}`;
    // What the student misread: the enclosing group (or the whole formula), with and without these parentheses.
    const [from, to] = enclosing(text, open, close);
    const written = text.slice(from, to);
    const read = `${text.slice(from, open)}${text.slice(open + 1, close)}${text.slice(close + 1, to)}`;
    consider(candidate, written, read);
  }
  // `X / 1/(Y)`: the course's reciprocal read as a division by 1.
  for (let at = text.indexOf('1/('); at >= 0; at = text.indexOf('1/(', at + 1)) {
    const [from, to] = enclosing(text, at, at + 2);
    const written = text.slice(from, to);
    consider(`${text.slice(0, at)}1 / (${text.slice(at + 3)}`, written, `${text.slice(from, at)}1 / (${text.slice(at + 3, to)}`);
  }
  // The same slips, each kept inside its own group: `(a - b)^2` as `(a - b^2)`, `(a - b) / c` as `(a - b / c)`.
  for (const { expr: tree, written, read } of rotations(expr)) consider(toCourse(tree), written, read);
  return found;
}

const LEVEL: Record<BinaryOp, number> = { add: 1, sub: 1, mul: 2, div: 2, pow: 3 };
const bare = (text: string): string => text.replace(/^\((.*)\)$/, '$1');

/** Every tree with one group misread in place, as a student who drops one pair of parentheses would read it. */
function rotations(expr: Expr): { expr: Expr; written: string; read: string }[] {
  const here = (e: Expr): Expr[] => {
    const out: Expr[] = [];
    if (e.kind === 'binary') {
      const { op, left, right } = e;
      // (a ± b) ×÷ c read as a ± (b ×÷ c).
      if (left.kind === 'binary' && LEVEL[op] === 2 && LEVEL[left.op] === 1) out.push(binary(left.op, left.left, binary(op, left.right, right)));
      // a op (c ± d) read as (a op c) ± d, for op no looser than ±.
      if (right.kind === 'binary' && LEVEL[op] <= 2 && LEVEL[right.op] <= LEVEL[op]) out.push(binary(right.op, binary(op, left, right.left), right.right));
    }
    // (a op b)^n read as a op b^n.
    if (e.kind === 'unary' && (e.op === 'square' || e.op === 'cube') && e.arg.kind === 'binary' && e.arg.op !== 'pow') {
      out.push(binary(e.arg.op, e.arg.left, unary(e.op, e.arg.right)));
    }
    return out;
  };
  const all = (e: Expr, wrap: (inner: Expr) => Expr): { expr: Expr; written: string; read: string }[] => {
    const out = here(e).map((misread) => ({ expr: wrap(misread), written: bare(toCourse(e)), read: bare(toCourse(misread)) }));
    if (e.kind === 'unary') out.push(...all(e.arg, (a) => wrap(unary(e.op, a))));
    if (e.kind === 'binary') {
      out.push(...all(e.left, (l) => wrap(binary(e.op, l, e.right))));
      out.push(...all(e.right, (r) => wrap(binary(e.op, e.left, r))));
    }
    return out;
  };
  return all(expr, (e) => e);
}

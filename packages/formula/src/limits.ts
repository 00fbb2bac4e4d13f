/**
 * Size limits of the formulas gradlab works out, so that deep or huge input
 * fails at once with a typed error instead of a stack overflow deep inside a
 * recursive step, a hang or unbounded memory.
 *
 * A course formula has 12 nodes and depth 5; a formula a student types by hand
 * has a few dozen nodes. The limits are far above that and low enough that
 * everything within them (parse, solve, the symbolic gradient, the printers)
 * runs in about a second on one core and stays far from the call stack's end.
 */
import type { Expr } from './ast';
import { FormulaError } from './errors';
import { describe, requireString } from './guards';
import { BINARY, UNARY } from './ops';

/** The limits {@link checkFormulaSize} enforces. */
export const FORMULA_LIMITS = {
  /** Characters of a formula's text. */
  length: 10_000,
  /** Levels of the tree (and of nested parentheses, functions and signs while parsing). */
  depth: 256,
  /** Nodes of the tree (counted as a tree: a subtree used twice counts twice). */
  nodes: 1_000,
  /** Distinct variables. */
  variables: 20,
} as const;

/** The error for input beyond a limit: code `'LIMIT'`, one line naming the function and the limit. */
export function limitError(where: string, what: string): FormulaError {
  return new FormulaError('LIMIT', `${where}: ${what}`);
}

/**
 * Throws a {@link FormulaError} with code `'LIMIT'` when a tree is deeper,
 * larger or has more variables than {@link FORMULA_LIMITS}. Iterative, and it
 * stops counting at the limit, so that a huge tree (or a small graph of shared
 * subtrees that spells a huge tree) is refused in bounded time.
 *
 * @example
 * ```ts
 * let e = parse('x1');
 * for (let i = 0; i < 300; i++) e = unary('sin', e);
 * checkFormulaSize(e, 'solve'); // throws: solve: the formula is nested deeper than 200 levels ...
 * ```
 */
export function checkFormulaSize(expr: Expr, where: string): void {
  requireString(where, 'checkFormulaSize', 'where');
  const names = new Set<string>();
  const stack: { e: Expr; depth: number }[] = [{ e: expr, depth: 1 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { e, depth } = stack.pop()!;
    if (depth > FORMULA_LIMITS.depth) {
      // A sum or product is a chain: each term after the first is one level deeper.
      throw limitError(where, `the formula's tree is deeper than ${FORMULA_LIMITS.depth} levels (nesting, or a sum or product of more than ${FORMULA_LIMITS.depth} terms)`);
    }
    if (++nodes > FORMULA_LIMITS.nodes) {
      throw limitError(where, `the formula has more than ${FORMULA_LIMITS.nodes} nodes (gradlab works formulas up to that size)`);
    }
    if (e === null || typeof e !== 'object') {
      throw new FormulaError('INVALID_ARGUMENT', `${where}: the formula contains ${describe(e)} where a node was expected`);
    }
    switch (e.kind) {
      case 'const':
        if (typeof e.value !== 'number') throw new FormulaError('INVALID_ARGUMENT', `${where}: a constant node has ${describe(e.value)} where a number was expected`);
        break;
      case 'var': {
        if (typeof e.name !== 'string') throw new FormulaError('INVALID_ARGUMENT', `${where}: a variable node has ${describe(e.name)} where a name was expected`);
        // NOTE: x1, x2, ... are positional (see variables()): x9999 alone makes 9999 of them.
        const index = /^x([1-9]\d*)$/.exec(e.name);
        if (index && Number(index[1]) > FORMULA_LIMITS.variables) {
          throw limitError(where, `the variable ${e.name} makes ${index[1]} positional variables x1..${e.name}, more than ${FORMULA_LIMITS.variables}`);
        }
        names.add(e.name);
        if (names.size > FORMULA_LIMITS.variables) {
          throw limitError(where, `the formula has more than ${FORMULA_LIMITS.variables} variables (gradlab works formulas with up to that many)`);
        }
        break;
      }
      case 'unary':
        if (!Object.hasOwn(UNARY, e.op)) throw new FormulaError('INVALID_ARGUMENT', `${where}: unknown unary operator ${describe(e.op)} (expected one of ${Object.keys(UNARY).join(', ')})`);
        stack.push({ e: e.arg, depth: depth + 1 });
        break;
      case 'binary':
        if (!Object.hasOwn(BINARY, e.op)) throw new FormulaError('INVALID_ARGUMENT', `${where}: unknown binary operator ${describe(e.op)} (expected one of ${Object.keys(BINARY).join(', ')})`);
        stack.push({ e: e.right, depth: depth + 1 }, { e: e.left, depth: depth + 1 });
        break;
      default:
        throw new FormulaError('INVALID_ARGUMENT', `${where}: a node of kind ${describe((e as { kind?: unknown }).kind)} (expected 'var', 'const', 'unary' or 'binary')`);
    }
  }
}

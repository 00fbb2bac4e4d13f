/**
 * Argument checks for the package's public functions: a wrong argument is a
 * FormulaError (code `'INVALID_ARGUMENT'`) that names the function, the
 * argument, what was expected and what came, never a TypeError from deep
 * inside. Objects the package makes (solutions, traces, answer keys, check
 * results, layouts) are recognised by where they came from, so that a
 * look-alike built by hand cannot reach code that trusts their invariants.
 */
import { FormulaError } from './errors';
import { BINARY, UNARY } from './ops';

/**
 * What a value is, for an error message; never throws (a Symbol, a BigInt, an
 * object without a prototype, a Proxy that throws on access).
 *
 * @example
 * ```ts
 * describe(null);          // 'null'
 * describe(Symbol('s'));   // 'a symbol'
 * describe({ a: 1 });      // 'an object with keys a'
 * ```
 */
export function describe(value: unknown): string {
  try {
    if (value === null) return 'null';
    switch (typeof value) {
      case 'undefined':
        return 'undefined';
      case 'number':
        return `the number ${String(value)}`;
      case 'string':
        return value.length > 40 ? `the string ${JSON.stringify(value.slice(0, 40))}...` : `the string ${JSON.stringify(value)}`;
      case 'bigint':
        return `the bigint ${value.toString()}n`;
      case 'boolean':
        return String(value);
      case 'symbol':
        return 'a symbol';
      case 'function':
        return 'a function';
    }
    if (Array.isArray(value)) return value.length === 0 ? 'an empty array' : `an array of ${value.length}`;
    if (Object.getPrototypeOf(value) === null) return 'an object without a prototype';
    const keys = Object.keys(value as object);
    return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.slice(0, 5).join(', ')}${keys.length > 5 ? ', ...' : ''}`;
  } catch {
    return 'a value that cannot be inspected';
  }
}

/** `fn: 'arg' must be <expected>, got <what came>`. */
export function invalid(fn: string, arg: string, expected: string, value: unknown): FormulaError {
  return new FormulaError('INVALID_ARGUMENT', `${fn}: '${arg}' must be ${expected}, got ${describe(value)}`);
}

export function requireString(value: unknown, fn: string, arg: string): asserts value is string {
  if (typeof value !== 'string') throw invalid(fn, arg, 'a string', value);
}

export function requireNumber(value: unknown, fn: string, arg: string): asserts value is number {
  if (typeof value !== 'number') throw invalid(fn, arg, 'a number', value);
}

export function requireInteger(value: unknown, fn: string, arg: string, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw invalid(fn, arg, `an integer from ${min} to ${max}`, value);
}

export function requireNumbers(value: unknown, fn: string, arg: string): asserts value is readonly number[] {
  if (!Array.isArray(value)) throw invalid(fn, arg, 'an array of numbers', value);
  const bad = value.findIndex((v) => typeof v !== 'number');
  if (bad >= 0) throw invalid(fn, `${arg}[${bad}]`, 'a number', value[bad]);
}

export function requireStrings(value: unknown, fn: string, arg: string): asserts value is readonly string[] {
  if (!Array.isArray(value)) throw invalid(fn, arg, 'an array of strings', value);
  const bad = value.findIndex((v) => typeof v !== 'string');
  if (bad >= 0) throw invalid(fn, `${arg}[${bad}]`, 'a string', value[bad]);
}

/** An options argument: undefined, or a plain object. */
export function requireOptions(value: unknown, fn: string, arg = 'options'): void {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(fn, arg, 'an object of options (or nothing)', value);
}

/** An object (not null, not an array) whose fields are checked by the caller. */
export function requireRecord(value: unknown, fn: string, arg: string, expected: string): asserts value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(fn, arg, expected, value);
}

/** Objects made by this package, by kind: only those are accepted where one is expected. */
const made = {
  solution: new WeakSet<object>(),
  trace: new WeakSet<object>(),
  answerKey: new WeakSet<object>(),
  keyEntry: new WeakSet<object>(),
  checkResult: new WeakSet<object>(),
  layout: new WeakSet<object>(),
};

type Kind = keyof typeof made;

const WHAT: Record<Kind, string> = {
  solution: 'a Solution from solve()',
  trace: 'a Trace from trace()',
  answerKey: 'an AnswerKey from answerKey()',
  keyEntry: "an entry of an AnswerKey's entries",
  checkResult: 'a CheckResult from checkAnswers()',
  layout: 'a GraphLayout from graphLayout() or readLayout()',
};

/** Records that this package made `value` (of `kind`); returns it. */
export function mark<T extends object>(kind: Kind, value: T): T {
  made[kind].add(value);
  return value;
}

/** Whether this package made `value` as a `kind`. */
export function isMade(kind: Kind, value: unknown): boolean {
  return typeof value === 'object' && value !== null && made[kind].has(value);
}

export function requireMade(kind: Kind, value: unknown, fn: string, arg: string): void {
  if (!isMade(kind, value)) throw invalid(fn, arg, WHAT[kind], value);
}

/**
 * A formula tree, checked whole: every node's kind, operator, name and value.
 * Iterative, and each shared subtree is checked once (symbolic gradients share
 * subtrees), so that it costs one pass over the distinct nodes. The size limits
 * are the entry points' (`parse`, `solve`, `symbolicGradient`): a printer or
 * an evaluation takes a derivative larger than a formula a student types.
 */
export function requireExpr(value: unknown, fn: string, arg: string): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid(fn, arg, 'a formula (an Expr from parse())', value);
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const e = stack.pop();
    if (e === null || typeof e !== 'object') throw new FormulaError('INVALID_ARGUMENT', `${fn}: '${arg}' contains ${describe(e)} where a node was expected`);
    if (seen.has(e)) continue;
    seen.add(e);
    const node = e as { kind?: unknown; op?: unknown; name?: unknown; value?: unknown; arg?: unknown; left?: unknown; right?: unknown };
    switch (node.kind) {
      case 'var':
        if (typeof node.name !== 'string') throw new FormulaError('INVALID_ARGUMENT', `${fn}: '${arg}' has a variable node whose name is ${describe(node.name)}`);
        break;
      case 'const':
        if (typeof node.value !== 'number') throw new FormulaError('INVALID_ARGUMENT', `${fn}: '${arg}' has a constant node whose value is ${describe(node.value)}`);
        break;
      case 'unary':
        if (!Object.hasOwn(UNARY, node.op as string)) throw new FormulaError('INVALID_ARGUMENT', `${fn}: '${arg}' has an unknown unary operator ${describe(node.op)}`);
        stack.push(node.arg);
        break;
      case 'binary':
        if (!Object.hasOwn(BINARY, node.op as string)) throw new FormulaError('INVALID_ARGUMENT', `${fn}: '${arg}' has an unknown binary operator ${describe(node.op)}`);
        stack.push(node.right, node.left);
        break;
      default:
        throw new FormulaError('INVALID_ARGUMENT', `${fn}: '${arg}' has a node of kind ${describe(node.kind)} (expected 'var', 'const', 'unary' or 'binary')`);
    }
  }
}


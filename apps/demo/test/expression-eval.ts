/**
 * A tiny evaluator for the plain-maths expressions the demo prints (numbers,
 * variables, + - * / ^, unary minus, exp log sin cos tan atan sqrt), written
 * independently of @gradlab/formula so that the printed partial derivatives
 * can be checked by value. `^` binds tighter than unary minus and is
 * right-associative, as in maths.
 */
const FUNCTIONS: Record<string, (u: number) => number> = {
  exp: Math.exp,
  log: Math.log,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  atan: Math.atan,
  arctan: Math.atan,
  sqrt: Math.sqrt,
};

export function evaluateExpression(text: string, variables: Readonly<Record<string, number>>): number {
  const tokens = text.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?|[A-Za-z_]\w*|[-+*/^()]/g) ?? [];
  if (tokens.join('') !== text.replace(/\s+/g, '')) throw new Error(`cannot read '${text}'`);
  let position = 0;
  const peek = (): string | undefined => tokens[position];
  const take = (expected?: string): string => {
    const token = tokens[position++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`expected ${expected ?? 'a token'} at ${position - 1} in '${text}'`);
    }
    return token;
  };
  const primary = (): number => {
    const token = take();
    if (token === '(') {
      const value = sum();
      take(')');
      return value;
    }
    if (/^\d/.test(token)) return Number(token);
    const fn = FUNCTIONS[token];
    if (fn !== undefined) {
      take('(');
      const value = sum();
      take(')');
      return fn(value);
    }
    const value = variables[token];
    if (value === undefined) throw new Error(`unknown name '${token}' in '${text}'`);
    return value;
  };
  const power = (): number => {
    const base = primary();
    if (peek() === '^') {
      take();
      return base ** unaryMinus();
    }
    return base;
  };
  const unaryMinus = (): number => {
    if (peek() === '-') {
      take();
      return -unaryMinus();
    }
    return power();
  };
  const product = (): number => {
    let value = unaryMinus();
    while (peek() === '*' || peek() === '/') value = take() === '*' ? value * unaryMinus() : value / unaryMinus();
    return value;
  };
  const sum = (): number => {
    let value = product();
    while (peek() === '+' || peek() === '-') value = take() === '+' ? value + product() : value - product();
    return value;
  };
  const value = sum();
  if (position !== tokens.length) throw new Error(`unexpected '${peek()}' in '${text}'`);
  return value;
}

/**
 * Four ways to write a formula: the course script's notation, plain maths (what
 * a student types, and what `parse` reads back), LaTeX, and PyTorch code.
 */
import { variablesOf, type BinaryOp, type Expr, type UnaryOp } from './ast';
import { invalid, requireExpr, requireNumber, requireNumbers, requireOptions, requireString, requireStrings } from './guards';

const BINARY_SYMBOL: Record<BinaryOp, string> = { add: '+', sub: '-', mul: '*', div: '/', pow: '^' };

/** Prefix spellings in the course notation (`^2`, `^3` are postfix, `neg` is `-`). */
const COURSE_PREFIX: Partial<Record<UnaryOp, string>> = {
  log: 'log',
  exp: 'exp',
  cos: 'cos',
  sin: 'sin',
  tan: 'tan',
  atan: 'arctan',
  reciprocal: '1/',
  sqrt: '√',
  relu: 'ReLU',
  leakyRelu: 'LeakyReLU',
  abs: 'abs',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  step: 'step',
  leakyStep: 'leaky_step',
  sign: 'sign',
};

/**
 * An operator as the course writes it, for labels (a graph's operation
 * nodes): `+`, `^2`, `arctan`, `1/`, `√`, `ReLU`; `neg` for a unary minus and
 * `''` for an input.
 *
 * @example
 * ```ts
 * courseLabel('atan'); // 'arctan'
 * courseLabel('square'); // '^2'
 * ```
 */
export function courseLabel(op: UnaryOp | BinaryOp | 'input'): string {
  if (op === 'input') return '';
  if (op === 'square') return '^2';
  if (op === 'cube') return '^3';
  if (op === 'neg') return 'neg';
  return (BINARY_SYMBOL as Partial<Record<string, string>>)[op] ?? COURSE_PREFIX[op as UnaryOp] ?? op;
}

/** Function names in plain maths (the parser's own spelling). */
const PLAIN_FUNCTION: Partial<Record<UnaryOp, string>> = {
  log: 'log',
  exp: 'exp',
  cos: 'cos',
  sin: 'sin',
  tan: 'tan',
  atan: 'atan',
  sqrt: 'sqrt',
  relu: 'relu',
  leakyRelu: 'leaky_relu',
  abs: 'abs',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  step: 'step',
  leakyStep: 'leaky_step',
  sign: 'sign',
};

/**
 * Formats a number as the shortest string that reads back to the same double.
 *
 * @example
 * ```ts
 * formatNumber(2); // '2'
 * formatNumber(0.1 + 0.2); // '0.30000000000000004'
 * ```
 */
export function formatNumber(value: number): string {
  requireNumber(value, 'formatNumber', 'value');
  if (Object.is(value, -0)) return '-0';
  return String(value);
}

const isCall = (e: Expr): boolean =>
  e.kind === 'unary' && e.op !== 'neg' && e.op !== 'square' && e.op !== 'cube';
const isPostfix = (e: Expr): boolean => e.kind === 'unary' && (e.op === 'square' || e.op === 'cube');
const isNegativeConst = (e: Expr): boolean => e.kind === 'const' && (e.value < 0 || Object.is(e.value, -0));
/** An operand that needs no parentheses before `^` in the course notation. */
const courseAtomic = (e: Expr): boolean =>
  e.kind === 'var' || e.kind === 'binary' || (e.kind === 'const' && !isNegativeConst(e)) || isCall(e);

/**
 * The course script's notation, byte for byte: every binary operation in
 * parentheses `(a op b)`, `^2`/`^3` after their operand, every other unary
 * operator right before a parenthesised operand.
 *
 * @example
 * ```ts
 * toCourse(parse('tan((relu(x1*x2) - atan(x3-x4)) / x5)'));
 * // 'tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)'
 * ```
 */
export function toCourse(expr: Expr): string {
  requireExpr(expr, 'toCourse', 'expr');
  return toCourseTree(expr);
}

/** The recursion of {@link toCourse}, on a tree already checked. */
function toCourseTree(expr: Expr): string {
  switch (expr.kind) {
    case 'var':
      return expr.name;
    case 'const':
      return formatNumber(expr.value);
    case 'binary': {
      // NOTE: inside the parentheses, `^` still binds tighter than a sign or a postfix power:
      // its base must be atomic, `(-x1 ^ x2)` would read as -(x1 ^ x2).
      const left = expr.op === 'pow' && !courseAtomic(expr.left) ? `(${toCourseTree(expr.left)})` : toCourseTree(expr.left);
      return `(${left} ${BINARY_SYMBOL[expr.op]} ${toCourseTree(expr.right)})`;
    }
    case 'unary': {
      const arg = expr.arg;
      const inner = toCourseTree(arg);
      if (expr.op === 'square' || expr.op === 'cube') return `${courseAtomic(arg) ? inner : `(${inner})`}^${expr.op === 'square' ? 2 : 3}`;
      if (expr.op === 'neg') {
        if (arg.kind === 'const' && !isNegativeConst(arg)) return `-(${inner})`;
        const wrap = isNegativeConst(arg) || (arg.kind === 'unary' && arg.op === 'neg');
        return `-${wrap ? `(${inner})` : inner}`;
      }
      return `${COURSE_PREFIX[expr.op]!}${arg.kind === 'binary' ? inner : `(${inner})`}`;
    }
  }
}

// Precedence levels shared by the plain, LaTeX and PyTorch printers.
const ADDITIVE = 1;
const MULTIPLICATIVE = 2;
const PREFIX = 3;
const POWER = 4;
const ATOM = 5;

function precedence(e: Expr): number {
  if (e.kind === 'binary') return e.op === 'add' || e.op === 'sub' ? ADDITIVE : e.op === 'pow' ? POWER : MULTIPLICATIVE;
  if (e.kind === 'const') return isNegativeConst(e) ? PREFIX : ATOM;
  if (e.kind === 'var') return ATOM;
  if (e.op === 'neg') return PREFIX;
  if (isPostfix(e)) return POWER;
  return ATOM;
}

/**
 * Plain maths with the usual precedence and as few parentheses as possible;
 * `parse` reads it back to the same tree.
 *
 * @example
 * ```ts
 * toPlain(parse('((x1 * x2) + sin(x3))^2')); // '(x1 * x2 + sin(x3))^2'
 * ```
 */
export function toPlain(expr: Expr): string {
  requireExpr(expr, 'toPlain', 'expr');
  return toPlainTree(expr);
}

/** The recursion of {@link toPlain}, on a tree already checked. */
function toPlainTree(expr: Expr): string {
  const wrap = (e: Expr, minimum: number): string => (precedence(e) >= minimum ? toPlainTree(e) : `(${toPlainTree(e)})`);
  switch (expr.kind) {
    case 'var':
      return expr.name;
    case 'const':
      return formatNumber(expr.value);
    case 'binary': {
      if (expr.op === 'pow') return `${wrap(expr.left, ATOM)}^${wrap(expr.right, PREFIX)}`;
      const level = precedence(expr);
      return `${wrap(expr.left, level)} ${BINARY_SYMBOL[expr.op]} ${wrap(expr.right, level + 1)}`;
    }
    case 'unary': {
      const arg = expr.arg;
      if (expr.op === 'square' || expr.op === 'cube') return `${wrap(arg, ATOM)}^${expr.op === 'square' ? 2 : 3}`;
      if (expr.op === 'neg') return arg.kind === 'const' && !isNegativeConst(arg) ? `-(${toPlainTree(arg)})` : `-${wrap(arg, POWER)}`;
      // NOTE: `1/(` written without spaces is the course's reciprocal operator, read back as such.
      if (expr.op === 'reciprocal') return `1/(${toPlainTree(arg)})`;
      return `${PLAIN_FUNCTION[expr.op]!}(${toPlainTree(arg)})`;
    }
  }
}

/** Function names in the display notation: the course's spelling where it has one. */
const DISPLAY_FUNCTION: Partial<Record<UnaryOp, string>> = {
  atan: 'arctan',
  relu: 'ReLU',
  leakyRelu: 'LeakyReLU',
};

/**
 * The display notation, used wherever gradlab shows a formula to people (the
 * graph's boxes and operation labels, the tables of every format, the
 * symbolic gradient): the course's spelling of every operator (`ReLU`,
 * `LeakyReLU`, `arctan`, `√(u)`, `1/(u)`, `log`, `exp`...) with the usual
 * precedence and as few parentheses as it allows. `parse` reads it back to the
 * same tree.
 *
 * NOTE: `1/(u)` is a division: where a reader would attach it to a neighbour
 * (`a / 1/(b)` reads as `(a / 1) / b`, `x^1/(u)` as `x^1 / u`, `1/(u)^2` as
 * `1/(u^2)`) it is parenthesised, `a / (1/(b))`.
 *
 * @example
 * ```ts
 * toDisplay(parse('tan((relu(x1*x2) - atan(x3-x4)) / x5)')); // 'tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)'
 * toDisplay(parse('sqrt(x1) / 1/(x2 + x3)'));                 // '√(x1) / (1/(x2 + x3))'
 * ```
 */
export function toDisplay(expr: Expr): string {
  requireExpr(expr, 'toDisplay', 'expr');
  return toDisplayTree(expr);
}

/** The recursion of {@link toDisplay}, on a tree already checked. */
function toDisplayTree(expr: Expr): string {
  // The reciprocal binds like a division; everything else as in toPlain.
  const level = (e: Expr): number => (e.kind === 'unary' && e.op === 'reciprocal' ? MULTIPLICATIVE : precedence(e));
  const wrap = (e: Expr, minimum: number): string => (level(e) >= minimum ? toDisplayTree(e) : `(${toDisplayTree(e)})`);
  switch (expr.kind) {
    case 'var':
      return expr.name;
    case 'const':
      return formatNumber(expr.value);
    case 'binary': {
      if (expr.op === 'pow') return `${wrap(expr.left, ATOM)}^${wrap(expr.right, PREFIX)}`;
      const own = level(expr);
      return `${wrap(expr.left, own)} ${BINARY_SYMBOL[expr.op]} ${wrap(expr.right, own + 1)}`;
    }
    case 'unary': {
      const arg = expr.arg;
      if (expr.op === 'square' || expr.op === 'cube') return `${wrap(arg, ATOM)}^${expr.op === 'square' ? 2 : 3}`;
      if (expr.op === 'neg') {
        if (arg.kind === 'const' && !isNegativeConst(arg)) return `-(${toDisplayTree(arg)})`;
        // -1/(u) is -(1/u) for a reader and for parse alike.
        return arg.kind === 'unary' && arg.op === 'reciprocal' ? `-${toDisplayTree(arg)}` : `-${wrap(arg, POWER)}`;
      }
      if (expr.op === 'reciprocal') return `1/(${toDisplayTree(arg)})`;
      if (expr.op === 'sqrt') return `√(${toDisplayTree(arg)})`;
      const name = DISPLAY_FUNCTION[expr.op] ?? PLAIN_FUNCTION[expr.op] ?? expr.op;
      return `${name}(${toDisplayTree(arg)})`;
    }
  }
}

const LATEX_FUNCTION: Partial<Record<UnaryOp, string>> = {
  log: '\\log',
  exp: '\\exp',
  cos: '\\cos',
  sin: '\\sin',
  tan: '\\tan',
  atan: '\\arctan',
  relu: '\\operatorname{ReLU}',
  leakyRelu: '\\operatorname{LeakyReLU}',
  tanh: '\\tanh',
  sigmoid: '\\sigma',
  step: '\\operatorname{step}',
  leakyStep: '\\operatorname{step}_{0.01}',
  sign: '\\operatorname{sign}',
};

/**
 * A name as LaTeX: `x1` -> `x_{1}`, `v12` -> `v_{12}`, other names upright.
 *
 * @example
 * ```ts
 * latexName('x1'); // 'x_{1}'
 * ```
 */
export function latexName(name: string): string {
  requireString(name, 'latexName', 'name');
  const match = /^([A-Za-z])(\d+)$/.exec(name);
  if (match) return `${match[1]!}_{${match[2]!}}`;
  if (name.length === 1) return name;
  return `\\mathit{${name.replace(/_/g, '\\_')}}`;
}

function latexNumber(value: number): string {
  const text = formatNumber(value);
  const match = /^(-?[\d.]+)e([+-]\d+)$/.exec(text);
  if (!match) return text;
  return `${match[1]!} \\cdot 10^{${Number(match[2])}}`;
}

/**
 * LaTeX maths (no surrounding `$`): fractions for division, `\cdot` for
 * products, `\sqrt{}`, `\operatorname{ReLU}`.
 *
 * @example
 * ```ts
 * toLatex(parse('tan((relu(x1*x2) - atan(x3-x4)) / x5)'));
 * // '\\tan\\left(\\frac{\\operatorname{ReLU}\\left(x_{1} \\cdot x_{2}\\right) - \\arctan\\left(x_{3} - x_{4}\\right)}{x_{5}}\\right)'
 * ```
 */
export function toLatex(expr: Expr, names: (name: string) => string = latexName): string {
  requireExpr(expr, 'toLatex', 'expr');
  if (typeof names !== 'function') throw invalid('toLatex', 'names', 'a function from a name to LaTeX', names);
  return toLatexTree(expr, names);
}

/** The recursion of {@link toLatex}, on a tree already checked. */
function toLatexTree(expr: Expr, names: (name: string) => string): string {
  const print = (e: Expr): string => toLatexTree(e, names);
  // A fraction is visually atomic in a product or a sum, but not as a base of a power.
  const latexPrecedence = (e: Expr): number =>
    (e.kind === 'binary' && e.op === 'div') || (e.kind === 'unary' && e.op === 'reciprocal') ? POWER : precedence(e);
  const wrap = (e: Expr, minimum: number): string =>
    latexPrecedence(e) >= minimum ? print(e) : `\\left(${print(e)}\\right)`;
  // NOTE: 1e-7 is written 1 \cdot 10^{-7}: as the base of a power it needs parentheses (else a double superscript).
  const base = (e: Expr): string => (e.kind === 'const' && latexNumber(e.value).includes('\\cdot') ? `\\left(${print(e)}\\right)` : wrap(e, ATOM));
  switch (expr.kind) {
    case 'var':
      return names(expr.name);
    case 'const':
      return latexNumber(expr.value);
    case 'binary':
      switch (expr.op) {
        case 'div':
          return `\\frac{${print(expr.left)}}{${print(expr.right)}}`;
        case 'pow':
          return `${base(expr.left)}^{${print(expr.right)}}`;
        case 'mul':
          return `${wrap(expr.left, MULTIPLICATIVE)} \\cdot ${wrap(expr.right, MULTIPLICATIVE + 1)}`;
        default:
          return `${wrap(expr.left, ADDITIVE)} ${BINARY_SYMBOL[expr.op]} ${wrap(expr.right, ADDITIVE + 1)}`;
      }
    case 'unary': {
      const arg = expr.arg;
      switch (expr.op) {
        case 'square':
        case 'cube': {
          // A power of a function call reads better with the call in parentheses.
          return `${isCall(arg) ? `\\left(${print(arg)}\\right)` : base(arg)}^{${expr.op === 'square' ? 2 : 3}}`;
        }
        case 'neg':
          return `-${wrap(arg, POWER)}`;
        case 'reciprocal':
          return `\\frac{1}{${print(arg)}}`;
        case 'sqrt':
          return `\\sqrt{${print(arg)}}`;
        case 'abs':
          return `\\left|${print(arg)}\\right|`;
        default:
          return `${LATEX_FUNCTION[expr.op]!}\\left(${print(arg)}\\right)`;
      }
    }
  }
}

/** Options of {@link toPyTorch}. */
export interface PyTorchOptions {
  /**
   * How variables are written: `'index'` (default) as elements of one tensor,
   * `x[0]`, `x[1]`, ... in {@link variables} order; `'name'` by their own names.
   */
  readonly variables?: 'index' | 'name';
  /** The tensor's name in `'index'` mode (default `x`). */
  readonly tensorName?: string;
  /** The variable order in `'index'` mode (default: {@link variables} of the formula). */
  readonly order?: readonly string[];
}

const TORCH_FUNCTION: Partial<Record<UnaryOp, string>> = {
  log: 'torch.log',
  exp: 'torch.exp',
  cos: 'torch.cos',
  sin: 'torch.sin',
  tan: 'torch.tan',
  atan: 'torch.atan',
  sqrt: 'torch.sqrt',
  relu: 'torch.relu',
  abs: 'torch.abs',
  tanh: 'torch.tanh',
  sigmoid: 'torch.sigmoid',
  sign: 'torch.sign',
};

/**
 * A PyTorch expression with Python's precedence, parenthesised where needed:
 * unlike a hand transcription, it cannot divide the wrong term.
 *
 * @example
 * ```ts
 * toPyTorch(parse('tan((relu(x1*x2) - atan(x3-x4)) / x5)'));
 * // 'torch.tan((torch.relu(x[0] * x[1]) - torch.atan(x[2] - x[3])) / x[4])'
 * ```
 */
export function toPyTorch(expr: Expr, options: PyTorchOptions = {}): string {
  requireExpr(expr, 'toPyTorch', 'expr');
  requireOptions(options, 'toPyTorch');
  const mode = options.variables ?? 'index';
  const tensorName = options.tensorName ?? 'x';
  const order = options.order ?? variablesOf(expr);
  // Python: ** binds tighter than unary minus on its left, and its right operand may be unary.
  const print = (e: Expr): string => {
    const wrap = (inner: Expr, minimum: number): string => (precedence(inner) >= minimum ? print(inner) : `(${print(inner)})`);
    switch (e.kind) {
      case 'var':
        return mode === 'name' ? e.name : `${tensorName}[${order.indexOf(e.name)}]`;
      case 'const':
        return formatNumber(e.value);
      case 'binary': {
        if (e.op === 'pow') return `${wrap(e.left, ATOM)} ** ${wrap(e.right, PREFIX)}`;
        const level = precedence(e);
        return `${wrap(e.left, level)} ${BINARY_SYMBOL[e.op]} ${wrap(e.right, level + 1)}`;
      }
      case 'unary': {
        const arg = e.arg;
        switch (e.op) {
          case 'square':
          case 'cube':
            return `${wrap(arg, ATOM)} ** ${e.op === 'square' ? 2 : 3}`;
          case 'neg':
            return `-${wrap(arg, POWER)}`;
          case 'reciprocal':
            // Unreachable after reciprocalsAsDivisions; kept so that the switch is total.
            return `1 / ${wrap(arg, MULTIPLICATIVE + 1)}`;
          case 'leakyRelu':
            return `torch.nn.functional.leaky_relu(${print(arg)}, 0.01)`;
          case 'step':
            return `(${print(arg)} > 0).double()`;
          case 'leakyStep':
            return `torch.where(${print(arg)} > 0, 1.0, 0.01)`;
          default:
            return `${TORCH_FUNCTION[e.op]!}(${print(arg)})`;
        }
      }
    }
  };
  return print(reciprocalsAsDivisions(expr));
}

/**
 * PyTorch writes `1/u` as a division, whose precedence is that of `/`: rewrite
 * reciprocals as `div(1, u)` before printing so that the generic precedence
 * rules parenthesise them (`a / (1 / b)`, `(1 / a) ** 2`).
 */
function reciprocalsAsDivisions(e: Expr): Expr {
  switch (e.kind) {
    case 'var':
    case 'const':
      return e;
    case 'binary':
      return { kind: 'binary', op: e.op, left: reciprocalsAsDivisions(e.left), right: reciprocalsAsDivisions(e.right) };
    case 'unary': {
      const arg = reciprocalsAsDivisions(e.arg);
      if (e.op === 'reciprocal') return { kind: 'binary', op: 'div', left: { kind: 'const', value: 1 }, right: arg };
      return { kind: 'unary', op: e.op, arg };
    }
  }
}

/**
 * A complete PyTorch script computing the formula and its gradient in float64,
 * as the homework asks.
 *
 * @example
 * ```ts
 * console.log(toPyTorchProgram(parse('sin(x1) * x2'), [1, 2]));
 * ```
 */
export function toPyTorchProgram(expr: Expr, values: readonly number[], order?: readonly string[]): string {
  requireExpr(expr, 'toPyTorchProgram', 'expr');
  requireNumbers(values, 'toPyTorchProgram', 'values');
  if (order === undefined) order = variablesOf(expr);
  requireStrings(order, 'toPyTorchProgram', 'order');
  const list = values.map((v) => (Number.isInteger(v) ? `${v}.0` : formatNumber(v))).join(', ');
  return [
    'import torch',
    '',
    `x = torch.tensor([${list}], dtype=torch.float64, requires_grad=True)`,
    `y = ${toPyTorch(expr, { order })}`,
    'y.backward()',
    'print("y", y)',
    'print("gradient", x.grad)',
    '',
  ].join('\n');
}

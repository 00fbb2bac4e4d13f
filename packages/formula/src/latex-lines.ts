/**
 * Long formulas as LaTeX lines that stay inside the page: a formula wider
 * than the line is split at its sums and products (outermost first), a wide
 * fraction becomes `\frac{1}{D} \cdot N` or `N \cdot (D)^{-1}`, a wide root
 * `(u)^{1/2}`, and a line that ends inside parentheses closes them with
 * `\right.` and reopens them with `\left.` on the next line, so that every
 * line is balanced for `align*`.
 */
import type { Expr } from './ast';
import { latexWidth } from './latex-width';
import { latexName, toLatex } from './printers';
import { requireExpr, requireNumber, requireRecord } from './guards';

/** Estimated widths are trusted to within this factor (see latex-width.ts). */
const SAFETY = 1.06;

type Piece =
  | { readonly kind: 'atom'; readonly tex: string }
  | { readonly kind: 'list'; readonly items: readonly { readonly separator: string | null; readonly piece: Piece }[] }
  | { readonly kind: 'group'; readonly open: string; readonly close: string; readonly inner: Piece };

const fits = (tex: string, width: number): boolean => latexWidth(tex) * SAFETY <= width;
const atom = (tex: string): Piece => ({ kind: 'atom', tex });
const parenthesised = (inner: Piece, after = ''): Piece => ({ kind: 'group', open: '\\left(', close: `\\right)${after}`, inner });
/** What is left of `width` inside `open ... close` (the group's content must fit there to stay one piece). */
const inside = (width: number, open: string, close: string): number => width - latexWidth(`${open}x${close}`) + latexWidth('x');

const FUNCTION_OPEN: Partial<Record<string, string>> = {
  log: '\\log\\left(',
  exp: '\\exp\\left(',
  cos: '\\cos\\left(',
  sin: '\\sin\\left(',
  tan: '\\tan\\left(',
  atan: '\\arctan\\left(',
  relu: '\\operatorname{ReLU}\\left(',
  leakyRelu: '\\operatorname{LeakyReLU}\\left(',
  step: '\\operatorname{step}\\left(',
  leakyStep: '\\operatorname{step}_{0.01}\\left(',
};

const isSum = (e: Expr): boolean => e.kind === 'binary' && (e.op === 'add' || e.op === 'sub');
const isProduct = (e: Expr): boolean => e.kind === 'binary' && (e.op === 'mul' || e.op === 'div');

/** The terms of a sum, left-associated: `a - b + c` -> [a, -b, +c]. */
function terms(e: Expr): { sign: string | null; expr: Expr }[] {
  if (e.kind === 'binary' && (e.op === 'add' || e.op === 'sub')) {
    return [...terms(e.left), { sign: e.op === 'add' ? '+' : '-', expr: e.right }];
  }
  return [{ sign: null, expr: e }];
}

/**
 * The pieces of a formula for breaking: atoms where they fit `width`,
 * otherwise split at the outermost sum, product or parentheses.
 */
function pieces(e: Expr, width: number, names: (name: string) => string): Piece {
  const tex = toLatex(e, names);
  if (fits(tex, width) || e.kind === 'var' || e.kind === 'const') return atom(tex);
  const operand = (inner: Expr): Piece => pieces(inner, width, names);
  const grouped = (inner: Expr, open: string, close: string): Piece => ({ kind: 'group', open, close, inner: pieces(inner, inside(width, open, close), names) });
  if (isSum(e)) {
    return {
      kind: 'list',
      items: terms(e).map((t) => {
        // A right operand that is itself a sum keeps its parentheses: a - (b + c).
        const piece = t.sign !== null && isSum(t.expr) ? grouped(t.expr, '\\left(', '\\right)') : operand(t.expr);
        return { separator: t.sign, piece };
      }),
    };
  }
  if (isProduct(e)) {
    return { kind: 'list', items: factors(e, width, names).map((piece, i) => ({ separator: i === 0 ? null : '\\cdot', piece })) };
  }
  if (e.kind === 'binary') {
    // A power a^b: the base in parentheses, the exponent as it is.
    return grouped(e.left, '\\left(', `\\right)^{${toLatex(e.right, names)}}`);
  }
  const arg = e.arg;
  switch (e.op) {
    case 'neg':
      // -(a · b) is -a · b: a product needs no parentheses, a sum does.
      return { kind: 'list', items: [{ separator: null, piece: atom('-') }, { separator: null, piece: isSum(arg) ? grouped(arg, '\\left(', '\\right)') : operand(arg) }] };
    case 'square':
    case 'cube':
      return grouped(arg, '\\left(', `\\right)^{${e.op === 'square' ? 2 : 3}}`);
    case 'sqrt':
      return grouped(arg, '\\left(', '\\right)^{1/2}');
    case 'reciprocal':
      return grouped(arg, '\\left(', '\\right)^{-1}');
    default:
      return grouped(arg, FUNCTION_OPEN[e.op] ?? `\\operatorname{${e.op}}\\left(`, '\\right)');
  }
}

/**
 * The factors of a product or quotient, flattened: a · (b · c) -> a, b, c;
 * a fraction N / D that does not fit -> 1/D, N (or (D)^{-1}, N when 1/D is
 * too wide as well).
 */
function factors(e: Expr, width: number, names: (name: string) => string): Piece[] {
  if (e.kind === 'binary' && e.op === 'mul') return [...factors(e.left, width, names), ...factors(e.right, width, names)];
  if (e.kind === 'binary' && e.op === 'div') {
    const fraction = toLatex(e, names);
    if (fits(fraction, width)) return [atom(fraction)];
    const reciprocal = `\\frac{1}{${toLatex(e.right, names)}}`;
    const over = fits(reciprocal, width) ? atom(reciprocal) : { kind: 'group' as const, open: '\\left(', close: '\\right)^{-1}', inner: pieces(e.right, inside(width, '\\left(', '\\right)^{-1}'), names) };
    return [over, ...factors(e.left, width, names)];
  }
  if (!isSum(e)) return [pieces(e, width, names)];
  const wrapped = toLatex(e, names);
  return [fits(`\\left(${wrapped}\\right)`, width) ? atom(`\\left(${wrapped}\\right)`) : parenthesised(pieces(e, inside(width, '\\left(', '\\right)'), names))];
}

interface Token {
  readonly tex: string;
  /** A line may break before this token (it starts with + - or \cdot). */
  readonly breakable: boolean;
  /** Parentheses open around it (0 at the top level). */
  readonly depth: number;
  /** The groups open after it, outermost first (for \right. and \left.). */
  readonly open: number;
}

function tokens(piece: Piece): Token[] {
  const out: Token[] = [];
  let open = 0;
  const walk = (p: Piece, depth: number, breakable: boolean): void => {
    switch (p.kind) {
      case 'atom':
        out.push({ tex: p.tex, breakable, depth, open });
        return;
      case 'group':
        open++;
        out.push({ tex: p.open, breakable, depth, open });
        walk(p.inner, depth + 1, false);
        open--;
        out.push({ tex: p.close, breakable: false, depth, open });
        return;
      case 'list':
        p.items.forEach((item, i) => {
          if (item.separator === null) walk(item.piece, depth, breakable && i === 0);
          else {
            out.push({ tex: item.separator, breakable: true, depth, open });
            walk(item.piece, depth, false);
          }
        });
    }
  };
  walk(piece, 0, false);
  return out;
}

/** Options of {@link latexLines}. */
export interface LatexLinesOptions {
  /** The width of the first line, in points. */
  readonly first: number;
  /** The width of the following lines, in points. */
  readonly rest: number;
  /** How variable names are written (default `latexName`: x1 -> x_{1}). */
  readonly names?: (name: string) => string;
}

/**
 * A formula's LaTeX in lines of at most the given widths (estimated for the
 * worked-solution document), each line balanced (`\right.` / `\left.` where
 * a line breaks inside parentheses) and each following line starting with
 * its operator (`{}+ ...`, `{}\cdot ...`). A formula that fits is one line,
 * exactly `toLatex`.
 *
 * @example
 * ```ts
 * latexLines(parse('x1 + x2'), { first: 400, rest: 380 }); // ['x_{1} + x_{2}']
 * latexLines(symbolicGradient(parse('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)'))[4], { first: 200, rest: 180 }).length; // 3
 * ```
 */
export function latexLines(expr: Expr, options: LatexLinesOptions): string[] {
  requireExpr(expr, 'latexLines', 'expr');
  requireRecord(options, 'latexLines', 'options', 'an object { first, rest } of widths in points');
  requireNumber(options.first, 'latexLines', 'options.first');
  requireNumber(options.rest, 'latexLines', 'options.rest');
  const names = options.names ?? latexName;
  const whole = toLatex(expr, names);
  if (fits(whole, options.first)) return [whole];
  // Room for the operator a continued line starts with ({}\cdot, {}+).
  const list = tokens(pieces(expr, options.rest - latexWidth('{}+{}'), names));
  const lines: string[] = [];
  let start = 0;
  let carried = 0; // groups open at the start of the line
  while (start < list.length) {
    const budget = (lines.length === 0 ? options.first : options.rest) / SAFETY;
    // Where the line may end (before token k), and how wide it is then, until it is full.
    const candidates: { k: number; depth: number; width: number }[] = [];
    let rest = true;
    for (let k = start + 1; k <= list.length; k++) {
      const width = latexWidth(render(list, start, k, carried));
      if (width > budget) {
        rest = false;
        break;
      }
      if (k < list.length && list[k]!.breakable) candidates.push({ k, depth: list[k]!.depth, width });
    }
    let stop: number;
    if (rest) stop = list.length;
    else if (candidates.length > 0) {
      // The outermost break that leaves at least half a line, else the farthest.
      const long = candidates.filter((c) => c.width >= budget / 2);
      const pool = long.length > 0 ? long : candidates;
      const depth = Math.min(...pool.map((c) => c.depth));
      stop = pool.filter((c) => c.depth === depth).at(-1)!.k;
    } else {
      // Nothing to break at before the line is full: run on to the next opportunity.
      stop = list.findIndex((t, k) => k > start && t.breakable);
      if (stop === -1) stop = list.length;
    }
    lines.push(render(list, start, stop, carried));
    carried = list[stop - 1]!.open;
    start = stop;
  }
  return lines;
}

/** Tokens start..end-1 as one balanced line. */
function render(list: readonly Token[], start: number, end: number, carried: number): string {
  const body = list.slice(start, end).map((t, i) => (i === 0 && t.breakable ? `{}${t.tex}` : t.tex));
  const open = list[end - 1]!.open;
  return [...Array<string>(carried).fill('\\left.'), ...body, ...Array<string>(open).fill('\\right.')].join(' ');
}

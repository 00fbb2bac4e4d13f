/**
 * How wide a piece of gradlab's LaTeX maths is when set by pdflatex in the
 * worked-solution document (11 pt Computer Modern, display style), in points:
 * enough to break long formulas into lines that stay inside the page.
 *
 * NOTE: written here rather than taken from a library because nothing small
 * measures TeX without running TeX; it knows exactly the commands gradlab's
 * printers write (`\frac`, `\left(`, `\sqrt`, `\operatorname`, sub- and
 * superscripts...), with glyph widths measured from Computer Modern at 10.95 pt, and
 * errs on the wide side. The document test compiles course formulas and
 * fails on any overfull line, which keeps it honest.
 */

/** Math italic letters and digits (cmmi/cmr at 10.95 pt). */
const ITALIC: Record<string, number> = {
  a: 5.79, b: 4.7, c: 4.74, d: 5.7, e: 5.1, f: 6.54, g: 5.62, h: 6.31, i: 3.77, j: 5.14, k: 6.05, l: 3.48, m: 9.61,
  n: 6.57, o: 5.31, p: 5.51, q: 5.28, r: 5.24, s: 5.13, t: 3.95, u: 6.27, v: 5.7, w: 8.13, x: 6.26, y: 5.76, z: 5.57,
  A: 8.21, B: 8.86, C: 8.61, D: 9.37, E: 8.71, F: 8.56, G: 8.61, H: 9.99, I: 5.67, J: 7.13, K: 10.08, L: 7.45, M: 11.82,
  N: 9.99, O: 8.66, P: 8.55, Q: 8.66, R: 8.4, S: 7.35, T: 7.92, U: 8.67, V: 8.82, W: 11.86, X: 9.93, Y: 8.79, Z: 8.26,
};
/** Upright letters (cmr at 10.95 pt), for operator names and `\text`. */
const UPRIGHT: Record<string, number> = {
  a: 5.59, b: 6.08, c: 4.87, d: 6.08, e: 4.87, f: 4.21, g: 5.61, h: 6.16, i: 3.04, j: 3.35, k: 5.9, l: 3.1, m: 9.21,
  n: 6.16, o: 5.47, p: 6.08, q: 6.08, r: 4.29, s: 4.32, t: 4.26, u: 6.16, v: 5.87, w: 8.0, x: 5.95, y: 5.87, z: 4.87,
  A: 8.21, B: 7.76, C: 7.91, D: 8.36, E: 7.45, F: 7.15, G: 8.59, H: 8.21, I: 3.95, J: 5.63, K: 8.52, L: 6.84, M: 10.04,
  N: 8.21, O: 8.52, P: 7.45, Q: 8.52, R: 8.32, S: 6.08, T: 7.91, U: 8.21, V: 8.3, W: 11.35, X: 8.25, Y: 8.39, Z: 6.69,
};
const DIGIT = 5.48;
const OTHER: Record<string, number> = { '.': 3.05, ',': 3.05, '(': 4.26, ')': 4.26, '[': 3.1, ']': 3.05, '/': 5.48, '|': 3.05, "'": 3.05, ' ': 0, '~': 3.65, '!': 3.05, ':': 3.05, ';': 3.05 };
const BINARY_GLYPH = 8.52;
/** Named symbols. */
const SYMBOL: Record<string, number> = {
  cdot: 3.05, partial: 6.43, nabla: 9.13, infty: 10.95, to: 10.95, pm: 8.52, times: 8.52, surd: 9.13, ldots: 14.6, cdots: 14.6,
  quad: 10.95, qquad: 21.9, ',': 1.83, ';': 3.05, ':': 2.43, '!': -1.83, '{': 5.48, '}': 5.48, '%': 9.13, '&': 8.52, '#': 9.13, _: 3.8,
};
const BINARY_SYMBOL = new Set(['cdot', 'pm', 'times']);
const RELATION_SYMBOL = new Set(['to']);
/** Function names set upright (`\log`, `\tan`, ...). */
const FUNCTION = new Set(['log', 'exp', 'cos', 'sin', 'tan', 'arctan', 'ln', 'max', 'min']);

/** TeX's math styles: display, text, script, scriptscript. */
type Style = 'D' | 'T' | 'S' | 'SS';
const SIZE: Record<Style, number> = { D: 1, T: 1, S: 0.78, SS: 0.62 };
const smaller = (style: Style): Style => (style === 'D' || style === 'T' ? 'S' : 'SS');
const fractionParts = (style: Style): Style => (style === 'D' ? 'T' : smaller(style));
const THIN = 1.83;
const MEDIUM = 2.43;
const THICK = 3.04;
const NULL_DELIMITER = 1.2;

/** What the previous atom was, for TeX's spacing (unary vs binary minus). */
type Atom = 'none' | 'ord' | 'bin' | 'rel' | 'open' | 'op';

/**
 * The width of LaTeX maths in points, as pdflatex sets it in the document
 * (11 pt, display style unless `style` says otherwise), rounded up.
 *
 * @example
 * ```ts
 * latexWidth('x_{1} \\cdot x_{2}');                    // about 30 (TeX: 29.9)
 * latexWidth('\\frac{\\partial f}{\\partial x_{1}}'); // about 20
 * ```
 */
export function latexWidth(tex: string, style: Style = 'D'): number {
  return new Measure(tex).run(style);
}

class Measure {
  private position = 0;
  constructor(private readonly tex: string) {}

  run(style: Style): number {
    const width = this.sequence(style, null);
    return width;
  }

  private peek(): string {
    return this.tex[this.position] ?? '';
  }

  /** A `{...}` group or a single token's text, without measuring it. */
  private argument(): string {
    while (this.peek() === ' ') this.position++;
    if (this.peek() !== '{') {
      if (this.peek() === '\\') {
        const start = this.position;
        this.position++;
        if (/[A-Za-z]/.test(this.peek())) while (/[A-Za-z]/.test(this.peek())) this.position++;
        else this.position++;
        return this.tex.slice(start, this.position);
      }
      return this.tex[this.position++] ?? '';
    }
    let depth = 0;
    const start = this.position + 1;
    for (; this.position < this.tex.length; this.position++) {
      const ch = this.tex[this.position]!;
      if (ch === '\\') {
        this.position++;
        continue;
      }
      if (ch === '{') depth++;
      if (ch === '}' && --depth === 0) break;
    }
    this.position++;
    return this.tex.slice(start, this.position - 1);
  }

  private command(): string {
    this.position++; // the backslash
    const start = this.position;
    if (/[A-Za-z]/.test(this.peek())) while (/[A-Za-z]/.test(this.peek())) this.position++;
    else this.position++;
    return this.tex.slice(start, this.position);
  }

  /** Measures up to the end or to `\right` (when `closing` is set). */
  private sequence(style: Style, closing: '\\right' | null): number {
    const size = SIZE[style];
    const spaced = style === 'D' || style === 'T';
    let width = 0;
    let previous: Atom = 'none';
    const ord = (w: number): void => {
      width += w;
      previous = 'ord';
    };
    const binary = (glyph: number): void => {
      // A sign after nothing, an operator or an opening is unary: no spacing.
      if (previous === 'none' || previous === 'bin' || previous === 'rel' || previous === 'open') ord(glyph * size);
      else {
        width += glyph * size + (spaced ? 2 * MEDIUM : 0);
        previous = 'bin';
      }
    };
    const relation = (glyph: number): void => {
      width += glyph * size + (spaced ? 2 * THICK : 0);
      previous = 'rel';
    };
    const inner = (w: number): void => {
      // Fractions and \left...\right groups are Inner atoms: a thin space on either side.
      width += w + (spaced && previous !== 'none' ? THIN : 0) + (spaced ? THIN : 0);
      previous = 'ord';
    };
    while (this.position < this.tex.length) {
      const ch = this.peek();
      if (ch === '\\') {
        if (closing && this.tex.startsWith('\\right', this.position) && !/[A-Za-z]/.test(this.tex[this.position + 6] ?? '')) return width;
        const name = this.command();
        switch (name) {
          case 'frac':
          case 'dfrac':
          case 'tfrac': {
            const parts: Style = name === 'dfrac' ? 'T' : name === 'tfrac' ? smaller(style === 'D' ? 'T' : style) : fractionParts(style);
            const numerator = latexWidth(this.argument(), parts);
            const denominator = latexWidth(this.argument(), parts);
            inner(Math.max(numerator, denominator) + 2 * NULL_DELIMITER);
            break;
          }
          case 'sqrt':
            ord(9.13 * size + latexWidth(this.argument(), style));
            break;
          case 'operatorname':
          case 'mathrm':
          case 'text':
          case 'textrm':
          case 'mathit':
          case 'mathbf': {
            const text = this.argument();
            const table = name === 'mathit' ? ITALIC : UPRIGHT;
            // NOTE: in \text a space is an interword space (3.65 pt), unlike in maths.
            const glyph = (c: string): number => table[c] ?? (/\d/.test(c) ? DIGIT : c === ' ' ? 3.65 : c === '_' ? 3.8 : (OTHER[c] ?? 6));
            const letters = [...text.replace(/\\_/g, '_')].reduce((sum, c) => sum + glyph(c), 0);
            if (name === 'operatorname') {
              width += letters * size + (spaced && previous !== 'none' ? THIN : 0);
              previous = 'op';
            } else ord((letters + (name === 'mathbf' ? 0.06 * letters : 0)) * size);
            break;
          }
          case 'left': {
            const open = this.argument();
            const tall = /\\frac|\\dfrac|\\sqrt|\^/.test(this.tex.slice(this.position));
            const inside = this.sequence(style, '\\right');
            this.command(); // \right
            const close = this.argument();
            const delimiter = (d: string): number => (d === '.' ? NULL_DELIMITER : (tall ? 6.2 : 4.26) * size);
            inner(delimiter(open) + inside + delimiter(close));
            break;
          }
          case 'bigl':
          case 'Bigl':
          case 'biggl':
          case 'bigr':
          case 'Bigr':
          case 'biggr':
            ord(6.5 * size);
            this.argument();
            break;
          default:
            if (FUNCTION.has(name)) {
              width += [...name].reduce((sum, c) => sum + UPRIGHT[c]!, 0) * size + (spaced && previous !== 'none' ? THIN : 0) + (spaced ? THIN : 0);
              previous = 'op';
            } else if (BINARY_SYMBOL.has(name)) binary(SYMBOL[name]!);
            else if (RELATION_SYMBOL.has(name)) relation(SYMBOL[name]!);
            else ord((SYMBOL[name] ?? 9) * (name === 'quad' || name === 'qquad' || name === ',' ? 1 : size));
        }
        continue;
      }
      this.position++;
      if (ch === '{') {
        this.position--;
        ord(latexWidth(this.argument(), style));
      } else if (ch === '}') {
        continue;
      } else if (ch === '^' || ch === '_') {
        ord(latexWidth(this.argument(), smaller(style)) + 0.5);
      } else if (ch === '+' || ch === '-') {
        binary(BINARY_GLYPH);
      } else if (ch === '=' || ch === '<' || ch === '>') {
        relation(BINARY_GLYPH);
      } else if (ch === '(' || ch === '[') {
        ord(OTHER[ch]! * size);
        previous = 'open';
      } else if (/\d/.test(ch)) {
        ord(DIGIT * size);
      } else if (ITALIC[ch] !== undefined) {
        ord(ITALIC[ch]! * size);
      } else if (ch === '&') {
        continue;
      } else {
        ord((OTHER[ch] ?? 6) * size);
      }
    }
    return width;
  }
}

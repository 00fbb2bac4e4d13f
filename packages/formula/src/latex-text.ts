/**
 * Text for LaTeX's text mode, as pdflatex reads it with no extra package (OT1):
 * special characters escaped, the symbols gradlab writes (∂, √, ∇, ±, →...)
 * as commands, and any other non-ASCII character spelled `[U+XXXX]` instead
 * of stopping pdflatex with "Unicode character not set up".
 */

const SYMBOLS: Record<string, string> = {
  '√': '\\ensuremath{\\surd}',
  '∂': '\\ensuremath{\\partial}',
  '∇': '\\ensuremath{\\nabla}',
  '±': '\\ensuremath{\\pm}',
  '→': '\\ensuremath{\\to}',
  '×': '\\ensuremath{\\times}',
  '·': '\\ensuremath{\\cdot}',
  '−': '\\ensuremath{-}',
  '≤': '\\ensuremath{\\le}',
  '≥': '\\ensuremath{\\ge}',
  '≈': '\\ensuremath{\\approx}',
  '…': '\\dots{}',
  '‘': '`',
  '’': "'",
  '“': '``',
  '”': "''",
  '–': '--',
  '—': '---',
  'π': '\\ensuremath{\\pi}',
};

const ESCAPES: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '^': '\\^{}',
  '~': '\\~{}',
  // NOTE: the document uses TeX's default OT1 encoding, where < > | " are other glyphs in text.
  '<': '\\ensuremath{<}',
  '>': '\\ensuremath{>}',
  '|': '\\ensuremath{|}',
  '"': "''",
};

/**
 * Escapes text for LaTeX's text mode (ASCII output).
 *
 * @example
 * ```ts
 * latexText('∂f/∂x1 = 1/(x1 + x2) & 50%'); // '\\ensuremath{\\partial}f/\\ensuremath{\\partial}x1 = 1/(x1 + x2) \\& 50\\%'
 * ```
 */
export function latexText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ESCAPES[ch] !== undefined) out += ESCAPES[ch];
    else if (SYMBOLS[ch] !== undefined) out += SYMBOLS[ch];
    else if (ch.codePointAt(0)! > 0x7e || (ch.codePointAt(0)! < 0x20 && ch !== '\n')) {
      out += `[U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`;
    } else out += ch;
  }
  return out;
}

/**
 * The computational graph as TikZ (texlive-pictures), drawn from the
 * Graphviz layout: the same boxes, ellipses, arrows and texts at the same
 * places, scaled to fit the page with the text scaled alike.
 */
import { A4_GRAPH_AREA, graphLayout, printFit, type GraphLayout, type Point, type PrintArea } from './graph-layout';
import type { GraphOptions } from './graph';
import { latexText } from './latex-text';
import type { Solution } from './solve';
import { requireMade, requireOptions } from './guards';

/** Options of {@link tikzPicture}. */
export interface TikzOptions {
  /** The area the picture must fit (default {@link A4_GRAPH_AREA}); it is scaled down to fit, never up. */
  readonly area?: PrintArea;
}

const number = (value: number): string => String(Math.round(value * 100) / 100);

/** `#ff0000` -> an xcolor colour; null for a transparent one (`#fffffe00`). */
function color(hex: string): string | null {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})?$/i.exec(hex);
  if (!match) return 'black';
  if (match[4] === '00') return null;
  const [r, g, b] = [match[1]!, match[2]!, match[3]!].map((h) => parseInt(h, 16));
  if (r === 0 && g === 0 && b === 0) return 'black';
  return `{rgb,255:red,${r};green,${g};blue,${b}}`;
}

/**
 * A `tikzpicture` of a laid-out graph (coordinates in `bp`, as Graphviz's),
 * scaled by {@link printFit} to fit the area; needs `\usepackage{tikz}`.
 *
 * @example
 * ```ts
 * const layout = await graphLayout(solve('x1 * x2', [3, 4]), { layout: 'print' });
 * tikzPicture(layout).startsWith('\\begin{tikzpicture}'); // true
 * ```
 */
export function tikzPicture(layout: GraphLayout, options: TikzOptions = {}): string {
  requireMade('layout', layout, 'tikzPicture', 'layout');
  requireOptions(options, 'tikzPicture');
  const { scale } = printFit(layout, options.area ?? A4_GRAPH_AREA);
  const at = ([x, y]: Point): string => `(${number(x * scale)},${number(y * scale)})`;
  const lines = [
    `\\begin{tikzpicture}[x=1bp, y=1bp, line width=${number(Math.max(0.4, 0.8 * scale))}bp, line join=round, line cap=round]`,
    `\\path[use as bounding box] (0,0) rectangle ${at([layout.width, layout.height])};`,
  ];
  for (const shape of layout.shapes) {
    const c = color(shape.color);
    if (c === null) continue;
    switch (shape.kind) {
      case 'polygon':
        lines.push(`\\${shape.filled ? 'fill' : 'draw'}[color=${c}] ${shape.points.map(at).join(' -- ')} -- cycle;`);
        break;
      case 'polyline':
        lines.push(`\\draw[color=${c}] ${shape.points.map(at).join(' -- ')};`);
        break;
      case 'bezier': {
        const [first, ...rest] = shape.points;
        const parts = [at(first!)];
        for (let i = 0; i + 2 < rest.length; i += 3) parts.push(`.. controls ${at(rest[i]!)} and ${at(rest[i + 1]!)} .. ${at(rest[i + 2]!)}`);
        lines.push(`\\draw[color=${c}] ${parts.join(' ')};`);
        break;
      }
      case 'ellipse':
        lines.push(
          `\\${shape.filled ? 'fill' : 'draw'}[color=${c}] ${at(shape.center)} ellipse [x radius=${number(shape.rx * scale)}, y radius=${number(shape.ry * scale)}];`,
        );
        break;
    }
  }
  for (const text of layout.texts) {
    const c = color(text.color) ?? 'black';
    const anchor = text.align === 'l' ? 'base west' : text.align === 'r' ? 'base east' : 'base';
    const size = number(text.size * scale);
    lines.push(
      `\\node[anchor=${anchor}, inner sep=0pt, text=${c}, font=\\sffamily\\fontsize{${size}bp}{${number(text.size * scale * 1.2)}bp}\\selectfont] at ${at(text.at)} {${latexText(text.text)}};`,
    );
  }
  lines.push('\\end{tikzpicture}');
  return `${lines.join('\n')}\n`;
}

/**
 * The graph of a solution as a `tikzpicture` in the print layout, scaled to
 * fit A4 portrait. Async because Graphviz (WebAssembly) lays it out; with a
 * layout at hand, {@link tikzPicture} is the same, synchronously.
 *
 * @example
 * ```ts
 * const tikz = await toTikz(solve('x1 * x2', [3, 4]));
 * ```
 */
export async function toTikz(solution: Solution, options: GraphOptions & TikzOptions = {}): Promise<string> {
  requireMade('solution', solution, 'toTikz', 'solution');
  requireOptions(options, 'toTikz');
  return tikzPicture(await graphLayout(solution, { ...options, layout: options.layout ?? 'print' }), options);
}

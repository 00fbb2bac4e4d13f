/**
 * The computational graph laid out by Graphviz (WebAssembly, `@viz-js/viz`):
 * every line, box, ellipse, arrowhead and text of the drawing with its
 * position in points, ready to draw in another language (TikZ), and the
 * scale at which it fits a page.
 */
import { FormulaError } from './errors';
import { graphviz, toDot, type GraphOptions } from './graph';
import type { Solution } from './solve';
import { mark, requireMade, requireOptions, requireRecord, requireString } from './guards';

/** A point in Graphviz's coordinates: PostScript points (1/72 in, TeX's `bp`), y upwards. */
export type Point = readonly [number, number];

/** One drawing primitive of the layout. */
export type GraphShape =
  | { readonly kind: 'polygon'; readonly points: readonly Point[]; readonly filled: boolean; readonly color: string }
  | { readonly kind: 'polyline'; readonly points: readonly Point[]; readonly color: string }
  /** Cubic Bézier pieces: p0, c1, c2, p1, c1, c2, p2, ... */
  | { readonly kind: 'bezier'; readonly points: readonly Point[]; readonly color: string }
  | { readonly kind: 'ellipse'; readonly center: Point; readonly rx: number; readonly ry: number; readonly filled: boolean; readonly color: string };

/** One text of the layout, at its baseline. */
export interface GraphText {
  readonly at: Point;
  /** `'l'`, `'c'` or `'r'`: which point of the baseline `at` is. */
  readonly align: 'l' | 'c' | 'r';
  readonly text: string;
  /** The font size Graphviz laid it out with, in points. */
  readonly size: number;
  /** Its width as Graphviz estimated it, in points. */
  readonly width: number;
  readonly color: string;
}

/** A laid-out graph. */
export interface GraphLayout {
  /** Width of the drawing in points. */
  readonly width: number;
  /** Height of the drawing in points. */
  readonly height: number;
  /** The largest font size of its texts, in points. */
  readonly fontSize: number;
  /** The smallest font size of its texts, in points. */
  readonly minFontSize: number;
  readonly shapes: readonly GraphShape[];
  readonly texts: readonly GraphText[];
}

/** A page's text area in PostScript points (1/72 in, TeX's `bp`). */
export interface PrintArea {
  readonly width: number;
  readonly height: number;
}

/**
 * Where the printed graph must fit: the text area of an A4 portrait page with
 * 2 cm margins, as the LaTeX document sets it (`\usepackage[a4paper,margin=2cm]{geometry}`:
 * 483.7 pt x 731.2 pt, that is 481.9 bp x 728.6 bp), less 48 bp for the
 * figure's caption.
 */
export const A4_GRAPH_AREA: PrintArea = { width: 481.9, height: 728.6 - 48 };

/** Graphviz's xdot drawing operations, as `format: 'json'` writes them. */
interface XdotOp {
  readonly op: string;
  readonly points?: readonly Point[];
  readonly rect?: readonly [number, number, number, number];
  readonly color?: string;
  readonly pt?: Point;
  readonly align?: 'l' | 'c' | 'r';
  readonly width?: number;
  readonly text?: string;
  readonly size?: number;
}
interface XdotObject {
  readonly _draw_?: readonly XdotOp[];
  readonly _ldraw_?: readonly XdotOp[];
  readonly _hdraw_?: readonly XdotOp[];
  readonly _tdraw_?: readonly XdotOp[];
  readonly _hldraw_?: readonly XdotOp[];
  readonly _tldraw_?: readonly XdotOp[];
}
interface XdotGraph extends XdotObject {
  readonly bb: string;
  readonly objects?: readonly XdotObject[];
  readonly edges?: readonly XdotObject[];
}

/** Reads Graphviz's JSON output (xdot operations) into shapes and texts. */
export function readLayout(json: string): GraphLayout {
  requireString(json, 'readLayout', 'json');
  let graph: XdotGraph;
  try {
    graph = JSON.parse(json) as XdotGraph;
  } catch (error) {
    throw new FormulaError('INVALID_ARGUMENT', `readLayout: 'json' must be Graphviz's JSON output, got text that is not JSON (${(error as Error).message})`);
  }
  if (typeof graph !== 'object' || graph === null || typeof graph.bb !== 'string') {
    throw new FormulaError('INVALID_ARGUMENT', "readLayout: 'json' must be Graphviz's JSON output (format 'json'), got JSON without a bounding box 'bb'");
  }
  const [x0, y0, x1, y1] = graph.bb.split(',').map(Number) as [number, number, number, number];
  const shapes: GraphShape[] = [];
  const texts: GraphText[] = [];
  const run = (ops: readonly XdotOp[] | undefined): void => {
    let pen = '#000000';
    let fill = '#000000';
    let size = 14;
    for (const op of ops ?? []) {
      const points = (op.points ?? []).map(([x, y]): Point => [x - x0, y - y0]);
      switch (op.op) {
        case 'c':
          pen = op.color!;
          break;
        case 'C':
          fill = op.color!;
          break;
        case 'F':
          size = op.size!;
          break;
        case 'p':
        case 'P':
          shapes.push({ kind: 'polygon', points, filled: op.op === 'P', color: op.op === 'P' ? fill : pen });
          break;
        case 'L':
          shapes.push({ kind: 'polyline', points, color: pen });
          break;
        case 'b':
        case 'B':
          shapes.push({ kind: 'bezier', points, color: pen });
          break;
        case 'e':
        case 'E': {
          const [cx, cy, rx, ry] = op.rect!;
          shapes.push({ kind: 'ellipse', center: [cx - x0, cy - y0], rx, ry, filled: op.op === 'E', color: op.op === 'E' ? fill : pen });
          break;
        }
        case 'T':
          texts.push({ at: [op.pt![0] - x0, op.pt![1] - y0], align: op.align ?? 'c', text: op.text ?? '', size, width: op.width ?? 0, color: pen });
          break;
        default:
          // Styles ('S'), font characteristics ('t') and images do not occur in gradlab's graphs.
          break;
      }
    }
  };
  // The graph's own _draw_ is its white background: skipped.
  run(graph._ldraw_);
  for (const object of [...(graph.objects ?? []), ...(graph.edges ?? [])]) {
    run(object._draw_);
    run(object._hdraw_);
    run(object._tdraw_);
    run(object._ldraw_);
    run(object._hldraw_);
    run(object._tldraw_);
  }
  const sizes = texts.map((t) => t.size);
  return mark('layout', {
    width: x1 - x0,
    height: y1 - y0,
    fontSize: Math.max(0, ...sizes),
    minFontSize: sizes.length > 0 ? Math.min(...sizes) : 0,
    shapes,
    texts,
  });
}

/**
 * The graph of a solution laid out by Graphviz (`{ layout: 'print' }` for a
 * page: top to bottom, 10 pt). Async: Graphviz's WebAssembly loads on first use.
 *
 * @example
 * ```ts
 * const layout = await graphLayout(solve('x1 * x2', [3, 4]), { layout: 'print' });
 * layout.width; // about 90 (points)
 * ```
 */
export async function graphLayout(solution: Solution, options?: GraphOptions): Promise<GraphLayout> {
  requireMade('solution', solution, 'graphLayout', 'solution');
  requireOptions(options, 'graphLayout');
  const dot = toDot(solution, options);
  const viz = await graphviz();
  return readLayout(viz.renderString(dot, { format: 'json' }));
}

/** How a layout is printed: the scale that fits it into an area, and the text size that gives. */
export interface PrintFit {
  /** At most 1: a layout that fits is printed at its own size. */
  readonly scale: number;
  /** The smallest text size on the page, in points. */
  readonly fontSize: number;
  /** The printed width and height, in points. */
  readonly width: number;
  readonly height: number;
}

/**
 * The scale at which a layout fits a page's text area (never enlarged) and
 * the smallest text size it then prints with.
 *
 * @example
 * ```ts
 * const fit = printFit(await graphLayout(solution, { layout: 'print' }));
 * fit.fontSize >= 9; // true for every course formula
 * ```
 */
export function printFit(layout: GraphLayout, area: PrintArea = A4_GRAPH_AREA): PrintFit {
  requireMade('layout', layout, 'printFit', 'layout');
  requireRecord(area, 'printFit', 'area', 'a { width, height } in points');
  if (!(area.width > 0 && area.height > 0)) {
    throw new FormulaError('INVALID_ARGUMENT', `printFit: 'area' must have a positive width and height, got ${area.width} x ${area.height}`);
  }
  const scale = Math.min(1, area.width / Math.max(layout.width, 1e-9), area.height / Math.max(layout.height, 1e-9));
  return { scale, fontSize: layout.minFontSize * scale, width: layout.width * scale, height: layout.height * scale };
}

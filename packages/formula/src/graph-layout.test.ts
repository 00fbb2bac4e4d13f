import { describe, expect, it } from 'vitest';
import names from '../test/fixtures/names.json';
import reference from '../test/fixtures/randomizer.json';
import { FormulaError } from './errors';
import { toDot } from './graph';
import { A4_GRAPH_AREA, graphLayout, printFit, readLayout } from './graph-layout';
import { randomFormula } from './randomizer';
import { solve, workedSolution } from './solve';
import { tikzPicture, toTikz } from './tikz';

const homework = solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]);

describe('the print layout', () => {
  it('runs top to bottom at 10 pt; the screen layout stays left to right', () => {
    const print = toDot(homework, { layout: 'print' });
    expect(print).toContain('  rankdir=TB;');
    expect(print).toContain('fontsize=10');
    expect(toDot(homework)).toBe(toDot(homework, { layout: 'screen' }));
    expect(toDot(homework)).toContain('  rankdir=LR;');
    expect(() => toDot(homework, { layout: 'a4' as never })).toThrow(new FormulaError('INVALID_ARGUMENT', `toDot: 'layout' must be 'screen' or 'print', got "a4"`));
  });

  it('reads every box, record line, ellipse, arrow and text from Graphviz', async () => {
    const layout = await graphLayout(homework, { layout: 'print' });
    // 12 records (5 inputs, 7 operations), 7 operation ellipses, 7 + 11 edges with arrowheads.
    expect(layout.shapes.filter((s) => s.kind === 'ellipse')).toHaveLength(7);
    expect(layout.shapes.filter((s) => s.kind === 'bezier')).toHaveLength(7 + 11);
    expect(layout.shapes.filter((s) => s.kind === 'polygon' && s.filled)).toHaveLength(18);
    expect(layout.shapes.filter((s) => s.kind === 'polygon' && !s.filled)).toHaveLength(12);
    expect(layout.texts.map((t) => t.text)).toContain('v2 = ReLU(v1)');
    expect(layout.texts.map((t) => t.text)).toContain('grad 35.7084');
    expect(layout.texts.every((t) => t.size === 10 && t.at[0] >= 0 && t.at[0] <= layout.width && t.at[1] >= 0 && t.at[1] <= layout.height)).toBe(true);
    // Taller than wide, unlike the 9:1 strip of the screen layout.
    expect(layout.height).toBeGreaterThan(layout.width);
    const screen = await graphLayout(homework);
    expect(screen.width / screen.height).toBeGreaterThan(8);
  });

  it("fits A4 portrait's text area with text of at least 9 pt for every course formula, given and worked", async () => {
    const all = [...reference.map((v) => v.name), ...names.slice(0, 300).map((v) => v.name)];
    let smallest = Infinity;
    for (const name of all) {
      const r = randomFormula(name);
      const given = solve(r.expr, r.values);
      for (const solution of new Set([given, workedSolution(given)])) {
        const layout = await graphLayout(solution, { layout: 'print' });
        const fit = printFit(layout);
        expect(fit.width).toBeLessThanOrEqual(A4_GRAPH_AREA.width + 1e-9);
        expect(fit.height).toBeLessThanOrEqual(A4_GRAPH_AREA.height + 1e-9);
        smallest = Math.min(smallest, fit.fontSize);
      }
    }
    // Measured: every graph fits at its own 10 pt (the largest is 463 x 627 bp of 482 x 681).
    expect(smallest).toBeGreaterThanOrEqual(9);
  }, 60_000);

  it('scales a layout down to fit, never up, and its text with it', () => {
    const layout = readLayout(JSON.stringify({ bb: '0,0,1000,100', objects: [{ _ldraw_: [{ op: 'F', size: 10, face: 'Helvetica' }, { op: 'T', pt: [500, 50], align: 'c', width: 30, text: 'v1' }] }] }));
    expect(printFit(layout)).toEqual({ scale: 0.4819, fontSize: 4.819, width: 481.9, height: 48.19 });
    expect(printFit(layout, { width: 2000, height: 2000 }).scale).toBe(1);
    expect(() => printFit(layout, { width: 0, height: 10 })).toThrow(FormulaError);
  });
});

describe('TikZ', () => {
  it('draws the layout with the text at the printed size', async () => {
    const tikz = await toTikz(homework);
    expect(tikz.startsWith('\\begin{tikzpicture}[x=1bp, y=1bp')).toBe(true);
    expect(tikz.trimEnd().endsWith('\\end{tikzpicture}')).toBe(true);
    expect(tikz).toContain('{v2 = ReLU(v1)}');
    expect(tikz).toContain('{v4 = arctan(v3)}');
    expect(tikz).toContain(' ellipse [x radius=');
    expect(tikz).toContain(' .. controls ');
    const sizes = [...tikz.matchAll(/\\fontsize\{([\d.]+)bp\}/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBe(12 * 3 + 7);
    expect(Math.min(...sizes)).toBe(10);
    expect(/[^\x20-\x7e\n]/.test(tikz)).toBe(false);
  });

  it('marks failing nodes in red and escapes the domain note for LaTeX', async () => {
    const tikz = tikzPicture(await graphLayout(solve('sqrt(x1) + x2', [-1, 2]), { layout: 'print' }));
    expect(tikz).toContain('text={rgb,255:red,255;green,0;blue,0}');
    expect(tikz).toContain('\\ensuremath{\\surd}');
  });
});

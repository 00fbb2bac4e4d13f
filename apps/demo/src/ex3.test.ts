/**
 * Ex 3 in-process over the course's test names (including the ones whose
 * values break the formula, tiny and huge values, the empty name): every
 * report renders without undefined, NaN or [object Object], and every check
 * passes.
 */
import { describe, expect, it } from 'vitest';
import { run } from './ex3';
import { renderMarkdown } from './markdown';
import { createStyle } from './style';
import { renderTerminal } from './terminal';

// The names of the course's randomizer vectors, and the empty name.
const NAMES = [
  'Francesco Tomba',
  'Ada Lovelace',
  'Alan Turing',
  'Grace Hopper',
  'Emmy Noether',
  'Leonhard Euler',
  'Maria Gaetana Agnesi',
  'Ennio De Giorgi',
  'Sofia Kovalevskaya',
  'Rosalind Franklin',
  'Tullio Levi-Civita',
  'Vito Volterra',
  'Renée Descartes',
  'Hypatia',
  'Guido Castelnuovo',
  'Élie Cartan',
  'Bartolomeo',
  'Q',
  'Camille Jordan',
  'Niels Henrik Abel',
  '',
];

describe('ex3.run', () => {
  it.each(NAMES)('renders a clean, fully checked report for %j', async (name) => {
    const result = await run({ name, outDir: null });
    const terminal = renderTerminal(result, createStyle(false));
    const markdown = renderMarkdown(result, 'pnpm demo ex3');
    for (const text of [terminal, markdown]) {
      expect(text).not.toMatch(/undefined|NaN|\[object Object\]/);
    }
    expect(result.ok).toBe(true);
    expect(terminal).not.toContain('✗');
    expect(result.attachments).toEqual([]);
  });

  it('reports the domain problem and works the solution at the proposed values', async () => {
    const result = await run({ name: 'Maria Gaetana Agnesi', outDir: null });
    const terminal = renderTerminal(result, createStyle(false)).replace(/\s+/g, ' ');
    expect(terminal).toContain('division by zero');
    expect(terminal).toContain('x3 from 3 to 5, giving x = [4, -2, 5, 4, 3]');
    expect(terminal).toContain('At x = [4, -2, 5, 4, 3].');
    const json = result.json as { f: unknown; grad: unknown[]; domainError: { proposal: { values: number[] } } };
    expect(json.f).toBe(-1.5707963267948966);
    expect(json.grad).toEqual(['nan', 'nan', 0, 0, 'nan']);
    expect(json.domainError.proposal.values).toEqual([4, -2, 5, 4, 3]);
  });

  it('proposes two changes with a gradient for "Grace Hopper" (x3 alone would leave a dead ReLU), three for "Ada Li"', async () => {
    const grace = renderTerminal(await run({ name: 'Grace Hopper', outDir: null }), createStyle(false)).replace(/\s+/g, ' ');
    expect(grace).toContain('Proposed change (the course asks to change such values): x1 from 2 to -1 and x3 from -4 to 1, giving x = [-1, -5, 1, 4, 3].');
    expect(grace).not.toContain('∇f = [0.0000, 0.0000, 0.0000, 0.0000, 0.0000]');
    const ada = renderTerminal(await run({ name: 'Ada Li', outDir: null }), createStyle(false)).replace(/\s+/g, ' ');
    expect(ada).toContain('x2 from -5 to -2, x3 from 1 to 4 and x5 from -2 to 2, giving x = [3, -2, 4, 3, 2]');
    expect(ada).toContain('At x = [3, -2, 4, 3, 2].');
  });

  it('explains an all-zero gradient (the empty name: the outer ReLU is dead)', async () => {
    const terminal = renderTerminal(await run({ name: '', outDir: null }), createStyle(false)).replace(/\s+/g, ' ');
    expect(terminal).toContain('∇f = [0.0000, 0.0000, 0.0000, 0.0000, 0.0000]');
    expect(terminal).toContain("∇f is all zero. v7 = ReLU(v6) is dead: its input v6 = (tan(x1 * x2) - sin(x3 + x4)) / x5 = -0.504327 is negative");
  });

  it('draws the SVG at the values the tables use (the proposed ones where the given ones fail)', async () => {
    const result = await run({ name: 'Grace Hopper', outDir: 'reports' });
    const svg = result.attachments[0]!;
    expect(svg.description).toBe('Computational graph (SVG) at x = (-1, -5, 1, 4, 3)');
    // v7 = atan(7.5) = 1.43824 at the proposed values; the given ones give nan.
    expect(svg.content).toContain('1.43824');
    expect(svg.content).not.toContain('nan');
  });

  it('prints tiny values in scientific notation rather than as zeros', async () => {
    const terminal = renderTerminal(await run({ name: 'Élie Cartan', outDir: null }), createStyle(false));
    expect(terminal).toContain('f = 1.3256e-270');
    expect(terminal).toContain('∇f = [2.4106e-270, 1.2053e-270, -3.3139e-268, 3.3139e-268, -1.3256e-270]');
  });

  it('renders the SVG graph only when --out asks for it', async () => {
    const result = await run({ name: 'Francesco Tomba', outDir: 'reports' });
    expect(result.attachments.map((file) => file.fileName)).toEqual(['ex3-graph.svg']);
    expect(result.attachments[0]!.content).toMatch(/^(<\?xml[^>]*>\s*)?(<!DOCTYPE[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg/);
  });
});

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

import { describe, expect, it } from 'vitest';
import { graph, toMermaid } from './graph';
import { renderSolution } from './report';
import { isResidue, residueNote, roundingResidues } from './residue';
import { solve } from './solve';

describe('rounding residues', () => {
  it('are values far below the rounding error of the terms they come from', () => {
    expect(isResidue(Math.cos(-Math.PI / 2), Math.PI / 2)).toBe(true);
    expect(isResidue(Math.sin(Math.PI), Math.PI)).toBe(true); // 1.22465e-16
    expect(isResidue(0, 1)).toBe(false);
    expect(isResidue(1e-14, 1)).toBe(true); // 64 roundings of 1 is 1.4e-14
    expect(isResidue(1e-13, 1)).toBe(false);
    expect(isResidue(Math.exp(-40), 40 * Math.exp(-40))).toBe(false);
    expect(isResidue(NaN, 1)).toBe(false);
  });

  it('finds cos(π/2) in the forward pass, judged by the size of its operands', () => {
    // x1 * atan(x2) at [2, 1] is π/2 in exact arithmetic, 1.5707963267948966 in float64.
    const r = roundingResidues(solve('cos(x1 * atan(x2))', [2, 1]));
    expect(r.list).toEqual([{ entry: 'v3', value: 6.123233995736766e-17, scale: Math.PI }]);
    expect(r.values).toEqual([false, false, false, false, true]);
  });

  it('follows a residue local derivative into every gradient it feeds', () => {
    const s = solve('sin(x1 * atan(x2))', [2, 1]);
    const r = roundingResidues(s);
    expect(s.gradient).toEqual([4.8091767343044744e-17, 6.123233995736766e-17]);
    expect(r.grads).toEqual([true, true, true, true, false]);
    expect(r.locals[0]).toBe(true);
  });

  it('leaves tiny exact values and ill-conditioned ones alone', () => {
    expect(roundingResidues(solve('exp(x1 * x2)', [-5, 5])).list).toEqual([]); // 1.4e-11, exact to 16 digits
    // tan of 5.4e14 is noise in float64 (-0.0668...), but not 0 in exact arithmetic.
    expect(roundingResidues(solve('tan((exp(x1 - x2) * exp(x3 * x4)) + x5)', [5, -5, 5, 4, 3])).list).toEqual([]);
    expect(roundingResidues(solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1])).list).toEqual([]);
  });

  it('print as 0 in every table and in the graph, with one note under each table', () => {
    const s = solve('cos((ReLU(x1 - x2) * arctan(x3 / x4)) / x5)', [4, -2, -5, 5, 3]);
    expect(s.value).toBe(6.123233995736766e-17);
    const text = renderSolution(s, 'text');
    expect(text).not.toContain('6.12323e-17  ');
    expect(text).toMatch(/^v7 {4}cos\(v6\) {4}.* 0$/m);
    expect(text).toContain('f = 0\n');
    const note = 'Shown as 0: v7 = 6.12323e-17 in float64, a rounding residue of terms of size 5.14159 (0 in exact arithmetic).';
    expect(text.split(note)).toHaveLength(2);
    expect(text).toContain('Shown as 0: f = 6.12323e-17 in float64');
    expect(renderSolution(s, 'md')).toContain(note);
    expect(renderSolution(s, 'latex')).toContain(note);
    expect(graph(s).nodes.at(-1)!.valueText).toBe('0');
    expect(toMermaid(s)).toContain('data 0<br/>');
    // JSON keeps the float64 value and lists the residue.
    const json = JSON.parse(renderSolution(s, 'json'));
    expect(json.f).toBe(6.123233995736766e-17);
    expect(json.roundingResidues).toEqual([{ entry: 'v7', value: 6.123233995736766e-17, scale: 5.141592653589793 }]);
  });

  it('the note says it once for several entries', () => {
    expect(residueNote([])).toBeNull();
    expect(
      residueNote([
        { entry: '∂f/∂x1', value: 4.8091767343044744e-17, scale: 2.4674011002723395 },
        { entry: '∂f/∂x2', value: 6.123233995736766e-17, scale: Math.PI },
      ]),
    ).toBe('Shown as 0: ∂f/∂x1 = 4.80918e-17, ∂f/∂x2 = 6.12323e-17 in float64, rounding residues of terms of size up to 3.14159 (0 in exact arithmetic).');
  });
});

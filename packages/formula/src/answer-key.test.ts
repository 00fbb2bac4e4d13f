import { describe, expect, it } from 'vitest';
import { answerKey, answerKeyCellsCsv, answerKeyCsv, answerKeyJson, gradingTolerance, roundTo } from './answer-key';
import { handClose } from './check';
import { answerKeyHtml, handoutHtml, handoutLatex } from './handout';

describe('the answer key', () => {
  const key = answerKey(['Francesco Tomba', 'Grace Hopper', '=1+2']);

  it('grades with the checker’s tolerance: one unit of the 3rd significant digit', () => {
    expect(gradingTolerance(1.3734)).toBe(0.01);
    expect(gradingTolerance(137.4)).toBe(1);
    expect(gradingTolerance(-0.0384615)).toBe(0.0001);
    expect(gradingTolerance(1.3734, 4)).toBe(0.001);
    for (const v of [1.3734, 137.4, -0.0384615, 35.70841994057043, 5.74e5]) {
      expect(handClose(v + 0.99 * gradingTolerance(v), v)).toBe(true);
      expect(handClose(v + 1.5 * gradingTolerance(v), v)).toBe(false);
    }
    expect(roundTo(35.70841994057043, 4)).toBe(35.71);
  });

  it('gives f and ∇f at the given values and, where those are undefined, at the proposed ones', () => {
    const csv = answerKeyCsv(key).split('\n');
    expect(csv[0]!.split(',').slice(0, 5)).toEqual(['name', 'formula', 'values', 'f', 'f (4 s.f.)']);
    expect(csv[1]!.startsWith('Francesco Tomba,tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5),"[-2, 2, 3, -2, 1]",-5.000000000000001,-5,0,0,0,0,-1.0000000000000004,-1,1.0000000000000004,1,35.70841994057043,35.71,,')).toBe(true);
    expect(csv[2]).toContain('square root of a negative number');
    // A name that a spreadsheet would run as a formula is written as text.
    expect(csv[3]!.startsWith("'=1+2,")).toBe(true);
  });

  it('lists every cell a student fills in, with the value rounded and its tolerance', () => {
    const cells = answerKeyCellsCsv(key).split('\n');
    expect(cells[0]).toBe('name,values,table,node,definition,value,value (4 s.f.),tolerance (3 s.f.)');
    expect(cells).toContain('Francesco Tomba,"[-2, 2, 3, -2, 1]",forward,v4,arctan(v3),1.373400766945016,1.373,0.01');
    expect(cells).toContain('Francesco Tomba,"[-2, 2, 3, -2, 1]",backward,x5,df/dx5,35.70841994057043,35.71,0.1');
    expect(cells.filter((c) => c.startsWith('Francesco Tomba,'))).toHaveLength(7 + 11);
  });

  it('as JSON and HTML', () => {
    const json = answerKeyJson(key) as { entries: { name: string; proposed: unknown; given: { f: unknown } }[]; tolerance: string };
    expect(json.entries[1]!.given.f).toBe('nan');
    expect(json.entries[1]!.proposed).not.toBeNull();
    expect(json.tolerance).toContain('3rd significant digit');
    const html = answerKeyHtml(key);
    expect(html).toContain('<h2>Francesco Tomba</h2>');
    expect(html).toContain('<h2>=1+2</h2>');
    expect(html).not.toMatch(/undefined|NaN|\[object/);
  });

  it("hands out the course output, blank tables, and nothing of the solution", () => {
    const html = handoutHtml(key.entries[0]!);
    expect(html).toContain("f(X) =  tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)\n\nYour values\n{'x1': -2, 'x2': 2, 'x3': 3, 'x4': -2, 'x5': 1}");
    expect(html).not.toMatch(/1\.37|35\.7|atan\(v3\)/);
    const hopper = handoutHtml(key.entries[1]!);
    expect(hopper).toContain('These values make the formula undefined');
    const latex = handoutLatex(key.entries);
    expect(latex.match(/\\section\*/g)).toHaveLength(3);
    expect(latex).toContain('\\begin{document}');
    expect(latex).not.toMatch(/1\.37|35\.7/);
  });
});

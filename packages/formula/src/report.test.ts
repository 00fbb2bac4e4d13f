import { describe, expect, it } from 'vitest';
import { toMermaid } from './graph';
import { graphLayout } from './graph-layout';
import { backwardRows, forwardRows, renderDocument, renderSolution, solutionJson } from './report';
import { solve } from './solve';

const ex1 = solve('log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)', [1, 2, -1, 3, 5]);
const homework = solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]);

describe('forwardRows / backwardRows', () => {
  it('lists nodes with their definitions and values', () => {
    expect(forwardRows(homework).slice(5).map((r) => `${r.node} = ${r.definition} = ${r.value.toFixed(4)}`)).toEqual([
      'v1 = x1 * x2 = -4.0000',
      'v2 = ReLU(v1) = 0.0000',
      'v3 = x3 - x4 = 5.0000',
      'v4 = arctan(v3) = 1.3734',
      'v5 = v2 - v4 = -1.3734',
      'v6 = v5 / x5 = -1.3734',
      'v7 = tan(v6) = -5.0000',
    ]);
  });

  it('writes each local derivative symbolically with its value, upstream and contribution', () => {
    const first = backwardRows(homework)[0]!;
    expect(first).toMatchObject({ node: 'v6', consumer: 'v7', local: '1 + tan(v6)^2', upstream: 1 });
    expect(first.localValue).toBeCloseTo(26, 12);
    const x5 = backwardRows(homework).find((r) => r.node === 'x5')!;
    expect(x5.local).toBe('-v5 / x5^2');
    expect(x5.accumulated).toBeCloseTo(35.70841994057043, 12);
  });

  it('shows the sum where a node feeds several others', () => {
    const rows = backwardRows(ex1).filter((r) => r.node === 'x5');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.terms).toHaveLength(1);
    expect(rows[1]!.terms).toHaveLength(2);
    expect(rows[1]!.accumulated).toBe(ex1.gradient[4]);
    expect(rows[1]!.terms[0]! + rows[1]!.terms[1]!).toBeCloseTo(0.0764730839991809, 15);
  });
});

describe('renderSolution', () => {
  it('text: forward table, backward table, gradient, check, symbolic gradient', () => {
    const text = renderSolution(homework, 'text');
    expect(text).toContain('f(X) = tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)');
    expect(text).toContain('v7    tan(v6)     tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)  -5');
    expect(text).toContain('v6 -> x5  ∂v6/∂x5 = -v5 / x5^2     1.3734     ∂f/∂v6 = 26   35.7084       ∂f/∂x5 = 35.7084');
    expect(text).toContain('∇f = [0, 0, -1, 1, 35.7084]');
    expect(text).toContain(
      [
        'Autograd and the hand rules agree at all 12 nodes.',
        'The symbolic gradient agrees with autograd on all 5 partial derivatives.',
        'Finite differences agree with autograd on all 5 partial derivatives.',
      ].join('\n'),
    );
    expect(text).toContain('∂f/∂x3 = -((1 + tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)^2) / (x5 * (1 + (x3 - x4)^2)))');
    expect(text).toContain('PyTorch (float64): y = torch.tan(');
    expect(text).toContain('  with x = torch.tensor([-2., 2., 3., -2., 1.], dtype=torch.float64, requires_grad=True). Without dtype, as the homework writes it');
    expect(text).toContain("float32 (the homework's default dtype) prints f and ∇f the same at 6 significant digits.");
  });

  it('text: does not claim the symbolic gradient agrees where it is finite and autograd is not', () => {
    // d/dx1 log(x1 - x1) simplifies to 0, while autograd gives nan (PyTorch too).
    const text = renderSolution(solve('log(x1 - x1)', [1]), 'text');
    expect(text).not.toMatch(/symbolic gradient agrees/);
    expect(text).toContain('The symbolic gradient could not be compared with autograd on any partial derivative: ∂f/∂x1 (autograd nan, symbolic 0).');
  });

  it('md: tables and the PyTorch line', () => {
    const md = renderSolution(ex1, 'md');
    expect(md).toContain('| node | definition | expression | value |');
    expect(md).toContain('y = torch.log(torch.exp(x[0] * x[1]) ** 2 + torch.sin(x[2] + x[3] + x[4]) * x[4])');
    expect(md).toContain('∂f/∂x5 = 0.0113502 + 0.0651228 = 0.0764731');
  });

  it('md: the graph as a Mermaid block (GitHub draws it), of the solution shown', () => {
    const md = renderSolution(ex1, 'md');
    expect(md).toContain(`### Computational graph\n\n\`\`\`mermaid\n${toMermaid(ex1)}\`\`\`\n`);
    const broken = solve('log(x1 - x2) * x3', [1, 3, 2]);
    const proposed = solve('log(x1 - x2) * x3', [4, 3, 2]);
    expect(renderSolution(broken, 'md')).toContain(toMermaid(proposed));
    expect(renderSolution(broken, 'md')).not.toContain('data nan');
  });

  it('renderDocument: the LaTeX document with its graph as TikZ; the other formats as renderSolution', async () => {
    const latex = await renderDocument(homework, 'latex');
    expect(latex).toContain('\\begin{figure}[!htbp]\n\\centering\n\\begin{tikzpicture}');
    expect(latex).toContain('{v2 = ReLU(v1)}');
    expect(latex).toBe(renderSolution(homework, 'latex', { graph: await graphLayout(homework, { layout: 'print' }) }));
    expect(renderSolution(homework, 'latex')).not.toContain('tikzpicture');
    expect(renderSolution(homework, 'latex')).toContain("needs its Graphviz layout: renderDocument(solution, 'latex') includes it.");
    for (const format of ['text', 'md', 'json'] as const) expect(await renderDocument(homework, format)).toBe(renderSolution(homework, format));
    await expect(renderDocument(homework, 'pdf' as never)).rejects.toThrow(`renderDocument: 'format' must be 'text', 'md', 'latex' or 'json', got "pdf"`);
  });

  it('latex: a complete document with tables and the symbolic gradient in align*', () => {
    const latex = renderSolution(homework, 'latex');
    expect(latex).toMatch(/^% gradlab worked solution[^\n]*\n\\documentclass\[11pt,a4paper\]\{article\}\n/);
    expect(latex.trimEnd().endsWith('\\end{document}')).toBe(true);
    expect(latex).toContain('\\begin{longtable}{lll}');
    expect(latex).toContain('$v_{6}$ & $\\displaystyle \\frac{v_{5}}{x_{5}}$ & $-1.3734$ \\\\');
    expect(latex).toContain('\\displaystyle \\dfrac{\\partial v_{7}}{\\partial v_{6}} = 1 + \\left(\\tan\\left(v_{6}\\right)\\right)^{2}');
    expect(latex).toContain('\\nabla f(\\mathbf{x}) &= (0, 0, -1, 1, 35.7084), \\\\\nf(\\mathbf{x}) &= -5');
    expect(latex).toContain('\\begin{align*}');
  });

  it('json: numbers exact, non-finite as strings, the proposed solution included', () => {
    const broken = solve('log(x1 - x2) * x3', [1, 3, 2]);
    const json = JSON.parse(renderSolution(broken, 'json'));
    expect(json.f).toBe('nan');
    expect(json.domainError.proposal).toEqual({ changes: [{ variable: 'x1', from: 1, to: 4 }], values: [4, 3, 2] });
    expect(json.proposedSolution.f).toBe(0);
    expect(json.proposedSolution.domainError).toBeNull();
    expect(JSON.stringify(solutionJson(homework).grad)).toBe('[0,0,-1.0000000000000004,1.0000000000000004,35.70841994057043]');
  });

  it('never shows a NaN gradient without the domain problem next to it', () => {
    const text = renderSolution(solve('sqrt(x1) + x2', [-1, 2]), 'text');
    expect(text.indexOf('square root of a negative number (-1)')).toBeGreaterThan(-1);
    expect(text).toContain('Proposed change: x1 from -1 to 1, giving x = [1, 2].');
    expect(text).not.toMatch(/∇f = \[[^\]]*nan/);
  });

  it('explains an all-zero gradient under it, in every format', () => {
    const dead = solve('relu(x1 - x2) * x3', [1, 2, 3]);
    const text = renderSolution(dead, 'text');
    const line = text.split('\n').find((l) => l.startsWith('∇f is all zero.'))!;
    expect(line).toBeDefined();
    expect(text.indexOf(line)).toBeGreaterThan(text.indexOf('∇f = [0, 0, 0]'));
    expect(renderSolution(dead, 'md')).toContain(line.replace(/_/g, '\\_').replace(/\*/g, '\\*'));
    expect(JSON.parse(renderSolution(dead, 'json')).zeroGradient).toBe(line);
    expect(renderSolution(solve('x1 * x2', [3, 4]), 'text')).not.toContain('∇f is all zero');
  });

  it('reports a ReLU evaluated at its kink', () => {
    expect(renderSolution(solve('relu(x1 - x2)', [1, 1]), 'text')).toContain("the gradient uses PyTorch's convention (ReLU'(0) = 0)");
  });
});

describe('the JSON solution as answers', () => {
  it('has every forward and backward cell keyed by node, which checkAnswers takes as right', async () => {
    const { checkAnswers } = await import('./check');
    const { answersFromJson } = await import('./answers');
    const s = solve('log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)', [1, 2, -1, 3, 5]);
    const json = JSON.parse(renderSolution(s, 'json'));
    expect(Object.keys(json.cells.forward)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7', 'v8', 'v9']);
    expect(json.cells.backward.x5).toBeCloseTo(0.0764731, 6);
    expect(json.nodes[5]).toEqual({ name: 'v1', op: 'mul', definition: 'x1 * x2', value: 2, grad: json.cells.backward.v1 });
    const result = checkAnswers(s, answersFromJson(json.cells));
    expect(result.correct).toBe(true);
    expect(result.cells.filter((c) => c.table === 'local')).toHaveLength(s.edges.length);
  });
});

import { describe, expect, it } from 'vitest';
import { tensor } from '@gradlab/autograd';
import { buildY, finiteDifferences, run, X } from './ex1';
import { renderMarkdown } from './markdown';
import { createStyle } from './style';
import { renderTerminal } from './terminal';

describe('ex1', () => {
  it('buildY is the homework\'s y: log(exp(x1 x2)^2 + sin(x3 + x4 + x5) x5)', () => {
    const y = buildY(tensor([...X], { dtype: 'float64' })).item();
    expect(y).toBeCloseTo(Math.log(Math.exp(2) ** 2 + Math.sin(7) * 5), 14);
  });

  it('finiteDifferences matches the derivative of a known point to 1e-8', () => {
    const [x1, x2, x3, x4, x5] = X;
    const d = Math.exp(x1 * x2) ** 2 + Math.sin(x3 + x4 + x5) * x5;
    const differences = finiteDifferences(X);
    expect(differences[0]).toBeCloseTo((2 * x2 * Math.exp(x1 * x2) ** 2) / d, 8);
    expect(differences[4]).toBeCloseTo((Math.sin(x3 + x4 + x5) + x5 * Math.cos(x3 + x4 + x5)) / d, 8);
  });

  it('run() passes its checks and prints the notebook\'s lines', () => {
    const result = run();
    expect(result.ok).toBe(true);
    const code = result.blocks.filter((block) => block.kind === 'code').map((block) => block.text);
    expect(code).toContain('gradient tensor([3.7730, 1.8865, 0.0651, 0.0651, 0.0765])\ny tensor(4.0584, grad_fn=<LogBackward0>)');
  });

  it('works it by hand as the homework means: graph, forward table, backward table with x5\'s two contributions summed', () => {
    const result = run();
    const headings = result.blocks.flatMap((block) => (block.kind === 'heading' ? [block.text] : []));
    expect(headings).toEqual([
      'With autograd, as the notebook does',
      'By hand: the computational graph',
      'By hand: the forward pass',
      'By hand: the backward pass',
      'In closed form: the partial derivatives',
    ]);
    const terminal = renderTerminal(result, createStyle(false));
    expect(terminal).toMatch(/^ {2}v9 +log\(v8\) +log\(exp\(x1 \* x2\)\^2 \+ \(sin\(\(x3 \+ x4\) \+ x5\) \* x5\)\) +4\.05843$/m);
    expect(terminal).toMatch(/^ {2}x5 +v5 +1 +1 +0\.0651228 +0\.0651228 +0\.0113502 \+ 0\.0651228 = 0\.0764731$/m);
    expect(terminal.replace(/\s+/g, ' ')).toContain(
      'x5 feeds v7 = v6 * x5 and v5 = v4 + x5, so ∂y/∂x5 is the sum of two contributions, one per edge: 0.0113502 (through v7) + 0.0651228 (through v5) = 0.0764731.',
    );
    expect(terminal).toContain("✓ the tables' ∂y/∂x1..∂y/∂x5 (float64) are autograd's above");
    const markdown = renderMarkdown(result, 'pnpm demo ex1');
    expect(markdown).toContain('```mermaid\nflowchart');
    expect(markdown).not.toMatch(/undefined|NaN|\[object Object\]/);
  });
});

import { describe, expect, it } from 'vitest';
import { tensor } from '@gradlab/autograd';
import { buildY, finiteDifferences, run, X } from './ex1';

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
});

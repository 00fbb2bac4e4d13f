import { describe, expect, it } from 'vitest';
import { randomFormula } from './randomizer';
import { renderSolution } from './report';
import { checkSummary } from './report-summary';
import { solve } from './solve';

describe('checkSummary: what the cross-check compared, counted', () => {
  it('all finite: every method on every partial', () => {
    const s = checkSummary(solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]));
    expect(s.sentences).toEqual([
      'Autograd and the hand rules agree at all 12 nodes.',
      'The symbolic gradient agrees with autograd on all 5 partial derivatives.',
      'Finite differences agree with autograd on all 5 partial derivatives.',
    ]);
    expect([s.nodes, s.nodesAgreeing, s.nodesNotFinite, s.partials]).toEqual([12, 12, 0, 5]);
  });

  it('a ReLU at its kink: finite differences checked only what they could', () => {
    const s = checkSummary(solve('relu(x1 * x2) + x3', [0, 2, 1]));
    expect(s.finiteDifferencesAgreeing).toEqual(['x3']);
    expect(s.finiteDifferencesUnchecked).toEqual([
      { variable: 'x1', reason: 'ReLU(x1 * x2) is at its kink' },
      { variable: 'x2', reason: 'ReLU(x1 * x2) is at its kink' },
    ]);
    expect(s.sentences[2]).toBe(
      'Finite differences checked 1 of 3 partial derivatives and agree with autograd on it; not checked: ∂f/∂x1 and ∂f/∂x2 (ReLU(x1 * x2) is at its kink).',
    );
  });

  it('"Ada Li" at the given values: nan everywhere, so nothing is claimed', () => {
    const r = randomFormula('Ada Li');
    const s = checkSummary(solve(r.expr, r.values));
    expect(s.nodesNotFinite).toBe(12);
    expect(s.sentences).toEqual([
      'Autograd and the hand rules agree at all 12 nodes, but at every one of them the value or the gradient is nan or infinite in both, so no node is checked on finite numbers.',
      'The symbolic gradient could not be compared with autograd on any partial derivative: ∂f/∂x1, ∂f/∂x2, ∂f/∂x3, ∂f/∂x4 and ∂f/∂x5 (not finite).',
      'Finite differences could not check any partial derivative: ∂f/∂x1, ∂f/∂x2, ∂f/∂x3, ∂f/∂x4 and ∂f/∂x5 (the formula is not finite or not differentiable here).',
    ]);
    expect(s.sentences.join(' ')).not.toMatch(/agree at every node|where they can judge/);
  });

  it('some nodes finite, some not', () => {
    const s = checkSummary(solve('log(x1) * x2', [-1, 3]));
    expect(s.sentences[0]).toMatch(/^Autograd and the hand rules agree at all 4 nodes, but at [1-3] of them .* so only [1-3] nodes? (is|are) checked on finite numbers\.$/);
  });

  it('is the same in every format, and describes the solution shown (the proposed values after a domain error)', () => {
    const given = solve('log(x1 - x2) * x3', [1, 3, 2]);
    const shown = checkSummary(solve('log(x1 - x2) * x3', given.domainError!.proposal!.values)).sentences;
    expect(shown[0]).toBe('Autograd and the hand rules agree at all 6 nodes.');
    const text = renderSolution(given, 'text');
    const md = renderSolution(given, 'md');
    const json = JSON.parse(renderSolution(given, 'json'));
    for (const sentence of shown) {
      expect(text).toContain(sentence);
      expect(md).toContain(sentence);
    }
    expect(json.proposedSolution.check.summary).toEqual(shown);
    expect(renderSolution(given, 'latex')).toContain('Autograd and the hand rules agree at all 6 nodes.');
  });
});

/**
 * The steps of the walkthrough, as text and LaTeX: each forward node
 * (`v5 = v2 - v4 = 0 - 1.3734 = -1.3734`) and each backward edge (its local
 * derivative, then the chain rule `∂f/∂v5 = ∂f/∂v6 · ∂v6/∂v5 = 26 · 1 = 26`,
 * and the sum where a node feeds several others).
 */
import { backwardRows, toLatex, toDisplay, type Solution } from '@gradlab/formula';
import { formatValue, latexName, latexNumber, latexPartial, latexWithNumbers, plainWithNumbers } from './numbers';

export interface Step {
  readonly key: string;
  readonly plain: string;
  readonly tex: string;
  /** The local derivative, on its own line before the chain rule. */
  readonly local?: { readonly plain: string; readonly tex: string };
  /** A second line: the sum of a node's contributions. */
  readonly sum?: { readonly plain: string; readonly tex: string };
}

export function forwardSteps(solution: Solution): Step[] {
  const value = (name: string): number => solution.nodes.find((n) => n.name === name)!.value;
  return solution.nodes
    .filter((n) => n.op !== 'input')
    .map((n) => ({
      key: n.name,
      plain: `${n.name} = ${toDisplay(n.definition)} = ${plainWithNumbers(n.definition, value)} = ${formatValue(n.value)}`,
      tex: `${latexName(n.name)} = ${toLatex(n.definition)} = ${latexWithNumbers(n.definition, value)} = ${latexNumber(n.value)}`,
    }));
}

export function backwardSteps(solution: Solution): Step[] {
  return backwardRows(solution).map((r, i) => {
    const chain = `∂f/∂${r.node} = ∂f/∂${r.consumer} · ∂${r.consumer}/∂${r.node} = ${formatValue(r.upstream)} · ${formatValue(r.localValue)} = ${formatValue(r.contribution)}`;
    const chainTex =
      `${latexPartial('f', r.node)} = ${latexPartial('f', r.consumer)} \\cdot ${latexPartial(r.consumer, r.node)} = ` +
      `${latexNumber(r.upstream)} \\cdot ${r.localValue < 0 ? `\\left(${latexNumber(r.localValue)}\\right)` : latexNumber(r.localValue)} = ${latexNumber(r.contribution)}`;
    const local = `∂${r.consumer}/∂${r.node} = ${r.local} = ${formatValue(r.localValue)}`;
    const localTex = `${latexPartial(r.consumer, r.node)} = ${r.localLatex} = ${latexNumber(r.localValue)}`;
    const step: Step = { key: `${i}`, plain: chain, tex: chainTex, local: { plain: local, tex: localTex } };
    if (r.terms.length > 1) {
      const fanOut = r.terms.map(formatValue).join(' + ');
      return {
        ...step,
        sum: {
          plain: `∂f/∂${r.node} sums its ${r.terms.length} contributions so far: ${fanOut} = ${formatValue(r.accumulated)}`,
          tex: `${latexPartial('f', r.node)} = ${r.terms.map(latexNumber).join(' + ')} = ${latexNumber(r.accumulated)}`,
        },
      };
    }
    return step;
  });
}

/**
 * The forward pass revealed node by node and the backward pass edge by edge,
 * on request, each step with its chain-rule line typeset:
 * ∂f/∂v5 = ∂f/∂v6 · ∂v6/∂v5 = 26 · 1 = 26.
 */
import type { Solution } from '@gradlab/formula';
import { useEffect, useState } from 'preact/hooks';
import { formatValue } from '../numbers';
import { backwardSteps, forwardSteps, type Step } from '../steps';
import { TeX } from './tex';

function Stepper({ title, steps, testId, note }: { readonly title: string; readonly steps: readonly Step[]; readonly testId: string; readonly note: string }) {
  const [shown, setShown] = useState(0);
  const signature = steps.map((s) => s.plain).join('\n');
  useEffect(() => setShown(0), [signature]);
  return (
    <section class="stepper" aria-labelledby={`${testId}-heading`}>
      <h3 id={`${testId}-heading`}>{title}</h3>
      <p class="muted">{note}</p>
      <ol class="steps" data-testid={`${testId}-steps`} aria-live="polite">
        {/* Every step is in the page (a printed page shows them all); the ones not asked for yet are hidden. */}
        {steps.map((s, i) => (
          <li key={s.key} data-testid={`${testId}-step`} data-plain={[s.local?.plain, s.plain, s.sum?.plain].filter(Boolean).join("; ")} hidden={i >= shown}>
            {s.local && (
              <div class="local">
                <TeX tex={s.local.tex} plain={s.local.plain} />
              </div>
            )}
            <TeX tex={s.tex} plain={s.plain} />
            {s.sum && (
              <div class="fan-out">
                <TeX tex={s.sum.tex} plain={s.sum.plain} />
              </div>
            )}
          </li>
        ))}
      </ol>
      <div class="buttons">
        <button type="button" data-testid={`${testId}-next`} disabled={shown >= steps.length} onClick={() => setShown(shown + 1)}>
          {shown === 0 ? 'First step' : 'Next step'} ({Math.min(shown + 1, steps.length)} of {steps.length})
        </button>
        <button type="button" data-testid={`${testId}-all`} disabled={shown >= steps.length} onClick={() => setShown(steps.length)}>
          Show all
        </button>
        <button type="button" disabled={shown === 0} onClick={() => setShown(0)}>
          Hide
        </button>
      </div>
    </section>
  );
}

export function Walkthrough({ solution }: { readonly solution: Solution }) {
  const output = solution.nodes[solution.nodes.length - 1]!;
  return (
    <div class="walkthrough">
      <Stepper
        title="Forward pass"
        testId="forward"
        steps={forwardSteps(solution)}
        note={`Inputs: ${solution.variables.map((v, i) => `${v} = ${formatValue(solution.values[i]!)}`).join(', ')}. Each node in evaluation order, left operand first.`}
      />
      <Stepper
        title="Backward pass"
        testId="backward"
        steps={backwardSteps(solution)}
        note={`From ∂f/∂${output.name} = 1, edge by edge: each local derivative, times the upstream gradient; a node that feeds several others sums their contributions.`}
      />
    </div>
  );
}

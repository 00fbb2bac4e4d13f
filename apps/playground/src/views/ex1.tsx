/** Ex 1: the homework's formula with autograd, next to the hand calculation (the demo's report, and the steps). */
import type { ExerciseResult } from '@gradlab/demo/document';
import { solve, toDot } from '@gradlab/formula';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AnswerSheet } from '../components/answer-sheet';
import { Blocks } from '../components/blocks';
import { Graph } from '../components/graph';
import { Walkthrough } from '../components/walkthrough';
import { useNarrow } from '../narrow';
import type { Mode } from '../state';

const FORMULA = 'log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)';
const X = [1, 2, -1, 3, 5];

export function Ex1({ mode, onMode }: { readonly mode: Mode; readonly onMode: (mode: Mode) => void }) {
  const [report, setReport] = useState<ExerciseResult | null>(null);
  const solution = useMemo(() => solve(FORMULA, X), []);
  const narrow = useNarrow();
  useEffect(() => {
    void import('@gradlab/demo/ex1').then((ex1) => setReport(ex1.run()));
  }, []);
  return (
    <>
      <div class="buttons no-print">
        <button type="button" aria-pressed={mode === 'learn'} onClick={() => onMode('learn')}>
          The worked solution
        </button>
        <button type="button" aria-pressed={mode === 'check'} onClick={() => onMode('check')}>
          Check my hand calculation
        </button>
      </div>
      {mode === 'check' ? (
        <AnswerSheet solution={solution} name={null} />
      ) : (
        <>
          {report ? <Blocks blocks={report.blocks} /> : <p class="muted">Computing…</p>}
          <h2>Step by step: the graph, the forward and the backward pass</h2>
          <Graph dot={toDot(solution, { layout: narrow ? 'print' : 'screen' })} label="The computational graph of Ex 1 with every node's value and gradient" testId="ex1-graph" />
          <Walkthrough solution={solution} />
        </>
      )}
    </>
  );
}

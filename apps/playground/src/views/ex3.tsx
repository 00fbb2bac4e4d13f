/** Ex 3: the course's formula for a name, its graph, and the forward and backward pass worked out step by step. */
import { toDot } from '@gradlab/formula';
import { CourseOutput } from '../components/course-output';
import { DomainReport } from '../components/domain';
import { Graph } from '../components/graph';
import { HandIn } from '../components/hand-in';
import { JobInput, type JobInputProps } from '../components/job-input';
import { Results } from '../components/results';
import { Walkthrough } from '../components/walkthrough';
import type { JobResult } from '../job';
import { useNarrow } from '../narrow';

export function JobMessages({ result }: { readonly result: JobResult }) {
  if ('error' in result) return <p class="error" role="alert" data-testid="job-error">{result.error}</p>;
  if ('empty' in result) return <p class="hint">Type your name and surname exactly as you type them at the course script's prompt, or a formula and its values.</p>;
  return null;
}

export function Ex3({ state, onChange, result }: JobInputProps & { readonly result: JobResult }) {
  const narrow = useNarrow();
  return (
    <>
      <JobInput state={state} onChange={onChange} />
      <JobMessages result={result} />
      {'job' in result && (
        <>
          <CourseOutput job={result.job} />
          <DomainReport given={result.job.given} worked={result.job.worked} />
          <Results solution={result.job.worked} />
          <section aria-labelledby="graph-heading">
            <h3 id="graph-heading">Computational graph</h3>
            <p class="muted">Every value with its data (forward) and grad (∂f/∂node).</p>
            <Graph dot={toDot(result.job.worked, { layout: narrow ? 'print' : 'screen' })} label={`The computational graph of ${result.job.worked.formula}, with every node's value and gradient`} />
          </section>
          <Walkthrough solution={result.job.worked} />
          <HandIn job={result.job} />
        </>
      )}
    </>
  );
}

import { pythonDict } from '@gradlab/formula';
import type { Job } from '../job';

/**
 * Exactly what the course script writes for the name, byte for byte, as a
 * terminal shows it (the name after the prompt is what the student types).
 * A typed formula has no script output: gradlab's own summary says so.
 */
export function CourseOutput({ job }: { readonly job: Job }) {
  if (job.transcript === null || job.random === null) {
    return (
      <figure class="course">
        <figcaption>Your formula (typed, not from the course script)</figcaption>
        <pre class="terminal" data-testid="course-output">
          f(X) = <span data-testid="formula">{job.given.formula}</span>
          {'\n'}
          <span data-testid="values">{pythonDict(job.given.values, job.given.variables)}</span>
        </pre>
      </figure>
    );
  }
  const { formula } = job.random;
  const dict = pythonDict(job.random.values);
  const prompt = 'Input your name, then press ENTER: ';
  const rest = job.transcript.slice(prompt.length);
  const [before, after] = splitOnce(rest, formula);
  const [middle, end] = splitOnce(after, dict);
  return (
    <figure class="course">
      <figcaption>
        What <code>utils/randomized_backpropagation_formula.py</code> prints when you type your name, byte for byte
      </figcaption>
      <pre class="terminal" data-testid="course-output">
        {prompt}
        <kbd>{job.name}</kbd>
        {'\n'}
        {before}
        <span data-testid="formula">{formula}</span>
        {middle}
        <span data-testid="values">{dict}</span>
        {end}
      </pre>
      {job.name !== job.name!.trim() && (
        <p class="warning" role="note">
          Your name has a space at the {job.name!.startsWith(' ') || job.name!.startsWith('\t') ? 'start' : 'end'}: the script hashes the name exactly as typed, so this is
          another formula than without it.
        </p>
      )}
    </figure>
  );
}

function splitOnce(text: string, part: string): [string, string] {
  const at = text.indexOf(part);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + part.length)];
}

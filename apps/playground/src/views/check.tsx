/** Ex 3, check my work: the course output and blank tables; the graph's shape only on request. */
import { AnswerSheet } from '../components/answer-sheet';
import { CourseOutput } from '../components/course-output';
import { DomainReport } from '../components/domain';
import { JobInput, type JobInputProps } from '../components/job-input';
import type { JobResult } from '../job';
import { JobMessages } from './ex3';

export function CheckView({ state, onChange, result }: JobInputProps & { readonly result: JobResult }) {
  return (
    <>
      <JobInput state={state} onChange={onChange} />
      <JobMessages result={result} />
      {'job' in result && (
        <>
          <CourseOutput job={result.job} />
          <DomainReport given={result.job.given} worked={result.job.worked} />
          <AnswerSheet key={`${result.job.worked.formula}|${result.job.worked.values.join(',')}`} solution={result.job.worked} name={result.job.name} />
        </>
      )}
    </>
  );
}

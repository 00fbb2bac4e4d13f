import { formatValue, type Solution } from '@gradlab/formula';

/** Why the given values make the formula undefined, and the values the worked solution uses instead. */
export function DomainReport({ given }: { readonly given: Solution; readonly worked: Solution }) {
  const d = given.domainError;
  if (!d) return null;
  return (
    <section class="domain" role="alert" aria-labelledby="domain-heading" data-testid="domain-report">
      <h3 id="domain-heading">The formula is undefined at these values</h3>
      <ul>
        {d.problems.map((p) => (
          <li key={p.node}>
            <code>{p.node} = {p.expression}</code>: {p.reason} (fed by {p.inputs.join(', ') || 'constants'})
          </li>
        ))}
      </ul>
      <p data-testid="domain-proposal">
        {d.advice}
        {d.proposal &&
          ` The course says to change the values responsible: everything below (tables, graph, downloads, the checker) works with x = [${d.proposal.values.map(formatValue).join(', ')}].`}
      </p>
      {d.notes.map((note) => (
        <p class="note">{note}</p>
      ))}
    </section>
  );
}

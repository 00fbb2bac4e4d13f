import { formatValue, type Solution } from '@gradlab/formula';

/** Why the given values make the formula undefined, and the values the worked solution uses instead. */
export function DomainReport({ given, worked }: { readonly given: Solution; readonly worked: Solution }) {
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
      {d.proposal ? (
        <p data-testid="domain-proposal">
          The course says to change the values responsible: change {d.proposal.changes.map((c) => `${c.variable} from ${c.from} to ${c.to}`).join(' and ')}, giving x = [
          {d.proposal.values.map(formatValue).join(', ')}]. Everything below (tables, graph, downloads, the checker) works with these values
          {worked.values.join(',') === d.proposal.values.join(',') ? '' : ' (where they are finite)'}.
        </p>
      ) : (
        <p>No change of the responsible values within the course's range makes every node finite: the tables below show where it breaks.</p>
      )}
    </section>
  );
}

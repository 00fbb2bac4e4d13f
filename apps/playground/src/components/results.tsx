import { explainZeroGradient, formatValue, toPyTorchProgram, type Solution } from '@gradlab/formula';

/** f and ∇f as autograd computes them, each with a stable test hook and its full value. */
export function Results({ solution }: { readonly solution: Solution }) {
  const zero = explainZeroGradient(solution);
  return (
    <section class="results" aria-labelledby="results-heading">
      <h3 id="results-heading">f and ∇f (autograd, float64)</h3>
      <p class="f-line">
        f = <output data-testid="f" data-value={String(solution.value)}>{formatValue(solution.value)}</output>
      </p>
      <ul class="gradient" aria-label="gradient">
        {solution.variables.map((name, i) => (
          <li key={name}>
            ∂f/∂{name} = <output data-testid={`grad-${name}`} data-value={String(solution.gradient[i])}>{formatValue(solution.gradient[i]!)}</output>
          </li>
        ))}
      </ul>
      {zero && (
        <p class="note" data-testid="zero-gradient">
          {zero}
        </p>
      )}
      <details>
        <summary>Check it with PyTorch</summary>
        <pre class="code"><code>{toPyTorchProgram(solution.expr, solution.values, solution.variables)}</code></pre>
      </details>
    </section>
  );
}

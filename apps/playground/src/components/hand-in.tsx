/** The worked solution to hand in: Markdown, LaTeX, the graph as SVG, and a clean printed page. */
import { renderSolution, toSvg } from '@gradlab/formula';
import { useState } from 'preact/hooks';
import { download, fileStem } from '../download';
import type { Job } from '../job';

export function HandIn({ job }: { readonly job: Job }) {
  const [busy, setBusy] = useState(false);
  const stem = fileStem(job.name);
  const svg = async (): Promise<void> => {
    setBusy(true);
    try {
      download(`${stem}-graph.svg`, await toSvg(job.worked), 'image/svg+xml');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="hand-in no-print" aria-labelledby="hand-in-heading">
      <h3 id="hand-in-heading">Hand in</h3>
      <div class="buttons">
        <button type="button" data-testid="download-md" onClick={() => download(`${stem}-solution.md`, renderSolution(job.given, 'md'), 'text/markdown')}>
          Markdown
        </button>
        <button type="button" data-testid="download-latex" onClick={() => download(`${stem}-solution.tex`, renderSolution(job.given, 'latex'), 'application/x-tex')}>
          LaTeX
        </button>
        <button type="button" data-testid="download-svg" disabled={busy} onClick={() => void svg()}>
          Graph (SVG)
        </button>
        <button type="button" data-testid="print" onClick={() => window.print()}>
          Print
        </button>
      </div>
    </section>
  );
}

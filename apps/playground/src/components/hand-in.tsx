/** The worked solution to hand in: Markdown, LaTeX, the graph as SVG, and a clean printed page. */
import { renderDocument, renderSolution, toSvg } from '@gradlab/formula';
import { useState } from 'preact/hooks';
import { download, fileStem } from '../download';
import type { Job } from '../job';

export function HandIn({ job }: { readonly job: Job }) {
  const [busy, setBusy] = useState(false);
  const stem = fileStem(job.name);
  const later = async (make: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await make();
    } finally {
      setBusy(false);
    }
  };
  // The LaTeX document draws the graph as TikZ, laid out by Graphviz first: both load Graphviz.
  const latex = () => later(async () => download(`${stem}-solution.tex`, await renderDocument(job.given, 'latex'), 'application/x-tex'));
  const svg = () => later(async () => download(`${stem}-graph.svg`, await toSvg(job.worked, { layout: 'print' }), 'image/svg+xml'));
  return (
    <section class="hand-in no-print" aria-labelledby="hand-in-heading">
      <h3 id="hand-in-heading">Hand in</h3>
      <div class="buttons">
        <button type="button" data-testid="download-md" onClick={() => download(`${stem}-solution.md`, renderSolution(job.given, 'md'), 'text/markdown')}>
          Markdown
        </button>
        <button type="button" data-testid="download-latex" disabled={busy} onClick={() => void latex()}>
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

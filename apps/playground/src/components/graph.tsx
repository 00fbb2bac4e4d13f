/**
 * The computational graph, drawn by Graphviz compiled to WebAssembly
 * (@viz-js/viz), which is loaded only when a graph is drawn.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

type Viz = Awaited<ReturnType<typeof import('@viz-js/viz').instance>>;
let viz: Promise<Viz> | null = null;

function loadViz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((module) => module.instance());
  return viz;
}

export interface GraphProps {
  /** Graphviz DOT. */
  readonly dot: string;
  /** What the graph shows, for screen readers. */
  readonly label: string;
  readonly testId?: string;
}

export function Graph({ dot, label, testId = 'graph' }: GraphProps) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'drawn' | 'failed'>('loading');
  useEffect(() => {
    let live = true;
    setState('loading');
    loadViz()
      .then((instance) => {
        if (!live || !host.current) return;
        const svg = instance.renderSVGElement(dot);
        svg.setAttribute('role', 'img');
        svg.setAttribute('aria-label', label);
        svg.removeAttribute('width');
        svg.removeAttribute('height');
        host.current.replaceChildren(svg);
        setState('drawn');
      })
      .catch(() => live && setState('failed'));
    return () => {
      live = false;
    };
  }, [dot]);
  return (
    <div class="graph" data-testid={testId} data-state={state}>
      <div ref={host} class="graph-svg" />
      {state === 'loading' && <p class="muted">Drawing the graph…</p>}
      {state === 'failed' && <p class="error">The graph could not be drawn in this browser.</p>}
    </div>
  );
}

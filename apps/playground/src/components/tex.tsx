/**
 * Maths typeset by KaTeX, loaded on first use (with its CSS and fonts): until
 * then, and for screen readers as well, the plain text stands in.
 */
import { useEffect, useState } from 'preact/hooks';

type Katex = typeof import('katex').default;
let loading: Promise<Katex> | null = null;
const cache = new Map<string, string>();

function loadKatex(): Promise<Katex> {
  loading ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([module]) => module.default);
  return loading;
}

export interface TeXProps {
  /** LaTeX source (no surrounding `$`). */
  readonly tex: string;
  /** The same in plain text, shown until KaTeX has loaded. */
  readonly plain: string;
  readonly display?: boolean;
}

export function TeX({ tex, plain, display = false }: TeXProps) {
  const key = `${display ? 'D' : 'I'}${tex}`;
  const [html, setHtml] = useState<string | null>(cache.get(key) ?? null);
  useEffect(() => {
    if (cache.has(key)) {
      setHtml(cache.get(key)!);
      return;
    }
    let live = true;
    void loadKatex().then((katex) => {
      const rendered = katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
      cache.set(key, rendered);
      if (live) setHtml(rendered);
    });
    return () => {
      live = false;
    };
  }, [key]);
  if (html === null) return <code class={display ? 'tex tex-display' : 'tex'}>{plain}</code>;
  return <span class={display ? 'tex tex-display' : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
}

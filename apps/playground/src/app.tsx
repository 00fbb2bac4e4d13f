/** The page: tabs for Ex 3 (your formula), Check my work, Ex 1 and Ex 2; the state lives in the URL. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { makeJob } from './job';
import { parseState, stateToSearch, type ParsedState, type PlaygroundState } from './state';
import { CheckView } from './views/check';
import { Ex1 } from './views/ex1';
import { Ex2 } from './views/ex2';
import { Ex3 } from './views/ex3';

interface Tab {
  readonly label: string;
  readonly patch: Partial<PlaygroundState>;
  readonly current: (s: PlaygroundState) => boolean;
}

const TABS: readonly Tab[] = [
  { label: 'Ex 3: your formula', patch: { ex: 3, mode: 'learn' }, current: (s) => s.ex === 3 && s.mode === 'learn' },
  { label: 'Check my work', patch: { ex: 3, mode: 'check' }, current: (s) => s.ex === 3 && s.mode === 'check' },
  { label: 'Ex 1', patch: { ex: 1, mode: 'learn' }, current: (s) => s.ex === 1 },
  { label: 'Ex 2', patch: { ex: 2 }, current: (s) => s.ex === 2 },
];

export function App({ initial }: { readonly initial: ParsedState }) {
  const [parsed, setParsed] = useState(initial);
  const state = parsed.state;
  useEffect(() => {
    const onPop = (): void => setParsed(parseState(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const update = (patch: Partial<PlaygroundState>, push = false): void => {
    const next = { ...state, ...patch };
    const url = `${location.pathname}${stateToSearch(next)}${location.hash}`;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
    setParsed({ state: next, problems: [] });
  };
  const result = useMemo(() => makeJob(state), [state.name, state.formula, state.values]);
  const title = 'job' in result && result.job.name !== null && state.ex === 3 ? `${result.job.name}: ` : '';
  useEffect(() => {
    document.title = `${title}gradlab playground: backpropagation by hand`;
  }, [title]);

  return (
    <>
      <a class="skip" href="#main">Skip to the exercise</a>
      <header class="no-print">
        <h1>
          gradlab <span class="muted">playground</span>
        </h1>
        <p class="tagline">The backpropagation homework in your browser: the course's formula for your name, its graph and worked solution, and a check of your own hand calculation.</p>
        <nav aria-label="Exercises">
          <ul class="tabs">
            {TABS.map((tab) => {
              const href = stateToSearch({ ...state, ...tab.patch }) || location.pathname;
              const current = tab.current(state);
              return (
                <li key={tab.label}>
                  <a
                    href={href}
                    aria-current={current ? 'page' : undefined}
                    data-testid={`tab-${tab.label.split(':')[0]!.toLowerCase().replace(/\s+/g, '-')}`}
                    onClick={(event) => {
                      event.preventDefault();
                      update(tab.patch, true);
                    }}
                  >
                    {tab.label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {parsed.problems.length > 0 && (
          <p class="warning" role="alert">
            The link has values the page cannot read: {parsed.problems.join('; ')}.
          </p>
        )}
        {state.ex === 3 && state.mode === 'learn' && <Ex3 state={state} onChange={(patch) => update(patch)} result={result} />}
        {state.ex === 3 && state.mode === 'check' && <CheckView state={state} onChange={(patch) => update(patch)} result={result} />}
        {state.ex === 1 && <Ex1 mode={state.mode} onMode={(mode) => update({ mode }, true)} />}
        {state.ex === 2 && <Ex2 seed={state.seed} onSeed={(seed) => update({ seed }, true)} />}
      </main>
      <footer class="no-print">
        <p>
          Runs entirely in your browser with the <a href="https://github.com/gradlab/gradlab">gradlab</a> packages; it works offline once loaded. Numbers from the
          autograd engine in float64.
        </p>
      </footer>
    </>
  );
}

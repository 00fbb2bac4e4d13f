/** Ex 2: the homework's MLP in the browser, the demo's report for a seed (the same numbers as `pnpm demo ex2 --seed N`). */
import type { ExerciseResult } from '@gradlab/demo/document';
import { useEffect, useState } from 'preact/hooks';
import { Blocks } from '../components/blocks';

interface Ex2Json {
  readonly loss: number;
}

export function Ex2({ seed, onSeed }: { readonly seed: number; readonly onSeed: (seed: number) => void }) {
  const [report, setReport] = useState<ExerciseResult | null>(null);
  const [text, setText] = useState(String(seed));
  useEffect(() => {
    let live = true;
    setReport(null);
    void import('@gradlab/demo/ex2').then((ex2) => {
      if (live) setReport(ex2.run({ seed }));
    });
    return () => {
      live = false;
    };
  }, [seed]);
  const valid = /^\d+$/.test(text.trim()) && Number(text) <= Number.MAX_SAFE_INTEGER;
  return (
    <>
      <form
        class="no-print seed-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) onSeed(Number(text.trim()));
        }}
      >
        <label for="ex2-seed">Seed (manualSeed, as torch.manual_seed)</label>
        <input id="ex2-seed" data-testid="ex2-seed" type="text" inputMode="numeric" value={text} aria-invalid={valid ? undefined : 'true'} onInput={(event) => setText(event.currentTarget.value)} />
        <button type="submit" data-testid="ex2-run" disabled={!valid}>
          Run
        </button>
        {!valid && <span class="error">a whole number from 0 to {Number.MAX_SAFE_INTEGER}</span>}
      </form>
      {report ? (
        <>
          <p class="f-line">
            Cross-entropy loss for seed {seed}: <output data-testid="ex2-loss" data-value={String((report.json as Ex2Json).loss)}>{(report.json as Ex2Json).loss.toFixed(6)}</output>
          </p>
          <Blocks blocks={report.blocks} />
        </>
      ) : (
        <p class="muted">Running the MLP…</p>
      )}
    </>
  );
}

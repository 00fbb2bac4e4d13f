import type { PlaygroundState } from '../state';

export interface JobInputProps {
  readonly state: PlaygroundState;
  readonly onChange: (patch: Partial<PlaygroundState>) => void;
}

/** The name (as typed for the course script), or a formula and its values. */
export function JobInput({ state, onChange }: JobInputProps) {
  return (
    <form class="job-input no-print" onSubmit={(event) => event.preventDefault()} aria-label="Your formula">
      <div class="field">
        <label for="name-input">Your name and surname, as you type it for the course script</label>
        <input
          id="name-input"
          data-testid="name-input"
          type="text"
          value={state.name}
          placeholder="Francesco Tomba"
          autocomplete="name"
          spellcheck={false}
          onInput={(event) => onChange({ name: event.currentTarget.value, formula: '', values: '' })}
        />
      </div>
      <details open={state.formula !== ''}>
        <summary>or type a formula and its values</summary>
        <div class="field">
          <label for="formula-input">Formula (the course's notation or plain maths)</label>
          <input
            id="formula-input"
            data-testid="formula-input"
            type="text"
            value={state.formula}
            placeholder="log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5)"
            spellcheck={false}
            onInput={(event) => onChange({ formula: event.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="values-input">Values of x1, x2, … (commas, or the course's dict)</label>
          <input
            id="values-input"
            data-testid="values-input"
            type="text"
            inputMode="text"
            value={state.values}
            placeholder="1, 2, -1, 3, 5"
            spellcheck={false}
            onInput={(event) => onChange({ values: event.currentTarget.value })}
          />
        </div>
      </details>
    </form>
  );
}

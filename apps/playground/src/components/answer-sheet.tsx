/**
 * Check my work: blank forward and backward tables that the student fills in;
 * the checker marks every cell and explains the first mistake. Nothing is
 * shown that the student has not asked for: no value, no definition, until a
 * cell is checked (and then only the first mistake's explanation).
 */
import {
  answersFromJson,
  answersTemplate,
  answerValue,
  cellTitle,
  checkAnswers,
  FormulaError,
  MISTAKE_KINDS,
  parseAnswers,
  type CheckedCell,
  type CheckResult,
  toDot,
  type Solution,
} from '@gradlab/formula';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { download, fileStem } from '../download';
import { useNarrow } from '../narrow';
import { formatValue } from '../numbers';
import { Graph } from './graph';

type Table = 'forward' | 'backward';
type Entries = Readonly<Record<string, string>>;
interface Sheet {
  readonly forward: Entries;
  readonly backward: Entries;
}

/** The key answers are stored under in the browser, per formula and values. */
export function storageKey(solution: Solution): string {
  return `gradlab-playground:answers:${solution.formula}|${solution.values.join(',')}`;
}

function load(key: string, start: Sheet): Sheet {
  try {
    const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as Sheet | null;
    return stored && typeof stored === 'object' ? { forward: stored.forward ?? {}, backward: stored.backward ?? {} } : start;
  } catch {
    return start;
  }
}

/** What a blank sheet starts with: the given values and ∂f/∂f = 1, which the student copies anyway. */
function givens(solution: Solution): Sheet {
  const output = solution.nodes[solution.nodes.length - 1]!;
  return {
    forward: Object.fromEntries(solution.nodes.filter((n) => n.op === 'input').map((n) => [n.name, String(n.value)])),
    backward: { [output.name]: '1' },
  };
}

/** The cells in the order a student works: the checker's own order (inputs and ∂f/∂f included). */
function layout(solution: Solution): { forward: string[]; backward: string[] } {
  const sheet = givens(solution);
  const blank = checkAnswers(solution, answersFromJson({ forward: { ...sheet.forward }, backward: { ...sheet.backward } }));
  return {
    forward: blank.cells.filter((c) => c.table === 'forward').map((c) => c.node),
    backward: blank.cells.filter((c) => c.table === 'backward').map((c) => c.node),
  };
}

function verdictText(cell: CheckedCell): string {
  switch (cell.status) {
    case 'right':
      return '✓ right';
    case 'wrong':
      return `✗ wrong (${cell.mistake})`;
    case 'follows':
      return `↳ follows (from ${cell.follows})`;
    case 'missing':
      return '– blank';
  }
}

export function AnswerSheet({ solution, name }: { readonly solution: Solution; readonly name: string | null }) {
  const key = storageKey(solution);
  const cells = useMemo(() => layout(solution), [key]);
  const [sheet, setSheet] = useState<Sheet>(() => load(key, givens(solution)));
  const [result, setResult] = useState<CheckResult | null>(null);
  const [invalid, setInvalid] = useState<Readonly<Record<string, string>>>({});
  const [showAll, setShowAll] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [shape, setShape] = useState(false);
  const narrow = useNarrow();

  useEffect(() => {
    setSheet(load(key, givens(solution)));
    setResult(null);
    setInvalid({});
  }, [key]);
  useEffect(() => {
    try {
      localStorage.setItem(key, JSON.stringify(sheet));
    } catch {
      // Private browsing or a full quota: the answers still live in the page.
    }
  }, [key, sheet]);

  const edit = (table: Table, node: string, text: string): void => {
    setSheet({ ...sheet, [table]: { ...sheet[table], [node]: text } });
    setResult(null);
  };

  const check = (): void => {
    const errors: Record<string, string> = {};
    const numbers: Record<Table, Record<string, number>> = { forward: {}, backward: {} };
    for (const table of ['forward', 'backward'] as const) {
      for (const [node, text] of Object.entries(sheet[table])) {
        try {
          const value = answerValue(text, `${table}.${node}`);
          if (value !== null) numbers[table][node] = value;
        } catch (error) {
          errors[`${table}-${node}`] = error instanceof FormulaError ? error.message.replace(/^answers: [^:]+: /, '') : String(error);
        }
      }
    }
    setInvalid(errors);
    setResult(checkAnswers(solution, answersFromJson({ ...numbers, values: [...solution.values] })));
    setShowAll(false);
  };

  const verdicts = new Map(result?.cells.map((c) => [`${c.table}-${c.node}`, c]) ?? []);

  const loadFile = async (file: File): Promise<void> => {
    setFileError(null);
    try {
      const answers = parseAnswers(await file.text());
      const text = (record: Readonly<Record<string, number>>): Record<string, string> =>
        Object.fromEntries(Object.entries(record).map(([k, v]) => [k, String(v)]));
      setSheet({ forward: text(answers.forward), backward: text(answers.backward) });
      setResult(null);
    } catch (error) {
      setFileError(error instanceof FormulaError ? error.message : `cannot read ${file.name}`);
    }
  };

  const output = solution.nodes[solution.nodes.length - 1]!.name;
  const row = (table: Table, node: string) => {
    const id = `answer-${table}-${node}`;
    const verdict = verdicts.get(`${table}-${node}`);
    const problem = invalid[`${table}-${node}`];
    const title = table === 'forward' ? node : `∂f/∂${node}`;
    const given = (table === 'forward' && solution.variables.includes(node)) || (table === 'backward' && node === output);
    return (
      <tr key={id} class={[verdict ? `status-${verdict.status}` : '', given ? 'given' : ''].join(' ').trim() || undefined}>
        <th scope="row">
          <label for={id}>{title}</label>
        </th>
        <td>
          <input
            id={id}
            data-testid={id}
            type="text"
            inputMode="decimal"
            autocomplete="off"
            spellcheck={false}
            value={sheet[table][node] ?? ''}
            aria-invalid={problem !== undefined || verdict?.status === 'wrong' ? 'true' : undefined}
            aria-describedby={`verdict-${table}-${node}`}
            onInput={(event) => edit(table, node, event.currentTarget.value)}
          />
        </td>
        <td>
          <span
            id={`verdict-${table}-${node}`}
            data-testid={`verdict-${table}-${node}`}
            data-status={problem ? 'invalid' : (verdict?.status ?? 'unchecked')}
            data-mistake={verdict?.mistake}
            class={`verdict ${problem ? 'invalid' : (verdict?.status ?? '')}`}
          >
            {problem ? `✗ ${problem}` : verdict ? verdictText(verdict) : ''}
          </span>
        </td>
      </tr>
    );
  };

  const others = result?.cells.filter((c) => c.status === 'wrong' && c !== result.first) ?? [];
  return (
    <section class="answer-sheet" aria-labelledby="sheet-heading">
      <h3 id="sheet-heading">Check my work</h3>
      <p class="muted">
        Draw the graph, number the operations v1, v2, … in evaluation order (left operand first), and fill in your numbers: decimals, fractions such as 1/3, or nan. Checked to 3
        significant digits.
      </p>
      <div class="buttons">
        <button type="button" data-testid="show-shape" aria-pressed={shape} onClick={() => setShape(!shape)}>
          {shape ? "Hide the graph's shape" : "Show the graph's shape (no numbers)"}
        </button>
      </div>
      {shape && (
        <Graph
          dot={toDot(solution, { blank: true, layout: narrow ? 'print' : 'screen' })}
          label={`The shape of the computational graph of ${solution.formula}, without numbers`}
          testId="blank-graph"
        />
      )}
      <div class="sheet-tables">
        <table class="sheet">
          <caption>Forward pass: the value of each node</caption>
          <tbody>{cells.forward.map((node) => row('forward', node))}</tbody>
        </table>
        <table class="sheet">
          <caption>
            Backward pass: ∂f/∂node, from ∂f/∂{output} = 1 back to the inputs
          </caption>
          <tbody>{cells.backward.map((node) => row('backward', node))}</tbody>
        </table>
      </div>
      <div class="buttons">
        <button type="button" class="primary" data-testid="check-button" onClick={check}>
          Check my answers
        </button>
        <button
          type="button"
          data-testid="download-answers"
          onClick={() => {
            const answers = {
              ...(name !== null ? { name } : {}),
              formula: solution.formula,
              values: [...solution.values],
              forward: Object.fromEntries(Object.entries(sheet.forward).filter(([, v]) => v.trim() !== '')),
              backward: Object.fromEntries(Object.entries(sheet.backward).filter(([, v]) => v.trim() !== '')),
            };
            download(`${fileStem(name)}-answers.json`, `${JSON.stringify(answers, null, 2)}\n`, 'application/json');
          }}
        >
          Save my answers (JSON)
        </button>
        <label class="file-button">
          Load answers…
          <input type="file" accept=".json,.csv,application/json,text/csv" data-testid="load-answers" onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (file) void loadFile(file);
          }} />
        </label>
        <button type="button" onClick={() => download(`${fileStem(name)}-template.json`, answersTemplate(solution, name !== null ? { name } : {}), 'application/json')}>
          Blank template
        </button>
        <button type="button" onClick={() => { setSheet(givens(solution)); setResult(null); setInvalid({}); }}>
          Clear
        </button>
      </div>
      {fileError && <p class="error" role="alert">{fileError}</p>}
      <div aria-live="polite">
        {result && (
          <div class="check-result" data-testid="check-result">
            <p data-testid="check-summary" class={result.correct ? 'check ok' : 'check'}>
              {result.correct
                ? `Every cell is right (${result.cells.length} cells).`
                : `${result.counts.right} right, ${result.counts.wrong} wrong, ${result.counts.follows} following from an earlier mistake, ${result.counts.missing} blank.`}
            </p>
            {result.notes.map((note) => <p class="note">{note}</p>)}
            {result.first && (
              <div class="first-mistake" data-testid="first-mistake" data-node={result.first.node} data-table={result.first.table} data-mistake={result.first.mistake}>
                <h4>
                  First mistake: {cellTitle(result.first)} — {MISTAKE_KINDS[result.first.mistake!]}
                </h4>
                <p>
                  You wrote {formatValue(result.first.given!)}; it should be {formatValue(result.first.expected)}.
                </p>
                <p>{result.first.explanation}</p>
              </div>
            )}
            {others.length > 0 && !showAll && (
              <button type="button" onClick={() => setShowAll(true)}>
                Explain the other {others.length} mistake{others.length > 1 ? 's' : ''}
              </button>
            )}
            {showAll && (
              <ul class="other-mistakes">
                {others.map((c) => (
                  <li>
                    <strong>{cellTitle(c)}</strong> ({MISTAKE_KINDS[c.mistake!]}): you wrote {formatValue(c.given!)}, it should be {formatValue(c.expected)}. {c.explanation}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}

/**
 * A progress line on stderr for long runs (`--batch` of a whole course), drawn
 * and redrawn in place by `log-update` and cut to the terminal's width as
 * `string-width` measures it (a CJK name takes two columns a character).
 */
import { createLogUpdate } from 'log-update';
import stringWidth from 'string-width';
import type { Output } from './io';

/** What a long run reports. */
export interface Progress {
  /** After each item: how many are done, the input's byte offset after it, the last item's name. */
  update(done: number, bytesRead: number, name: string): void;
  /** Removes the line, then prints `summary` (one line) in its place. */
  finish(summary: string): void;
  /** Removes the line (on an error: the error's line follows). */
  clear(): void;
}

const NO_PROGRESS: Progress = { update() {}, finish() {}, clear() {} };

/** Redraws at most this often: drawing every name would cost more than working it out. */
const INTERVAL_MS = 100;

/**
 * `text` cut to at most `columns` terminal columns, with `…` where it was cut.
 *
 * @example
 * ```ts
 * fitWidth('王小明 Wang', 6); // '王小…'
 * ```
 */
export function fitWidth(text: string, columns: number): string {
  if (stringWidth(text) <= columns) return text;
  let out = '';
  let width = 0;
  for (const { segment } of new Intl.Segmenter().segment(text)) {
    const w = stringWidth(segment);
    if (width + w > columns - 1) break;
    out += segment;
    width += w;
  }
  return `${out}…`;
}

/**
 * A progress line when someone watches stderr on a terminal while stdout goes
 * elsewhere (a file, a pipe); otherwise one that does nothing: on a terminal
 * the rows themselves show the progress, and in a log a progress line is noise.
 *
 * @example
 * ```ts
 * const progress = progressLine(context, ['name', 'names'], size);
 * progress.update(1, 13, 'Ada Lovelace');
 * progress.finish('gradlab-formula: 1 name');
 * ```
 */
export function progressLine(streams: { stdout: Output; stderr: Output }, what: readonly [string, string], totalBytes?: number): Progress {
  const { stdout, stderr } = streams;
  if (!stderr.isTTY || stdout.isTTY) return NO_PROGRESS;
  const log = createLogUpdate(stderr.stream, { showCursor: true });
  let last = 0;
  let shown = false;
  const count = new Intl.NumberFormat('en-US');
  return {
    update(done, bytesRead, name) {
      const now = Date.now();
      if (now - last < INTERVAL_MS) return;
      last = now;
      const share = totalBytes ? ` (${Math.floor((100 * bytesRead) / totalBytes)}%)` : '';
      const columns = Math.max(20, (stderr.columns || 80) - 1);
      log(fitWidth(`gradlab-formula: ${count.format(done)} ${done === 1 ? what[0] : what[1]}${share}, last: ${name}`, columns));
      shown = true;
    },
    finish(summary) {
      if (shown) log.clear();
      stderr.stream.write(`${summary}\n`);
    },
    clear() {
      if (shown) log.clear();
    },
  };
}

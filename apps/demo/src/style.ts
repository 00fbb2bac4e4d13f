/**
 * ANSI colour, used only when it helps: on a terminal, and never when the
 * user set NO_COLOR (https://no-color.org: present and not empty).
 */
import stringWidth from 'string-width';

/** The styles the demo uses; identity functions when colour is off. */
export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/**
 * Whether to colour a stream: only a TTY, and not when NO_COLOR is set to a
 * non-empty value.
 *
 * @example
 * ```ts
 * shouldUseColor({ isTTY: true }, { NO_COLOR: '1' }); // false
 * ```
 */
export function shouldUseColor(
  stream: { isTTY?: boolean | undefined },
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return stream.isTTY === true;
}

function wrap(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const identity = (text: string): string => text;

/** A {@link Style} that colours when `enabled`, and leaves text alone otherwise. */
export function createStyle(enabled: boolean): Style {
  if (!enabled) {
    return { enabled, bold: identity, dim: identity, red: identity, green: identity, yellow: identity, cyan: identity };
  }
  return {
    enabled,
    bold: wrap(1, 22),
    dim: wrap(2, 22),
    red: wrap(31, 39),
    green: wrap(32, 39),
    yellow: wrap(33, 39),
    cyan: wrap(36, 39),
  };
}

// eslint-disable-next-line no-control-regex
const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;

/** The text without ANSI escapes. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

/**
 * Columns the text occupies on a terminal, as `string-width` measures them:
 * ANSI escapes take none, a CJK character or an emoji two, a combining accent
 * none (counting code points made a CJK name's heading rule half as long).
 *
 * @example
 * ```ts
 * visibleWidth('王小明'); // 6
 * visibleWidth('\u001b[1mbold\u001b[22m'); // 4
 * ```
 */
export function visibleWidth(text: string): number {
  return stringWidth(text);
}

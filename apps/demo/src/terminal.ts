/**
 * Draws a report for a terminal: underlined headings, aligned tables,
 * wrapped paragraphs, indented code; colour only through a {@link Style}.
 */
import { type Block, type Column, type ExerciseResult, shownIn } from './document';
import { type Style, visibleWidth } from './style';

/** Paragraphs wrap at this many columns. */
export const WRAP_WIDTH = 80;

/**
 * Splits text into words, keeping each `code span` whole so that it is never
 * broken across lines.
 */
function tokens(text: string): string[] {
  const result: string[] = [];
  const pattern = /`[^`]*`\S*|\S+/g;
  for (const match of text.matchAll(pattern)) result.push(match[0]);
  return result;
}

/** Shows `code` spans in cyan, without their backticks. */
export function inline(text: string, style: Style): string {
  return text.replace(/`([^`]*)`/g, (_, code: string) => style.cyan(code));
}

/** Wraps text at `width` visible columns (code spans counted without backticks). */
export function wrap(text: string, width: number = WRAP_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  for (const word of tokens(text)) {
    const wordWidth = visibleWidth(word.replace(/`/g, ''));
    if (line !== '' && lineWidth + 1 + wordWidth > width) {
      lines.push(line);
      line = '';
      lineWidth = 0;
    }
    line = line === '' ? word : `${line} ${word}`;
    lineWidth = lineWidth === 0 ? wordWidth : lineWidth + 1 + wordWidth;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Wraps at spaces only, with no code-span handling (for messages shown verbatim). */
function wrapPlain(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && visibleWidth(line) + 1 + visibleWidth(word) > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

function pad(text: string, width: number, align: Column['align']): string {
  const gap = ' '.repeat(Math.max(0, width - visibleWidth(text)));
  return align === 'right' ? gap + text : text + gap;
}

/**
 * An aligned table: a bold header, a rule, then the rows; numbers right-aligned.
 *
 * @example
 * ```ts
 * formatTable([{ header: 'x' }, { header: 'grad', align: 'right' }], [['x1', '3.7730']], style);
 * ```
 */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[], style: Style, indent = '  '): string {
  const widths = columns.map((column, index) =>
    Math.max(visibleWidth(column.header), ...rows.map((row) => visibleWidth(row[index] ?? ''))),
  );
  const line = (cells: readonly string[], styleCell: (text: string) => string = (text) => text): string =>
    indent +
    cells
      .map((cell, index) => styleCell(pad(cell, widths[index]!, columns[index]!.align)))
      .join('  ')
      .trimEnd();
  const out = [line(columns.map((column) => column.header), style.bold)];
  out.push(indent + widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) out.push(line(row));
  return out.join('\n');
}

function renderBlock(block: Block, style: Style): string {
  switch (block.kind) {
    case 'heading': {
      const rule = (block.level === 1 ? '=' : '-').repeat(visibleWidth(block.text));
      const title = block.level === 1 ? style.bold(style.cyan(block.text)) : style.bold(block.text);
      return `${title}\n${style.dim(rule)}`;
    }
    case 'paragraph':
      return wrap(block.text)
        .map((line) => inline(line, style))
        .join('\n');
    case 'code':
      return block.text
        .split('\n')
        .map((line) => (line === '' ? '' : `    ${line}`))
        .join('\n');
    case 'table':
      return formatTable(
        block.columns,
        block.rows.map((row) => row.map((cell) => inline(cell, style))),
        style,
      );
    case 'check': {
      const mark = block.ok ? style.green('✓') : style.red('✗');
      const lines = wrap(block.text, WRAP_WIDTH - 2).map((line) => inline(line, style));
      return lines.map((line, index) => (index === 0 ? `${mark} ${line}` : `  ${line}`)).join('\n');
    }
    case 'error': {
      // The message as the library wrote it, wrapped, the class name highlighted.
      const lines = block.message
        .split('\n')
        .flatMap((line, index) => wrapPlain(index === 0 ? `${block.name}: ${line}` : line, WRAP_WIDTH - 4));
      return lines
        .map((line, index) => `    ${index === 0 ? style.yellow(block.name) + line.slice(block.name.length) : line}`)
        .join('\n');
    }
  }
}

/** The whole report of one exercise, ending with a newline. */
export function renderTerminal(result: Pick<ExerciseResult, 'title' | 'blocks'>, style: Style): string {
  const parts = [renderBlock({ kind: 'heading', level: 1, text: result.title }, style)];
  for (const block of result.blocks) {
    if (shownIn(block, 'terminal')) parts.push(renderBlock(block, style));
  }
  return `${parts.join('\n\n')}\n`;
}

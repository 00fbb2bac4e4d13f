/**
 * An exercise's report as data: a list of blocks that the terminal renderer
 * (`terminal.ts`) and the Markdown writer (`markdown.ts`) both draw, so the
 * two can never say different things.
 *
 * Text may contain `backtick` spans (code); the terminal shows them
 * highlighted without the backticks, Markdown keeps them.
 */

/** Column alignment: numbers right, words left. */
export type Align = 'left' | 'right';

/** One column of a {@link TableBlock}. */
export interface Column {
  header: string;
  align?: Align;
}

export interface HeadingBlock {
  kind: 'heading';
  /** 1: the exercise, 2: a step within it. */
  level: 1 | 2;
  text: string;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  text: string;
}

/** Preformatted text: tensor prints, formulas, the terminal graph. */
export interface CodeBlock {
  kind: 'code';
  text: string;
  /** Markdown fence language (`python`, `text`). */
  lang?: string;
}

export interface TableBlock {
  kind: 'table';
  columns: Column[];
  rows: string[][];
}

/** A verified claim (`ok`) or a failed one. */
export interface CheckBlock {
  kind: 'check';
  ok: boolean;
  text: string;
}

/** An error the demo provokes on purpose, shown as the library raised it. */
export interface ErrorBlock {
  kind: 'error';
  /** The error's class name, e.g. `LabelError`. */
  name: string;
  message: string;
}

/** Where a block is shown: both renderers (the default) or one only (LaTeX and Mermaid are for Markdown). */
export type Target = 'terminal' | 'markdown';

export type Block = (HeadingBlock | ParagraphBlock | CodeBlock | TableBlock | CheckBlock | ErrorBlock) & {
  only?: Target;
};

/** Whether a renderer for `target` shows the block. */
export function shownIn(block: Block, target: Target): boolean {
  return block.only === undefined || block.only === target;
}

/** A file an exercise writes next to its report with `--out` (Ex 3's SVG). */
export interface Attachment {
  fileName: string;
  content: string;
  /** What the file is, for the report's link text. */
  description: string;
}

/** What running one exercise gives. */
export interface ExerciseResult {
  id: 'ex1' | 'ex2' | 'ex3';
  title: string;
  blocks: Block[];
  /** The `--json` object: every input, output and gradient. */
  json: unknown;
  attachments: Attachment[];
  /** False when a check failed (the demo then exits 1). */
  ok: boolean;
}

/** A small builder so that exercises read top to bottom. */
export class DocumentBuilder {
  readonly blocks: Block[] = [];
  ok = true;

  heading(text: string, level: 1 | 2 = 2): this {
    this.blocks.push({ kind: 'heading', level, text });
    return this;
  }

  paragraph(text: string): this {
    this.blocks.push({ kind: 'paragraph', text });
    return this;
  }

  code(text: string, lang = 'text'): this {
    this.blocks.push({ kind: 'code', text, lang });
    return this;
  }

  /** Markdown only: text with LaTeX maths, a Mermaid diagram. */
  markdown(text: string): this {
    this.blocks.push({ kind: 'paragraph', text, only: 'markdown' });
    return this;
  }

  table(columns: Column[], rows: string[][]): this {
    for (const row of rows) {
      if (row.length !== columns.length) {
        throw new Error(`table: a row has ${row.length} cells, expected ${columns.length}`);
      }
    }
    this.blocks.push({ kind: 'table', columns, rows });
    return this;
  }

  /** Records a check; a failed one makes the whole exercise fail. */
  check(ok: boolean, text: string): this {
    if (!ok) this.ok = false;
    this.blocks.push({ kind: 'check', ok, text });
    return this;
  }

  error(name: string, message: string): this {
    this.blocks.push({ kind: 'error', name, message });
    return this;
  }
}

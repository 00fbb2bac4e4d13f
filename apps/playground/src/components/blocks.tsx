/**
 * The demo's exercise documents (`apps/demo/src/document.ts`) drawn as HTML:
 * the page shows Ex 1 and Ex 2 exactly as `pnpm demo` prints them, so the two
 * can never say different things.
 */
import type { Block } from '@gradlab/demo/document';
import type { ComponentChildren } from 'preact';
import { TeX } from './tex';

/** Text with `code` spans and $inline$ maths. */
export function RichText({ text }: { readonly text: string }) {
  const parts: ComponentChildren[] = [];
  const pattern = /`([^`]+)`|\$([^$]+)\$/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    if (match.index! > last) parts.push(text.slice(last, match.index));
    if (match[1] !== undefined) parts.push(<code>{match[1]}</code>);
    else parts.push(<TeX tex={match[2]!} plain={match[2]!} />);
    last = match.index! + match[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

function MarkdownOnly({ text }: { readonly text: string }) {
  // The demo's Markdown-only blocks are display maths ($$...$$) or a Mermaid diagram (the page draws its own graph).
  const display = /^\$\$\s*([\s\S]*?)\s*\$\$$/.exec(text.trim());
  if (display) return <p class="display-math"><TeX tex={display[1]!} plain={display[1]!} display /></p>;
  if (text.trimStart().startsWith('```mermaid')) return null;
  return <p><RichText text={text} /></p>;
}

export function Blocks({ blocks }: { readonly blocks: readonly Block[] }) {
  return (
    <div class="blocks">
      {blocks.map((block, i) => {
        if (block.only === 'terminal') return null;
        switch (block.kind) {
          case 'heading':
            return block.level === 1 ? <h2 key={i}>{block.text}</h2> : <h3 key={i}>{block.text}</h3>;
          case 'paragraph':
            return block.only === 'markdown' ? <MarkdownOnly key={i} text={block.text} /> : <p key={i}><RichText text={block.text} /></p>;
          case 'code':
            return <pre key={i} class="code"><code>{block.text}</code></pre>;
          case 'table':
            return (
              <div key={i} class="table-scroll">
                <table>
                  <thead>
                    <tr>{block.columns.map((c) => <th class={c.align === 'right' ? 'num' : undefined}>{c.header}</th>)}</tr>
                  </thead>
                  <tbody>
                    {block.rows.map((row) => (
                      <tr>{row.map((cell, k) => <td class={block.columns[k]!.align === 'right' ? 'num' : undefined}><RichText text={cell} /></td>)}</tr>
                    ))}
                  </tbody>
                </table>
              </div>
            );
          case 'check':
            return <p key={i} class={block.ok ? 'check ok' : 'check failed'}>{block.ok ? '✓ ' : '✗ '}<RichText text={block.text} /></p>;
          case 'error':
            return <pre key={i} class="code error-block"><code>{`${block.name}: ${block.message}`}</code></pre>;
        }
      })}
    </div>
  );
}

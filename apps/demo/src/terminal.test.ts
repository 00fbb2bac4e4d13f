import { describe, expect, it } from 'vitest';
import { createStyle, stripAnsi } from './style';
import { formatTable, renderTerminal, wrap } from './terminal';

const plain = createStyle(false);

describe('formatTable', () => {
  it('aligns columns: words left, numbers right', () => {
    const text = formatTable(
      [{ header: 'node' }, { header: 'value', align: 'right' }],
      [
        ['x1', '-2'],
        ['relu', '0.0000'],
      ],
      plain,
    );
    expect(text).toBe(['  node   value', '  ----  ------', '  x1        -2', '  relu  0.0000'].join('\n'));
  });

  it('measures coloured cells by their visible width', () => {
    const style = createStyle(true);
    const text = formatTable([{ header: 'a' }, { header: 'b' }], [[style.red('xx'), 'y']], style);
    expect(stripAnsi(text)).toBe(['  a   b', '  --  -', '  xx  y'].join('\n'));
  });
});

describe('wrap', () => {
  it('wraps at the width without breaking code spans', () => {
    const lines = wrap('one two three `a code span` four', 14);
    expect(lines).toEqual(['one two three', '`a code span`', 'four']);
  });
});

describe('renderTerminal', () => {
  it('draws headings, paragraphs, code, checks and errors', () => {
    const text = renderTerminal(
      {
        title: 'Ex 9',
        blocks: [
          { kind: 'heading', level: 2, text: 'Step' },
          { kind: 'paragraph', text: 'See `y`.' },
          { kind: 'code', text: 'tensor(1.)' },
          { kind: 'check', ok: true, text: 'equal' },
          { kind: 'check', ok: false, text: 'different' },
          { kind: 'error', name: 'LabelError', message: 'bad label' },
        ],
      },
      plain,
    );
    expect(text).toBe(
      [
        'Ex 9',
        '====',
        '',
        'Step',
        '----',
        '',
        'See y.',
        '',
        '    tensor(1.)',
        '',
        '✓ equal',
        '',
        '✗ different',
        '',
        '    LabelError: bad label',
        '',
      ].join('\n'),
    );
  });

  it('uses colour only through the style', () => {
    const result = { title: 'T', blocks: [{ kind: 'check' as const, ok: true, text: '`x` ok' }] };
    expect(renderTerminal(result, plain)).not.toContain('\u001b[');
    expect(renderTerminal(result, createStyle(true))).toContain('\u001b[32m✓');
  });
});

describe('renderTerminal, continued', () => {
  it('skips blocks meant for Markdown only', () => {
    const text = renderTerminal(
      { title: 'T', blocks: [{ kind: 'paragraph', text: '$$x$$', only: 'markdown' }, { kind: 'paragraph', text: 'shown' }] },
      plain,
    );
    expect(text).toBe('T\n=\n\nshown\n');
  });

  it('wraps a long error message with the class name on the first line', () => {
    const message = `${'word '.repeat(20)}end`;
    const lines = renderTerminal({ title: 'T', blocks: [{ kind: 'error', name: 'LabelError', message }] }, plain)
      .split('\n')
      .slice(3, -1);
    expect(lines[0]!.startsWith('    LabelError: word')).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((line) => line.length <= 80 && line.startsWith('    '))).toBe(true);
    expect(lines.join(' ').replace(/\s+/g, ' ').trim()).toBe(`LabelError: ${message.trim()}`);
  });
});

describe('tables and code spans', () => {
  it('shows code spans in table cells without backticks, aligned by what is visible', () => {
    const block = { kind: 'table' as const, columns: [{ header: 'a' }, { header: 'b' }], rows: [['`x`', 'y']] };
    expect(renderTerminal({ title: 'T', blocks: [block] }, plain)).toBe('T\n=\n\n  a  b\n  -  -\n  x  y\n');
    expect(stripAnsi(renderTerminal({ title: 'T', blocks: [block] }, createStyle(true)))).toBe('T\n=\n\n  a  b\n  -  -\n  x  y\n');
  });
});

describe('wide characters', () => {
  it("underlines a CJK heading across its full width, and aligns CJK cells", () => {
    const text = renderTerminal({ title: 'Ex 3: 王小明', blocks: [{ kind: 'heading', level: 2, text: '王小明 Li' }] }, plain);
    expect(text).toBe(['Ex 3: 王小明', '============', '', '王小明 Li', '---------', ''].join('\n'));
    const table = formatTable([{ header: 'name' }, { header: 'f', align: 'right' }], [['王小明', '1'], ['Ada', '-2.5']], plain);
    expect(table).toBe(['  name       f', '  ------  ----', '  王小明     1', '  Ada     -2.5'].join('\n'));
  });

  it('wraps by columns, a CJK word counting double', () => {
    expect(wrap('王小明 王小明 ab', 13)).toEqual(['王小明 王小明', 'ab']);
    expect(wrap('王小明 王小明 ab', 12)).toEqual(['王小明', '王小明 ab']);
  });
});

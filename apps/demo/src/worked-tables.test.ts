import { solve } from '@gradlab/formula';
import { describe, expect, it } from 'vitest';
import { DocumentBuilder } from './document';
import { addBackwardTable, fanOutSentences, graphTree } from './worked-tables';

describe('fanOutSentences', () => {
  it('sums the contributions of a node that feeds several others, and says nothing otherwise', () => {
    expect(fanOutSentences(solve('x1 * x2 + x1', [3, 4]))).toEqual([
      'x1 feeds v2 = v1 + x1 and v1 = x1 * x2, so ∂f/∂x1 is the sum of two contributions, one per edge: 1 (through v2) + 4 (through v1) = 5.',
    ]);
    expect(fanOutSentences(solve('x1 * x1 * x1', [2]), 'y')[0]).toBe(
      'x1 feeds v2 = v1 * x1 and v1 = x1 * x1 (twice), so ∂y/∂x1 is the sum of three contributions, one per edge: 4 (through v2) + 4 (through v1) + 4 (through v1) = 12.',
    );
    expect(fanOutSentences(solve('x1 * x2', [3, 4]))).toEqual([]);
  });
});

describe('graphTree and addBackwardTable', () => {
  it('draws the output at the top with values and gradients, and names the function in the header', () => {
    const solution = solve('x1 * x2', [3, 4]);
    expect(graphTree(solution)).toBe(['node          data  grad', 'v1 = x1 * x2    12     1', '├── x1           3     4', '└── x2           4     3'].join('\n'));
    const doc = new DocumentBuilder();
    addBackwardTable(doc, solution, 'y');
    const table = doc.blocks[0]!;
    expect(table.kind === 'table' && table.columns.at(-1)!.header).toBe('∂y/∂node');
  });
});

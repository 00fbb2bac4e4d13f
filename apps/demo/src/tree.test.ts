import { describe, expect, it } from 'vitest';
import { drawTree, type TreeNode } from './tree';

const leaf = (id: string): TreeNode => ({ id, label: id, children: [] });

describe('drawTree', () => {
  it('draws nested branches with continuation lines', () => {
    const mul: TreeNode = { id: 'mul', label: 'mul', children: [leaf('x1'), leaf('x2')] };
    const relu: TreeNode = { id: 'relu', label: 'relu', children: [mul] };
    const root: TreeNode = { id: 'div', label: 'div', children: [relu, leaf('x5')] };
    expect(drawTree(root)).toBe(['div', '├── relu', '│   └── mul', '│       ├── x1', '│       └── x2', '└── x5'].join('\n'));
  });

  it('draws a shared subgraph once and refers to it afterwards', () => {
    const shared: TreeNode = { id: 's', label: 's', children: [leaf('x3'), leaf('x5')] };
    const root: TreeNode = { id: 'y', label: 'y', children: [shared, { id: 'm', label: 'm', children: [shared, leaf('x5')] }] };
    expect(drawTree(root)).toBe(
      ['y', '├── s', '│   ├── x3', '│   └── x5', '└── m', '    ├── s (drawn above)', '    └── x5'].join('\n'),
    );
  });
});

/**
 * Draws a computational graph in the terminal as a tree, output at the top
 * and inputs at the leaves, with box-drawing branches. A node that feeds
 * several others (a DAG) is drawn in full once and referenced afterwards.
 */

/** A node to draw: its text and the nodes it is computed from. */
export interface TreeNode {
  /** Stable identity: a node reached twice is drawn once. */
  id: string;
  label: string;
  children: readonly TreeNode[];
}

/**
 * The tree as lines of text.
 *
 * @example
 * ```ts
 * drawTree({ id: 'y', label: 'y = x1 * x2', children: [
 *   { id: 'x1', label: 'x1 = 2', children: [] },
 *   { id: 'x2', label: 'x2 = 3', children: [] },
 * ] });
 * // y = x1 * x2
 * // ├── x1 = 2
 * // └── x2 = 3
 * ```
 */
export function drawTree(root: TreeNode): string {
  const lines: string[] = [];
  const drawn = new Set<string>();
  const stack: { node: TreeNode; prefix: string; branch: string }[] = [{ node: root, prefix: '', branch: '' }];
  while (stack.length > 0) {
    const { node, prefix, branch } = stack.pop()!;
    const seen = drawn.has(node.id) && node.children.length > 0;
    lines.push(`${prefix}${branch}${node.label}${seen ? ' (drawn above)' : ''}`);
    if (seen) continue;
    drawn.add(node.id);
    const childPrefix = prefix + (branch === '' ? '' : branch === '└── ' ? '    ' : '│   ');
    for (let index = node.children.length - 1; index >= 0; index--) {
      const last = index === node.children.length - 1;
      stack.push({ node: node.children[index]!, prefix: childPrefix, branch: last ? '└── ' : '├── ' });
    }
  }
  return lines.join('\n');
}

import { describe, expect, it } from 'vitest';
import { graph, toDot, toMermaid, toSvg } from './graph';
import { courseLabel } from './printers';
import { solve } from './solve';

describe('graph', () => {
  it('has one node per input and per operation, in evaluation order, with edges', () => {
    const g = graph(solve('x1 * x2 + x1', [3, 4]));
    expect(g.nodes.map((n) => [n.name, n.label, n.definition, n.value, n.grad])).toEqual([
      ['x1', '', 'x1', 3, 5],
      ['x2', '', 'x2', 4, 3],
      ['v1', '*', 'x1 * x2', 12, 1],
      ['v2', '+', 'v1 + x1', 15, 1],
    ]);
    expect(g.edges).toEqual([
      { from: 0, to: 2 },
      { from: 1, to: 2 },
      { from: 2, to: 3 },
      { from: 0, to: 3 },
    ]);
  });

  it('exports DOT with micrograd-style records (name | data | grad) and operation nodes', () => {
    const dot = toDot(solve('sqrt(x1) * x2', [4, 3]));
    expect(dot).toBe(
      [
        'digraph formula {',
        '  rankdir=LR;',
        '  node [fontname="Helvetica"];',
        '  "x1" [label="{ x1 | data 4 | grad 0.75 }", shape=record];',
        '  "x2" [label="{ x2 | data 3 | grad 2 }", shape=record];',
        '  "v1" [label="{ v1 = √(x1) | data 2 | grad 3 }", shape=record];',
        '  "v1_op" [label="√"];',
        '  "v1_op" -> "v1";',
        '  "v2" [label="{ v2 = v1 * x2 | data 6 | grad 1 }", shape=record];',
        '  "v2_op" [label="*"];',
        '  "v2_op" -> "v2";',
        '  "x1" -> "v1_op";',
        '  "v1" -> "v2_op";',
        '  "x2" -> "v2_op";',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('labels every operator', () => {
    expect(toDot(solve('x1 - x2', [1, 2]))).toContain('"v1_op" [label="-"]');
    const dot = toDot(solve('1/(x1)', [0.5]));
    expect(dot).toContain('"v1" [label="{ v1 = 1/(x1) | data 2 | grad 1 }", shape=record];');
    expect(dot).toContain('"x1" [label="{ x1 | data 0.5 | grad -4 }", shape=record];');
    expect(dot).toContain('"v1_op" [label="1/"];');
  });

  it('exports a Mermaid flowchart', () => {
    expect(toMermaid(solve('exp(x1)', [0]))).toBe(
      [
        'flowchart LR',
        '  n_x1["x1<br/>data 0<br/>grad 1"]',
        '  n_v1["v1 = exp(x1)<br/>data 1<br/>grad 1"]',
        '  op_v1(("exp"))',
        '  op_v1 --> n_v1',
        '  n_x1 --> op_v1',
        '',
      ].join('\n'),
    );
  });

  it('shows nan in the graph where the values are outside the domain', () => {
    expect(toMermaid(solve('log(x1)', [-1]))).toContain('data nan');
  });

  it('renders SVG with Graphviz compiled to WebAssembly', async () => {
    const svg = await toSvg(solve('x1 * x2', [3, 4]));
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('<svg');
    expect(svg).toContain('v1 = x1 * x2');
  });

  it('labels every operator as the course writes it', () => {
    const labels = Object.fromEntries(
      (['add', 'sub', 'mul', 'div', 'pow', 'neg', 'square', 'cube', 'log', 'exp', 'cos', 'sin', 'tan', 'atan', 'reciprocal', 'sqrt', 'relu', 'leakyRelu', 'step', 'leakyStep', 'input'] as const).map(
        (op) => [op, courseLabel(op)],
      ),
    );
    expect(labels).toEqual({
      add: '+', sub: '-', mul: '*', div: '/', pow: '^', neg: 'neg', square: '^2', cube: '^3', log: 'log', exp: 'exp', cos: 'cos', sin: 'sin',
      tan: 'tan', atan: 'arctan', reciprocal: '1/', sqrt: '√', relu: 'ReLU', leakyRelu: 'LeakyReLU', step: 'step', leakyStep: 'leaky_step', input: '',
    });
  });
});

describe('graph of values outside the domain', () => {
  it('DOT and Mermaid say why the values are not finite and mark the failing node', () => {
    const solution = solve('log(x1 - x2)', [2, 2]);
    const note = 'Not finite or not differentiable at these values: v2 = log(x1 - x2): log of 0';
    const dot = toDot(solution);
    expect(dot).toContain(`  label="${note}`);
    expect(dot).toContain('"v2" [label="{ v2 = log(v1) | data -inf | grad 1 }", shape=record, color=red, fontcolor=red];');
    const mermaid = toMermaid(solution);
    expect(mermaid).toContain(`  domain_note["${note}`);
    expect(mermaid).toContain('  style n_v2 stroke:#c00,color:#c00');
    expect(toDot(solve('log(x1 - x2)', [3, 2]))).not.toContain('label="Not finite');
  });
});

describe('a blank graph', () => {
  it('keeps every box and operation, and none of the numbers', async () => {
    const s = solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]);
    const dot = toDot(s, { blank: true });
    expect(dot.match(/shape=record/g)).toHaveLength(12);
    expect(dot).toContain('v5 = v2 - v4');
    expect(dot).not.toMatch(/-1\.37|35\.7|data -?\d|grad -?\d/);
    const svg = await toSvg(s, { blank: true, layout: 'print' });
    expect(svg).toContain('__________');
    expect(svg).not.toMatch(/1\.3734|35\.708/);
  });

  it('leaves out the domain note, which would give numbers away', () => {
    const s = solve('log(x1 - x2)', [1, 3]);
    expect(toDot(s)).toContain('Not finite');
    expect(toDot(s, { blank: true })).not.toContain('Not finite');
  });
});

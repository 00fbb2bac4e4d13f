/**
 * Ex 2 run as a process: the JSON has the shapes the issue gives, and its
 * loss, output and gradients match an independent float64 recomputation.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectAllClose } from '@gradlab/testing';
import { mlpReference, type Matrix } from './mlp-reference';
import { type DemoRun, forbiddenWords, runDemo, PROCESS_TIMEOUT } from './run-demo';

interface Ex2Json {
  seed: number;
  x: Matrix;
  labels: number[];
  oneHot: Matrix;
  weights: Matrix[];
  output: Matrix;
  loss: number;
  grads: Matrix[];
}

const SHAPES: [number, number][] = [
  [11, 5],
  [16, 11],
  [13, 16],
  [8, 13],
  [4, 8],
];

function shapeOf(matrix: Matrix): [number, number] {
  expect(matrix.every((row) => row.length === matrix[0]!.length)).toBe(true);
  return [matrix.length, matrix[0]!.length];
}

/** |actual - expected| <= relative * max|expected| + absolute, elementwise (row-major labels). */
function expectClose(actual: Matrix, expected: Matrix, relative: number, absolute = 1e-7): void {
  expect(shapeOf(actual)).toEqual(shapeOf(expected));
  expectAllClose(actual.flat(), expected.flat(), { scaleRtol: relative, atol: absolute }, 'matrix');
}

let seed3: DemoRun;
let seed3Again: DemoRun;
let seed0: DemoRun;
let text: DemoRun;

beforeAll(async () => {
  [seed3, seed3Again, seed0, text] = await Promise.all([
    runDemo(['ex2', '--seed', '3', '--json']),
    runDemo(['ex2', '--json', '--seed=3']),
    runDemo(['ex2', '--json']),
    runDemo(['ex2', '--seed', '3']),
  ]);
}, PROCESS_TIMEOUT);

describe('ex2 --json', () => {
  it('exits 0 with one JSON object and nothing on stderr', () => {
    expect(seed3.stderr).toBe('');
    expect(seed3.code).toBe(0);
    expect(seed3.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('has exactly the keys and shapes of the issue', () => {
    const json = JSON.parse(seed3.stdout) as Ex2Json;
    expect(Object.keys(json)).toEqual(['seed', 'x', 'labels', 'oneHot', 'weights', 'output', 'loss', 'grads']);
    expect(json.seed).toBe(3);
    expect(shapeOf(json.x)).toEqual([10, 5]);
    expect(json.labels).toEqual([1, 2, 3, 4, 1, 2, 3, 4, 1, 2]);
    expect(json.oneHot).toEqual(json.labels.map((label) => [0, 1, 2, 3].map((c) => (c === label - 1 ? 1 : 0))));
    expect(json.weights.map(shapeOf)).toEqual(SHAPES);
    expect(json.grads.map(shapeOf)).toEqual(SHAPES);
    expect(shapeOf(json.output)).toEqual([10, 4]);
    expect(typeof json.loss).toBe('number');
  });

  it('draws x from rand (values in [0, 1)) and the weights from PyTorch\'s Linear init, U(-1/sqrt(in), 1/sqrt(in))', () => {
    const json = JSON.parse(seed3.stdout) as Ex2Json;
    expect(json.x.flat().every((value) => value >= 0 && value < 1)).toBe(true);
    json.weights.forEach((weight, layer) => {
      const bound = 1 / Math.sqrt(SHAPES[layer]![1]);
      expect(weight.flat().every((value) => Math.abs(value) <= bound)).toBe(true);
    });
  });

  it('is reproducible for a seed and changes with it', () => {
    expect(seed3Again.stdout).toBe(seed3.stdout);
    const other = JSON.parse(seed0.stdout) as Ex2Json;
    const json = JSON.parse(seed3.stdout) as Ex2Json;
    expect(other.seed).toBe(0);
    expect(other.x).not.toEqual(json.x);
    expect(other.weights[0]).not.toEqual(json.weights[0]);
  });

  it.each([
    ['seed 3', () => seed3],
    ['seed 0', () => seed0],
  ])('matches an independent float64 recomputation of output, loss and gradients (%s)', (_, get) => {
    const json = JSON.parse(get().stdout) as Ex2Json;
    const reference = mlpReference(json.x, json.weights, json.oneHot);
    expectClose(json.output, reference.output, 1e-5);
    expect(Math.abs(json.loss - reference.loss)).toBeLessThan(1e-5 * reference.loss);
    // Ten points, four classes, near-uniform softmax: about 10 * log(4).
    expect(reference.loss).toBeGreaterThan(10 * Math.log(4) - 1);
    json.grads.forEach((grad, layer) => expectClose(grad, reference.grads[layer]!, 1e-4));
    // The first layer's gradient is a real, non-zero 11x5 matrix (the notebook printed None).
    expect(json.grads[0]!.flat().some((value) => value !== 0)).toBe(true);
  });
});

describe('ex2 terminal report', () => {
  it('exits 0 and contains no undefined, NaN or [object Object]', () => {
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(forbiddenWords(text.stdout)).toEqual([]);
  });

  it('shows the 1-based trap as the LabelError the library raises, then the fix', () => {
    expect(text.stdout).toMatch(/LabelError: oneHot: label 4 at position \[3\][\s\S]{0,200}1-based/);
    expect(text.stdout).toContain('oneHot(labels, 4)');
    expect(text.stdout).toContain('[0, 0, 0, 1]');
  });

  it('prints the output with its grad_fn, both losses agreeing, and the 11x5 gradient', () => {
    const json = JSON.parse(seed3.stdout) as Ex2Json;
    expect(text.stdout).toContain('grad_fn=<SoftmaxBackward0>');
    expect(text.stdout).toContain(json.loss.toFixed(6));
    expect(text.stdout).toContain('✓ the two losses agree');
    expect(text.stdout).toContain('None');
    // From the notebook's execution counts: the print (In [9]) ran before backward() (In [16]).
    expect(text.stdout.replace(/\s+/g, ' ')).toContain('In [9] printed list(model.parameters())[0].grad, and only then did In [13] to In [16]');
    // The gradient block: 11 rows of 5 numbers.
    const gradient = text.stdout.split('(11 x 5')[1]!.split('\n\n')[1]!;
    expect(gradient.trim().split('\n')).toHaveLength(11);
  });
});

interface TorchFixture {
  torch: string;
  cases: Ex2Json[];
}

describe('ex2 against PyTorch 1.13 (fixture from scripts/fixtures/gen_demo.py)', () => {
  const fixture = JSON.parse(readFileSync(new URL('./fixtures/ex2-torch.json', import.meta.url), 'utf8')) as TorchFixture;

  it.each(fixture.cases.map((torchCase) => [torchCase.seed, torchCase] as const))(
    'seed %i: the same data and initial weights, the same output, loss and gradients',
    (seed, torchCase) => {
      const json = JSON.parse((seed === 3 ? seed3 : seed0).stdout) as Ex2Json;
      // The generator reproduces PyTorch's stream: the draws are identical.
      expect(json.x).toEqual(torchCase.x);
      expect(json.weights).toEqual(torchCase.weights);
      expect(json.oneHot).toEqual(torchCase.oneHot);
      expectClose(json.output, torchCase.output, 1e-5);
      expect(Math.abs(json.loss - torchCase.loss)).toBeLessThan(1e-5 * torchCase.loss);
      json.grads.forEach((grad, layer) => expectClose(grad, torchCase.grads[layer]!, 1e-4));
    },
  );
});

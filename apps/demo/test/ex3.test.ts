/**
 * Ex 3 run as a process: the homework's name gives the homework's numbers;
 * a name whose values break the formula gets the domain report.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type DemoRun, forbiddenWords, runDemo, runFormulaCli, PROCESS_TIMEOUT } from './run-demo';

interface FormulaJson {
  name: string;
  formula: string;
  values: number[];
  f: number | string;
  grad: (number | string)[];
  domainError: unknown;
}

// PyTorch 1.13, float64, for "Francesco Tomba" (the course's vectors).
const TORCH64_F = -5.000000000000001;
const TORCH64_GRAD = [0.0, 0.0, -1.0000000000000004, 1.0000000000000004, 35.70841994057043];

// "Grace Hopper": arctan((ReLU(x1 * x2) / √(x3 * x4)) * x5) at [2, -5, -4, 4, 3]:
// x3 * x4 = -16, so the square root is not real.
const BROKEN_NAME = 'Grace Hopper';

let text: DemoRun;
let json: DemoRun;
let broken: DemoRun;
let brokenJson: DemoRun;
let cli: DemoRun;
let brokenCli: DemoRun;

beforeAll(async () => {
  [text, json, broken, brokenJson, cli, brokenCli] = await Promise.all([
    runDemo(['ex3']),
    runDemo(['ex3', '--json', '--name', 'Francesco Tomba']),
    runDemo(['ex3', '--name', BROKEN_NAME]),
    runDemo(['ex3', '--name', BROKEN_NAME, '--json']),
    runFormulaCli(['--json', 'Francesco Tomba']),
    runFormulaCli(['--json', BROKEN_NAME]),
  ]);
}, PROCESS_TIMEOUT);

describe('ex3 for the homework\'s name', () => {
  it('exits 0 with nothing on stderr and no undefined, NaN or [object Object]', () => {
    expect(text.stderr).toBe('');
    expect(text.code).toBe(0);
    expect(forbiddenWords(text.stdout)).toEqual([]);
  });

  it('prints the course script\'s formula and values', () => {
    expect(text.stdout).toContain('f(X) =  tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)');
    expect(text.stdout).toContain("{'x1': -2, 'x2': 2, 'x3': 3, 'x4': -2, 'x5': 1}");
  });

  it('gives f = -5.0000 and the gradient [0.0000, 0.0000, -1.0000, 1.0000, 35.7084], three ways agreeing', () => {
    expect(text.stdout).toContain('f = -5.0000');
    expect(text.stdout).toContain('[0.0000, 0.0000, -1.0000, 1.0000, 35.7084]');
    expect(text.stdout).not.toContain('✗');
    expect(text.stdout).toMatch(/✓ .*agree/);
  });

  it('draws the graph with every node\'s value and gradient, and the forward and backward tables', () => {
    const out = text.stdout;
    // The graph: output at the top, x5 a direct input of the division, its gradient 35.7084.
    expect(out).toMatch(/^ {4}v7 = tan\(v6\) +-5 +1$/m);
    expect(out).toMatch(/^ {4}└── v6 = v5 \/ x5 +-1\.3734 +26$/m);
    expect(out).toMatch(/^ {4} {4}└── x5 +1 +35\.7084$/m);
    // Twelve nodes: five inputs and seven operations.
    const graph = out.split('    node ')[1]!.split('\n\n')[0]!;
    expect(graph.trim().split('\n')).toHaveLength(13);
    // Forward table: the last node is the whole formula.
    expect(out).toMatch(/^ {2}v7 +tan\(v6\) +tan\(\(ReLU\(x1 \* x2\) - arctan\(x3 - x4\)\) \/ x5\) +-5$/m);
    // Backward table: the edge into x5 and the three-way table.
    expect(out).toMatch(/^ {2}x5 +v6 +.* 1\.3734 +26 +35\.7084 +35\.7084$/m);
    expect(out).toMatch(/∂f\/∂x5 +35\.70841994 +35\.70841994 +35\.70841994 +\S+ +agree/);
  });

  it('explains, with PyTorch\'s numbers, why the notebook\'s mis-parenthesised line still printed the right values', () => {
    const paragraph = text.stdout.split("The notebook's transcription")[1]!.replace(/\s+/g, ' ');
    expect(paragraph).toContain('ReLU(x1 * x2) = 0, so both readings give the same f and the same gradient');
    // torch.tan((x[0]*x[1]).relu() - (x[2] - x[3]).atan() / x[4]) at [2, 2, 3, -2, 2], float64, vs the formula.
    expect(paragraph).toContain('at x = [2, 2, 3, -2, 2] the notebook\'s line would give f = 0.1734 instead of 3.7973');
    expect(paragraph).toContain('∂f/∂x5 = 0.3537 instead of -10.1254');
  });

  it('--json is the formula command\'s object, matching PyTorch in float64', () => {
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout) as FormulaJson;
    expect(data.name).toBe('Francesco Tomba');
    expect(data.formula).toBe('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)');
    expect(data.values).toEqual([-2, 2, 3, -2, 1]);
    expect(data.domainError).toBeNull();
    expect(Math.abs((data.f as number) - TORCH64_F)).toBeLessThan(1e-9 * 5);
    data.grad.forEach((value, index) => {
      expect(Math.abs((value as number) - TORCH64_GRAD[index]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(TORCH64_GRAD[index]!)));
    });
  });
});

describe('ex3 --json and the formula command', () => {
  it('prints exactly what `gradlab-formula --json NAME` prints, for a good and a broken name', () => {
    expect(cli.code).toBe(0);
    expect(brokenCli.code).toBe(0);
    expect(json.stdout).toBe(cli.stdout);
    expect(brokenJson.stdout).toBe(brokenCli.stdout);
  });
});

describe('ex3 for a name whose values break the formula', () => {
  it('shows the domain report and the proposed change, never a NaN', () => {
    expect(broken.stderr).toBe('');
    expect(broken.code).toBe(0);
    expect(forbiddenWords(broken.stdout)).toEqual([]);
    expect(broken.stdout).toContain('arctan((ReLU(x1 * x2) / √(x3 * x4)) * x5)');
    expect(broken.stdout.toLowerCase()).toContain('domain');
    expect(broken.stdout.toLowerCase()).toContain('proposed change');
    expect(broken.stdout).toMatch(/x3|x4/);
  });

  it('--json reports the domain error', () => {
    expect(brokenJson.code).toBe(0);
    const data = JSON.parse(brokenJson.stdout) as FormulaJson;
    expect(data.name).toBe(BROKEN_NAME);
    expect(data.values).toEqual([2, -5, -4, 4, 3]);
    expect(data.domainError).not.toBeNull();
    expect(typeof data.domainError).toBe('object');
  });
});

/*
 * The course randomizer's formulas (fixtures/randomizer.json, copied from the
 * course vectors), rebuilt from the library's ops in float64 by a tiny
 * translator of the course notation, against PyTorch's float64 value and
 * gradient: relative 1e-9 where PyTorch is finite, non-finite where it is not.
 *
 * Notation: ReLU, LeakyReLU (slope 0.01), arctan, √ (sqrt of the following
 * group), 1/ (reciprocal of the following group), ^2 / ^3 (power of the
 * preceding group), log (natural), + - * / with the usual precedence.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  add, atan, cos, div, exp, leakyRelu, log, mul, pow, reciprocal, relu, sin, sqrt, sub, tan, tensor, Tensor,
} from '../src/index';
import { decode, type Num } from './helpers';

interface Vector {
  name: string;
  formula: string;
  values: number[];
  torch64: { f: Num; grad: Num[] };
}

const vectors = JSON.parse(readFileSync(new URL('./fixtures/randomizer.json', import.meta.url), 'utf8')) as Vector[];

const FUNCTIONS: Record<string, (x: Tensor) => Tensor> = {
  sin, cos, tan, exp, log, arctan: atan, ReLU: relu, LeakyReLU: (x) => leakyRelu(x, 0.01),
};

/** Recursive-descent translation of a course formula into autograd ops on x[0..4]. */
function translate(formula: string, x: Tensor): Tensor {
  const tokens = formula.match(/1\/(?=\()|[A-Za-z]+\d*|\d+(?:\.\d+)?|\^\d|[()+\-*/√]/g);
  if (tokens === null || tokens.join('') !== formula.replace(/\s+/g, '')) {
    throw new Error(`cannot tokenize ${formula}`);
  }
  let pos = 0;
  const peek = () => tokens[pos];
  const take = (want?: string) => {
    const t = tokens[pos++];
    if (t === undefined || (want !== undefined && t !== want)) throw new Error(`expected ${want ?? 'a token'} at ${pos} in ${formula}`);
    return t;
  };
  const group = (): Tensor => {
    take('(');
    const e = expression();
    take(')');
    return e;
  };
  const atom = (): Tensor => {
    const t = peek();
    if (t === '(') return group();
    if (t === '√') {
      take();
      return sqrt(atom());
    }
    if (t === '1/') {
      take();
      return reciprocal(atom());
    }
    take();
    const variable = /^x([1-5])$/.exec(t!);
    if (variable !== null) return x.at(Number(variable[1]) - 1);
    const fn = FUNCTIONS[t!];
    if (fn !== undefined) return fn(group());
    throw new Error(`unknown token ${t} in ${formula}`);
  };
  const postfix = (base: Tensor): Tensor => {
    let out = base;
    while (peek()?.startsWith('^')) out = pow(out, Number(take().slice(1)));
    return out;
  };
  const factor = (): Tensor => postfix(atom());
  const term = (): Tensor => {
    let out = factor();
    while (peek() === '*' || peek() === '/') out = take() === '*' ? mul(out, factor()) : div(out, factor());
    return out;
  };
  const expression = (): Tensor => {
    let out = term();
    while (peek() === '+' || peek() === '-') out = take() === '+' ? add(out, term()) : sub(out, term());
    return out;
  };
  const result = expression();
  if (pos !== tokens.length) throw new Error(`trailing tokens in ${formula}`);
  return result;
}

function expectMatch(got: number, want: number, label: string): void {
  if (!Number.isFinite(want)) {
    expect(Number.isFinite(got), `${label}: got ${got}, PyTorch ${want}`).toBe(false);
    return;
  }
  if (want === 0) {
    // even the sign of zero: PyTorch sums the select gradients of x's elements into zeros
    expect(Object.is(got, want), `${label}: got ${Object.is(got, -0) ? '-0' : got}, PyTorch ${Object.is(want, -0) ? '-0' : want}`).toBe(true);
    return;
  }
  const ok = Math.abs(got - want) <= 1e-9 * Math.abs(want);
  expect(ok, `${label}: got ${got}, PyTorch ${want}`).toBe(true);
}

describe('course randomizer formulas against PyTorch float64', () => {
  it('has the 20 vectors', () => {
    expect(vectors).toHaveLength(20);
  });

  for (const v of vectors) {
    it(`${v.name}: ${v.formula}`, () => {
      const x = tensor(v.values, { dtype: 'float64', requiresGrad: true });
      const f = translate(v.formula, x);
      expectMatch(f.item(), decode(v.torch64.f), 'f');
      f.backward();
      const g = x.grad!.toArray() as number[];
      v.torch64.grad.forEach((want, i) => expectMatch(g[i]!, decode(want), `df/dx${i + 1}`));
    });
  }

  it('translates the notation as intended', () => {
    const x = tensor([4, 2, 1, 1, 3], { dtype: 'float64' });
    expect(translate('1/(x1 + x2) * x5', x).item()).toBeCloseTo(0.5, 15);
    expect(translate('√(x1 * x3) * x2', x).item()).toBe(4);
    expect(translate('cos(x1 / x2) / 1/(x3 + x4)', x).item()).toBeCloseTo(Math.cos(2) * 2, 15);
    expect(translate('(x1 - x2)^2 / x2', x).item()).toBe(2);
    expect(translate('x1 - x2 - x3', x).item()).toBe(1);
    expect(translate('LeakyReLU(x3 - x1)', x).item()).toBeCloseTo(-0.03, 15);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from './parser';
import { analyzeDomain, COURSE_RANGE, findKinks, fixQuality, HAND_LIMIT, SEARCH_BUDGET } from './domain';
import { PythonRandom } from './python-random';
import { trace } from './evaluate';
import { randomFormula } from './randomizer';

describe('analyzeDomain', () => {
  it('is null where every value and gradient is finite', () => {
    expect(analyzeDomain(parse('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)'), [-2, 2, 3, -2, 1])).toBeNull();
  });

  it('names the node, the operator and the inputs that feed it', () => {
    const d = analyzeDomain(parse('exp(x3) + log(x1 - x2)'), [1, 3, 0.5])!;
    expect(d.problems).toEqual([
      { node: 'v3', op: 'log', expression: 'log(x1 - x2)', reason: 'log of a negative number (-2)', inputs: ['x1', 'x2'], value: Number.NaN },
    ]);
    expect(d.responsible).toEqual(['x1', 'x2']);
    expect(d.proposal).toEqual({ changes: [{ variable: 'x1', from: 1, to: 4 }], values: [4, 3, 0.5] });
    expect(d.message).toBe('v3 = log(x1 - x2): log of a negative number (-2) (fed by x1, x2); change x1 from 1 to 4');
  });

  it('finds division by zero, the root at 0 and log of 0', () => {
    expect(analyzeDomain(parse('x1 / (x2 - x3)'), [1, 2, 2])!.problems[0]!.reason).toBe('division by zero');
    expect(analyzeDomain(parse('1/(x1 - x2)'), [2, 2])!.problems[0]!.reason).toBe('reciprocal of 0 (division by zero)');
    expect(analyzeDomain(parse('sqrt(x1 + x2)'), [2, -2])!.problems[0]!.reason).toBe('square root at 0 (its derivative 1/(2√0) is infinite)');
    expect(analyzeDomain(parse('log(x1 * x2)'), [0, 2])!.problems[0]!.reason).toBe('log of 0 (the value is -inf, the derivative 1/0)');
    expect(analyzeDomain(parse('exp(exp(x1))'), [7])!.problems[0]!.reason).toBe('overflow to infinity');
    expect(analyzeDomain(parse('tan(x1 / 2)'), [Math.PI])!.problems[0]!.reason).toBe(`tan at a pole (${Math.PI / 2})`);
  });

  it('reports a failure in the backward pass only', () => {
    // sqrt(0) = 0 is finite, ReLU(0) = 0 too, but the gradient is 0 * inf = NaN
    const d = analyzeDomain(parse('relu(sqrt(x1 - x2))'), [2, 2])!;
    expect(d.problems.map((p) => p.node)).toEqual(['v2']);
  });

  it('keeps a single change where one is enough, staying in -5..5 without 0', () => {
    const maria = randomFormula('Maria Gaetana Agnesi');
    const d = analyzeDomain(maria.expr, maria.values)!;
    expect(d.problems[0]!.reason).toBe('division by zero');
    expect(d.proposal!.changes).toEqual([{ variable: 'x3', from: 3, to: 5 }]);
    expect(d.advice).toBe('Change x3 from 3 to 5.');
    expect(d.notes).toEqual([]);
    expect(analyzeDomain(maria.expr, d.proposal!.values)).toBeNull();
  });

  it('prefers two changes with a gradient to one that leaves a dead ReLU ("Grace Hopper": ∇f = 0 at x3 = 1 alone)', () => {
    const grace = randomFormula('Grace Hopper');
    const d = analyzeDomain(grace.expr, grace.values)!;
    expect(d.problems[0]!.reason).toBe('square root of a negative number (-16)');
    // x3 -> 1 alone makes every node finite, but x1 * x2 = -10 keeps the ReLU dead and ∇f = [0, 0, 0, 0, 0].
    expect(trace(grace.expr, [2, -5, 1, 4, 3]).gradient).toEqual([0, 0, 0, 0, 0]);
    expect(d.proposal).toEqual({
      changes: [
        { variable: 'x1', from: 2, to: -1 },
        { variable: 'x3', from: -4, to: 1 },
      ],
      values: [-1, -5, 1, 4, 3],
    });
    expect(d.advice).toBe('Change x1 from 2 to -1 and x3 from -4 to 1.');
    expect(d.proposalQuality).toEqual({ largest: 7.5, smallest: 0.016375545851528384, workable: true, comfortable: true, zeroGradient: false, kinks: 0 });
    expect(trace(grace.expr, d.proposal!.values).gradient.every((g) => g !== 0)).toBe(true);
  });

  it('searches three changes where two are not enough ("Ada Li": log(x1 + x2) and √(x3 - x4) both fail)', () => {
    const ada = randomFormula('Ada Li');
    expect(ada.formula).toBe('log((log(x1 + x2) - √(x3 - x4)) + x5)');
    const d = analyzeDomain(ada.expr, ada.values)!;
    expect(d.problems.map((p) => p.node)).toEqual(['v2', 'v4']);
    // The x2 = 5, x3 = 4, x5 = -1 works too (f = -2.53); this one is a smaller total change with smaller numbers.
    expect(trace(ada.expr, [3, 5, 4, 3, -1]).value).toBeCloseTo(-2.5327, 4);
    expect(d.proposal!.changes).toEqual([
      { variable: 'x2', from: -5, to: -2 },
      { variable: 'x3', from: 1, to: 4 },
      { variable: 'x5', from: -2, to: 2 },
    ]);
    expect(d.advice).toBe('Change x2 from -5 to -2, x3 from 1 to 4 and x5 from -2 to 2.');
    const t = trace(ada.expr, d.proposal!.values);
    expect(t.value).toBe(0); // log((log(1) - √1) + 2) = log(1)
    expect(t.gradient).toEqual([1, 1, -0.5, 0.5, 1]);
  });

  it('finds three changes where a failure hides behind another ("KXbRqsßjiUß-\'-": log(x1 - x2) needs both, then ReLU(x3 * x4) = 0 divides)', () => {
    const r = randomFormula("KXbRqsßjiUß-'-");
    expect(r.formula).toBe('((log(x1 - x2) / ReLU(x3 * x4)) / x5)^2');
    const d = analyzeDomain(r.expr, r.values)!;
    expect(d.problems.map((p) => p.reason)).toEqual(['log of a negative number (-10)']);
    expect(d.proposal!.changes.map((c) => c.variable)).toEqual(['x1', 'x2', 'x4']);
    expect(analyzeDomain(r.expr, d.proposal!.values)).toBeNull();
  });

  it('prefers numbers a student can work by hand ("Grace Shannon": x3 = 1 gives f = 5.74e190, x3 = -1 gives 0.00253)', () => {
    const grace = randomFormula('Grace Shannon');
    expect(trace(grace.expr, [-2, -4, 1, 5, -3]).value).toBeCloseTo(5.744883536014848e190, -180);
    const d = analyzeDomain(grace.expr, grace.values)!;
    expect(d.proposal!.changes).toEqual([{ variable: 'x3', from: 5, to: -1 }]);
    const t = trace(grace.expr, d.proposal!.values);
    expect(t.value).toBeCloseTo(0.0025293671167886445, 15);
    expect(d.proposalQuality!.workable).toBe(true);
    expect(d.proposalQuality!.largest).toBeLessThanOrEqual(HAND_LIMIT);
  });

  it('says what no change could achieve: numbers beyond hand work, a gradient that stays zero, no fix at all', () => {
    const huge = analyzeDomain(parse('exp(exp(x1 + 10))'), [5])!;
    expect(huge.advice).toBe('Change x1 from 5 to -5.');
    expect(huge.notes).toEqual([
      'Some numbers at the proposed values are beyond hand work (largest magnitude 4.23144e+66): no change of up to three values within -5..5 (without 0) keeps every value, local derivative and gradient within 1e-6..1e6.',
    ]);
    const flat = analyzeDomain(parse('relu(-x1*x1 - 1) * log(x2)'), [2, -1])!;
    expect(flat.proposalQuality!.zeroGradient).toBe(true);
    expect(flat.notes).toEqual([
      '∇f is all zero at the proposed values: no change of up to three values within -5..5 (without 0) that keeps every number within 1e-6..1e6 gives a gradient that is not all zero.',
    ]);
    const none = analyzeDomain(parse('log(x1 - 10)'), [3])!;
    expect(none.proposal).toBeNull();
    expect(none.proposalQuality).toBeNull();
    expect(none.advice).toBe('No change of up to three values within -5..5 (without 0) makes every node finite.');
    expect(none.message).toBe('v2 = log(x1 - 10): log of a negative number (-7) (fed by x1); no change of up to three values within -5..5 (without 0) makes every node finite');
    expect(analyzeDomain(parse('log(x1 - 10)'), [3], { range: [1, 2] })!.advice).toBe('No change of up to three values within {1, 2} makes every node finite.');
  });

  it('stops after SEARCH_BUDGET candidates and says so', () => {
    const d = analyzeDomain(parse('log(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 - 100)'), [1, 1, 1, 1, 1, 1, 1, 1])!;
    expect(d.proposal).toBeNull();
    expect(d.advice).toBe(`No change of up to three values within -5..5 (without 0) that the search tried (the first ${SEARCH_BUDGET.toLocaleString('en-US')}) makes every node finite.`);
  });

  it('falls back to changing two inputs when one is not enough', () => {
    const rosalind = randomFormula('Rosalind Franklin');
    const d = analyzeDomain(rosalind.expr, rosalind.values)!;
    expect(d.proposal!.changes).toHaveLength(2);
    expect(analyzeDomain(rosalind.expr, d.proposal!.values)).toBeNull();
  });
});

describe('analyzeDomain over many names', () => {
  it('proposes for every domain error of 600 fixture names and 900 generated ones a change a student can work', () => {
    const fixtures = (JSON.parse(readFileSync(new URL('../test/fixtures/names.json', import.meta.url), 'utf8')) as { name: string }[]).map((f) => f.name);
    const rng = new PythonRandom(900);
    const letters = Array.from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ '-éàçñöüß");
    const generated = Array.from({ length: 900 }, () => Array.from({ length: rng.choice([3, 5, 9, 14, 20]) }, () => rng.choice(letters)).join(''));
    const sizes = [0, 0, 0, 0];
    for (const name of [...fixtures, ...generated]) {
      const r = randomFormula(name);
      const d = analyzeDomain(r.expr, r.values);
      if (d === null) continue;
      const proposal = d.proposal!;
      expect(proposal, name).not.toBeNull();
      sizes[proposal.changes.length]!++;
      expect(proposal.values.filter((v, i) => v !== r.values[i]).length, name).toBe(proposal.changes.length);
      for (const v of proposal.values) expect(COURSE_RANGE, name).toContain(v);
      expect(analyzeDomain(r.expr, proposal.values), name).toBeNull();
      const quality = fixQuality(trace(r.expr, proposal.values));
      expect(quality, name).toEqual(d.proposalQuality);
      expect(quality.workable && !quality.zeroGradient && quality.kinks === 0, name).toBe(true);
      expect(d.notes, name).toEqual([]);
    }
    // Measured: 397 domain errors, fixed by 341 single and 56 double changes (three are needed elsewhere: "Ada Li" above).
    expect(sizes).toEqual([0, 341, 56, 0]);
  });
});

describe('fixQuality', () => {
  it('measures every value, local derivative and gradient', () => {
    expect(fixQuality(trace(parse('exp(x1 * x2)'), [5, 5]))).toMatchObject({ largest: Math.exp(25) * 5, workable: false, comfortable: false });
    expect(fixQuality(trace(parse('x1 * x2'), [3, 4]))).toEqual({ largest: 12, smallest: 1, workable: true, comfortable: true, zeroGradient: false, kinks: 0 });
    expect(fixQuality(trace(parse('relu(x1) * x2'), [-1, 3]))).toMatchObject({ zeroGradient: true, kinks: 0 });
    expect(fixQuality(trace(parse('relu(x1) * x2'), [0, 3]))).toMatchObject({ zeroGradient: true, kinks: 1 });
    // exp(-20) = 2.1e-9 is below 1e-6: too small to work by hand.
    expect(fixQuality(trace(parse('exp(x1)'), [-20])).workable).toBe(false);
  });
});

describe('findKinks', () => {
  it('lists ReLU and LeakyReLU evaluated exactly at 0', () => {
    expect(findKinks(trace(parse('relu(x1 - x2) + leaky_relu(x2)'), [2, 2]))).toEqual([
      { node: 'v2', op: 'relu', expression: 'ReLU(x1 - x2)', inputs: ['x1', 'x2'] },
    ]);
    expect(findKinks(trace(parse('leaky_relu(x1 - x2)'), [2, 2]))).toHaveLength(1);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { erfValue, erfcValue } from './special-math';

const f64 = new Float64Array(1);
const bits = new BigInt64Array(f64.buffer);
/** Distance in units in the last place of two float64 values. */
function ulps(a: number, b: number): number {
  const order = (v: number): bigint => {
    f64[0] = v;
    const x = bits[0]!;
    return x < 0n ? -(x & 0x7fffffffffffffffn) : x;
  };
  const d = order(a) - order(b);
  return Number(d < 0n ? -d : d);
}

// [x, erf(x), erfc(x)] from mpmath at 200 bits, rounded to float64
const REFERENCE: [number, number, number][] = [
  [1e-300, 1.1283791670955126e-300, 1.0],
  [0.1, 0.1124629160182849, 0.887537083981715],
  [0.49, 0.511668261188523, 0.4883317388114769],
  [0.5, 0.5204998778130465, 0.4795001221869535],
  [0.77, 0.7238216139648593, 0.2761783860351407],
  [0.99, 0.8385080695553698, 0.1614919304446302],
  [1.0, 0.8427007929497149, 0.15729920705028513],
  [1.7, 0.9837904585907745, 0.01620954140922544],
  [2.5, 0.999593047982555, 0.0004069520174449589],
  [3.3, 0.9999969422902035, 3.0577097964381654e-06],
  [4.9, 0.999999999995781, 4.218936524005766e-12],
  [5.99, 1.0, 2.4300455127321346e-17],
  [6.5, 1.0, 3.8421483271206475e-20],
  [10.0, 1.0, 2.088487583762545e-45],
  [20.0, 1.0, 5.395865611607901e-176],
  [26.0, 1.0, 5.663192408856143e-296],
];

describe('erf and erfc in float64', () => {
  it('are within 4 ulps of the correctly rounded values (mpmath)', () => {
    for (const [x, e, c] of REFERENCE) {
      expect(ulps(erfValue(x), e), `erf(${x})`).toBeLessThanOrEqual(4);
      expect(ulps(erfValue(-x), -e), `erf(-${x})`).toBeLessThanOrEqual(4);
      expect(ulps(erfcValue(x), c), `erfc(${x})`).toBeLessThanOrEqual(4);
      expect(ulps(erfcValue(-x), 2 - c), `erfc(-${x})`).toBeLessThanOrEqual(4);
    }
  });

  it('are within 2 ulps of PyTorch 1.13 (glibc and SLEEF) on the fixtures: 1 ulp for erf, 2 for erfc', () => {
    const cases = JSON.parse(readFileSync(new URL('../test/fixtures/tensor-unary.json', import.meta.url), 'utf8')).cases as {
      op: string;
      inputs: { dtype: string; data: (number | string)[] }[];
      expected: { data: (number | string)[] };
    }[];
    const decode = (v: number | string): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number));
    const worst: Record<string, number> = { erf: 0, erfc: 0 };
    let count = 0;
    for (const c of cases) {
      if ((c.op !== 'erf' && c.op !== 'erfc') || c.inputs[0]!.dtype !== 'float64') continue;
      const fn = c.op === 'erf' ? erfValue : erfcValue;
      c.inputs[0]!.data.forEach((raw, i) => {
        const want = decode(c.expected.data[i]!);
        const got = fn(decode(raw));
        if (Number.isNaN(want)) return expect(got).toBeNaN();
        count++;
        worst[c.op] = Math.max(worst[c.op]!, ulps(got, want));
      });
    }
    expect(count).toBeGreaterThan(800);
    expect(worst).toEqual({ erf: 1, erfc: 2 });
  });

  it('keep the sign of 0, and the limits', () => {
    expect(Object.is(erfValue(-0), -0)).toBe(true);
    expect([erfValue(Infinity), erfValue(-Infinity), erfcValue(Infinity), erfcValue(-Infinity)]).toEqual([1, -1, 0, 2]);
    expect(erfValue(NaN)).toBeNaN();
    expect(erfcValue(NaN)).toBeNaN();
    expect(erfcValue(27.5)).toBe(0);
  });
});

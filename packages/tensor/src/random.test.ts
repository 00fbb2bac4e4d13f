import { describe, expect, it } from 'vitest';
import { expectAllClose } from '@gradlab/testing/close';
import { ValueError } from './errors';
import {
  Generator,
  defaultGenerator,
  fillNormal,
  fillRandint,
  fillUniform,
  manualSeed,
} from './random';

// Reference values printed by PyTorch 1.13 (Debian python3-torch), e.g.
//   torch.rand(3, generator=torch.Generator().manual_seed(0)).tolist()
const torchValues = {
  rand0: [0.49625658988952637, 0.7682217955589294, 0.08847743272781372],
  rand5489Float64: [0.5541210820565243, 0.06188146353177537, 0.06899116938961558],
  // torch.empty(6).uniform_(-3, 5, generator=manual_seed(7)), and float64 with 4 values
  uniformFloat32: [1.2793803215026855, -1.4095745086669922, 2.273693561553955, 2.255122184753418, -1.1379075050354004, 0.40049123764038086],
  uniformFloat64: [-0.764956560748768, -0.8104502907858748, 3.896743691341004, 2.253507444705611],
  // torch.randint(low, high, (n,), generator=..., dtype=torch.int32)
  randint0to10seed0: [4, 9, 3, 0, 3, 9, 7, 3],
  randintMinus5to7seed3: [5, 3, -4, -2, -1, -5, -5, 0],
  randintFullSeed3: [218175338, -1843722600, 893988089, 1460070019],
  // torch.randn(n, generator=manual_seed(1), dtype=torch.float64)
  randnFloat64: {
    3: [0.6613521715704522, 0.2669240982925188, 0.061677258237348306],
    16: [-0.31128955419003207, -0.7130302768401124, -0.729068152895376, -0.29920233004408114, -0.25289846946006805, -0.36018000135378847, 0.9393532606557873, 1.16142070644801, -0.1705634409839206, 0.014932963521677391, -0.04759475759569801, 0.548012110089419, -1.2490838162314513, 0.3195131020577657, 0.594450724343618, 1.0562236505127134],
    20: [-0.31128955419003207, -0.7130302768401124, -0.729068152895376, -0.29920233004408114, 0.8734455849426772, -3.704663800207429, -1.8141539905872015, -1.8425712793844078, 0.09412786590968454, 0.5119431551289874, 0.5962195917653099, 1.2911149475664248, -2.1010054062092243, 1.5797411191469026, 1.0833573008638342, 0.8896745158287568, -1.928583354008078, -0.27100795326519517, -0.13592053405918775, 2.574546178223919],
    37: [-0.31128955419003207, -0.7130302768401124, -0.729068152895376, -0.29920233004408114, -0.25289846946006805, -0.36018000135378847, 0.9393532606557873, 1.16142070644801, -0.1705634409839206, 0.014932963521677391, -0.04759475759569801, 0.548012110089419, -1.2490838162314513, 0.3195131020577657, 0.594450724343618, 1.0562236505127134, 0.8035157004758826, 0.3739858166762804, 0.5739008402091161, 1.5697184649359581, 0.8734455849426772, -0.1941494909295202, 0.3637087362110191, -0.3647873365742472, -0.42282970424578, -0.22406458625794728, -0.4792468385297813, -0.0351735904805693, -0.8777061704001674, 0.8451349076347527, -1.038963834549605, 0.7534002479421004, 0.4863251510734631, 0.7122218621390902, -0.7935516731558401, 1.0830498906376167, 0.52376008482382],
  } as Record<number, number[]>,
  // torch.randn(n, generator=manual_seed(1)) (float32; 16+ values take PyTorch's AVX2 path)
  randnFloat32: {
    5: [0.6613521575927734, 0.266924113035202, 0.06167725846171379, 0.6213173270225525, -0.4519059658050537],
    16: [-1.5255959033966064, -0.7502318024635315, -0.6539809107780457, -1.6094847917556763, -0.1001671776175499, -0.6091889142990112, -0.9797722697257996, -1.6090962886810303, -0.7121446132659912, 0.30372199416160583, -0.777314305305481, -0.25145524740219116, -0.22227048873901367, 1.6871134042739868, 0.22842517495155334, 0.46763551235198975],
    20: [-1.5255959033966064, -0.7502318024635315, -0.6539809107780457, -1.6094847917556763, 0.8656923770904541, 0.2444038987159729, -0.6629113554954529, 0.8073082566261292, 0.43914157152175903, 1.1712007522583008, 1.7674273252487183, -0.09536188095808029, 0.0611552819609642, -0.6177444458007812, -0.7980698347091675, -0.13162320852279663, -0.7984398007392883, 0.33573052287101746, 0.2753335237503052, 1.7163026332855225],
  } as Record<number, number[]>,
  // torch.empty(20, dtype=torch.float64).normal_(2, 3, generator=manual_seed(9))
  normal2and3: [3.2777080752603704, -3.0045363729047114, -0.5727284289755514, 1.697236293067156, 3.4850265944884575, 0.1950413526241176, 1.8490328671345975, 6.56150782067423, 1.4786380375340575, 3.044378666836099, 7.473876525227475, 1.5123384374435793, 5.234318601215369, 2.9971867839379747, 4.704190454922608, 1.5333776650368836, 3.9000509511395847, 1.930174441648902, -1.92969613570605, -1.0683582168385244],
  // g = manual_seed(11); randn(3, generator=g, float64) + randn(1, generator=g, float64): the cached value carries over
  cachedNormal: [0.7376294517619426, 1.945929152496269, -0.6995416095669134, -1.302297379923535],
};

/** |actual - expected| <= relative * max(1, |expected|), elementwise. */
function expectClose(actual: ArrayLike<number>, expected: readonly number[], relative: number): void {
  expectAllClose(actual, expected, { rtol: relative, floor: 1 }, 'element');
}

function meanAndVariance(values: ArrayLike<number>): { mean: number; variance: number } {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i]! - mean) ** 2;
  return { mean, variance: squares / (values.length - 1) };
}

describe('Generator (MT19937)', () => {
  it('matches std::mt19937 for the default seed 5489', () => {
    const generator = new Generator(5489);
    expect([generator.nextUint32(), generator.nextUint32(), generator.nextUint32(), generator.nextUint32()]).toEqual([
      3499211612, 581869302, 3890346734, 3586334585,
    ]);
    // The C++ standard fixes the 10000th output of a default-constructed std::mt19937.
    for (let i = 5; i < 10000; i++) generator.nextUint32();
    expect(generator.nextUint32()).toBe(4123659995);
  });

  it('defaults to PyTorch’s default seed', () => {
    expect(new Generator().initialSeed()).toBe(67280421310721n);
  });

  it('is reproducible and independent between instances', () => {
    const first = new Generator(123);
    const second = new Generator(123);
    const draws = Array.from({ length: 1000 }, () => first.nextUint32());
    expect(Array.from({ length: 1000 }, () => second.nextUint32())).toEqual(draws);
    const other = new Generator(124);
    expect(Array.from({ length: 1000 }, () => other.nextUint32())).not.toEqual(draws);
    first.manualSeed(123);
    expect(Array.from({ length: 1000 }, () => first.nextUint32())).toEqual(draws);
  });

  it('keeps 64-bit seeds, seeds the engine from their low 32 bits, wraps negative seeds', () => {
    expect(new Generator(2n ** 40n + 7n).initialSeed()).toBe(2n ** 40n + 7n);
    expect(new Generator(2 ** 40 + 7).nextFloat()).toBe(new Generator(7).nextFloat());
    expect(new Generator(-1).initialSeed()).toBe(2n ** 64n - 1n);
    expect(new Generator(-2).initialSeed()).toBe(2n ** 64n - 2n);
    expect(new Generator(-(2n ** 63n)).initialSeed()).toBe(2n ** 63n);
    expect(new Generator(2n ** 64n - 1n).initialSeed()).toBe(2n ** 64n - 1n);
  });

  it('rejects invalid seeds', () => {
    expect(() => new Generator(1.5)).toThrow(ValueError);
    expect(() => new Generator(NaN)).toThrow("manualSeed: 'seed' must be an integer, got NaN");
    expect(() => new Generator(2n ** 64n)).toThrow(ValueError);
    expect(() => new Generator(-(2n ** 63n) - 1n)).toThrow(/inclusive range/);
  });

  it('nextFloat and nextDouble equal torch.rand', () => {
    const generator = new Generator(0);
    expect([generator.nextFloat(), generator.nextFloat(), generator.nextFloat()]).toEqual(torchValues.rand0);
    const doubles = new Generator(5489);
    expect([doubles.nextDouble(), doubles.nextDouble(), doubles.nextDouble()]).toEqual(torchValues.rand5489Float64);
  });

  it('nextFloat has 24 bits and nextDouble 53 bits, both in [0, 1)', () => {
    const generator = new Generator(99);
    let bad = 0;
    let finestDouble = 1;
    for (let i = 0; i < 20000; i++) {
      const single = generator.nextFloat();
      if (!(single >= 0 && single < 1 && Number.isInteger(single * 2 ** 24))) bad++;
      const double = generator.nextDouble();
      if (!(double >= 0 && double < 1 && Number.isInteger(double * 2 ** 53))) bad++;
      // Some doubles need more than 24 bits: the low word is really used.
      if (!Number.isInteger(double * 2 ** 32)) finestDouble = 0;
    }
    expect(bad).toBe(0);
    expect(finestDouble).toBe(0);
  });

  it('nextNormal caches the second value of each Box-Muller pair', () => {
    const generator = new Generator(11);
    const values = [generator.nextNormal(), generator.nextNormal(), generator.nextNormal(), generator.nextNormal()];
    expectClose(values, torchValues.cachedNormal, 1e-15);
    // Reseeding drops the cached value.
    generator.manualSeed(11);
    generator.nextNormal();
    generator.manualSeed(11);
    expect(generator.nextNormal()).toBe(values[0]);
  });

  it('getState/setState restore the stream, including the cached normal', () => {
    const generator = new Generator(5);
    for (let i = 0; i < 700; i++) generator.nextUint32(); // past a twist
    generator.nextNormal();
    const state = generator.getState();
    const expected = [generator.nextNormal(), generator.nextUint32(), generator.nextDouble()];
    generator.nextUint32();
    generator.setState(state);
    expect([generator.nextNormal(), generator.nextUint32(), generator.nextDouble()]).toEqual(expected);
    const copy = new Generator().setState(state);
    expect(copy.initialSeed()).toBe(5n);
    expect([copy.nextNormal(), copy.nextUint32(), copy.nextDouble()]).toEqual(expected);
    // The snapshot is a copy, not a view of the live state.
    expect(state.key).not.toBe(generator.getState().key);
  });

  it('setState rejects malformed states', () => {
    const state = new Generator(1).getState();
    expect(() => new Generator().setState({ ...state, key: new Uint32Array(3) })).toThrow(ValueError);
    expect(() => new Generator().setState({ ...state, index: 625 })).toThrow("setState: 'index' must be an integer in [0, 624], got 625");
  });
});

describe('defaultGenerator and manualSeed', () => {
  it('manualSeed reseeds the default generator and returns it', () => {
    expect(manualSeed(0)).toBe(defaultGenerator);
    expect(defaultGenerator.initialSeed()).toBe(0n);
    expect(defaultGenerator.nextFloat()).toBe(torchValues.rand0[0]);
  });
});

describe('fillUniform', () => {
  it('equals uniform_(low, high) in float32 bit for bit (one rounding, as PyTorch)', () => {
    // torch.manual_seed(3); torch.empty(8).uniform_(-b, b) with b = 1/sqrt(5), Linear(5, n)'s bound
    const bound = 1 / Math.sqrt(5);
    const out = new Float32Array(8);
    fillUniform(out, new Generator(3), -bound, bound);
    expect(Array.from(out)).toEqual([
      -0.44340017437934875, -0.3527894914150238, -0.19154830276966095, -0.423104465007782,
      -0.025388887152075768, -0.3934439420700073, 0.24316419661045074, 0.2179713398218155,
    ]);
  });

  it('equals torch.rand and uniform_ for float32 and float64', () => {
    const rand = new Float32Array(3);
    fillUniform(rand, new Generator(0));
    expect(Array.from(rand)).toEqual(torchValues.rand0);
    const float32 = new Float32Array(6);
    fillUniform(float32, new Generator(7), -3, 5);
    expect(Array.from(float32)).toEqual(torchValues.uniformFloat32);
    const float64 = new Float64Array(4);
    fillUniform(float64, new Generator(7), -3, 5);
    expectClose(float64, torchValues.uniformFloat64, 1e-15);
  });

  it('stays in [low, high) with the right mean and variance', () => {
    const out = new Float64Array(100000);
    fillUniform(out, new Generator(3), -2, 6);
    expect(out.every((value) => value >= -2 && value < 6)).toBe(true);
    const { mean, variance } = meanAndVariance(out);
    expect(mean).toBeCloseTo(2, 1); // sd of the mean ≈ 0.007
    expect(variance).toBeGreaterThan((64 / 12) * 0.97);
    expect(variance).toBeLessThan((64 / 12) * 1.03);
  });

  it('low = high gives low', () => {
    const out = new Float32Array(4);
    fillUniform(out, new Generator(1), 2.5, 2.5);
    expect(Array.from(out)).toEqual([2.5, 2.5, 2.5, 2.5]);
  });

  it('rejects an empty range and non-finite bounds', () => {
    expect(() => fillUniform(new Float32Array(2), new Generator(), 1, 0)).toThrow(
      'fillUniform: expects to return a [low, high) range, but found low=1 > high=0',
    );
    expect(() => fillUniform(new Float32Array(2), new Generator(), 0, Infinity)).toThrow(ValueError);
    expect(() => fillUniform(new Float64Array(2), new Generator(), NaN, 1)).toThrow(ValueError);
    expect(() => fillUniform(new Float32Array(2), new Generator(), -3e38, 3e38)).toThrow(/fit in float32/);
  });
});

describe('fillNormal', () => {
  it.each([3, 16, 20, 37])('equals torch.randn for %i float64 values', (size) => {
    const out = new Float64Array(size);
    fillNormal(out, new Generator(1));
    expectClose(out, torchValues.randnFloat64[size]!, 1e-14);
  });

  it.each([5, 16, 20])('is within float32 rounding of torch.randn for %i float32 values', (size) => {
    const out = new Float32Array(size);
    fillNormal(out, new Generator(1));
    // Below 16 values PyTorch computes in double too: exact. From 16 on it uses AVX2 float math.
    expectClose(out, torchValues.randnFloat32[size]!, size < 16 ? 0 : 1e-6);
  });

  it('applies mean and std as normal_(mean, std)', () => {
    const out = new Float64Array(20);
    fillNormal(out, new Generator(9), 2, 3);
    expectClose(out, torchValues.normal2and3, 1e-14);
  });

  it('has mean 0 and variance 1', () => {
    for (const out of [new Float64Array(100000), new Float32Array(100001), new Float64Array(15)]) {
      const generator = new Generator(21);
      if (out.length === 15) {
        // Small fills draw through nextNormal: check the statistics over many of them.
        const all = new Float64Array(15 * 5000);
        for (let block = 0; block < 5000; block++) {
          fillNormal(out as Float64Array, generator);
          all.set(out, block * 15);
        }
        const { mean, variance } = meanAndVariance(all);
        expect(Math.abs(mean)).toBeLessThan(0.02);
        expect(Math.abs(variance - 1)).toBeLessThan(0.03);
        continue;
      }
      fillNormal(out, generator);
      const { mean, variance } = meanAndVariance(out);
      expect(Math.abs(mean)).toBeLessThan(0.02); // sd of the mean ≈ 0.003
      expect(Math.abs(variance - 1)).toBeLessThan(0.03);
      let beyondTwo = 0;
      for (const value of out) if (Math.abs(value) > 2) beyondTwo++;
      expect(beyondTwo / out.length).toBeGreaterThan(0.040); // P(|z| > 2) = 0.0455
      expect(beyondTwo / out.length).toBeLessThan(0.051);
    }
  });

  it('std = 0 gives the mean; bad std or mean throws', () => {
    const out = new Float64Array(20);
    fillNormal(out, new Generator(1), 4, 0);
    expect(Array.from(out)).toEqual(new Array(20).fill(4));
    expect(() => fillNormal(out, new Generator(), 0, -1)).toThrow('fillNormal: expects std >= 0.0, but found std -1');
    expect(() => fillNormal(out, new Generator(), NaN, 1)).toThrow(ValueError);
  });
});

describe('fillRandint', () => {
  it('equals torch.randint(..., dtype=torch.int32)', () => {
    const out = new Int32Array(8);
    fillRandint(out, new Generator(0), 0, 10);
    expect(Array.from(out)).toEqual(torchValues.randint0to10seed0);
    fillRandint(out, new Generator(3), -5, 7);
    expect(Array.from(out)).toEqual(torchValues.randintMinus5to7seed3);
    const full = new Int32Array(4);
    fillRandint(full, new Generator(3), -(2 ** 31), 2 ** 31 - 1);
    expect(Array.from(full)).toEqual(torchValues.randintFullSeed3);
  });

  it('covers [low, high) evenly', () => {
    const out = new Int32Array(60000);
    fillRandint(out, new Generator(8), -3, 3);
    const counts = new Map<number, number>();
    for (const value of out) counts.set(value, (counts.get(value) ?? 0) + 1);
    expect([...counts.keys()].sort((x, y) => x - y)).toEqual([-3, -2, -1, 0, 1, 2]);
    for (const count of counts.values()) expect(Math.abs(count - 10000)).toBeLessThan(500); // sd ≈ 91
  });

  it('accepts the whole int32 range', () => {
    const out = new Int32Array(1000);
    fillRandint(out, new Generator(4), -(2 ** 31), 2 ** 31);
    expect(out.some((value) => value < 0) && out.some((value) => value > 0)).toBe(true);
  });

  it('rejects empty, non-integer and out-of-int32 ranges', () => {
    const out = new Int32Array(2);
    expect(() => fillRandint(out, new Generator(), 5, 5)).toThrow(
      "fillRandint: expects 'low' to be less than 'high', but got low=5 >= high=5",
    );
    expect(() => fillRandint(out, new Generator(), 0, 2.5)).toThrow("fillRandint: 'high' must be an integer, got 2.5");
    expect(() => fillRandint(out, new Generator(), -(2 ** 31) - 1, 0)).toThrow(ValueError);
    expect(() => fillRandint(out, new Generator(), 0, 2 ** 31 + 1)).toThrow(ValueError);
  });
});

import { describe, expect, it } from 'vitest';
import { expf } from './float32-math';
import { tensor } from './creation';
import { exp, sigmoid } from './unary';
import { softmax } from './softmax';

const f = Math.fround;

describe('expf (PyTorch float32 exp)', () => {
  it('basic values (PyTorch 1.13)', () => {
    const inputs = [1, -1, 0.5, 10, -20, 88.69999694824219, -100, 2.299999952316284, -0.699999988079071, 0.0010000000474974513];
    const torch = [
      2.7182817459106445, 0.3678794503211975, 1.6487212181091309, 22026.46484375, 2.06115369216775e-9, 3.325976864406685e38,
      3.783505853677006e-44, 9.97418212890625, 0.49658530950546265, 1.0010005235671997,
    ];
    expect(inputs.map((x) => expf(f(x)))).toEqual(torch);
  });

  it('matches PyTorch where the correctly rounded result does not', () => {
    // [x, torch.exp(x), float32(exact exp(x))]
    const cases = [
      [0.6130233407020569, 1.8460040092468262, 1.8460041284561157],
      [3.138068199157715, 23.059276580810547, 23.05927848815918],
      [7.3091912269592285, 1493.968505859375, 1493.9683837890625],
      [-0.8136436939239502, 0.44324010610580444, 0.44324007630348206],
    ] as const;
    for (const [x, torch, rounded] of cases) {
      expect(f(Math.exp(x))).toBe(rounded);
      expect(expf(x)).toBe(torch);
    }
  });

  it('edge values: 0, -0, infinities, NaN, overflow and underflow', () => {
    expect(expf(0)).toBe(1);
    expect(expf(-0)).toBe(1);
    expect(expf(Infinity)).toBe(Infinity);
    expect(expf(-Infinity)).toBe(0);
    expect(expf(Number.NaN)).toBeNaN();
    expect(expf(89)).toBe(Infinity);
    expect(expf(-104.5)).toBe(0);
    expect(expf(-100)).toBe(3.783505853677006e-44);
  });

  it('exp, sigmoid and last-dim softmax of float32 tensors use it (values from PyTorch 1.13)', () => {
    const x = tensor([0.6130233407020569, 3.138068199157715, 7.3091912269592285, -0.8136436939239502]);
    expect(exp(x).toArray()).toEqual([1.8460040092468262, 23.059276580810547, 1493.968505859375, 0.44324010610580444]);
    expect(sigmoid(x).toArray()).toEqual([0.6486301422119141, 0.9584360718727112, 0.9993311166763306, 0.3071146011352539]);
    expect(softmax(x.unsqueeze(0), 1).toArray()).toEqual([
      [0.0012150221737101674, 0.01517739612609148, 0.9833157658576965, 0.00029173633083701134],
    ]);
  });
});

import { describe, expect, it } from 'vitest';

import { Linear } from '../src/index';
import { expectFixtureClose, loadFixture, toBase, toTensor, type FixtureTensor } from '@gradlab/testing';

interface LinearCase {
  bias: boolean;
  weight: FixtureTensor;
  bias_value: FixtureTensor | null;
  x: FixtureTensor;
  output: FixtureTensor;
  upstream: FixtureTensor;
  grad_x: FixtureTensor;
  grad_weight: FixtureTensor;
  grad_bias: FixtureTensor | null;
  repr: string;
}

const cases = loadFixture<LinearCase[]>(import.meta.url, 'linear.json');

describe('Linear against PyTorch', () => {
  it.each(cases.map((c) => [`bias=${c.bias}, input [${c.x.shape.join(', ')}]`, c] as const))('%s', (_, fixture) => {
    const layer = new Linear(3, 6, { bias: fixture.bias });
    layer.loadStateDict(
      fixture.bias_value === null
        ? { weight: toBase(fixture.weight) }
        : { weight: toBase(fixture.weight), bias: toBase(fixture.bias_value) },
    );
    expect(layer.toString()).toBe(fixture.repr);
    const x = toTensor(fixture.x, true);
    const output = layer.call(x);
    expectFixtureClose(output, fixture.output, 'output');
    output.backward(toTensor(fixture.upstream));
    expectFixtureClose(x.grad, fixture.grad_x, 'grad x');
    expectFixtureClose(layer.weight.grad, fixture.grad_weight, 'grad weight');
    if (fixture.grad_bias !== null) expectFixtureClose(layer.bias!.grad, fixture.grad_bias, 'grad bias');
    else expect(layer.bias).toBeNull();
  });
});

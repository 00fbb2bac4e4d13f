import { describe, expect, it } from 'vitest';

import { crossEntropy, oneHot } from '../src/index';
import { expectFixtureClose, loadFixture, toTensor, type FixtureTensor } from '@gradlab/testing';

interface HomeworkFixture {
  logits: FixtureTensor;
  labels: FixtureTensor;
  onehot: FixtureTensor;
  homework_loss: number;
  homework_grad: FixtureTensor;
  cross_entropy_sum: number;
  cross_entropy_grad: FixtureTensor;
}

const fixture = loadFixture<HomeworkFixture>(import.meta.url, 'homework.json');
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("the homework's -sum(y * log(yHat)) next to crossEntropy", () => {
  it('oneHot of the 0-based labels is the fixture one-hot', () => {
    const y = oneHot(toTensor(fixture.labels));
    expect(y.toArray()).toEqual(toTensor(fixture.onehot).toArray());
  });

  it('the one-line formula matches PyTorch, loss and gradient', () => {
    const logits = toTensor(fixture.logits, true);
    const y = oneHot(toTensor(fixture.labels));
    const loss = y.mul(logits.softmax(1).log()).sum().neg();
    expect(relative(loss.item(), fixture.homework_loss)).toBeLessThan(1e-5);
    loss.backward();
    expectFixtureClose(logits.grad, fixture.homework_grad, 'grad');
  });

  it("crossEntropy(logits, labels, { reduction: 'sum' }) matches PyTorch and the formula", () => {
    const logits = toTensor(fixture.logits, true);
    const loss = crossEntropy(logits, toTensor(fixture.labels), { reduction: 'sum' });
    expect(relative(loss.item(), fixture.cross_entropy_sum)).toBeLessThan(1e-5);
    expect(relative(loss.item(), fixture.homework_loss)).toBeLessThan(1e-5);
    loss.backward();
    expectFixtureClose(logits.grad, fixture.cross_entropy_grad, 'grad');
    expectFixtureClose(logits.grad, fixture.homework_grad, 'grad against the formula');
  });

  it("the default 'mean' is the formula divided by the batch size", () => {
    const loss = crossEntropy(toTensor(fixture.logits), toTensor(fixture.labels));
    expect(relative(loss.item() * 10, fixture.homework_loss)).toBeLessThan(1e-5);
  });
});

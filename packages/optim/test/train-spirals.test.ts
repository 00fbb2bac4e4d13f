import { fromData, noGrad, type Tensor } from '@gradlab/autograd';
import { crossEntropy } from '@gradlab/losses';
import { Linear, ReLU, Sequential } from '@gradlab/nn';
import { Generator, Tensor as BaseTensor } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { Adam, SGD } from '../src/index';

/** CS231n's 2-D spirals: `classes` arms of `perClass` points, with Gaussian noise on the angle. */
function spirals(perClass: number, classes: number, generator: Generator): { x: Tensor; labels: Tensor } {
  const points = new Float32Array(perClass * classes * 2);
  const labels = new Int32Array(perClass * classes);
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i++) {
      const radius = i / (perClass - 1);
      const angle = (c * 4 + (4 * i) / (perClass - 1)) + generator.nextNormal() * 0.2;
      const index = c * perClass + i;
      points[2 * index] = radius * Math.sin(angle);
      points[2 * index + 1] = radius * Math.cos(angle);
      labels[index] = c;
    }
  }
  return {
    x: fromData(new BaseTensor(points, [perClass * classes, 2], 'float32')),
    labels: fromData(new BaseTensor(labels, [perClass * classes], 'int32')),
  };
}

function accuracy(logits: Tensor, labels: Tensor): number {
  const predicted = logits.data.argmax(1).storage;
  const truth = labels.data.storage;
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) correct++;
  return correct / truth.length;
}

describe('training an MLP on 2-D spirals (3 classes, 300 points)', () => {
  const build = (seed: number) => {
    const generator = new Generator(seed);
    return new Sequential(
      new Linear(2, 64, { generator }),
      new ReLU(),
      new Linear(64, 64, { generator }),
      new ReLU(),
      new Linear(64, 3, { generator }),
    );
  };

  it('reaches >= 95% training accuracy with Adam', () => {
    const { x, labels } = spirals(100, 3, new Generator(0));
    const model = build(1);
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    const initial = noGrad(() => accuracy(model.call(x), labels));
    let loss = Number.NaN;
    for (let epoch = 0; epoch < 400; epoch++) {
      optimizer.zeroGrad();
      const value = crossEntropy(model.call(x), labels);
      value.backward();
      optimizer.step();
      loss = value.item();
    }
    const final = noGrad(() => accuracy(model.call(x), labels));
    expect(initial).toBeLessThan(0.6);
    expect(loss).toBeLessThan(0.2);
    expect(final).toBeGreaterThanOrEqual(0.95);
  });

  it('reaches >= 95% training accuracy with SGD and Nesterov momentum', () => {
    const { x, labels } = spirals(100, 3, new Generator(0));
    const model = build(2);
    const optimizer = new SGD(model.parameters(), { lr: 0.2, momentum: 0.9, nesterov: true });
    for (let epoch = 0; epoch < 600; epoch++) {
      optimizer.zeroGrad();
      crossEntropy(model.call(x), labels).backward();
      optimizer.step();
    }
    expect(noGrad(() => accuracy(model.call(x), labels))).toBeGreaterThanOrEqual(0.95);
  });
});

/**
 * Ex 2: the homework's MLP (5-11-16-13-8-4, ReLU, Softmax, no bias) on ten
 * seeded random points; one-hot labels, including the 1-based trap; the
 * cross-entropy loss two ways; backward; the first layer's weight gradient.
 */
import { grad, log, manualSeed, rand, sum, type Tensor, tensor } from '@gradlab/autograd';
import { crossEntropy, LabelError, oneHot } from '@gradlab/losses';
import { Linear, Module, ReLU, Sequential, Softmax } from '@gradlab/nn';
import type { DemoOptions } from './args';
import { DocumentBuilder, type ExerciseResult } from './document';
import { fixed, scientific } from './format';

/** The homework's ground truth, classes numbered from 1 as the homework gives them. */
export const LABELS = [1, 2, 3, 4, 1, 2, 3, 4, 1, 2] as const;

/** Layer widths of the homework's MLP. */
export const LAYER_SIZES = [5, 11, 16, 13, 8, 4] as const;

const NUM_CLASSES = 4;

/** The MLP of lab 1, line for line. */
export class MyMLP extends Module {
  readonly layers: Sequential;

  constructor(options: { bias?: boolean } = {}) {
    super();
    const bias = options.bias ?? true;
    this.layers = new Sequential(
      new Linear(5, 11, { bias }),
      new ReLU(),
      new Linear(11, 16, { bias }),
      new ReLU(),
      new Linear(16, 13, { bias }),
      new ReLU(),
      new Linear(13, 8, { bias }),
      new ReLU(),
      new Linear(8, 4, { bias }),
      new Softmax(1),
    );
  }

  override forward(x: Tensor): Tensor {
    return this.layers.forward(x);
  }
}

/** The `--json` object of Ex 2. */
export interface Ex2Json {
  seed: number;
  x: number[][];
  labels: number[];
  oneHot: number[][];
  weights: number[][][];
  output: number[][];
  loss: number;
  grads: number[][][];
}

/** Largest absolute elementwise difference between two same-shape tensors' values. */
function maxAbsDifference(a: Tensor, b: Tensor): number {
  const left = a.data.contiguous().storage;
  const right = b.data.contiguous().storage;
  let largest = 0;
  for (let index = 0; index < left.length; index++) {
    largest = Math.max(largest, Math.abs(left[index]! - right[index]!));
  }
  return largest;
}

/** Largest absolute value of a tensor. */
function maxAbs(a: Tensor): number {
  let largest = 0;
  for (const value of a.data.contiguous().storage) largest = Math.max(largest, Math.abs(value));
  return largest;
}

/**
 * Hidden units of the first layer whose gradient row is exactly zero because
 * their pre-activation `x W^T` is not positive for any point (ReLU'(u) = 0
 * for u <= 0, as PyTorch).
 */
function deadUnits(x: Tensor, weight: Tensor, weightGrad: Tensor): number[] {
  const preActivation = x.data.matmul(weight.data.mT).toArray() as number[][];
  const rows = weightGrad.toArray() as number[][];
  return rows.flatMap((row, unit) =>
    row.every((value) => value === 0) && preActivation.every((point) => point[unit]! <= 0) ? [unit] : [],
  );
}

/** Runs Ex 2 for `options.seed`. */
export function run(options: Pick<DemoOptions, 'seed'>): ExerciseResult {
  const doc = new DocumentBuilder();
  const seed = options.seed;

  doc.heading('Data and model');
  // Same order as the notebook: the data first, then the model's weights,
  // both from the default generator after one manualSeed.
  manualSeed(seed);
  const x = rand([10, 5]);
  const model = new MyMLP({ bias: false });
  const parameters = [...model.parameters()];
  const initialWeights = parameters.map((parameter) => parameter.data.toArray() as number[][]);
  doc.paragraph(`\`manualSeed(${seed})\`, then ten random points, \`x = rand([10, 5])\`:`);
  doc.code(x.toString());
  doc.paragraph(
    `Then the homework's MLP, \`model = new MyMLP({ bias: false })\`: ${LAYER_SIZES.join('-')}, ReLU between the ` +
      `layers, Softmax at the end, no bias. The generator reproduces PyTorch's: \`torch.manual_seed(${seed})\`, ` +
      `\`torch.rand(10, 5)\` and \`MyMLP(bias=False)\` draw these same numbers.`,
  );
  doc.code(model.toString());

  doc.heading('One-hot labels: the 1-based trap');
  const rawLabels = tensor([...LABELS], { dtype: 'int32' });
  doc.paragraph(
    `The ground truth is \`[${LABELS.join(', ')}]\`, classes numbered from 1. \`oneHot\` wants classes ` +
      `0..${NUM_CLASSES - 1}, so \`oneHot(labels, ${NUM_CLASSES})\` on the raw labels refuses with a clear error:`,
  );
  let trapCaught = false;
  try {
    oneHot(rawLabels, NUM_CLASSES);
  } catch (error) {
    if (!(error instanceof LabelError)) throw error;
    trapCaught = true;
    doc.error(error.name, error.message);
  }
  doc.check(trapCaught, 'the 1-based labels raise a `LabelError` instead of a silently wrong encoding');
  const labels = rawLabels.sub(1);
  const target = oneHot(labels, NUM_CLASSES);
  doc.paragraph(`The fix: \`labels = labels.sub(1)\`, then \`y = oneHot(labels, ${NUM_CLASSES})\`:`);
  doc.code(`${labels.toString()}\n\n${target.toString()}`);

  doc.heading('Forward');
  const output = model.forward(x);
  doc.paragraph('`yHat = model.forward(x)`: one row of class probabilities per point.');
  doc.code(output.toString());

  doc.heading('Cross-entropy, two ways');
  // The homework's formula on the probabilities...
  const loss = sum(target.mul(log(output))).neg();
  // ...and the library's crossEntropy, which takes logits: log-probabilities
  // are valid logits (logSoftmax(log p) = log p when p sums to 1).
  const libraryLoss = crossEntropy(log(output), labels, { reduction: 'sum' });
  const lossDifference = Math.abs(loss.item() - libraryLoss.item());
  doc.table(
    [{ header: 'loss' }, { header: 'value', align: 'right' }],
    [
      ['`-sum(y * log(yHat))` (the homework)', loss.item().toFixed(6)],
      ["`crossEntropy(log(yHat), labels, { reduction: 'sum' })`", libraryLoss.item().toFixed(6)],
    ],
  );
  doc.check(
    lossDifference <= 1e-5 * Math.abs(loss.item()),
    `the two losses agree (difference ${scientific(lossDifference)}); PyTorch's default reduction, ` +
      `'mean', would give ${fixed(libraryLoss.item() / LABELS.length)} = the sum / ${LABELS.length}`,
  );

  doc.heading('Backward');
  // The library loss's gradients first, through the functional grad(), keeping
  // the graph for the homework loss's backward() below.
  const libraryGrads = grad(libraryLoss, parameters, { retainGraph: true });
  loss.backward();
  const grads = parameters.map((parameter, index) => {
    const value = parameter.grad;
    if (value === null) throw new Error(`ex2: parameter ${index} has no gradient after backward()`);
    return value;
  });
  const gradientGap = Math.max(
    ...grads.map((value, index) => {
      const other = libraryGrads[index];
      if (other === null || other === undefined) throw new Error(`ex2: crossEntropy gave no gradient for parameter ${index}`);
      return maxAbsDifference(value, other);
    }),
  );
  const gradientScale = Math.max(...grads.map((value) => maxAbs(value)));
  const firstLayer = parameters[0]!;
  const firstGrad = grads[0]!;
  doc.paragraph(
    '`loss.backward()`, then the gradient of the weights connecting the input layer to the first hidden layer, ' +
      '`model.parameters()[0].grad` (11 x 5, `[out][in]` as in PyTorch):',
  );
  doc.code(firstGrad.toString());
  const dead = deadUnits(x, firstLayer, firstGrad);
  if (dead.length > 0) {
    const rows = dead.map((unit) => unit + 1).join(', ');
    doc.paragraph(
      `Row${dead.length > 1 ? 's' : ''} ${rows} ${dead.length > 1 ? 'are' : 'is'} zero: the pre-activation of ` +
        `hidden unit${dead.length > 1 ? 's' : ''} ${rows} is at most 0 for all ten points, so its ReLU passes no ` +
        'gradient back to its weights (a dead ReLU for this data), as in PyTorch.',
    );
  }
  doc.paragraph(
    'The notebook printed `None` here because its cells ran out of order: the parameters were read from a model ' +
      'created after `backward()` had run, so their gradients were never populated. Here the steps run top to ' +
      'bottom in one function on one model, and a missing gradient would be an error, not a silent `None`.',
  );
  doc.check(
    gradientGap <= 1e-5 * gradientScale,
    `\`crossEntropy\` gives the same gradients for all five weight matrices (largest difference ${scientific(gradientGap)})`,
  );

  const json: Ex2Json = {
    seed,
    x: x.toArray() as number[][],
    labels: [...LABELS],
    oneHot: target.toArray() as number[][],
    weights: initialWeights,
    output: output.toArray() as number[][],
    loss: loss.item(),
    grads: grads.map((grad) => grad.toArray() as number[][]),
  };
  return { id: 'ex2', title: `Ex 2: a multilayer perceptron, cross-entropy and backward (seed ${seed})`, blocks: doc.blocks, json, attachments: [], ok: doc.ok };
}

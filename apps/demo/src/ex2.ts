/**
 * Ex 2: the homework's MLP (5-11-16-13-8-4, ReLU, Softmax, no bias) on ten
 * seeded random points; one-hot labels, including the 1-based trap; the
 * cross-entropy loss two ways; backward; the first layer's weight gradient,
 * what its entries mean and why they are small (measured in float64), and why
 * the notebook printed `None` (from its execution counts).
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

/** `a`, `a and b`, `a, b and c`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st. */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
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

/** Why the first layer's gradient is small, measured: see {@link backwardSizes}. */
export interface BackwardSizes {
  /** The smallest and largest class probability of the ten points. */
  probabilities: [number, number];
  /** max |∂loss/∂z| at each layer's pre-activation z = h W^T, output layer first (float64). */
  largestSignal: number[];
  /** max |W| of each layer, first layer first. */
  largestWeight: number[];
  /** The share of hidden pre-activations (all four ReLU layers, all points) that are <= 0, where ReLU passes nothing back. */
  reluOff: number;
  /**
   * Σ|∂loss/∂W1[i, j]| / Σ Σ_p |δ1[p, i] x[p, j]|: how much of the ten points' contributions survive their sum
   * (1 when they all point the same way).
   */
  kept: number;
  /** The first layer's gradient in float64. */
  firstGrad: number[][];
  /** The homework loss in float64, and with one first-layer weight raised by `step`. */
  loss: number;
  /** [row, column] of the first layer's largest gradient entry. */
  largest: [number, number];
  step: number;
  raisedLoss: number;
}

/**
 * The network's forward and backward pass again, in float64 from the run's
 * data and initial weights, with the gradient at every layer kept: what the
 * report says about the sizes of ∂loss/∂W1 is measured here, not assumed.
 */
export function backwardSizes(x: number[][], weights: number[][][], target: number[][], step = 1e-3): BackwardSizes {
  const inputs = tensor(x, { dtype: 'float64' });
  const y = tensor(target, { dtype: 'float64' });
  const forward = (matrices: number[][][]) => {
    const parameters = matrices.map((w) => tensor(w, { dtype: 'float64', requiresGrad: true }));
    const preActivations: Tensor[] = [];
    let h = inputs;
    parameters.forEach((w, layer) => {
      const z = h.matmul(w.mT);
      preActivations.push(z);
      h = layer < parameters.length - 1 ? z.relu() : z.softmax(1);
    });
    return { parameters, preActivations, probabilities: h, loss: sum(y.mul(log(h))).neg() };
  };
  const base = forward(weights);
  const signals = grad(base.loss, [...base.preActivations, base.parameters[0]!]) as Tensor[];
  const values = (t: Tensor): number[][] => t.toArray() as number[][];
  const largestOf = (rows: number[][]): number => Math.max(...rows.flat().map(Math.abs));
  const firstGrad = values(signals.at(-1)!);
  const delta = values(signals[0]!);
  let survived = 0;
  let total = 0;
  firstGrad.forEach((row, i) =>
    row.forEach((value, j) => {
      survived += Math.abs(value);
      for (let point = 0; point < x.length; point++) total += Math.abs(delta[point]![i]! * x[point]![j]!);
    }),
  );
  const hidden = base.preActivations.slice(0, -1).flatMap((z) => values(z).flat());
  let largest: [number, number] = [0, 0];
  firstGrad.forEach((row, i) =>
    row.forEach((value, j) => {
      if (Math.abs(value) > Math.abs(firstGrad[largest[0]]![largest[1]]!)) largest = [i, j];
    }),
  );
  const raised = weights.map((w) => w.map((row) => [...row]));
  raised[0]![largest[0]]![largest[1]]! += step;
  const probabilities = values(base.probabilities).flat();
  return {
    probabilities: [Math.min(...probabilities), Math.max(...probabilities)],
    largestSignal: signals.slice(0, -1).map((t) => largestOf(values(t))).reverse(),
    largestWeight: weights.map(largestOf),
    reluOff: hidden.filter((value) => value <= 0).length / hidden.length,
    kept: survived / total,
    firstGrad,
    loss: base.loss.item(),
    largest,
    step,
    raisedLoss: forward(raised).loss.item(),
  };
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
  // What the notebook's In [9] saw: the gradient read before any backward().
  const gradBeforeBackward = parameters[0]!.grad;
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
      '`W1.grad` for `W1 = model.parameters()[0]` (11 x 5, `[out][in]` as in PyTorch: row i is hidden unit i, column j ' +
      'is input j, both counted from 0 as PyTorch indexes them):',
  );
  doc.code(firstGrad.toString());
  doc.paragraph(
    'Why the notebook printed `None`: its execution counts give the order its cells ran in. `In [7]` built the model, ' +
      '`In [9]` printed `list(model.parameters())[0].grad`, and only then did `In [13]` to `In [16]` define the loss, ' +
      'run the forward pass, compute the loss and call `loss.backward()`. When `In [9]` ran, no backward pass had run ' +
      'yet, and a parameter\'s `.grad` stays `None` until one does; the cell was not run again after `In [16]` (the ' +
      'notebook lists cells in the order they were written, not run). Here `loss.backward()` runs before the gradient ' +
      'is read, and a missing gradient after it would be an error, not a silent `None`.',
  );
  doc.check(
    gradBeforeBackward === null,
    'read before `loss.backward()`, as `In [9]` read it, the gradient is `null` here too (PyTorch\'s `None`)',
  );
  const dead = deadUnits(x, firstLayer, firstGrad);
  if (dead.length > 0) {
    const plural = dead.length > 1;
    const rows = listed(dead.map(String));
    const ordinals = listed(dead.map((unit) => ordinal(unit + 1)));
    doc.paragraph(
      `Row${plural ? 's' : ''} ${rows} of \`W1.grad\` (counted from 0, as PyTorch indexes them; the ${ordinals} ` +
        `row${plural ? 's' : ''} of the print) ${plural ? 'are' : 'is'} zero: the pre-activation ` +
        `\`x[p] · W1[${plural ? 'i' : dead[0]}]\` of hidden unit${plural ? 's' : ''} ${rows} is at most 0 for all ten points p, so ` +
        `${plural ? 'their ReLUs pass' : 'its ReLU passes'} no gradient back to ${plural ? 'their' : 'its'} weights ` +
        '(a dead ReLU for this data), as in PyTorch.',
    );
  }

  const sizes = backwardSizes(x.toArray() as number[][], initialWeights, target.toArray() as number[][]);
  const [row, column] = sizes.largest;
  const entry = sizes.firstGrad[row]![column]!;
  const predicted = entry * sizes.step;
  const observed = sizes.raisedLoss - sizes.loss;
  doc.paragraph(
    `Entry [i, j] is ∂loss/∂W1[i, j]: how much the loss changes per unit change of the weight from input j to ` +
      `hidden unit i, the others held fixed. The largest here is ∂loss/∂W1[${row}, ${column}] = ${fixed(entry)}: ` +
      `raising W1[${row}, ${column}] by ${sizes.step} should change the loss by about ${sizes.step} × ${fixed(entry)} = ` +
      `${scientific(predicted, 2)}, and recomputing the loss with that one weight raised (float64) gives ` +
      `${sizes.loss.toFixed(9)} → ${sizes.raisedLoss.toFixed(9)}, a change of ${scientific(observed, 2)}.`,
  );
  doc.check(
    Math.abs(observed - predicted) <= 0.02 * Math.abs(predicted),
    `the gradient predicts the change of the loss (${scientific(predicted, 2)} predicted, ${scientific(observed, 2)} measured)`,
  );
  const [lowest, highest] = sizes.probabilities;
  doc.paragraph(
    'Why the entries are small (at most ' +
      `${fixed(Math.max(...sizes.firstGrad.flat().map(Math.abs)))}): not because the loss is flat at the output. The untrained ` +
      `net gives every class about 0.25 (${fixed(lowest)} to ${fixed(highest)} here, hence a loss near ` +
      `10 · log 4 = ${fixed(10 * Math.log(4))}), so the gradient at the last layer's pre-activations, ` +
      `yHat - y, is about 0.25 or -0.75 (largest ${fixed(sizes.largestSignal[0]!)}). It shrinks on the way back: each ` +
      'layer multiplies it by its transposed weights, which PyTorch\'s default init keeps small ' +
      `(uniform within ±1/√in, so |W| is at most ${listed(sizes.largestWeight.map((w) => fixed(w, 3)))} here, ` +
      'first layer to last), ' +
      `and each ReLU passes nothing back where its unit is off (${Math.round(sizes.reluOff * 100)}% of the hidden ` +
      `pre-activations here are ≤ 0). The largest gradient at the pre-activations falls from ` +
      `${sizes.largestSignal.map((value) => fixed(value)).join(' to ')} between the last layer and the first. ` +
      "Finally ∂loss/∂W1[i, j] sums the ten points' contributions δ[p, i] · x[p, j] (δ[p, i]: the gradient at " +
      `hidden unit i's pre-activation for point p; x in [0, 1)), and those ` +
      `partly cancel: ${Math.round(sizes.kept * 100)}% of their total size survives the sum.`,
  );
  doc.check(
    sizes.firstGrad.every((line, i) => line.every((value, j) => Math.abs(value - (firstGrad.toArray() as number[][])[i]![j]!) <= 1e-5 * gradientScale + 1e-7)),
    'the float64 recomputation behind these figures gives the same first-layer gradient as the float32 run',
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

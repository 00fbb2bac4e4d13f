/**
 * The four workloads of issue 7: their data (deterministic, float32), the
 * float64 reference each system's probe is checked against, and the unit a
 * result is reported in.
 */
import { Mulberry32, linearInit, need, uniformArray, type NamedArray } from './data';
import { matmulNN, mlpReference, scalarFormulaReference, type DenseLayer } from './reference';

/** The workload ids a run can select (`--only W4` selects both matmul sizes). */
export type WorkloadId = 'W1' | 'W2' | 'W3' | 'W3-512' | 'W4-256' | 'W4-512' | 'W4-1024' | 'W4-2048';

/** All workloads, in table order. */
export const WORKLOAD_IDS: readonly WorkloadId[] = ['W1', 'W2', 'W3', 'W3-512', 'W4-256', 'W4-512', 'W4-1024', 'W4-2048'];

/** The large workloads (issue 17) that `--quick` leaves out unless `--only` names them. */
export const LARGE_WORKLOADS: readonly WorkloadId[] = ['W3-512', 'W4-1024', 'W4-2048'];

/** Everything a child needs, and everything the parent checks. */
export interface WorkloadData {
  readonly arrays: NamedArray[];
  readonly settings: Record<string, number>;
  /** Expected probe outputs, float64, by probe name. */
  readonly expected: Map<string, Float64Array>;
}

/** How one workload is described, built and reported. */
export interface WorkloadSpec {
  readonly id: WorkloadId;
  readonly title: string;
  /** 'time' results are shown per iteration (us or ms); 'rate' results as GFLOP/s. */
  readonly report: { kind: 'time'; unit: 'us' | 'ms' } | { kind: 'rate'; flopsPerIteration: number };
  readonly build: () => WorkloadData;
}

/** W2's layer sizes: the homework's MyMLP(bias=False). */
export const HOMEWORK_SIZES = [5, 11, 16, 13, 8, 4] as const;
/** W3's layer sizes. */
export const TRAINING_SIZES = [784, 256, 128, 10] as const;
export const TRAINING_BATCH = 128;
export const TRAINING_LR = 0.01;

function float32Array(name: string, shape: number[], values: Float32Array): NamedArray {
  return { name, dtype: 'float32', shape, values };
}

function buildScalarFormula(): WorkloadData {
  const x = new Float32Array([1, 2, -1, 3, 5]);
  const reference = scalarFormulaReference(x);
  return {
    arrays: [float32Array('x', [5], x)],
    settings: {},
    expected: new Map([
      ['y', new Float64Array([reference.y])],
      ['grad', reference.grad],
    ]),
  };
}

function buildHomeworkMlp(): WorkloadData {
  const rng = new Mulberry32(0x5eed02);
  const batch = 10;
  const x = uniformArray(rng, batch * 5, 0, 1); // torch.rand([10, 5])
  const labels = new Int32Array([1, 2, 3, 4, 1, 2, 3, 4, 1, 2].map((c) => c - 1));
  const onehot = new Float32Array(batch * 4);
  labels.forEach((label, i) => (onehot[i * 4 + label] = 1));
  const arrays: NamedArray[] = [float32Array('x', [batch, 5], x), { name: 'labels', dtype: 'int32', shape: [batch], values: labels }, float32Array('onehot', [batch, 4], onehot)];
  const layers: DenseLayer[] = [];
  for (let l = 0; l < HOMEWORK_SIZES.length - 1; l++) {
    const inFeatures = HOMEWORK_SIZES[l]!;
    const outFeatures = HOMEWORK_SIZES[l + 1]!;
    const weight = linearInit(rng, outFeatures, inFeatures);
    arrays.push(float32Array(`w${l + 1}`, [outFeatures, inFeatures], weight));
    layers.push({ weight, inFeatures, outFeatures });
  }
  const reference = mlpReference(x, batch, layers, labels, 'sum-onehot-log-softmax');
  const expected = new Map<string, Float64Array>([['loss', new Float64Array([reference.loss])]]);
  reference.weightGrads.forEach((g, l) => expected.set(`grad.w${l + 1}`, g));
  return { arrays, settings: { batch }, expected };
}

function buildTrainingStep(batch: number): () => WorkloadData {
  return () => trainingStepData(batch);
}

function trainingStepData(batch: number): WorkloadData {
  const rng = new Mulberry32(batch === TRAINING_BATCH ? 0x5eed03 : 0x5eed03 + batch);
  const x = uniformArray(rng, batch * TRAINING_SIZES[0], 0, 1); // pixel intensities
  const labels = new Int32Array(batch);
  for (let i = 0; i < batch; i++) labels[i] = rng.below(TRAINING_SIZES[TRAINING_SIZES.length - 1]!);
  const arrays: NamedArray[] = [float32Array('x', [batch, TRAINING_SIZES[0]], x), { name: 'labels', dtype: 'int32', shape: [batch], values: labels }];
  const layers: DenseLayer[] = [];
  for (let l = 0; l < TRAINING_SIZES.length - 1; l++) {
    const inFeatures = TRAINING_SIZES[l]!;
    const outFeatures = TRAINING_SIZES[l + 1]!;
    const weight = linearInit(rng, outFeatures, inFeatures);
    const bound = 1 / Math.sqrt(inFeatures);
    const bias = uniformArray(rng, outFeatures, -bound, bound);
    arrays.push(float32Array(`w${l + 1}`, [outFeatures, inFeatures], weight), float32Array(`b${l + 1}`, [outFeatures], bias));
    layers.push({ weight, bias, inFeatures, outFeatures });
  }
  const reference = mlpReference(x, batch, layers, labels, 'mean-cross-entropy');
  const expected = new Map<string, Float64Array>([['loss', new Float64Array([reference.loss])]]);
  layers.forEach((layer, l) => {
    const gw = reference.weightGrads[l]!;
    const gb = reference.biasGrads[l]!;
    expected.set(`grad.w${l + 1}`, gw);
    expected.set(`grad.b${l + 1}`, gb);
    expected.set(`param.w${l + 1}`, Float64Array.from(layer.weight, (p, i) => p - TRAINING_LR * gw[i]!));
    expected.set(`param.b${l + 1}`, Float64Array.from(layer.bias!, (p, i) => p - TRAINING_LR * gb[i]!));
  });
  return { arrays, settings: { batch, lr: TRAINING_LR }, expected };
}

function buildMatmul(n: number): () => WorkloadData {
  return () => {
    const rng = new Mulberry32(0x5eed04 + n);
    const a = uniformArray(rng, n * n, -1, 1);
    const b = uniformArray(rng, n * n, -1, 1);
    return {
      arrays: [float32Array('a', [n, n], a), float32Array('b', [n, n], b)],
      settings: { n },
      expected: new Map([['c', matmulNN(a, b, n, n, n)]]),
    };
  };
}

/** The workload table. */
export const WORKLOADS: Readonly<Record<WorkloadId, WorkloadSpec>> = {
  W1: { id: 'W1', title: 'scalar formula, forward + backward + read grad', report: { kind: 'time', unit: 'us' }, build: buildScalarFormula },
  W2: { id: 'W2', title: 'homework MLP 5-11-16-13-8-4, 10x5, forward + backward', report: { kind: 'time', unit: 'us' }, build: buildHomeworkMlp },
  W3: { id: 'W3', title: 'MLP 784-256-128-10, batch 128, CE + backward + SGD step', report: { kind: 'time', unit: 'ms' }, build: buildTrainingStep(TRAINING_BATCH) },
  'W3-512': { id: 'W3-512', title: 'MLP 784-256-128-10, batch 512, CE + backward + SGD step', report: { kind: 'time', unit: 'ms' }, build: buildTrainingStep(512) },
  'W4-256': { id: 'W4-256', title: 'matmul 256x256 float32', report: { kind: 'rate', flopsPerIteration: 2 * 256 ** 3 }, build: buildMatmul(256) },
  'W4-512': { id: 'W4-512', title: 'matmul 512x512 float32', report: { kind: 'rate', flopsPerIteration: 2 * 512 ** 3 }, build: buildMatmul(512) },
  'W4-1024': { id: 'W4-1024', title: 'matmul 1024x1024 float32', report: { kind: 'rate', flopsPerIteration: 2 * 1024 ** 3 }, build: buildMatmul(1024) },
  'W4-2048': { id: 'W4-2048', title: 'matmul 2048x2048 float32', report: { kind: 'rate', flopsPerIteration: 2 * 2048 ** 3 }, build: buildMatmul(2048) },
};

/** Re-exported for runners: fetch an input array or fail naming it. */
export { need };

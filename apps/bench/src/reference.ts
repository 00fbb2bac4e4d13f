/**
 * Float64 references, written by hand in plain TypeScript (no library), that
 * every system's results are checked against before its time counts.
 *
 * Layouts follow PyTorch: a linear layer's weight is [out, in], activations
 * are [batch, features], all arrays row-major.
 */

/** W1: y = log(exp(x1*x2)^2 + sin(x3+x4+x5)*x5) and its gradient, by the chain rule. */
export function scalarFormulaReference(x: ArrayLike<number>): { y: number; grad: Float64Array } {
  const [x1, x2, x3, x4, x5] = [x[0]!, x[1]!, x[2]!, x[3]!, x[4]!];
  const u = Math.exp(x1 * x2);
  const s = x3 + x4 + x5;
  const t = u * u + Math.sin(s) * x5;
  const dt = 1 / t; // dy/dt
  // d(u^2)/dx1 = 2 u * u * x2, and symmetrically for x2.
  const grad = new Float64Array([
    dt * 2 * u * u * x2,
    dt * 2 * u * u * x1,
    dt * Math.cos(s) * x5,
    dt * Math.cos(s) * x5,
    dt * (Math.cos(s) * x5 + Math.sin(s)),
  ]);
  return { y: Math.log(t), grad };
}

/** C[m, n] = A[m, k] @ B[k, n]. */
export function matmulNN(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    const cRow = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p]!;
      if (aip === 0) continue;
      const bRow = p * n;
      for (let j = 0; j < n; j++) c[cRow + j]! += aip * b[bRow + j]!;
    }
  }
  return c;
}

/** C[m, n] = A[m, k] @ B[n, k]^T (activations times a PyTorch-layout weight). */
export function matmulNT(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[i * k + p]! * b[j * k + p]!;
      c[i * n + j] = sum;
    }
  }
  return c;
}

/** C[m, n] = A[k, m]^T @ B[k, n] (a weight gradient: dZ^T @ H). */
export function matmulTN(a: ArrayLike<number>, b: ArrayLike<number>, k: number, m: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let p = 0; p < k; p++) {
    for (let i = 0; i < m; i++) {
      const api = a[p * m + i]!;
      if (api === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j]! += api * b[p * n + j]!;
    }
  }
  return c;
}

/** A dense layer for the reference MLP: weight [out, in], optional bias [out]. */
export interface DenseLayer {
  readonly weight: ArrayLike<number>;
  readonly bias?: ArrayLike<number>;
  readonly inFeatures: number;
  readonly outFeatures: number;
}

/** The loss at the end of the reference MLP. */
export type MlpLoss =
  /** -sum(onehot * log(softmax(z, dim=1))): the homework's loss on a softmax output. */
  | 'sum-onehot-log-softmax'
  /** mean over the batch of -log softmax(z)[label]: PyTorch's cross_entropy(logits, labels). */
  | 'mean-cross-entropy';

/** Loss and gradients of every weight and bias. */
export interface MlpResult {
  readonly loss: number;
  readonly weightGrads: Float64Array[];
  readonly biasGrads: (Float64Array | null)[];
}

/**
 * Forward and backward of an MLP: Linear, ReLU, ..., Linear, then the loss.
 * `labels` are class indices in [0, classes).
 */
export function mlpReference(input: ArrayLike<number>, batch: number, layers: readonly DenseLayer[], labels: ArrayLike<number>, loss: MlpLoss): MlpResult {
  const activations: Float64Array[] = [Float64Array.from(input)]; // h0 = x, h1 = relu(z0), ...
  const preActivations: Float64Array[] = [];
  for (let l = 0; l < layers.length; l++) {
    const layer = layers[l]!;
    const z = matmulNT(activations[l]!, layer.weight, batch, layer.inFeatures, layer.outFeatures);
    if (layer.bias !== undefined) {
      for (let i = 0; i < batch; i++) for (let j = 0; j < layer.outFeatures; j++) z[i * layer.outFeatures + j]! += layer.bias[j]!;
    }
    preActivations.push(z);
    if (l < layers.length - 1) activations.push(z.map((v) => (v > 0 ? v : 0)));
  }

  const classes = layers[layers.length - 1]!.outFeatures;
  const logits = preActivations[preActivations.length - 1]!;
  const dz = new Float64Array(batch * classes);
  let total = 0;
  for (let i = 0; i < batch; i++) {
    let max = -Infinity;
    for (let j = 0; j < classes; j++) max = Math.max(max, logits[i * classes + j]!);
    let sumExp = 0;
    for (let j = 0; j < classes; j++) sumExp += Math.exp(logits[i * classes + j]! - max);
    const logSumExp = max + Math.log(sumExp);
    const label = labels[i]!;
    total += logSumExp - logits[i * classes + label]!;
    // NOTE: d/dz of -log softmax(z)[y] is softmax(z) - onehot(y); the homework's
    // -sum(onehot * log(softmax)) has the same gradient because each onehot row sums to 1.
    const scale = loss === 'mean-cross-entropy' ? 1 / batch : 1;
    for (let j = 0; j < classes; j++) {
      const p = Math.exp(logits[i * classes + j]! - logSumExp);
      dz[i * classes + j] = (p - (j === label ? 1 : 0)) * scale;
    }
  }
  const lossValue = loss === 'mean-cross-entropy' ? total / batch : total;

  const weightGrads: Float64Array[] = new Array(layers.length);
  const biasGrads: (Float64Array | null)[] = new Array(layers.length);
  let upstream: Float64Array = dz;
  for (let l = layers.length - 1; l >= 0; l--) {
    const layer = layers[l]!;
    weightGrads[l] = matmulTN(upstream, activations[l]!, batch, layer.outFeatures, layer.inFeatures);
    if (layer.bias !== undefined) {
      const db = new Float64Array(layer.outFeatures);
      for (let i = 0; i < batch; i++) for (let j = 0; j < layer.outFeatures; j++) db[j]! += upstream[i * layer.outFeatures + j]!;
      biasGrads[l] = db;
    } else {
      biasGrads[l] = null;
    }
    if (l > 0) {
      const dh = matmulNN(upstream, layer.weight, batch, layer.outFeatures, layer.inFeatures);
      const z = preActivations[l - 1]!;
      // NOTE: ReLU'(0) = 0, as in PyTorch.
      for (let i = 0; i < dh.length; i++) if (!(z[i]! > 0)) dh[i] = 0;
      upstream = dh;
    }
  }
  return { loss: lossValue, weightGrads, biasGrads };
}

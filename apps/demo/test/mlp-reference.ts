/**
 * An independent float64 reference for Ex 2, in plain TypeScript with no
 * gradlab code: the forward pass of the bias-free ReLU MLP with a softmax
 * head, the homework's loss -sum(y * log(yHat)), and its gradient with respect
 * to every weight matrix, derived by hand.
 */

export type Matrix = number[][];

export interface MlpReference {
  output: Matrix;
  loss: number;
  grads: Matrix[];
}

/** a [n][k] times b^T where b is [m][k]: [n][m]. */
function timesTransposed(a: Matrix, b: Matrix): Matrix {
  return a.map((row) => b.map((column) => row.reduce((total, value, k) => total + value * column[k]!, 0)));
}

/**
 * Forward and backward in float64. `weights[l]` is `[out][in]` (PyTorch's
 * Linear layout); `target` is the one-hot matrix.
 */
export function mlpReference(x: Matrix, weights: Matrix[], target: Matrix): MlpReference {
  // Forward: z_l = h_{l-1} W_l^T, h_l = relu(z_l), softmax on the last z.
  const activations: Matrix[] = [x];
  const preActivations: Matrix[] = [];
  let h = x;
  weights.forEach((weight, layer) => {
    const z = timesTransposed(h, weight);
    preActivations.push(z);
    h = layer === weights.length - 1 ? z : z.map((row) => row.map((value) => Math.max(value, 0)));
    activations.push(h);
  });
  const logits = preActivations[preActivations.length - 1]!;
  const output = logits.map((row) => {
    const max = Math.max(...row);
    const exps = row.map((value) => Math.exp(value - max));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((value) => value / total);
  });
  let loss = 0;
  output.forEach((row, i) => row.forEach((p, j) => (loss -= target[i]![j]! * Math.log(p))));

  // Backward. d loss / d logits = p * sum_j(y_j) - y  (= p - y for one-hot rows).
  let delta: Matrix = output.map((row, i) => {
    const rowSum = target[i]!.reduce((a, b) => a + b, 0);
    return row.map((p, j) => p * rowSum - target[i]![j]!);
  });
  const grads: Matrix[] = new Array<Matrix>(weights.length);
  for (let layer = weights.length - 1; layer >= 0; layer--) {
    const weight = weights[layer]!;
    const input = activations[layer]!;
    // dW[o][k] = sum_n delta[n][o] * input[n][k]
    grads[layer] = weight.map((row, o) =>
      row.map((_, k) => delta.reduce((total, deltaRow, n) => total + deltaRow[o]! * input[n]![k]!, 0)),
    );
    if (layer > 0) {
      const previous = preActivations[layer - 1]!;
      // d/dh = delta W, then through ReLU (derivative 0 at 0, as PyTorch).
      delta = delta.map((deltaRow, n) =>
        weight[0]!.map((_, k) =>
          previous[n]![k]! > 0 ? deltaRow.reduce((total, value, o) => total + value * weight[o]![k]!, 0) : 0,
        ),
      );
    }
  }
  return { output, loss, grads };
}

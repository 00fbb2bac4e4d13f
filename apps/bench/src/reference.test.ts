import { describe, expect, it } from 'vitest';
import { Mulberry32, uniformArray } from './data';
import { matmulNN, matmulNT, matmulTN, mlpReference, scalarFormulaReference, type DenseLayer, type MlpLoss } from './reference';

describe('scalarFormulaReference', () => {
  it("matches the homework's PyTorch output", () => {
    const { y, grad } = scalarFormulaReference([1, 2, -1, 3, 5]);
    expect(y).toBeCloseTo(4.0584, 4);
    const expected = [3.773, 1.8865, 0.0651, 0.0651, 0.0765];
    expected.forEach((g, i) => expect(grad[i]).toBeCloseTo(g, 4));
  });

  it('agrees with central differences', () => {
    const x = [0.3, -0.7, 1.1, 0.2, -0.4];
    const { grad } = scalarFormulaReference(x);
    for (let i = 0; i < 5; i++) {
      const h = 1e-6;
      const plus = [...x];
      const minus = [...x];
      plus[i]! += h;
      minus[i]! -= h;
      const numeric = (scalarFormulaReference(plus).y - scalarFormulaReference(minus).y) / (2 * h);
      expect(grad[i]).toBeCloseTo(numeric, 6);
    }
  });
});

describe('matmul helpers', () => {
  it('NN, NT and TN agree on the same product', () => {
    // A is 2x3, B is 3x2.
    const a = [1, 2, 3, 4, 5, 6];
    const b = [7, 8, 9, 10, 11, 12];
    const bT = [7, 9, 11, 8, 10, 12];
    const aT = [1, 4, 2, 5, 3, 6];
    const expected = [58, 64, 139, 154];
    expect([...matmulNN(a, b, 2, 3, 2)]).toEqual(expected);
    expect([...matmulNT(a, bT, 2, 3, 2)]).toEqual(expected);
    expect([...matmulTN(aT, b, 3, 2, 2)]).toEqual(expected);
  });
});

describe('mlpReference', () => {
  const rng = new Mulberry32(7);
  const batch = 3;
  const sizes = [4, 5, 3];
  const input = uniformArray(rng, batch * sizes[0]!, -1, 1);
  const labels = [2, 0, 1];
  const makeLayers = (weights: Float64Array[], biases: Float64Array[]): DenseLayer[] =>
    weights.map((weight, l) => ({ weight, bias: biases[l], inFeatures: sizes[l]!, outFeatures: sizes[l + 1]! }));
  const weights = [0, 1].map((l) => Float64Array.from(uniformArray(rng, sizes[l]! * sizes[l + 1]!, -1, 1)));
  const biases = [0, 1].map((l) => Float64Array.from(uniformArray(rng, sizes[l + 1]!, -1, 1)));

  for (const loss of ['sum-onehot-log-softmax', 'mean-cross-entropy'] as MlpLoss[]) {
    it(`${loss}: gradients agree with central differences`, () => {
      const result = mlpReference(input, batch, makeLayers(weights, biases), labels, loss);
      const lossAt = (): number => mlpReference(input, batch, makeLayers(weights, biases), labels, loss).loss;
      const h = 1e-6;
      const params: [Float64Array, Float64Array][] = [
        [weights[0]!, result.weightGrads[0]!],
        [weights[1]!, result.weightGrads[1]!],
        [biases[0]!, result.biasGrads[0]!],
        [biases[1]!, result.biasGrads[1]!],
      ];
      for (const [param, grad] of params) {
        for (let i = 0; i < param.length; i++) {
          const saved = param[i]!;
          param[i] = saved + h;
          const plus = lossAt();
          param[i] = saved - h;
          const minus = lossAt();
          param[i] = saved;
          expect(grad[i]).toBeCloseTo((plus - minus) / (2 * h), 6);
        }
      }
    });
  }

  it('the homework loss is the sum and cross-entropy the mean of the same terms', () => {
    const sum = mlpReference(input, batch, makeLayers(weights, biases), labels, 'sum-onehot-log-softmax').loss;
    const mean = mlpReference(input, batch, makeLayers(weights, biases), labels, 'mean-cross-entropy').loss;
    expect(mean).toBeCloseTo(sum / batch, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { tensor } from './creation';
import { mapBinary, mapTernary, mapUnary, toOperand, type BinaryKernel, type UnaryKernel } from './elementwise-engine';

const copy: UnaryKernel = (x, xo, xs, out, oo, n) => {
  for (let i = 0; i < n; i++, xo += xs) out[oo + i] = x[xo]!;
};
const pair: BinaryKernel = (a, ao, as, b, bo, bs, out, oo, n) => {
  for (let i = 0; i < n; i++, ao += as, bo += bs) out[oo + i] = a[ao]! * 10 + b[bo]!;
};

describe('elementwise engine', () => {
  it('mapUnary: contiguous with offset, and strided rows', () => {
    const x = tensor([0, 1, 2, 3, 4, 5]).reshape(2, 3);
    expect(mapUnary(x.at(1), 'float64', copy).toArray()).toEqual([3, 4, 5]);
    expect(mapUnary(x.T, 'int32', copy).toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
    // PyTorch's TensorIterator keeps the operand's layout: x.T.exp() has x.T's strides
    const out = mapUnary(x.T, 'float32', copy);
    expect(out.isContiguous()).toBe(false);
    expect(out.strides).toEqual([1, 3]);
    // a strided slice is not dense: its result is dense in the same (row-major) order
    expect(mapUnary(x.slice(1, 0, null, 2), 'float32', copy).strides).toEqual([2, 1]);
  });

  it('mapBinary: same shape, scalar, broadcast and strided operands give the same pairing', () => {
    const a = tensor([[1, 2], [3, 4]]);
    expect(mapBinary(a, a, 'float32', pair).toArray()).toEqual([[11, 22], [33, 44]]);
    expect(mapBinary(a, 5, 'float32', pair).toArray()).toEqual([[15, 25], [35, 45]]);
    expect(mapBinary(5, a, 'float32', pair).toArray()).toEqual([[51, 52], [53, 54]]);
    expect(mapBinary(a, tensor([7, 8]), 'float32', pair).toArray()).toEqual([[17, 28], [37, 48]]);
    expect(mapBinary(a.T, tensor([[7], [8]]), 'float32', pair).toArray()).toEqual([[17, 37], [28, 48]]);
    expect(mapBinary(tensor([[1]]), tensor([2, 3]), 'float32', pair).shape).toEqual([1, 2]);
  });

  it('mapTernary broadcasts three operands', () => {
    const r = mapTernary(tensor([[1], [2]]), tensor([10, 20]), 100, 'float64', (a, ao, as, b, bo, bs, c, co, cs, out, oo, n) => {
      for (let i = 0; i < n; i++, ao += as, bo += bs, co += cs) out[oo + i] = a[ao]! + b[bo]! + c[co]!;
    });
    expect(r.toArray()).toEqual([[111, 121], [112, 122]]);
  });

  it('toOperand converts scalars and 0-d tensors to the computation dtype', () => {
    expect(toOperand(0.1, 'float32')).toBe(Math.fround(0.1));
    expect(toOperand(true, 'int32')).toBe(1);
    expect(toOperand(tensor(0.1, { dtype: 'float64' }), 'float32')).toBe(Math.fround(0.1));
    const big = tensor([16777217], { dtype: 'int32' });
    const converted = toOperand(big, 'float32');
    expect(typeof converted === 'object' && converted.dtype).toBe('float32');
    expect(typeof converted === 'object' && converted.item()).toBe(16777216);
  });
});

describe('row-broadcast fast path', () => {
  it('a [m] operand repeats over [n, m] and [k, n, m] on either side', () => {
    const big = tensor([[1, 2, 3], [4, 5, 6]]);
    const row = tensor([10, 20, 30]);
    expect(mapBinary(big, row, 'float32', pair).toArray()).toEqual([[20, 40, 60], [50, 70, 90]]);
    expect(mapBinary(row, big, 'float32', pair).toArray()).toEqual([[101, 202, 303], [104, 205, 306]]);
    expect(mapBinary(big.reshape(1, 2, 3).expand(2, 2, 3).contiguous(), tensor([[[1, 1, 1]], [[2, 2, 2]]]).reshape(2, 1, 3).at(0), 'float32', pair).shape).toEqual([2, 2, 3]);
    // a [2, 1] column is not a trailing block: the general path must handle it
    expect(mapBinary(big, tensor([[1], [2]]), 'float32', pair).toArray()).toEqual([[11, 21, 31], [42, 52, 62]]);
  });
});

describe('expanded one-element operands', () => {
  it('an operand with only zero strides is read as one value, on either side, whatever its offset', () => {
    const big = tensor([[1, 2, 3], [4, 5, 6]]);
    const source = tensor([0, 7, 0]);
    const seven = source.at(1).expand(2, 3);
    expect(seven.strides).toEqual([0, 0]);
    expect(mapBinary(big, seven, 'float32', pair).toArray()).toEqual([[17, 27, 37], [47, 57, 67]]);
    expect(mapBinary(seven, big, 'float32', pair).toArray()).toEqual([[71, 72, 73], [74, 75, 76]]);
    expect(mapBinary(seven, seven, 'float32', pair).toArray()).toEqual([[77, 77, 77], [77, 77, 77]]);
    // against a transposed (non-contiguous) operand: the general path still pairs elements
    expect(mapBinary(seven.T, big.T, 'float32', pair).toArray()).toEqual([[71, 74], [72, 75], [73, 76]]);
    // zero strides over a [1, 3] -> [2, 3] broadcast of a [3] row are not one value
    const row = tensor([1, 2, 3]).expand(2, 3);
    expect(mapBinary(row, big, 'float32', pair).toArray()).toEqual([[11, 22, 33], [14, 25, 36]]);
  });
});

import { describe, expect, it } from 'vitest';
import { arange, tensor } from './creation';
import { formatTensor } from './format-tensor';

describe('formatTensor', () => {
  it("basic: PyTorch's repr of float, int and bool tensors", () => {
    expect(formatTensor(tensor([3.773, 1.8865, 0.0651]))).toBe('tensor([3.7730, 1.8865, 0.0651])');
    expect(formatTensor(tensor(4.0584))).toBe('tensor(4.0584)');
    expect(formatTensor(tensor([true, false]))).toBe('tensor([ True, False])');
    expect(formatTensor(tensor([1, 2], { dtype: 'float64' }))).toBe('tensor([1., 2.], dtype=torch.float64)');
  });

  it('strided views print their logical elements', () => {
    const x = arange(6).reshape(2, 3);
    expect(formatTensor(x.T)).toBe('tensor([[0, 3],\n        [1, 4],\n        [2, 5]], dtype=torch.int32)');
    expect(formatTensor(x.at(1))).toBe('tensor([3, 4, 5], dtype=torch.int32)');
  });

  it('suffixes are appended after the dtype', () => {
    expect(formatTensor(tensor(4.0584), ['grad_fn=<LogBackward0>'])).toBe('tensor(4.0584, grad_fn=<LogBackward0>)');
    expect(formatTensor(tensor([1], { dtype: 'float64' }), ['requires_grad=True'])).toBe(
      'tensor([1.], dtype=torch.float64, requires_grad=True)',
    );
  });

  it('non-finite values and -0', () => {
    expect(formatTensor(tensor([Number.NaN, Infinity, -Infinity, -0]))).toBe('tensor([nan, inf, -inf, -0.])');
  });
});

import { describe, expect, it } from 'vitest';
import { tensor } from './creation';
import { nllForward } from './loss-kernels';

const labels = (...t: number[]): Int32Array => Int32Array.from(t);

describe('nllForward', () => {
  // PyTorch 1.13 (nll_loss_out_frame): one sample (a 1-D input) is summed from 0 even with 'none',
  // so its loss is 0 - x[t] * w; [N, C] inputs with 'none' give -x[t] * w per sample
  it("gives +0 for a 1-D input whose target entry is 0, with 'none' (PyTorch's 0 - x[t] * w)", () => {
    const cases: [number[], Float32Array | null][] = [[[0], null], [[-0], null], [[2, 1], new Float32Array([0, 1])]];
    for (const [x, weight] of cases) {
      const { output } = nllForward(tensor(x), labels(0), weight, 'none', -100);
      expect(output.shape).toEqual([]);
      expect(Object.is(output.item(), 0)).toBe(true);
    }
  });

  it("still gives -0 per sample for an [N, C] input with 'none', as PyTorch", () => {
    const { output } = nllForward(tensor([[0]]), labels(0), null, 'none', -100);
    expect(output.shape).toEqual([1]);
    expect(Object.is(output.dataSync()[0], -0)).toBe(true);
  });

  it("1-D input with 'none': -x[t] * w, and 0 for an ignored target", () => {
    expect(nllForward(tensor([0.5, 3]), labels(1), null, 'none', -100).output.item()).toBe(-3);
    expect(nllForward(tensor([0.5, 3]), labels(1), new Float32Array([1, 2]), 'none', -100).output.item()).toBe(-6);
    expect(Object.is(nllForward(tensor([2, 1]), labels(0), null, 'none', 0).output.item(), 0)).toBe(true);
  });
});

import { fromData, type Tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { clipGradNorm_, clipGradValue_ } from '../src/index';
import { expectFixtureClose, loadFixture, num, toBase, type FixtureTensor } from '@gradlab/testing';

interface ClipCase {
  name: string;
  kind: 'norm' | 'value';
  max_norm?: number;
  norm_type?: number | string;
  clip_value?: number;
  grads: FixtureTensor[];
  clipped: FixtureTensor[];
  total_norm?: FixtureTensor;
}

const fixture = loadFixture<{ cases: ClipCase[] }>(import.meta.url, 'clip_grad.json');

describe.each(fixture.cases.map((c) => [c.name, c] as const))('%s against PyTorch 1.13', (_, testCase) => {
  it('clips the gradients in place as torch.nn.utils does', () => {
    const params: Tensor[] = testCase.grads.map((g) => {
      const p = fromData(toBase(g), true);
      p.grad = fromData(toBase(g));
      return p;
    });
    if (testCase.kind === 'norm') {
      const total = clipGradNorm_(params, testCase.max_norm!, { normType: num(testCase.norm_type!) });
      expect(total.dtype).toBe(testCase.total_norm!.dtype);
      expectFixtureClose(total, testCase.total_norm!, 'total norm', 1e-6);
    } else {
      clipGradValue_(params, testCase.clip_value!);
    }
    params.forEach((p, i) => expectFixtureClose(p.grad, testCase.clipped[i]!, `grad ${i}`, 1e-6));
  });
});

/**
 * gradlab runners, written as a user would write them with the public API
 * of each package (see docs/design.md).
 */
import { tensor, type Tensor as BaseTensor } from '@gradlab/tensor';
import { need, type NamedArray } from '../data';
import type { Runner } from '../runner';
import type { WorkloadId } from '../workloads';

function baseInput(arrays: Map<string, NamedArray>, name: string): BaseTensor {
  const array = need(arrays, name);
  return tensor(array.values, { dtype: array.dtype }).reshape([...array.shape]);
}

function matmul(arrays: Map<string, NamedArray>): Runner {
  const a = baseInput(arrays, 'a');
  const b = baseInput(arrays, 'b');
  let c: BaseTensor | null = null;
  return {
    step() {
      c = a.matmul(b);
    },
    probe: () => new Map([['c', c!.storage]]),
  };
}

export async function describe(): Promise<Record<string, string | number>> {
  return { dtype: 'float32' };
}

export async function createRunner(workload: WorkloadId, arrays: Map<string, NamedArray>, _settings: Readonly<Record<string, number>>): Promise<Runner> {
  switch (workload) {
    case 'W4-512':
    case 'W4-1024':
      return matmul(arrays);
    default:
      throw new Error(`gradlab ${workload} runner needs @gradlab/autograd, nn, losses and optim (not landed yet)`);
  }
}

/**
 * gradlab with every float32 product on the pure-TypeScript kernel (the WebAssembly SIMD path
 * switched off through `@gradlab/tensor/internal`): the baseline of issue 17's W3 target.
 */
import { forceMatmulPath } from '@gradlab/tensor/internal';
import { createRunner as gradlabRunner, describe as gradlabDescribe } from './gradlab';
import type { NamedArray } from '../data';
import type { Runner } from '../runner';
import type { WorkloadId } from '../workloads';

export async function describe(): Promise<Record<string, string | number>> {
  return { ...(await gradlabDescribe()), matmul: 'typescript' };
}

export async function createRunner(workload: WorkloadId, arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>): Promise<Runner> {
  forceMatmulPath('ts');
  return gradlabRunner(workload, arrays, settings);
}

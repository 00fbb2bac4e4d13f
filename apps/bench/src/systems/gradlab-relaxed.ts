/**
 * gradlab as `gradlab`, in a Node started with `--experimental-wasm-relaxed-simd` (the parent adds
 * it), so that the relaxed-SIMD build of the kernel (6x8 tile of `f32x4.relaxed_madd`) is the one
 * chosen, as on Node 22 and in Chrome, where relaxed SIMD needs no flag.
 */
import { wasmInfo } from '@gradlab/tensor';
import { createRunner as gradlabRunner, describe as gradlabDescribe } from './gradlab';
import type { NamedArray } from '../data';
import type { Runner } from '../runner';
import type { WorkloadId } from '../workloads';

export async function describe(): Promise<Record<string, string | number>> {
  return gradlabDescribe();
}

export async function createRunner(workload: WorkloadId, arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>): Promise<Runner> {
  if (!wasmInfo().relaxed) throw new Error('gradlab-relaxed: this Node does not validate the relaxed-SIMD module (started without --experimental-wasm-relaxed-simd?)');
  return gradlabRunner(workload, arrays, settings);
}

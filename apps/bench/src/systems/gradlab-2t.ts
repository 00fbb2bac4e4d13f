/**
 * gradlab with float32 products split across two threads (`setNumThreads(2)`, worker_threads on
 * shared WebAssembly memory). Compare it with `--clock wall`: CPU time adds up both threads.
 */
import { createRunner as gradlabRunner, describe as gradlabDescribe } from './gradlab';
import type { NamedArray } from '../data';
import type { Runner } from '../runner';
import type { WorkloadId } from '../workloads';

export async function describe(): Promise<Record<string, string | number>> {
  return { ...(await gradlabDescribe()), threads: 2 };
}

export async function createRunner(workload: WorkloadId, arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>): Promise<Runner> {
  return gradlabRunner(workload, arrays, settings, 2);
}

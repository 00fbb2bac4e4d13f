/** gradlab runners (written once @gradlab/nn, losses and optim land). */
import type { NamedArray } from '../data';
import type { Runner } from '../runner';
import type { WorkloadId } from '../workloads';

export async function describe(): Promise<Record<string, string | number>> {
  return {};
}

export async function createRunner(_workload: WorkloadId, _arrays: Map<string, NamedArray>, _settings: Readonly<Record<string, number>>): Promise<Runner> {
  throw new Error('gradlab runners are not written yet');
}

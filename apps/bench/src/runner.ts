/**
 * What each system provides for a workload: one timed iteration and a probe
 * that exposes its results for checking.
 */
import type { NamedArray } from './data';
import type { WorkloadId } from './workloads';

/** One system set up for one workload. */
export interface Runner {
  /**
   * One timed iteration (W1: forward, backward, read the gradient; W2: zero
   * grads, forward, backward, read the loss; W3: one training step, read the
   * loss; W4: one matmul). Called once before {@link probe}, then timed.
   */
  step(): void;
  /** The outputs of the iteration that just ran, by probe name (values as numbers). */
  probe(): Map<string, ArrayLike<number>>;
  /** Frees what the system holds (tfjs tensors). */
  dispose?(): void;
}

/** What a system module exports. */
export interface SystemModule {
  /** Facts worth printing with the results (backend, threads, version). */
  describe(): Promise<Record<string, string | number>>;
  createRunner(workload: WorkloadId, arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>): Promise<Runner>;
}

type Build = (arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>) => Runner;

/** A system's runner builders, one per kind of workload (both matmul sizes share one). */
export interface RunnerBuilders {
  readonly scalarFormula: Build;
  readonly homeworkMlp: Build;
  readonly trainingStep: Build;
  readonly matmul: Build;
}

/** The runner `builders` make for `workload`: the one place that maps workload ids to their kind. */
export function buildRunner(workload: WorkloadId, builders: RunnerBuilders, arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>): Runner {
  switch (workload) {
    case 'W1':
      return builders.scalarFormula(arrays, settings);
    case 'W2':
      return builders.homeworkMlp(arrays, settings);
    case 'W3':
    case 'W3-512':
      return builders.trainingStep(arrays, settings);
    case 'W4-256':
    case 'W4-512':
    case 'W4-1024':
    case 'W4-2048':
      return builders.matmul(arrays, settings);
  }
}

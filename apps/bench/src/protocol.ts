/**
 * The conversation between the parent (`main.ts`) and one child process.
 *
 * The child is started with a JSON job on argv. It builds the system, runs
 * one iteration, writes its probe outputs and says `ready`. The parent checks
 * the probe against the float64 reference and answers `go` (time it) or
 * `stop` (it failed: no timing) on the child's stdin. The child then times
 * and says `result`. Messages are single stdout lines prefixed with
 * {@link MESSAGE_PREFIX}, so a library printing to stdout cannot confuse
 * the parent.
 */
import type { WorkloadId } from './workloads';

export const MESSAGE_PREFIX = '@@bench ';

/** How long to warm up and how many repeats to time. */
export interface TimingPlan {
  /** Warm up for at least this long ... */
  readonly warmupSeconds: number;
  /** ... and at least this many iterations. */
  readonly minWarmupIterations: number;
  /** Timed repeats; each gives one per-iteration sample. */
  readonly repeats: number;
  /** Each repeat runs enough iterations to last about this long. */
  readonly repeatSeconds: number;
  /** Fewer repeats (not fewer than 3) when a slow system would exceed this. */
  readonly budgetSeconds: number;
  /**
   * 'wall' (default): elapsed time. 'cpu': the process's user + system CPU
   * time, steadier when other work shares the machine (all systems here
   * compute on one thread, so CPU time is their compute time).
   */
  readonly clock: 'wall' | 'cpu';
}

/** The argv job of a child. */
export interface Job {
  readonly system: string;
  readonly workload: WorkloadId;
  readonly dataDir: string;
  readonly probeDir: string;
  readonly plan: TimingPlan;
  /** When set, the system module to import instead of `systems/<system>.ts` (gradlab's bundle). */
  readonly modulePath?: string;
}

/** Timing of one child, in seconds per iteration. */
export interface Timing {
  readonly samples: number[];
  readonly iterationsPerRepeat: number;
  readonly warmupIterations: number;
}

export type ChildMessage =
  | { readonly type: 'ready'; readonly probes: string[]; readonly info: Record<string, string | number>; readonly setupSeconds: number }
  | { readonly type: 'result'; readonly timing: Timing; readonly maxRssKiB: number; readonly baselineRssKiB: number }
  | { readonly type: 'error'; readonly message: string };

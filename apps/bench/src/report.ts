/**
 * The results of a run, the table printed from them, and the targets of
 * issue 7 evaluated on them.
 */
import { summarize } from './timing';
import { WORKLOADS, type WorkloadId } from './workloads';

/** One system on one workload. */
export type Outcome =
  | {
      readonly status: 'ok';
      readonly workload: WorkloadId;
      readonly system: string;
      /** Seconds per iteration, one sample per repeat. */
      readonly samples: number[];
      readonly iterationsPerRepeat: number;
      readonly maxRssKiB: number;
      readonly baselineRssKiB: number;
      readonly maxScaledError: number;
      readonly info: Record<string, string | number>;
    }
  | { readonly status: 'failed' | 'skipped'; readonly workload: WorkloadId; readonly system: string; readonly reason: string; readonly info?: Record<string, string | number> };

type OkOutcome = Extract<Outcome, { status: 'ok' }>;

/** The headline number of an outcome: seconds per iteration (lower is better). */
export function medianSeconds(outcome: OkOutcome): number {
  return summarize(outcome.samples).median;
}

function formatTime(seconds: number, unit: 'us' | 'ms'): string {
  const value = unit === 'us' ? seconds * 1e6 : seconds * 1e3;
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function formatRate(seconds: number, flops: number): string {
  const gflops = flops / seconds / 1e9;
  return gflops >= 10 ? gflops.toFixed(1) : gflops.toFixed(2);
}

/** "3.10 us" / "42.0 GFLOP/s" with its min-max range. */
export function formatMeasure(outcome: OkOutcome): { median: string; range: string; unit: string } {
  const { median, min, max } = summarize(outcome.samples);
  const spec = WORKLOADS[outcome.workload].report;
  if (spec.kind === 'time') {
    return { median: formatTime(median, spec.unit), range: `${formatTime(min, spec.unit)}-${formatTime(max, spec.unit)}`, unit: spec.unit };
  }
  // For a rate the fastest sample gives the highest figure.
  return { median: formatRate(median, spec.flopsPerIteration), range: `${formatRate(max, spec.flopsPerIteration)}-${formatRate(min, spec.flopsPerIteration)}`, unit: 'GFLOP/s' };
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

// The outcomes of each workload that ran, in the order of `systems`, with gradlab's own (when it ran).
function workloadBlocks(outcomes: readonly Outcome[], workloads: readonly WorkloadId[], systems: readonly string[]) {
  return workloads.flatMap((workload) => {
    const rows = systems.map((system) => outcomes.find((o) => o.workload === workload && o.system === system)).filter((o): o is Outcome => o !== undefined);
    const gradlab = rows.find((o): o is OkOutcome => o.system === 'gradlab' && o.status === 'ok');
    return rows.length === 0 ? [] : [{ workload, spec: WORKLOADS[workload], rows, gradlab }];
  });
}

// How many times faster gradlab is than `row` (peer time / gradlab time).
function speedupText(row: OkOutcome, gradlab: OkOutcome | undefined): string {
  if (gradlab === undefined) return 'n/a';
  return row === gradlab ? '1.00x' : `${(medianSeconds(row) / medianSeconds(gradlab)).toFixed(2)}x`;
}

/**
 * The results table: one block per workload, one row per system, with the
 * median, min-max, how many times faster gradlab is (peer time / gradlab
 * time: above 1 means gradlab leads) and peak RSS.
 */
export function formatTable(outcomes: readonly Outcome[], workloads: readonly WorkloadId[], systems: readonly string[]): string {
  const lines: string[] = [];
  for (const { workload, spec, rows, gradlab } of workloadBlocks(outcomes, workloads, systems)) {
    const unit = spec.report.kind === 'time' ? spec.report.unit : 'GFLOP/s';
    lines.push(`${workload}: ${spec.title} (${spec.report.kind === 'time' ? `${unit} per iteration` : 'GFLOP/s, higher is better'})`);
    const width = Math.max(11, ...rows.map((row) => row.system.length));
    lines.push(`  ${pad('system', width)} ${pad('median', 9, true)} ${pad('min-max', 17, true)}  ${pad('gradlab speedup', 15, true)} ${pad('peak RSS', 9, true)} ${pad('(at start)', 10, true)}  repeats`);
    for (const row of rows) {
      if (row.status !== 'ok') {
        lines.push(`  ${pad(row.system, width)} ${row.status.toUpperCase()}: ${row.reason.split('\n')[0]!.slice(0, 110)}`);
        continue;
      }
      const measure = formatMeasure(row);
      const speedup = speedupText(row, gradlab);
      const rss = `${(row.maxRssKiB / 1024).toFixed(0)} MB`;
      const base = `(${(row.baselineRssKiB / 1024).toFixed(0)} MB)`;
      lines.push(`  ${pad(row.system, width)} ${pad(measure.median, 9, true)} ${pad(measure.range, 17, true)}  ${pad(speedup, 15, true)} ${pad(rss, 9, true)} ${pad(base, 10, true)}  ${row.samples.length}x${row.iterationsPerRepeat}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** The same table as {@link formatTable}, as Markdown (for the README). */
export function formatMarkdown(outcomes: readonly Outcome[], workloads: readonly WorkloadId[], systems: readonly string[]): string {
  const lines: string[] = [];
  for (const { workload, spec, rows, gradlab } of workloadBlocks(outcomes, workloads, systems)) {
    const unit = spec.report.kind === 'time' ? `${spec.report.unit} per iteration` : 'GFLOP/s, higher is better';
    lines.push(`**${workload}**: ${spec.title} (${unit})`, '');
    lines.push('| system | median | min-max | gradlab speedup | peak RSS (at start) | repeats |', '| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) {
      if (row.status !== 'ok') {
        lines.push(`| ${row.system} | ${row.status} | ${row.reason.split('\n')[0]!.slice(0, 80).replace(/\|/g, '/')} | | | |`);
        continue;
      }
      const measure = formatMeasure(row);
      const speedup = speedupText(row, gradlab);
      lines.push(
        `| ${row.system} | ${measure.median} | ${measure.range} | ${speedup} | ${(row.maxRssKiB / 1024).toFixed(0)} MB (${(row.baselineRssKiB / 1024).toFixed(0)} MB) | ${row.samples.length}x${row.iterationsPerRepeat} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** One target of issue 7 and whether this run met it. */
export interface TargetResult {
  readonly workload: WorkloadId;
  readonly description: string;
  /** null when a side of the comparison did not run. */
  readonly met: boolean | null;
  readonly measured: string;
}

/**
 * The targets of issue 7: W1 5x js-pytorch; W2 5x PyTorch and 5x tfjs-wasm;
 * W3 5x tfjs-cpu, 10x js-pytorch and lower peak RSS than both; W4 4x
 * tfjs-cpu's GFLOP/s. Issue 17: W4-1024 1.5x tfjs-wasm and half of PyTorch+OpenBLAS (one
 * thread); W3 3x gradlab's pure-TypeScript path and within 2x of PyTorch+OpenBLAS.
 */
export function evaluateTargets(outcomes: readonly Outcome[]): TargetResult[] {
  const ok = (workload: WorkloadId, system: string): OkOutcome | undefined =>
    outcomes.find((o): o is OkOutcome => o.workload === workload && o.system === system && o.status === 'ok');
  const results: TargetResult[] = [];
  const speed = (workload: WorkloadId, peer: string, factor: number): void => {
    if (!outcomes.some((o) => o.workload === workload)) return;
    const g = ok(workload, 'gradlab');
    const p = ok(workload, peer);
    const description = factor >= 1 ? `${workload}: gradlab at least ${factor}x faster than ${peer}` : `${workload}: gradlab at least ${factor}x the speed of ${peer}`;
    if (g === undefined || p === undefined) {
      results.push({ workload, description, met: null, measured: g === undefined ? 'gradlab did not run' : `${peer} did not run` });
      return;
    }
    const ratio = medianSeconds(p) / medianSeconds(g);
    results.push({ workload, description, met: ratio >= factor, measured: `${ratio.toFixed(2)}x` });
  };
  // the same targets for gradlab's relaxed-SIMD build (gradlab-relaxed)
  const relaxed = (workload: WorkloadId, peer: string, factor: number): void => {
    const g = ok(workload, 'gradlab-relaxed');
    const p = ok(workload, peer);
    if (!outcomes.some((o) => o.workload === workload && o.system === 'gradlab-relaxed')) return;
    const description = factor >= 1 ? `${workload}: gradlab-relaxed at least ${factor}x faster than ${peer}` : `${workload}: gradlab-relaxed at least ${factor}x the speed of ${peer}`;
    if (g === undefined || p === undefined) {
      results.push({ workload, description, met: null, measured: g === undefined ? 'gradlab-relaxed did not run' : `${peer} did not run` });
      return;
    }
    const ratio = medianSeconds(p) / medianSeconds(g);
    results.push({ workload, description, met: ratio >= factor, measured: `${ratio.toFixed(2)}x` });
  };
  const memory = (workload: WorkloadId, peer: string): void => {
    if (!outcomes.some((o) => o.workload === workload)) return;
    const g = ok(workload, 'gradlab');
    const p = ok(workload, peer);
    const description = `${workload}: gradlab peak RSS lower than ${peer}'s`;
    if (g === undefined || p === undefined) {
      results.push({ workload, description, met: null, measured: g === undefined ? 'gradlab did not run' : `${peer} did not run` });
      return;
    }
    results.push({ workload, description, met: g.maxRssKiB < p.maxRssKiB, measured: `${(g.maxRssKiB / 1024).toFixed(0)} MB vs ${(p.maxRssKiB / 1024).toFixed(0)} MB` });
  };
  speed('W1', 'js-pytorch', 5);
  speed('W2', 'pytorch', 5);
  speed('W2', 'tfjs-wasm', 5);
  speed('W3', 'tfjs-cpu', 5);
  speed('W3', 'js-pytorch', 10);
  memory('W3', 'tfjs-cpu');
  memory('W3', 'js-pytorch');
  speed('W4-512', 'tfjs-cpu', 4);
  speed('W4-1024', 'tfjs-cpu', 4);
  // issue 17 (WebAssembly SIMD kernels), single-threaded
  speed('W4-1024', 'tfjs-wasm', 1.5);
  speed('W4-1024', 'pytorch-openblas', 0.5);
  relaxed('W4-1024', 'tfjs-wasm', 1.5);
  relaxed('W4-1024', 'pytorch-openblas', 0.5);
  speed('W3', 'gradlab-ts', 3);
  speed('W3', 'pytorch-openblas', 0.5);
  // two threads against gradlab's own single thread (a wall-clock run: CPU time adds threads up)
  const g1 = ok('W4-1024', 'gradlab');
  const g2 = ok('W4-1024', 'gradlab-2t');
  if (outcomes.some((o) => o.workload === 'W4-1024' && o.system === 'gradlab-2t')) {
    const description = 'W4-1024: gradlab-2t at least 1.6x gradlab (wall clock)';
    if (g1 === undefined || g2 === undefined) results.push({ workload: 'W4-1024', description, met: null, measured: `${g1 === undefined ? 'gradlab' : 'gradlab-2t'} did not run` });
    else {
      const ratio = medianSeconds(g1) / medianSeconds(g2);
      results.push({ workload: 'W4-1024', description, met: ratio >= 1.6, measured: `${ratio.toFixed(2)}x` });
    }
  }
  return results;
}

/** The targets as printable lines. */
export function formatTargets(targets: readonly TargetResult[]): string {
  return targets.map((t) => `  [${t.met === null ? 'n/a ' : t.met ? 'MET ' : 'MISS'}] ${t.description}: ${t.measured}`).join('\n');
}

/**
 * `pnpm bench`: times gradlab and its peers on the same work, one child
 * process per system and workload, checks every system against a float64
 * reference before its time counts, and prints the table.
 *
 *   pnpm bench [--quick] [--only W1,W3] [--systems gradlab,tfjs-cpu]
 *              [--json] [--out results.json] [--cpu-prof DIR] [--verbose]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { checkProbes } from './check';
import { readProbe, writeDataDir } from './data';
import { MESSAGE_PREFIX, type ChildMessage, type Job, type TimingPlan } from './protocol';
import { evaluateTargets, formatMarkdown, formatMeasure, formatTable, formatTargets, type Outcome } from './report';
import { LARGE_WORKLOADS, WORKLOAD_IDS, WORKLOADS, type WorkloadData, type WorkloadId } from './workloads';

const SRC_DIR = dirname(fileURLToPath(import.meta.url));
const APP_DIR = dirname(SRC_DIR);
/** Debian's python3 (with python3-torch); override with GRADLAB_BENCH_PYTHON. */
const PYTHON = process.env.GRADLAB_BENCH_PYTHON ?? '/usr/bin/python3';

/** Every system, in table order. */
export const SYSTEMS = ['gradlab', 'gradlab-relaxed', 'gradlab-2t', 'gradlab-ts', 'tfjs-cpu', 'tfjs-wasm', 'js-pytorch', 'pytorch', 'pytorch-openblas', 'pytorch-openblas-2t'] as const;

/** The PyTorch systems: Debian's torch, and the same torch with OpenBLAS put in front of the reference BLAS. */
const PYTORCH_SYSTEMS: Readonly<Record<string, { openblasThreads: number } | null>> = { pytorch: null, 'pytorch-openblas': { openblasThreads: 1 }, 'pytorch-openblas-2t': { openblasThreads: 2 } };

/** Where Debian's libopenblas0-pthread is unpacked (`apt-get download` + `dpkg -x`); override with GRADLAB_BENCH_OPENBLAS_DIR. */
const OPENBLAS_CACHE = process.env.GRADLAB_BENCH_OPENBLAS_DIR ?? join(APP_DIR, 'node_modules', '.cache', 'openblas');
const OPENBLAS_LIB = join(OPENBLAS_CACHE, 'usr', 'lib', 'x86_64-linux-gnu', 'openblas-pthread');

/**
 * The directory holding OpenBLAS's `libblas.so.3`, unpacking Debian's package into the cache on
 * first use (no root needed: `apt-get download` and `dpkg -x`); the reason when that fails.
 */
function openblasAvailability(): { ok: true; dir: string } | { ok: false; reason: string } {
  if (existsSync(join(OPENBLAS_LIB, 'libblas.so.3'))) return { ok: true, dir: OPENBLAS_LIB };
  mkdirSync(OPENBLAS_CACHE, { recursive: true });
  const download = spawnSync('apt-get', ['download', 'libopenblas0-pthread'], { cwd: OPENBLAS_CACHE, encoding: 'utf8', timeout: 120_000 });
  const deb = download.status === 0 ? readdirSync(OPENBLAS_CACHE).find((f) => f.startsWith('libopenblas0-pthread_') && f.endsWith('.deb')) : undefined;
  if (deb === undefined) return { ok: false, reason: `OpenBLAS not found in ${OPENBLAS_CACHE} and 'apt-get download libopenblas0-pthread' failed (${(download.stderr ?? String(download.error ?? '')).trim().split('\n').pop()})` };
  const unpack = spawnSync('dpkg', ['-x', deb, '.'], { cwd: OPENBLAS_CACHE, encoding: 'utf8', timeout: 120_000 });
  if (unpack.status !== 0 || !existsSync(join(OPENBLAS_LIB, 'libblas.so.3'))) return { ok: false, reason: `'dpkg -x ${deb}' did not give ${OPENBLAS_LIB}/libblas.so.3` };
  return { ok: true, dir: OPENBLAS_LIB };
}

const FULL_PLAN: TimingPlan = { warmupSeconds: 1, minWarmupIterations: 3, repeats: 10, repeatSeconds: 0.3, budgetSeconds: 20, clock: 'wall' };
const QUICK_PLAN: TimingPlan = { warmupSeconds: 0.2, minWarmupIterations: 1, repeats: 5, repeatSeconds: 0.08, budgetSeconds: 1.5, clock: 'wall' };

const USAGE = `usage: pnpm bench [options]
  --quick              short warm-up and 5 short repeats; skips ${LARGE_WORKLOADS.join(', ')} unless --only names them (about a minute)
  --only W1,W2,...     workloads: ${WORKLOAD_IDS.join(', ')} (W3 = both batch sizes, W4 = every matmul size)
  --systems a,b,...    systems: ${SYSTEMS.join(', ')}
  --repeats N          timed repeats per child (default 10, quick 5)
  --rounds N           run every system N times in turn and pool the repeats (default 1)
  --clock wall|cpu     time by elapsed time (default) or by the child's CPU time (steadier on a busy machine)
  --markdown           print the tables as Markdown (for the README)
  --json               print the results as JSON on stdout instead of the table
  --out FILE           also write the JSON results to FILE
  --cpu-prof DIR       run the TypeScript children under node --cpu-prof, profiles into DIR/<system>-<workload>/
  --from-source        load the systems' TypeScript modules through tsx (default: esbuild bundles, as tsup builds)
  --verbose            forward the children's own output to stderr
  --help               this text`;

interface Options {
  readonly quick: boolean;
  readonly workloads: WorkloadId[];
  readonly systems: string[];
  readonly plan: TimingPlan;
  readonly rounds: number;
  readonly json: boolean;
  readonly markdown: boolean;
  readonly out: string | null;
  readonly cpuProfDir: string | null;
  readonly verbose: boolean;
  readonly fromSource: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      systems: { type: 'string' },
      repeats: { type: 'string' },
      rounds: { type: 'string', default: '1' },
      clock: { type: 'string', default: 'wall' },
      json: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
      out: { type: 'string' },
      'cpu-prof': { type: 'string' },
      verbose: { type: 'boolean', default: false },
      'from-source': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const list = (text: string | undefined): string[] | null => (text === undefined ? null : text.split(',').map((s) => s.trim()).filter((s) => s.length > 0));
  let workloads: WorkloadId[];
  const only = list(values.only);
  if (only === null) {
    workloads = values.quick ? WORKLOAD_IDS.filter((w) => !LARGE_WORKLOADS.includes(w)) : [...WORKLOAD_IDS];
  } else {
    workloads = [];
    for (const name of only) {
      const matches = WORKLOAD_IDS.filter((w) => w.toLowerCase() === name.toLowerCase() || w.split('-')[0]!.toLowerCase() === name.toLowerCase());
      if (matches.length === 0) throw new Error(`--only: unknown workload '${name}', expected one of ${WORKLOAD_IDS.join(', ')}, W4`);
      for (const m of matches) if (!workloads.includes(m)) workloads.push(m);
    }
    workloads.sort((a, b) => WORKLOAD_IDS.indexOf(a) - WORKLOAD_IDS.indexOf(b));
  }
  const systems = list(values.systems) ?? [...SYSTEMS];
  for (const system of systems) {
    if (!(SYSTEMS as readonly string[]).includes(system)) throw new Error(`--systems: unknown system '${system}', expected some of ${SYSTEMS.join(', ')}`);
  }
  systems.sort((a, b) => SYSTEMS.indexOf(a as (typeof SYSTEMS)[number]) - SYSTEMS.indexOf(b as (typeof SYSTEMS)[number]));
  let plan = values.quick ? QUICK_PLAN : FULL_PLAN;
  if (values.repeats !== undefined) {
    const repeats = Number(values.repeats);
    if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`--repeats: expected a positive integer, got '${values.repeats}'`);
    plan = { ...plan, repeats };
  }
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: expected a positive integer, got '${values.rounds}'`);
  if (values.clock !== 'wall' && values.clock !== 'cpu') throw new Error(`--clock: expected 'wall' or 'cpu', got '${values.clock}'`);
  plan = { ...plan, clock: values.clock };
  return {
    quick: values.quick,
    workloads,
    systems,
    plan,
    rounds,
    json: values.json,
    markdown: values.markdown,
    out: values.out ?? null,
    cpuProfDir: values['cpu-prof'] === undefined ? null : resolve(values['cpu-prof']),
    verbose: values.verbose,
    fromSource: values['from-source'],
  };
}

/** Whether `/usr/bin/python3` can import torch; the reason when it cannot. */
function torchAvailability(): { ok: true; version: string } | { ok: false; reason: string } {
  if (!existsSync(PYTHON)) return { ok: false, reason: `${PYTHON} not found` };
  const probe = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 60_000 });
  if (probe.status !== 0) return { ok: false, reason: `'import torch' fails in ${PYTHON} (install Debian's python3-torch)` };
  return { ok: true, version: probe.stdout.trim() };
}

/**
 * Bundles each TypeScript system module with esbuild, the way tsup builds
 * what npm users run (ES2022, no keepNames): gradlab from its packages'
 * sources, the peers' wrappers with their npm packages left external.
 * Running the sources through tsx instead would also time esbuild's
 * keepNames helper (`__name`), which tsx turns on and which runs each time a
 * closure is created. The bundles go under node_modules/.cache so that the
 * peers' packages resolve from there.
 */
async function bundleSystems(systems: readonly string[]): Promise<Map<string, string>> {
  const outDir = join(APP_DIR, 'node_modules', '.cache', 'gradlab-bench');
  const typescriptSystems = systems.filter((system) => !(system in PYTORCH_SYSTEMS));
  if (typescriptSystems.length === 0) return new Map();
  await build({
    entryPoints: typescriptSystems.map((system) => join(SRC_DIR, 'systems', `${system}.ts`)),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'es2022',
    conditions: ['@gradlab/source'],
    external: ['@tensorflow/*', 'js-pytorch'],
    logLevel: 'error',
  });
  return new Map(typescriptSystems.map((system) => [system, join(outDir, `${system}.mjs`)]));
}

function childCommand(system: string, job: Job, options: Options, openblasDir: string | null): { command: string; args: string[]; env?: Record<string, string> } {
  const jobArg = JSON.stringify(job);
  if (system in PYTORCH_SYSTEMS) {
    const openblas = PYTORCH_SYSTEMS[system];
    const env = openblas == null || openblasDir === null
      ? undefined
      : { LD_LIBRARY_PATH: [openblasDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'), OPENBLAS_NUM_THREADS: String(openblas.openblasThreads) };
    return { command: PYTHON, args: [join(SRC_DIR, 'systems', 'torch_bench.py'), jobArg], ...(env === undefined ? {} : { env }) };
  }
  // One directory per child: the tsx loader thread writes its own profile next to the main thread's.
  const profile = options.cpuProfDir === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${join(options.cpuProfDir, `${system}-${job.workload}`)}`];
  // gradlab-relaxed: Node 20 validates relaxed SIMD only behind this flag (Node 22 has it on)
  const flags = system === 'gradlab-relaxed' ? ['--experimental-wasm-relaxed-simd'] : [];
  return { command: process.execPath, args: [...flags, ...profile, '--import', 'tsx', '--conditions=@gradlab/source', join(SRC_DIR, 'child.ts'), jobArg] };
}

/** Runs one child to the end: setup, probe, check, timing. */
async function runChild(system: string, workload: WorkloadId, data: WorkloadData, dataDir: string, probeRoot: string, options: Options, modulePath: string | undefined, openblasDir: string | null): Promise<Outcome> {
  const probeDir = join(probeRoot, `${system}-${workload}`);
  const job: Job = { system, workload, dataDir, probeDir, plan: options.plan, ...(modulePath === undefined ? {} : { modulePath }) };
  const { command, args, env } = childCommand(system, job, options, openblasDir);
  const child = spawn(command, args, { cwd: APP_DIR, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...env } });
  const stderrTail: string[] = [];
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    if (options.verbose) process.stderr.write(chunk);
    stderrTail.push(chunk);
    if (stderrTail.length > 40) stderrTail.shift();
  });
  const timeoutSeconds = options.quick ? 120 : 900;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutSeconds * 1000);
  const exited = new Promise<number | null>((resolveExit) => child.on('close', (code) => resolveExit(code)));

  let info: Record<string, string | number> = {};
  let outcome: Outcome | null = null;
  let maxScaledError = NaN;
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (!line.startsWith(MESSAGE_PREFIX)) {
      if (options.verbose) process.stderr.write(`[${system} ${workload}] ${line}\n`);
      continue;
    }
    const message = JSON.parse(line.slice(MESSAGE_PREFIX.length)) as ChildMessage;
    if (message.type === 'error') {
      outcome = { status: 'failed', workload, system, reason: `error: ${message.message}`, info };
      break;
    }
    if (message.type === 'ready') {
      info = message.info;
      const check = checkProbes(data.expected, (name) => (existsSync(join(probeDir, `${name}.f64`)) ? readProbe(probeDir, name) : null));
      maxScaledError = check.maxScaledError;
      if (!check.ok) {
        child.stdin.end('stop\n');
        outcome = { status: 'failed', workload, system, reason: `wrong result vs float64 reference: ${check.message}`, info };
        break;
      }
      child.stdin.end('go\n');
      continue;
    }
    outcome = {
      status: 'ok',
      workload,
      system,
      samples: message.timing.samples,
      iterationsPerRepeat: message.timing.iterationsPerRepeat,
      maxRssKiB: message.maxRssKiB,
      baselineRssKiB: message.baselineRssKiB,
      maxScaledError,
      info,
    };
  }
  const code = await exited;
  clearTimeout(timer);
  if (outcome !== null) return outcome;
  const tail = stderrTail.join('').trim().split('\n').slice(-6).join('\n');
  return { status: 'failed', workload, system, reason: `child exited (code ${code}) without a result${tail ? `: ${tail}` : ''}`, info };
}

/** One outcome from several rounds: all their samples, the highest peak RSS; a failure wins. */
function mergeRounds(list: readonly Outcome[]): Outcome | null {
  const first = list[0];
  if (first === undefined) return null;
  const bad = list.find((o) => o.status !== 'ok');
  if (bad !== undefined) return bad;
  const ok = list as Extract<Outcome, { status: 'ok' }>[];
  return {
    ...ok[0]!,
    samples: ok.flatMap((o) => o.samples),
    iterationsPerRepeat: Math.round(ok.reduce((sum, o) => sum + o.iterationsPerRepeat, 0) / ok.length),
    maxRssKiB: Math.max(...ok.map((o) => o.maxRssKiB)),
    baselineRssKiB: Math.min(...ok.map((o) => o.baselineRssKiB)),
    maxScaledError: Math.max(...ok.map((o) => o.maxScaledError)),
  };
}

function machine(torchVersion: string | null): Record<string, string | number> {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line !== undefined) cpuModel = line.split(':')[1]!.trim();
  } catch {
    // not Linux: os.cpus() is good enough
  }
  // The commit measured, marked when the packages' sources differ from it.
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: APP_DIR, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', '../../packages'], { cwd: APP_DIR, encoding: 'utf8' });
  const commit = head.status === 0 ? `${head.stdout.trim()}${dirty.stdout.trim() === '' ? '' : ' + uncommitted package changes'}` : 'unknown';
  return { cpu: cpuModel, nproc: cpus().length, node: process.version, pytorch: torchVersion ?? 'not available', platform: `${process.platform} ${process.arch}`, commit };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const log = (text: string): void => void process.stderr.write(`${text}\n`);
  const torch = options.systems.some((s) => s in PYTORCH_SYSTEMS) ? torchAvailability() : null;
  const openblas = options.systems.some((s) => PYTORCH_SYSTEMS[s] != null) ? openblasAvailability() : null;
  if (openblas !== null && !openblas.ok) log(`note: the pytorch-openblas systems are skipped: ${openblas.reason}`);
  const root = mkdtempSync(join(tmpdir(), 'gradlab-bench-'));
  if (options.cpuProfDir !== null) mkdirSync(options.cpuProfDir, { recursive: true });
  const outcomes: Outcome[] = [];
  const started = new Date();
  try {
    const bundles = options.fromSource ? new Map<string, string>() : await bundleSystems(options.systems);
    for (const workload of options.workloads) {
      const buildStart = performance.now();
      const data = WORKLOADS[workload].build();
      const dataDir = join(root, 'data', workload);
      writeDataDir(dataDir, workload, data.arrays, data.settings);
      log(`${workload}: data and float64 reference ready (${((performance.now() - buildStart) / 1000).toFixed(1)} s)`);
      // With --rounds N the systems take turns N times, so that load from
      // other processes on a shared machine falls on all of them alike.
      const rounds = new Map<string, Outcome[]>();
      for (let round = 1; round <= options.rounds; round++) {
        for (const system of options.systems) {
          if (system in PYTORCH_SYSTEMS && torch !== null && !torch.ok) {
            rounds.set(system, [{ status: 'skipped', workload, system, reason: torch.reason }]);
            continue;
          }
          if (PYTORCH_SYSTEMS[system] != null && openblas !== null && !openblas.ok) {
            rounds.set(system, [{ status: 'skipped', workload, system, reason: openblas.reason }]);
            continue;
          }
          if (rounds.get(system)?.some((o) => o.status !== 'ok')) continue;
          const outcome = await runChild(system, workload, data, dataDir, join(root, 'probe'), options, bundles.get(system), openblas?.ok === true ? openblas.dir : null);
          rounds.set(system, [...(rounds.get(system) ?? []), outcome]);
          const label = options.rounds > 1 ? `${system} (round ${round})` : system;
          if (outcome.status === 'ok') {
            const m = formatMeasure(outcome);
            log(`  ${label.padEnd(11)} ${m.median} ${m.unit} (${m.range})`);
          } else {
            log(`  ${label.padEnd(11)} ${outcome.status}: ${outcome.reason.split('\n')[0]}`);
          }
        }
      }
      for (const system of options.systems) {
        const merged = mergeRounds(rounds.get(system) ?? []);
        if (merged !== null) outcomes.push(merged);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }

  const targets = evaluateTargets(outcomes);
  const results = {
    date: started.toISOString(),
    mode: options.quick ? 'quick' : 'full',
    plan: options.plan,
    rounds: options.rounds,
    machine: machine(torch === null ? 'not run' : torch.ok ? torch.version : null),
    outcomes,
    targets,
  };
  if (options.out !== null) writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  if (options.json) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  const m = results.machine;
  const lines = [
    '',
    `gradlab bench, ${results.mode} run, ${results.date}`,
    `machine: ${m.cpu}, ${m.nproc} cpus, node ${m.node}, PyTorch ${m.pytorch}; gradlab at ${m.commit}`,
    `each cell: median of ${options.plan.repeats} timed repeats${options.rounds > 1 ? ` x ${options.rounds} rounds` : ''} (${options.plan.clock} clock; fewer repeats for very slow systems) after warm-up; one child process per system, workload${options.rounds > 1 ? ' and round' : ''}`,
    `gradlab ${options.fromSource ? 'from its TypeScript sources through tsx' : 'bundled from its sources with esbuild, as tsup builds it'}; peers from their npm builds`,
    `gradlab speedup = peer time / gradlab time (above 1: gradlab leads); peak RSS of the child process (and its RSS once the system was imported, before any data)`,
    '',
    options.markdown ? formatMarkdown(outcomes, options.workloads, options.systems) : formatTable(outcomes, options.workloads, options.systems),
  ];
  if (targets.length > 0) lines.push('targets (issues 7 and 17):', formatTargets(targets), '');
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

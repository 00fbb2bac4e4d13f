/**
 * One child process: one system, one workload. See `protocol.ts` for the
 * conversation with the parent. Run by the parent as
 * `node --import tsx --conditions=@gradlab/source src/child.ts '<job json>'`.
 */
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { readDataDir, writeProbe } from './data';
import { MESSAGE_PREFIX, type ChildMessage, type Job } from './protocol';
import type { SystemModule } from './runner';
import { measure } from './timing';

const SYSTEMS: Record<string, () => Promise<SystemModule>> = {
  gradlab: () => import('./systems/gradlab'),
  'gradlab-relaxed': () => import('./systems/gradlab-relaxed'),
  'gradlab-2t': () => import('./systems/gradlab-2t'),
  'gradlab-ts': () => import('./systems/gradlab-ts'),
  'tfjs-cpu': () => import('./systems/tfjs-cpu'),
  'tfjs-wasm': () => import('./systems/tfjs-wasm'),
  'js-pytorch': () => import('./systems/js-pytorch'),
};

function send(message: ChildMessage): void {
  process.stdout.write(`${MESSAGE_PREFIX}${JSON.stringify(message)}\n`);
}

async function readCommand(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line.trim();
  }
  return 'stop';
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '') as Job;
  const load = job.modulePath !== undefined ? () => import(pathToFileURL(job.modulePath!).href) as Promise<SystemModule> : SYSTEMS[job.system];
  if (load === undefined) throw new Error(`unknown system '${job.system}'`);
  const setupStart = performance.now();
  const system = await load();
  const baselineRssKiB = Math.round(process.memoryUsage().rss / 1024);
  const info = await system.describe();
  const { manifest, arrays } = readDataDir(job.dataDir);
  const runner = await system.createRunner(job.workload, arrays, manifest.settings);
  runner.step();
  const probes = runner.probe();
  for (const [name, values] of probes) writeProbe(job.probeDir, name, values);
  send({ type: 'ready', probes: [...probes.keys()], info, setupSeconds: (performance.now() - setupStart) / 1000 });

  if ((await readCommand()) !== 'go') {
    runner.dispose?.();
    return;
  }
  const timing = measure(() => runner.step(), job.plan);
  runner.dispose?.();
  send({ type: 'result', timing, maxRssKiB: process.resourceUsage().maxRSS, baselineRssKiB });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
    process.exit(1);
  },
);

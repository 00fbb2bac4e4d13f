/**
 * Prints the hottest functions of a V8 `.cpuprofile` (from `pnpm bench
 * --cpu-prof DIR`): self time and total (inclusive) time per function.
 *
 *   pnpm --filter @gradlab/bench run --silent profile-summary DIR/gradlab-W3.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface Row {
  name: string;
  self: number;
  total: number;
}

/** Self and inclusive microseconds per function (recursion counted once per sample). */
function summarizeProfile(profile: Profile): { rows: Row[]; totalMicros: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (node: ProfileNode): string => {
    const file = node.callFrame.url.replace(/^file:\/\//, '').replace(/^.*\/(packages|apps|node_modules)\//, '$1/');
    return `${node.callFrame.functionName || '(anonymous)'} ${file}:${node.callFrame.lineNumber + 1}`;
  };
  const rows = new Map<string, Row>();
  const row = (name: string): Row => {
    let r = rows.get(name);
    if (r === undefined) rows.set(name, (r = { name, self: 0, total: 0 }));
    return r;
  };
  let totalMicros = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    totalMicros += dt;
    const leaf = byId.get(id);
    if (leaf === undefined) return;
    row(label(leaf)).self += dt;
    const seen = new Set<string>();
    for (let node: ProfileNode | undefined = leaf; node !== undefined; node = byId.get(parent.get(node.id) ?? -1)) {
      const name = label(node);
      if (!seen.has(name)) {
        seen.add(name);
        row(name).total += dt;
      }
    }
  });
  return { rows: [...rows.values()], totalMicros };
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '25' } }, allowPositionals: true });
  const top = Number(values.top);
  for (const file of positionals) {
    const { rows, totalMicros } = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile);
    const pct = (micros: number): string => `${((100 * micros) / totalMicros).toFixed(1).padStart(5)}%`;
    process.stdout.write(`${file}: ${(totalMicros / 1e3).toFixed(0)} ms sampled\n  self    total   function\n`);
    for (const r of [...rows].sort((a, b) => b.self - a.self).slice(0, top)) {
      process.stdout.write(`  ${pct(r.self)} ${pct(r.total)}  ${r.name}\n`);
    }
    process.stdout.write('\n');
  }
}

main();

/**
 * The mini-batch gather of issue 15: 128 rows of 20 from a 10,000 x 20 float32
 * tensor, by a shuffled index (randperm), three ways: `indexSelect(X, 0, ids)`
 * (the tensor op, and the autograd op on a constant), a hand-written
 * typed-array loop, and the old workaround `stack(ids.map((i) => X.at(i)))`.
 * Each iteration gathers the next batch of the permutation. All results are
 * checked equal before anything is timed. Not a test: run it with
 * `pnpm --filter @gradlab/bench run --silent gather` (`--clock cpu` for CPU time).
 */
import * as ag from '@gradlab/autograd';
import * as B from '@gradlab/tensor';
import { measure, summarize } from './timing';
import type { TimingPlan } from './protocol';

const ROWS = 10_000;
const COLS = 20;
const BATCH = 128;

const generator = new B.Generator(0);
const X = B.randn([ROWS, COLS], { generator });
const perm = B.randperm(ROWS, { generator });
const permValues = perm.storage as Int32Array;
const Xa = ag.fromData(X);
const batches = Math.floor(ROWS / BATCH);

let batch = 0;
function nextStart(): number {
  const start = (batch % batches) * BATCH;
  batch++;
  return start;
}

function loopGather(start: number): Float32Array {
  const src = X.storage as Float32Array;
  const out = new Float32Array(BATCH * COLS);
  for (let r = 0; r < BATCH; r++) {
    const row = permValues[start + r]! * COLS;
    const o = r * COLS;
    for (let c = 0; c < COLS; c++) out[o + c] = src[row + c]!;
  }
  return out;
}

const variants: Record<string, (start: number) => ArrayLike<number>> = {
  'typed-array loop': loopGather,
  'indexSelect (@gradlab/tensor)': (start) => B.indexSelect(X, 0, B.slice(perm, 0, start, start + BATCH)).storage,
  'indexSelect (@gradlab/autograd)': (start) => ag.indexSelect(Xa, 0, B.slice(perm, 0, start, start + BATCH)).data.storage,
  'index(X, ids) (@gradlab/autograd)': (start) => ag.index(Xa, B.slice(perm, 0, start, start + BATCH)).data.storage,
  'stack(ids.map((i) => X.at(i)))': (start) => {
    const ids = Array.from(permValues.subarray(start, start + BATCH));
    return ag.stack(ids.map((i) => Xa.at(i))).data.contiguous().storage;
  },
};

// every variant gathers the same values
for (const start of [0, BATCH * 7]) {
  const want = Array.from(loopGather(start));
  for (const [name, fn] of Object.entries(variants)) {
    const got = Array.from(fn(start)).slice(0, want.length);
    if (got.length !== want.length || got.some((v, i) => v !== want[i])) throw new Error(`${name}: wrong rows`);
  }
}

const clock = process.argv.includes('--clock') && process.argv[process.argv.indexOf('--clock') + 1] === 'cpu' ? 'cpu' : 'wall';
const plan: TimingPlan = { warmupSeconds: 0.5, minWarmupIterations: 20, repeats: 15, repeatSeconds: 0.2, budgetSeconds: 10, clock };
const rows: [string, number, number, number][] = [];
for (const [name, fn] of Object.entries(variants)) {
  const timing = measure(() => {
    fn(nextStart());
  }, plan);
  const { median, min, max } = summarize(timing.samples);
  rows.push([name, median, min, max]);
}
const loop = rows[0]![1];
console.log(`mini-batch gather: ${BATCH} rows of ${COLS} from ${ROWS} x ${COLS} float32 (${clock} clock, median of ${plan.repeats} repeats)`);
for (const [name, median, min, max] of rows) {
  const us = (s: number) => (s * 1e6).toFixed(2).padStart(9);
  console.log(`${name.padEnd(36)} ${us(median)} us  (${us(min)} - ${us(max)})  ${(median / loop).toFixed(2).padStart(7)}x the loop`);
}

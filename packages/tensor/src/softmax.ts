import { allocateResult } from './pool';
import { DTypeError } from './errors';
import { normalizeDim } from './shape';
import { Tensor } from './tensor';

// one row of logits in double precision, reused across calls
let rowScratch = new Float64Array(64);

function run(x: Tensor, dim: number, log: boolean, op: string): Tensor {
  if (!(x instanceof Tensor)) throw new DTypeError(`${op}: expected a Tensor, got ${typeof x}`);
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DTypeError(`${op}: expected a floating point tensor, got ${x.dtype} (convert it with .float())`);
  }
  if (dim === undefined) throw new DTypeError(`${op}: 'dim' is required`);
  const d = normalizeDim(dim, x.ndim, op);
  const shape = x.shape;
  const n = x.numel();
  const src = x.dataSync();
  const out = allocateResult(x.dtype, n);
  const size = x.ndim === 0 ? 1 : shape[d]!;
  let inner = 1;
  for (let k = d + 1; k < shape.length; k++) inner *= shape[k]!;
  const outer = size * inner === 0 ? 0 : n / (size * inner);
  if (rowScratch.length < size) rowScratch = new Float64Array(size);
  const row = rowScratch;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      // NOTE: subtracting the row maximum keeps exp() from overflowing for
      // logits like 1000; all -inf rows give NaN as in PyTorch.
      let m = -Infinity;
      for (let k = 0, p = base; k < size; k++, p += inner) {
        const v = src[p]!;
        row[k] = v;
        if (v > m || v !== v) m = v !== v ? NaN : v;
        if (m !== m) break;
      }
      if (m !== m) {
        for (let k = 0, p = base; k < size; k++, p += inner) out[p] = NaN;
        continue;
      }
      let s = 0;
      for (let k = 0; k < size; k++) s += Math.exp(row[k]! - m);
      if (log) {
        const logS = Math.log(s);
        for (let k = 0, p = base; k < size; k++, p += inner) out[p] = row[k]! - m - logS;
      } else {
        for (let k = 0, p = base; k < size; k++, p += inner) out[p] = Math.exp(row[k]! - m) / s;
      }
    }
  }
  return new Tensor(out, shape, x.dtype);
}

/**
 * `exp(x) / sum(exp(x))` along `dim`, computed stably (the row maximum is
 * subtracted first), for float32/float64 tensors.
 *
 * @example
 * ```ts
 * softmax(tensor([1000, 0]), 0).toArray(); // [1, 0]
 * ```
 */
export function softmax(x: Tensor, dim: number): Tensor {
  return run(x, dim, false, 'softmax');
}

/**
 * `x - log(sum(exp(x)))` along `dim`, computed stably (log-sum-exp with the
 * row maximum), for float32/float64 tensors.
 *
 * @example
 * ```ts
 * logSoftmax(tensor([1000, 0]), 0).toArray(); // [0, -1000]
 * ```
 */
export function logSoftmax(x: Tensor, dim: number): Tensor {
  return run(x, dim, true, 'logSoftmax');
}

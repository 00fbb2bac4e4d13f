import { allocateResult } from './pool';
import { DTypeError, describeValue } from './errors';
import { contiguousStrides, normalizeDim } from './shape';
import { resultTensor, Tensor, isForeignTensor } from './tensor';
import { expf } from './float32-math';

// one row of logits in double precision, reused across calls
let rowScratch = new Float64Array(64);

function run(x: Tensor, dim: number, log: boolean, op: string): Tensor {
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`${op}: expected a Tensor, got ${describeValue(x)}`);
  // NOTE: PyTorch 1.13 returns an empty input's like before it looks at the dtype (an empty bool
  // tensor's softmax is an empty bool tensor)
  if (x.numel() === 0 && dim !== undefined) {
    normalizeDim(dim, x.ndim, op);
    return new Tensor(allocateResult(x.dtype, 0), x.shape.slice(), x.dtype);
  }
  if (x.dtype !== 'float32' && x.dtype !== 'float64') {
    throw new DTypeError(`${op}: expected a floating point tensor, got ${x.dtype} (convert it with .float())`);
  }
  if (dim === undefined) throw new DTypeError(`${op}: 'dim' is required`);
  const d = normalizeDim(dim, x.ndim, op);
  const shape = x.shape;
  const n = x.numel();
  // a contiguous input is read in place (dataSync() would allocate a subarray view)
  const contiguous = x.isContiguous();
  const src = contiguous ? x.storage : x.dataSync();
  const origin = contiguous ? x.offset : 0;
  const out = allocateResult(x.dtype, n);
  const size = x.ndim === 0 ? 1 : shape[d]!;
  let inner = 1;
  for (let k = d + 1; k < shape.length; k++) inner *= shape[k]!;
  const outer = size * inner === 0 ? 0 : n / (size * inner);
  const f32 = x.dtype === 'float32';
  if (rowScratch.length < size) rowScratch = new Float64Array(size);
  const row = rowScratch;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * size * inner + i;
      // NOTE: subtracting the row maximum keeps exp() from overflowing for
      // logits like 1000; all -inf rows give NaN as in PyTorch.
      let m = -Infinity;
      for (let k = 0, p = origin + base; k < size; k++, p += inner) {
        const v = src[p]!;
        row[k] = v;
        if (v > m || v !== v) m = v !== v ? NaN : v;
        if (m !== m) break;
      }
      if (m !== m) {
        for (let k = 0, p = base; k < size; k++, p += inner) out[p] = NaN;
        continue;
      }
      // NOTE: the arithmetic follows PyTorch's CPU kernels step by step, each
      // result rounded to the tensor's dtype: d = x - max, e = exp(d), a
      // sequential sum, then e * (1 / sum) along the last dim or e / sum along
      // any other dim, and d - log(sum) for logSoftmax. A float64 computation
      // would be more accurate (PyTorch's float32 softmax is up to ~50 ulps
      // off) but would print differently from PyTorch.
      let s = 0;
      if (f32) {
        for (let k = 0; k < size; k++) {
          const shifted = Math.fround(row[k]! - m);
          // PyTorch's last-dim kernel is vectorised (SLEEF exp); other dims use the C library's
          const e = inner === 1 ? expf(shifted) : Math.fround(Math.exp(shifted));
          row[k] = log ? shifted : e;
          s = Math.fround(s + e);
        }
      } else {
        for (let k = 0; k < size; k++) {
          const shifted = row[k]! - m;
          const e = Math.exp(shifted);
          row[k] = log ? shifted : e;
          s += e;
        }
      }
      if (log) {
        const logS = f32 ? Math.fround(Math.log(s)) : Math.log(s);
        for (let k = 0, p = base; k < size; k++, p += inner) out[p] = row[k]! - logS;
      } else if (inner === 1) {
        const reciprocal = f32 ? Math.fround(1 / s) : 1 / s;
        for (let k = 0, p = base; k < size; k++, p += inner) out[p] = row[k]! * reciprocal;
      } else {
        for (let k = 0, p = base; k < size; k++, p += inner) out[p] = row[k]! / s;
      }
    }
  }
  return resultTensor(out, shape, x.dtype, contiguousStrides(shape), 0);
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

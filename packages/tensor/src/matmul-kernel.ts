/**
 * The matrix-multiply kernel behind `matmul`, `mm` and `bmm`: C = A·B for strided operands.
 *
 * Large products follow the Goto/BLIS scheme:
 * - B is packed, KC rows at a time, into NR-wide column slivers and A, MC×KC at a time, into
 *   MR-tall row slivers, both contiguous in the order the micro-kernel reads them (so transposed
 *   or otherwise strided operands cost nothing extra, and the caller never copies);
 * - a 4×3 register-tiled micro-kernel keeps its 12 accumulators in locals and reads one
 *   packed A column and one packed B row per step: 24 flops for 7 loads, with every live value
 *   in a register (a 4×4 tile needs 21 of x64's 16 XMM registers and spills: 6.0 against
 *   6.8 GFLOP/s on a 512×512 product);
 * - the packing buffers are allocated once (grown when a larger block is needed) and reused.
 *
 * The packed panels are `Float64Array`s whatever the operands' type: in V8 every number is a
 * double, so float64 loads need no conversion in the inner loop (measured ~7% faster than
 * float32 panels), and partial sums within a KC block stay float64 until they are rounded into
 * C (at least as accurate as float32 accumulation).
 *
 * Small products (up to 64³ multiply-adds, K ≤ KC) run a 4×4 register tile straight on the
 * strided operands, without packing (there the 4×3 shape measured no better): for the homework's 10×5 · 5×11 and the like, the packing
 * copies and one call per tile cost more than the tile loads they save (measured on the MLP
 * 5-11-16-13-8-4's 14 forward and backward products: 7.5 µs unpacked against 13.2 µs packed).
 * Only a single row or column, where a 4×4 tile would multiply padding three times out of four,
 * takes direct loops: row-times-matrix as axpy updates of a float64 row, matrix-times-column as dot
 * products.
 *
 * Int32 products (C an `Int32Array`) are computed with C's int32 wrap-around arithmetic, exactly:
 * every product is `Math.imul` and every sum is truncated with `| 0`, so results equal C/PyTorch
 * int32 results mod 2^32 at any size (no float64 accumulation that could lose low bits).
 */
import { DTypeError, IndexError, ValueError, describeValue, formatValue } from './errors';

/** The typed arrays the kernel reads and writes. */
export type NumericArray = Float32Array | Float64Array | Int32Array;

/** Rows of the blocked path's register tile. */
const MR = 4;
/**
 * Columns of the blocked path's register tile: 4×3 keeps its 12 accumulators, 4 A values and one
 * B value in x64's 16 XMM registers, where a 4×4 tile spills (measured on packed KC = 256 panels:
 * 7.6 GFLOP/s for 4×3 or 3×4 against 6.5 for 4×4).
 */
const NR = 3;
/** Depth of a packed block: a KC×NR sliver of B (6 KiB) stays in L1. */
const KC = 256;
/** Rows of A packed at once: an MC×KC block of A (256 KiB) stays in L2. */
const MC = 128;
/**
 * Columns of B packed at once: a KC×NC panel of B (2 MiB) stays in L3. A multiple of NR, so that
 * every panel but the last packs whole slivers (and the packing buffer, sized for the widest
 * panel, holds them).
 */
const NC = 1020;

let packedA = new Float64Array(0);
let packedB = new Float64Array(0);
let rowBuffer = new Float64Array(0);
/** One micro-tile, written by the micro-kernel and stored into C by `storeTile`. */
const tile = new Float64Array(MR * NR);

/**
 * Computes `C = A·B`, overwriting the M×N block of `c` that starts at `cOffset` (row-major with
 * leading dimension `ldc`). Element (i, k) of A is `a[aOffset + i*aRowStride + k*aColStride]`,
 * element (k, j) of B is `b[bOffset + k*bRowStride + j*bColStride]`: any strides work, so a
 * transposed view is passed as-is. With K = 0 the block is filled with zeros.
 *
 * @example
 * ```ts
 * const a = new Float32Array([1, 2, 3, 4, 5, 6]); // 2×3
 * const b = new Float32Array([1, 0, 0, 1, 1, 1]); // 3×2
 * const c = new Float32Array(4);
 * gemm(2, 2, 3, a, 0, 3, 1, b, 0, 2, 1, c, 0, 2); // c = [4, 5, 10, 11]
 * ```
 */
export function gemm(
  M: number,
  N: number,
  K: number,
  a: NumericArray,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: NumericArray,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: NumericArray,
  cOffset: number,
  ldc: number,
): void {
  checkDim('M', M);
  checkDim('N', N);
  checkDim('K', K);
  checkBlock('a', a, aOffset, M, K, aRowStride, aColStride);
  checkBlock('b', b, bOffset, K, N, bRowStride, bColStride);
  checkBlock('c', c, cOffset, M, N, ldc, 1);
  gemmUnchecked(M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc);
}

/**
 * Internal: {@link gemm} without the argument checks, for `matmul`/`mm`/`bmm`, whose operands
 * are tensors already known to be in bounds (the checks cost ~5% of a 10×5·5×11 product).
 */
export function gemmUnchecked(
  M: number,
  N: number,
  K: number,
  a: NumericArray,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: NumericArray,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: NumericArray,
  cOffset: number,
  ldc: number,
): void {
  if (M === 0 || N === 0) return;
  if (K === 0) {
    for (let i = 0; i < M; i++) c.fill(0, cOffset + i * ldc, cOffset + i * ldc + N);
    return;
  }
  if (c instanceof Int32Array) {
    gemmInt32(M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc);
  } else if (M === 1) {
    gemmRows(M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc);
  } else if (N === 1) {
    gemmDots(M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc);
  } else if (K <= KC && M * N * K <= SMALL_WORK) {
    gemmSmall(M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc);
  } else {
    gemmBlocked(M, N, K, a, aOffset, aRowStride, aColStride, b, bOffset, bRowStride, bColStride, c, cOffset, ldc);
  }
}

/**
 * Products up to this many multiply-adds (64³), with K within one KC block, skip packing: their
 * operands stay in L1/L2 anyway, and packing plus one call per tile cost more than they save
 * on thin shapes (measured unpacked vs packed with the 4×3 kernel: 16³ 1.6 vs 2.5 µs, 128×10×128
 * 64 vs 106 µs, 128×128×10 61 vs 71 µs, 10×64×64 16 vs 20 µs; the homework MLP's 14 products 7.5
 * vs 13.2 µs with the earlier 4×4 one), while cubes are about even (32³ 16 vs 15 µs, 48³ 39 vs
 * 41 µs, 64³ 95 vs 90 µs).
 */
const SMALL_WORK = 262144;

/**
 * A 4×4 register tile (the blocked path uses 4×3), reading A and B through their strides with no
 * packing (small products, where packing and the per-tile calls cost more than the flops). The
 * sums run over k in the same order, in float64, so results equal the blocked path's bit for bit.
 */
function gemmSmall(
  M: number,
  N: number,
  K: number,
  a: NumericArray,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: NumericArray,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: Float32Array | Float64Array,
  cOffset: number,
  ldc: number,
): void {
  const m4 = M - (M & 3);
  const n4 = N - (N & 3);
  const b1 = bColStride;
  const b2 = 2 * bColStride;
  const b3 = 3 * bColStride;
  for (let i = 0; i < m4; i += 4) {
    const r0 = aOffset + i * aRowStride;
    const r1 = r0 + aRowStride;
    const r2 = r1 + aRowStride;
    const r3 = r2 + aRowStride;
    const c0 = cOffset + i * ldc;
    const c1 = c0 + ldc;
    const c2 = c1 + ldc;
    const c3 = c2 + ldc;
    for (let j = 0; j < n4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let ak = 0;
      let bk = bOffset + j * bColStride;
      for (let k = 0; k < K; k++) {
        const a0 = a[r0 + ak]!;
        const a1 = a[r1 + ak]!;
        const a2 = a[r2 + ak]!;
        const a3 = a[r3 + ak]!;
        let bValue = b[bk]!;
        c00 += a0 * bValue; c10 += a1 * bValue; c20 += a2 * bValue; c30 += a3 * bValue;
        bValue = b[bk + b1]!;
        c01 += a0 * bValue; c11 += a1 * bValue; c21 += a2 * bValue; c31 += a3 * bValue;
        bValue = b[bk + b2]!;
        c02 += a0 * bValue; c12 += a1 * bValue; c22 += a2 * bValue; c32 += a3 * bValue;
        bValue = b[bk + b3]!;
        c03 += a0 * bValue; c13 += a1 * bValue; c23 += a2 * bValue; c33 += a3 * bValue;
        ak += aColStride;
        bk += bRowStride;
      }
      c[c0 + j] = c00; c[c0 + j + 1] = c01; c[c0 + j + 2] = c02; c[c0 + j + 3] = c03;
      c[c1 + j] = c10; c[c1 + j + 1] = c11; c[c1 + j + 2] = c12; c[c1 + j + 3] = c13;
      c[c2 + j] = c20; c[c2 + j + 1] = c21; c[c2 + j + 2] = c22; c[c2 + j + 3] = c23;
      c[c3 + j] = c30; c[c3 + j + 1] = c31; c[c3 + j + 2] = c32; c[c3 + j + 3] = c33;
    }
    for (let j = n4; j < N; j++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let ak = 0;
      let bk = bOffset + j * bColStride;
      for (let k = 0; k < K; k++) {
        const bValue = b[bk]!;
        s0 += a[r0 + ak]! * bValue;
        s1 += a[r1 + ak]! * bValue;
        s2 += a[r2 + ak]! * bValue;
        s3 += a[r3 + ak]! * bValue;
        ak += aColStride;
        bk += bRowStride;
      }
      c[c0 + j] = s0;
      c[c1 + j] = s1;
      c[c2 + j] = s2;
      c[c3 + j] = s3;
    }
  }
  for (let i = m4; i < M; i++) {
    const r = aOffset + i * aRowStride;
    const cRow = cOffset + i * ldc;
    for (let j = 0; j < n4; j += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let ak = r;
      let bk = bOffset + j * bColStride;
      for (let k = 0; k < K; k++) {
        const aValue = a[ak]!;
        s0 += aValue * b[bk]!;
        s1 += aValue * b[bk + b1]!;
        s2 += aValue * b[bk + b2]!;
        s3 += aValue * b[bk + b3]!;
        ak += aColStride;
        bk += bRowStride;
      }
      c[cRow + j] = s0;
      c[cRow + j + 1] = s1;
      c[cRow + j + 2] = s2;
      c[cRow + j + 3] = s3;
    }
    for (let j = n4; j < N; j++) {
      let sum = 0;
      let ak = r;
      let bk = bOffset + j * bColStride;
      for (let k = 0; k < K; k++) {
        sum += a[ak]! * b[bk]!;
        ak += aColStride;
        bk += bRowStride;
      }
      c[cRow + j] = sum;
    }
  }
}

function checkDim(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ValueError('INVALID_ARGUMENT', `gemm: '${name}' must be a non-negative integer, got ${typeof value === 'number' ? value : describeValue(value)}`);
  }
}

// The rows×cols block an operand's offset and strides reach must lie inside its array
// (an out-of-range read would give undefined -> NaN, a write would be dropped silently).
function checkBlock(name: string, array: NumericArray, offset: number, rows: number, cols: number, rowStride: number, colStride: number): void {
  if (!(array instanceof Float32Array || array instanceof Float64Array || array instanceof Int32Array)) {
    throw new DTypeError(`gemm: '${name}' must be a Float32Array, Float64Array or Int32Array, got ${describeValue(array)}`);
  }
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(rowStride) || !Number.isSafeInteger(colStride)) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `gemm: the offset and strides of '${name}' must be integers, got ${formatValue(offset)}, ${formatValue(rowStride)} and ${formatValue(colStride)}`,
    );
  }
  if (rows === 0 || cols === 0) return;
  const down = (rows - 1) * rowStride;
  const across = (cols - 1) * colStride;
  const lo = offset + Math.min(0, down) + Math.min(0, across);
  const hi = offset + Math.max(0, down) + Math.max(0, across);
  if (lo < 0 || hi >= array.length) {
    throw new IndexError(
      'INDEX_OUT_OF_RANGE',
      `gemm: a ${rows}x${cols} block of '${name}' at offset ${offset} with strides (${rowStride}, ${colStride}) reaches outside its ${array.length} elements`,
    );
  }
}

/** Each row of C as a float64 sum of scaled rows of B (independent adds, no latency chain). */
function gemmRows(
  M: number,
  N: number,
  K: number,
  a: NumericArray,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: NumericArray,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: Float32Array | Float64Array,
  cOffset: number,
  ldc: number,
): void {
  if (rowBuffer.length < N) rowBuffer = new Float64Array(N);
  const row = rowBuffer;
  for (let i = 0; i < M; i++) {
    row.fill(0, 0, N);
    for (let k = 0; k < K; k++) {
      const aValue = a[aOffset + i * aRowStride + k * aColStride]!;
      let bIndex = bOffset + k * bRowStride;
      for (let j = 0; j < N; j++) {
        row[j] = row[j]! + aValue * b[bIndex]!;
        bIndex += bColStride;
      }
    }
    const cRow = cOffset + i * ldc;
    for (let j = 0; j < N; j++) c[cRow + j] = row[j]!;
  }
}

/** Direct dot products, for a single column of C. */
function gemmDots(
  M: number,
  N: number,
  K: number,
  a: NumericArray,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: NumericArray,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: Float32Array | Float64Array,
  cOffset: number,
  ldc: number,
): void {
  for (let i = 0; i < M; i++) {
    const aRow = aOffset + i * aRowStride;
    const cRow = cOffset + i * ldc;
    for (let j = 0; j < N; j++) {
      let sum = 0;
      let aIndex = aRow;
      let bIndex = bOffset + j * bColStride;
      for (let k = 0; k < K; k++) {
        sum += a[aIndex]! * b[bIndex]!;
        aIndex += aColStride;
        bIndex += bRowStride;
      }
      c[cRow + j] = sum;
    }
  }
}

/** Exact int32 wrap-around arithmetic, i-k-j order so the inner loop runs along rows of B and C. */
function gemmInt32(
  M: number,
  N: number,
  K: number,
  a: NumericArray,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: NumericArray,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: Int32Array,
  cOffset: number,
  ldc: number,
): void {
  for (let i = 0; i < M; i++) {
    const cRow = cOffset + i * ldc;
    c.fill(0, cRow, cRow + N);
    for (let k = 0; k < K; k++) {
      const aValue = a[aOffset + i * aRowStride + k * aColStride]!;
      if (aValue === 0) continue;
      let bIndex = bOffset + k * bRowStride;
      for (let j = 0; j < N; j++) {
        c[cRow + j] = (c[cRow + j]! + Math.imul(aValue, b[bIndex]!)) | 0;
        bIndex += bColStride;
      }
    }
  }
}

function gemmBlocked(
  M: number,
  N: number,
  K: number,
  a: NumericArray,
  aOffset: number,
  aRowStride: number,
  aColStride: number,
  b: NumericArray,
  bOffset: number,
  bRowStride: number,
  bColStride: number,
  c: Float32Array | Float64Array,
  cOffset: number,
  ldc: number,
): void {
  const ncMax = Math.min(NC, roundUp(N, NR));
  const kcMax = Math.min(KC, K);
  const mcMax = Math.min(MC, roundUp(M, MR));
  if (packedA.length < mcMax * kcMax) packedA = new Float64Array(mcMax * kcMax);
  if (packedB.length < kcMax * ncMax) packedB = new Float64Array(kcMax * ncMax);
  for (let jc = 0; jc < N; jc += NC) {
    const nc = Math.min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = Math.min(KC, K - pc);
      const accumulate = pc > 0;
      packSlivers(packedB, b, bOffset + pc * bRowStride + jc * bColStride, bColStride, bRowStride, nc, kc, NR);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = Math.min(MC, M - ic);
        packSlivers(packedA, a, aOffset + ic * aRowStride + pc * aColStride, aRowStride, aColStride, mc, kc, MR);
        for (let jr = 0; jr < nc; jr += NR) {
          const columns = Math.min(NR, nc - jr);
          for (let ir = 0; ir < mc; ir += MR) {
            microKernel(kc, ir * kc, jr * kc);
            storeTile(c, cOffset + (ic + ir) * ldc + jc + jr, ldc, Math.min(MR, mc - ir), columns, accumulate);
          }
        }
      }
    }
  }
}

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/**
 * Packs `lanes` rows of A (or columns of B) into `width`-wide slivers for the micro-kernel: sliver
 * s holds, for each step k < depth, the `width` values at `start + (width·s + lane)·laneStride +
 * k·depthStride` (zero-padded past the last lane). An mc×kc block of A is `packSlivers(packedA,
 * a, start, rowStride, colStride, mc, kc, MR)`; a kc×nc panel of B is `packSlivers(packedB, b,
 * start, colStride, rowStride, nc, kc, NR)`. Full slivers of width 4 (A) and 3 (B) take unrolled
 * loops.
 */
function packSlivers(
  out: Float64Array,
  source: NumericArray,
  start: number,
  laneStride: number,
  depthStride: number,
  lanes: number,
  depth: number,
  width: number,
): void {
  let index = 0;
  for (let first = 0; first < lanes; first += width) {
    const count = Math.min(width, lanes - first);
    let position = start + first * laneStride;
    if (count === 4 && width === 4) {
      const s1 = laneStride;
      const s2 = 2 * laneStride;
      const s3 = 3 * laneStride;
      for (let k = 0; k < depth; k++) {
        out[index] = source[position]!;
        out[index + 1] = source[position + s1]!;
        out[index + 2] = source[position + s2]!;
        out[index + 3] = source[position + s3]!;
        index += 4;
        position += depthStride;
      }
    } else if (count === 3 && width === 3) {
      const s1 = laneStride;
      const s2 = 2 * laneStride;
      for (let k = 0; k < depth; k++) {
        out[index] = source[position]!;
        out[index + 1] = source[position + s1]!;
        out[index + 2] = source[position + s2]!;
        index += 3;
        position += depthStride;
      }
    } else {
      for (let k = 0; k < depth; k++) {
        for (let lane = 0; lane < width; lane++) out[index + lane] = lane < count ? source[position + lane * laneStride]! : 0;
        index += width;
        position += depthStride;
      }
    }
  }
}

/**
 * The 4×3 register tile: tile = Σ_k packedA[aIndex + 4k + i] · packedB[bIndex + 3k + j]. Twelve
 * accumulators plus the four A values and one B value fit x64's sixteen XMM registers, so V8 keeps
 * the loop free of memory traffic besides the 7 loads.
 */
function microKernel(kc: number, aIndex: number, bIndex: number): void {
  const A = packedA;
  const B = packedB;
  let c00 = 0, c01 = 0, c02 = 0;
  let c10 = 0, c11 = 0, c12 = 0;
  let c20 = 0, c21 = 0, c22 = 0;
  let c30 = 0, c31 = 0, c32 = 0;
  for (let k = 0; k < kc; k++) {
    const a0 = A[aIndex]!;
    const a1 = A[aIndex + 1]!;
    const a2 = A[aIndex + 2]!;
    const a3 = A[aIndex + 3]!;
    let bValue = B[bIndex]!;
    c00 += a0 * bValue; c10 += a1 * bValue; c20 += a2 * bValue; c30 += a3 * bValue;
    bValue = B[bIndex + 1]!;
    c01 += a0 * bValue; c11 += a1 * bValue; c21 += a2 * bValue; c31 += a3 * bValue;
    bValue = B[bIndex + 2]!;
    c02 += a0 * bValue; c12 += a1 * bValue; c22 += a2 * bValue; c32 += a3 * bValue;
    aIndex += MR;
    bIndex += NR;
  }
  const t = tile;
  t[0] = c00; t[1] = c01; t[2] = c02;
  t[3] = c10; t[4] = c11; t[5] = c12;
  t[6] = c20; t[7] = c21; t[8] = c22;
  t[9] = c30; t[10] = c31; t[11] = c32;
}

/** Writes (or, after the first KC block, adds) the valid rows×columns corner of the tile into C. */
function storeTile(
  c: Float32Array | Float64Array,
  cIndex: number,
  ldc: number,
  rows: number,
  columns: number,
  accumulate: boolean,
): void {
  const t = tile;
  for (let i = 0; i < rows; i++) {
    const row = cIndex + i * ldc;
    const source = i * NR;
    if (accumulate) {
      for (let j = 0; j < columns; j++) c[row + j] = c[row + j]! + t[source + j]!;
    } else {
      for (let j = 0; j < columns; j++) c[row + j] = t[source + j]!;
    }
  }
}

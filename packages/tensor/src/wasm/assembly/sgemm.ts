/**
 * gradlab's float32 matrix product in WebAssembly SIMD (AssemblyScript source).
 *
 * C = A·B for strided operands already copied into this module's memory by the caller
 * (`../../matmul-wasm.ts`), in the Goto/BLIS scheme of the TypeScript kernel (`matmul-kernel.ts`):
 * B is packed KC rows at a time into NR = 8 wide column slivers, A MC×KC at a time into MR tall
 * row slivers, and a register-tiled micro-kernel multiplies one packed A sliver by one packed B
 * sliver, keeping its MR×8 accumulators in `f32x4` registers:
 *
 * - the plain SIMD build (`--enable simd`) uses a 5×8 tile: 10 accumulators, 2 B vectors and one
 *   broadcast A value, 13 of the 15 vector registers V8 leaves on x64 (6×8 and 4×16 spilled, and
 *   measured 0.7-0.9x of 5×8 without FMA);
 * - the relaxed-SIMD build (`--enable relaxed-simd`) uses a 6×8 tile of `f32x4.relaxed_madd`
 *   (fused where the CPU has FMA), 12 accumulators and 15 registers.
 *
 * Which tile is compiled follows `ASC_FEATURE_RELAXED_SIMD`: one source, two modules.
 * Sums are float32 (as a BLAS sgemm): each KC block is summed in registers and then added into C.
 *
 * Memory use: no allocation at all (stub runtime, no data segments). The caller passes a `work`
 * area of `workBytes()` bytes for the packed panels and the edge tile, 64-byte aligned.
 */

/** Rows of the register tile. */
const MR: i32 = ASC_FEATURE_RELAXED_SIMD ? 6 : 5;
/** Columns of the register tile: two f32x4 vectors. */
const NR: i32 = 8;
/** Depth of a packed block: one MR×KC and one KC×8 sliver (5-6 KiB + 8 KiB) stay in L1. */
const KC: i32 = 256;
/** Rows of A packed at once: an MC×KC block (120-144 KiB) stays in L2. */
const MC: i32 = MR * 24;
/** Columns of B packed at once: a KC×NC panel (1 MiB) stays in L3. */
const NC: i32 = 1024;

/** The edge tile (MR×8 floats), rounded up to keep the panels 64-byte aligned. */
const TILE_BYTES: i32 = 256;
const PACK_A_BYTES: i32 = MC * KC * 4;
const PACK_B_BYTES: i32 = KC * NC * 4;

/** The size of the `work` area `sgemm` needs, in bytes: the edge tile, then the packed A block and B panel. */
export function workBytes(): i32 {
  return TILE_BYTES + PACK_A_BYTES + PACK_B_BYTES;
}

/** Rows of the register tile (5 plain, 6 relaxed): the unit a caller splits M in across threads. */
export function tileRows(): i32 {
  return MR;
}

/** The first address the caller may use (past anything the module itself placed in memory). */
export function heapBase(): i32 {
  return <i32>((__heap_base + 63) & ~<usize>63);
}

@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) {
    return f32x4.relaxed_madd(a, b, c);
  } else {
    return f32x4.add(c, f32x4.mul(a, b));
  }
}

@inline function offset(index: i32): usize {
  return <usize>(index << 2);
}

/**
 * C = A·B: element (i, k) of A is the f32 at `a + 4·(i·aRs + k·aCs)`, element (k, j) of B at
 * `b + 4·(k·bRs + j·bCs)`, element (i, j) of C at `c + 4·(i·ldc + j)`; strides may be zero or
 * negative. M, N and K must be positive. C is overwritten (never read before the first write).
 */
export function sgemm(M: i32, N: i32, K: i32, a: usize, aRs: i32, aCs: i32, b: usize, bRs: i32, bCs: i32, c: usize, ldc: i32, work: usize): void {
  const tile = work;
  const packedA = work + <usize>TILE_BYTES;
  const packedB = packedA + <usize>PACK_A_BYTES;
  for (let jc = 0; jc < N; jc += NC) {
    const nc = min(NC, N - jc);
    for (let pc = 0; pc < K; pc += KC) {
      const kc = min(KC, K - pc);
      const accumulate = pc > 0;
      packB(kc, nc, b + offset(pc * bRs + jc * bCs), bRs, bCs, packedB);
      for (let ic = 0; ic < M; ic += MC) {
        const mc = min(MC, M - ic);
        packA(mc, kc, a + offset(ic * aRs + pc * aCs), aRs, aCs, packedA);
        for (let jr = 0; jr < nc; jr += NR) {
          const cols = min(NR, nc - jr);
          const bSliver = packedB + offset(jr * kc);
          for (let ir = 0; ir < mc; ir += MR) {
            const rows = min(MR, mc - ir);
            micro(kc, packedA + offset(ir * kc), bSliver, c + offset((ic + ir) * ldc + jc + jr), ldc, rows, cols, accumulate, tile);
          }
        }
      }
    }
  }
}

/** Packs an mc×kc block of A into MR-row slivers: for each k, MR consecutive floats (zero-padded). */
function packA(mc: i32, kc: i32, a: usize, rs: i32, cs: i32, out: usize): void {
  const rowStep = offset(rs);
  const depthStep = offset(cs);
  for (let i = 0; i < mc; i += MR) {
    const rows = min(MR, mc - i);
    let position = a + offset(i * rs);
    if (rows == MR) {
      for (let k = 0; k < kc; k++) {
        let p = position;
        for (let r = 0; r < MR; r++) {
          f32.store(out + offset(r), f32.load(p));
          p += rowStep;
        }
        out += offset(MR);
        position += depthStep;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        let p = position;
        for (let r = 0; r < MR; r++) {
          f32.store(out + offset(r), r < rows ? f32.load(p) : 0);
          p += rowStep;
        }
        out += offset(MR);
        position += depthStep;
      }
    }
  }
}

/** Packs a kc×nc panel of B into 8-column slivers: for each k, 8 consecutive floats (zero-padded). */
function packB(kc: i32, nc: i32, b: usize, rs: i32, cs: i32, out: usize): void {
  const depthStep = offset(rs);
  const laneStep = offset(cs);
  for (let j = 0; j < nc; j += NR) {
    const cols = min(NR, nc - j);
    let position = b + offset(j * cs);
    if (cols == NR && cs == 1) {
      for (let k = 0; k < kc; k++) {
        v128.store(out, v128.load(position));
        v128.store(out, v128.load(position, 16), 16);
        out += 32;
        position += depthStep;
      }
    } else if (cols == NR && rs == 1) {
      // a transposed B (x @ W.T in Linear): each column runs along k, so 4x4 blocks are loaded
      // from 4 columns and transposed in registers (measured 12% faster on W3's x @ W1.T)
      let k = 0;
      for (; k + 4 <= kc; k += 4) {
        transposeInto(out, position, laneStep);
        transposeInto(out + 16, position + 4 * laneStep, laneStep);
        out += 128;
        position += 16;
      }
      for (; k < kc; k++) {
        let p = position;
        for (let q = 0; q < NR; q++) {
          f32.store(out + offset(q), f32.load(p));
          p += laneStep;
        }
        out += 32;
        position += depthStep;
      }
    } else if (cols == NR) {
      for (let k = 0; k < kc; k++) {
        let p = position;
        for (let q = 0; q < NR; q++) {
          f32.store(out + offset(q), f32.load(p));
          p += laneStep;
        }
        out += 32;
        position += depthStep;
      }
    } else {
      for (let k = 0; k < kc; k++) {
        let p = position;
        for (let q = 0; q < NR; q++) {
          f32.store(out + offset(q), q < cols ? f32.load(p) : 0);
          p += laneStep;
        }
        out += 32;
        position += depthStep;
      }
    }
  }
}

/**
 * Four columns of a transposed B (4 floats each, from `p`, `p + step`, ...) written as four packed
 * rows of a sliver: row r (= depth k + r) gets the columns' r-th values at `out + 32·r`.
 */
@inline function transposeInto(out: usize, p: usize, step: usize): void {
  const r0 = v128.load(p);
  const r1 = v128.load(p + step);
  const r2 = v128.load(p + 2 * step);
  const r3 = v128.load(p + 3 * step);
  const t0 = v128.shuffle<f32>(r0, r1, 0, 4, 1, 5);
  const t1 = v128.shuffle<f32>(r0, r1, 2, 6, 3, 7);
  const t2 = v128.shuffle<f32>(r2, r3, 0, 4, 1, 5);
  const t3 = v128.shuffle<f32>(r2, r3, 2, 6, 3, 7);
  v128.store(out, v128.shuffle<f32>(t0, t2, 0, 1, 4, 5));
  v128.store(out, v128.shuffle<f32>(t0, t2, 2, 3, 6, 7), 32);
  v128.store(out, v128.shuffle<f32>(t1, t3, 0, 1, 4, 5), 64);
  v128.store(out, v128.shuffle<f32>(t1, t3, 2, 3, 6, 7), 96);
}

@inline function storeRow(p: usize, lo: v128, hi: v128, accumulate: bool): void {
  if (accumulate) {
    v128.store(p, f32x4.add(v128.load(p), lo));
    v128.store(p, f32x4.add(v128.load(p, 16), hi), 16);
  } else {
    v128.store(p, lo);
    v128.store(p, hi, 16);
  }
}

/** The MR×8 register tile over one packed A sliver and one packed B sliver, stored into C. */
function micro(kc: i32, pa: usize, pb: usize, c: usize, ldc: i32, rows: i32, cols: i32, accumulate: bool, tile: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  let c40 = f32x4.splat(0), c41 = f32x4.splat(0);
  let c50 = f32x4.splat(0), c51 = f32x4.splat(0);
  for (let k = 0; k < kc; k++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let av = v128.load32_splat(pa);
    c00 = madd(av, b0, c00);
    c01 = madd(av, b1, c01);
    av = v128.load32_splat(pa, 4);
    c10 = madd(av, b0, c10);
    c11 = madd(av, b1, c11);
    av = v128.load32_splat(pa, 8);
    c20 = madd(av, b0, c20);
    c21 = madd(av, b1, c21);
    av = v128.load32_splat(pa, 12);
    c30 = madd(av, b0, c30);
    c31 = madd(av, b1, c31);
    av = v128.load32_splat(pa, 16);
    c40 = madd(av, b0, c40);
    c41 = madd(av, b1, c41);
    if (MR == 6) {
      av = v128.load32_splat(pa, 20);
      c50 = madd(av, b0, c50);
      c51 = madd(av, b1, c51);
    }
    pa += offset(MR);
    pb += 32;
  }
  const rowStep = offset(ldc);
  if (rows == MR && cols == NR) {
    let p = c;
    storeRow(p, c00, c01, accumulate);
    p += rowStep;
    storeRow(p, c10, c11, accumulate);
    p += rowStep;
    storeRow(p, c20, c21, accumulate);
    p += rowStep;
    storeRow(p, c30, c31, accumulate);
    p += rowStep;
    storeRow(p, c40, c41, accumulate);
    if (MR == 6) {
      p += rowStep;
      storeRow(p, c50, c51, accumulate);
    }
    return;
  }
  // an edge tile: through the tile buffer, then only its valid rows×cols corner
  storeRow(tile, c00, c01, false);
  storeRow(tile + 32, c10, c11, false);
  storeRow(tile + 64, c20, c21, false);
  storeRow(tile + 96, c30, c31, false);
  storeRow(tile + 128, c40, c41, false);
  if (MR == 6) storeRow(tile + 160, c50, c51, false);
  let p = c;
  let t = tile;
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const q = p + offset(j);
      const v = f32.load(t + offset(j));
      f32.store(q, accumulate ? f32.load(q) + v : v);
    }
    p += rowStep;
    t += 32;
  }
}

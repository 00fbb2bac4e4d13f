/**
 * `@gradlab/tensor/internal`: what the other gradlab packages need from the
 * tensor package that is not its public API: raw allocation, the pooled
 * result buffers, the float32 exp, the matmul kernel, value casting, and the
 * kernels of gradients (index kernels, PyTorch's fused backward kernels and
 * loss kernels) that `@gradlab/autograd` calls. No semver promise: these may
 * change in any release.
 *
 * @packageDocumentation
 */

export { castValue, allocate, allocateResult, expf } from './checked';
export { gemm } from './matmul-kernel';
export { writes, writtenSince } from './version';
export type { NumericArray } from './matmul-kernel';
export { embed, embedSelect, gather, scatter } from './gather-scatter';
export {
  thresholdBackward,
  softmaxBackwardData,
  logSoftmaxBackwardData,
  leakyReluBackward,
  sigmoidBackward,
  tanhBackward,
  prodSafeZerosBackward,
} from './backward-kernels';
export { nllLayout, nllForward, nllBackward, mseTerms, mseBackward, bceTerms, bceBackward } from './loss-kernels';
export type { LossReduction, NllLayout } from './loss-kernels';

// WebAssembly SIMD kernels (issue 17)
export { forceMatmulPath, threadedProductCount, CROSSOVER as WASM_CROSSOVER, THREAD_CROSSOVER } from './matmul-wasm';

// indexing (issue 15): the out-of-place forms of the in-place kernels the gradients use
export { indexAdd, put, maskedScatter } from './indexing';
export { advancedIndex, applyStep, planIndex } from './advanced-indexing';
export type { IndexPlan, IndexStep } from './advanced-indexing';

// elementwise (issue 15)
export { divFloor } from './binary';

// shapes (issue 15)
export { diagonalEmbed, splitSizes, chunkSize, repeatInterleaveIndex, kronShapes } from './rearrange';
export { padPlan, padIndex, padBackwardKernel, tensordotPlan, einsumPlan } from './contraction';
export type { PadDim, EinsumOperandPlan } from './contraction';

// reductions (issue 15)
export { normOrder } from './statistics';

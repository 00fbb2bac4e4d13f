/**
 * `@gradlab/tensor`: n-dimensional float32/float64/int32/bool tensors with
 * PyTorch's semantics (broadcasting, type promotion, views, reductions,
 * matmul, printing). It knows nothing about gradients; `@gradlab/autograd`
 * builds on it.
 *
 * @example
 * ```ts
 * import { tensor } from '@gradlab/tensor';
 * const x = tensor([[1, 2], [3, 4]]);
 * console.log(String(x.matmul(x.T).softmax(1)));
 * ```
 *
 * @packageDocumentation
 */

export { GradlabError, ShapeError, DTypeError, IndexError, ValueError, describeValue, formatValue, brandError } from './errors';
export type { ShapeErrorCode, IndexErrorCode, ValueErrorCode } from './errors';

export { DTYPES, isDType, isFloatingDType, dtypeOfArray, fitsInt32, checkedInt32, checkWideInteger, MAX_ELEMENTS } from './dtype';
// the small helpers, checked for users (the kernels call the unchecked ones)
export {
  promoteTypes,
  promoteWithScalar,
  scalarDType,
  scalarTensor,
  broadcastShapes,
  contiguousStrides,
  shapeSize,
  shapesEqual,
  formatShape,
  normalizeDim,
} from './checked';
export type { DType, TypedArray, NestedArray, Scalar } from './dtype';
export { resultType } from './promotion';
export type { TensorLike } from './promotion';

export { Tensor, isTensor, TENSOR_BRAND } from './tensor';
export { WRAPPED_TENSOR } from './wrapped';
export { markModified, versionOf } from './version';
export type { ValuesIndices } from './tensor';


export {
  tensor,
  zeros,
  ones,
  full,
  empty,
  zerosLike,
  onesLike,
  fullLike,
  emptyLike,
  arange,
  linspace,
  eye,
  rand,
  randn,
  randint,
  randLike,
  randnLike,
} from './creation';
export type { CreationOptions, RandomOptions, ShapeLike, TensorData } from './creation';
export { Generator, defaultGenerator, manualSeed, fillUniform, fillNormal, fillRandint } from './random';
export type { GeneratorState } from './random';

export * from './views';
export { cat, stack } from './join';
export { cast, to } from './cast';

export * from './unary';
export { add, sub, mul, div, pow, maximum, minimum, eq, ne, gt, ge, lt, le } from './binary';
// elementwise (issue 15)
export {
  fmod, remainder, atan2, logicalAnd, logicalOr, logicalXor, bitwiseAnd, bitwiseOr, bitwiseXor, isclose, allclose,
} from './binary';
export type { IsCloseOptions } from './binary';
export { lerp, addcmul, addcdiv } from './pointwise';
export type { AddcOptions } from './pointwise';
export { where } from './where';
export { clamp } from './clamp';

export { sum, mean, prod, max, min, argmax, argmin } from './reduce';
export { softmax, logSoftmax } from './softmax';
export { sumTo } from './sum-to';
export { matmul, mm, bmm, addmm } from './matmul';
export type { AddmmOptions } from './matmul';

export { formatTensor } from './format-tensor';
export { formatValues } from './format';

// WebAssembly SIMD kernels (issue 17)
export { ready, wasmInfo, setNumThreads, getNumThreads } from './matmul-wasm';
export type { WasmInfo } from './matmul-wasm';

// indexing (issue 15)
export { randperm } from './creation';
export { indexSelect, gather, scatter, scatterAdd, take, maskedFill, maskedSelect, nonzero } from './indexing';
export type { ScatterOptions, ScatterReduce, NonzeroOptions } from './indexing';
export { index, indexPut, sl } from './advanced-indexing';
export type { IndexItem, IndexPutOptions, Slice } from './advanced-indexing';
// shapes (issue 15)
export { split, chunk, unbind, flip, roll, repeat, tile, repeatInterleave, tril, triu, diag, diagonal, trace, outer, kron } from './rearrange';
export { pad, tensordot, einsum } from './contraction';
export type { PadMode, PadOptions } from './contraction';


// reductions (issue 15)
export { variance, variance as var, std, logsumexp, amax, amin, all, any, norm, cumsum, cumprod } from './statistics';
export type { Dims, VarOptions, NormOrder } from './statistics';
export { sort, argsort, topk, kthvalue, median, mode } from './sorting';
export type { SortOptions, TopkOptions } from './sorting';

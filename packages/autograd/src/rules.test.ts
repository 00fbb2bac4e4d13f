/*
 * Every row of the gradient table against central finite differences in
 * float64 (gradcheck) and its second derivatives (gradgradcheck), including
 * broadcasting; and a coverage check that every rule is exercised.
 */
import { describe, expect, it } from 'vitest';
import * as B from '@gradlab/tensor';
import {
  abs, add, addmm, atan, bmm, cat, clamp, contiguous, cos, div, dot, exp, expand, flatten, grad, gradcheck,
  gradgradcheck, leakyRelu, log, logSoftmax, matmul, max, maximum, mean, min, minimum, mm, mul, mv,
  narrow, neg, Node, permute, pow, prod, reciprocal, relu, reshape, RULES, select, sigmoid, sign, sin,
  slice, softmax, sqrt, square, squeeze, stack, sub, sum, sumTo, t, tan, tanh, Tensor, transpose,
  unsqueeze, view, where, broadcastTo, at, clone, log1p, expm1, movedim, mulScalar, divScalar, nllLossOp, mseLossOp, binaryCrossEntropyOp,
} from './index';
// indexing (issue 15)
import { gather, index, indexPut, indexSelect, maskedFill, maskedSelect, nonzero, scatter, scatterAdd, sl, take } from './index';
import { indexAdd, maskedScatter, put } from './ops/indexing';

// elementwise (issue 15)
import {
  log2, log10, exp2, rsqrt, sinh, cosh, asinh, acosh, atanh, asin, acos, erf, erfc, silu, softplus, elu, selu, gelu, hardtanh, logSigmoid,
  floor, ceil, round, trunc, frac, fmod, remainder, atan2, nanToNum, lerp, addcmul, addcdiv,
} from './index';
// shapes (issue 15)
import { split, chunk, unbind, flip, roll, repeat, tile, repeatInterleave, tril, triu, diag, diagonal, trace, outer, kron, pad, tensordot, einsum } from './index';

// reductions (issue 15)
import { variance, std, logsumexp, amax, amin, norm, cumsum, cumprod, sort, topk, kthvalue, median, mode } from './index';

const generator = new B.Generator(7);
function randn(shape: number[]): Tensor {
  return new Tensor(B.randn(shape, { dtype: 'float64', generator }), true);
}
/** Values in [0.5, 2.5): away from the poles and kinks of log, sqrt, 1/x. */
function positive(shape: number[]): Tensor {
  return new Tensor(B.add(B.mul(B.rand(shape, { dtype: 'float64', generator }), 2), 0.5), true);
}
// indexing (issue 15)
function ids(data: unknown): B.Tensor {
  return B.tensor(data as number[], { dtype: 'int32' });
}
function mask(data: boolean[]): B.Tensor {
  return B.tensor(data);
}
function values(data: number[], shape: number[]): Tensor {
  return new Tensor(B.reshape(B.tensor(data, { dtype: 'float64' }), shape), true);
}

type Fn = (...xs: Tensor[]) => Tensor;
interface Case {
  name: string;
  fn: Fn;
  inputs: () => Tensor[];
}

const cases: Case[] = [
  // unary
  { name: 'neg', fn: (x) => neg(x), inputs: () => [randn([2, 3])] },
  { name: 'abs', fn: (x) => abs(x), inputs: () => [randn([2, 3])] },
  { name: 'exp', fn: (x) => exp(x), inputs: () => [randn([2, 3])] },
  { name: 'log', fn: (x) => log(x), inputs: () => [positive([2, 3])] },
  { name: 'sqrt', fn: (x) => sqrt(x), inputs: () => [positive([2, 3])] },
  { name: 'reciprocal', fn: (x) => reciprocal(x), inputs: () => [positive([2, 3])] },
  { name: 'sin', fn: (x) => sin(x), inputs: () => [randn([2, 3])] },
  { name: 'cos', fn: (x) => cos(x), inputs: () => [randn([2, 3])] },
  { name: 'tan', fn: (x) => tan(x), inputs: () => [values([-1.2, -0.4, 0.1, 0.7, 1.1], [5])] },
  { name: 'atan', fn: (x) => atan(x), inputs: () => [randn([2, 3])] },
  { name: 'tanh', fn: (x) => tanh(x), inputs: () => [randn([2, 3])] },
  { name: 'sigmoid', fn: (x) => sigmoid(x), inputs: () => [randn([2, 3])] },
  { name: 'relu', fn: (x) => relu(x), inputs: () => [randn([2, 3])] },
  { name: 'leakyRelu', fn: (x) => leakyRelu(x), inputs: () => [randn([2, 3])] },
  { name: 'leakyRelu(0.2)', fn: (x) => leakyRelu(x, 0.2), inputs: () => [randn([2, 3])] },
  { name: 'sign', fn: (x) => sign(x), inputs: () => [randn([2, 3])] },
  { name: 'square', fn: (x) => square(x), inputs: () => [randn([2, 3])] },
  { name: 'log1p', fn: (x) => log1p(x), inputs: () => [positive([2, 3])] },
  { name: 'expm1', fn: (x) => expm1(x), inputs: () => [randn([2, 3])] },
  { name: 'clamp(-0.5, 0.5)', fn: (x) => clamp(x, -0.5, 0.5), inputs: () => [values([-1.3, -0.2, 0.1, 0.4, 0.9], [5])] },
  { name: 'clamp(min)', fn: (x) => clamp(x, 0.1), inputs: () => [values([-1.3, -0.2, 0.3, 0.4, 0.9], [5])] },
  { name: 'clamp(max)', fn: (x) => clamp(x, null, 0.1), inputs: () => [values([-1.3, -0.2, 0.3, 0.4, 0.9], [5])] },
  { name: 'clamp(tensor, tensor)', fn: (x, lo, hi) => clamp(x, lo, hi), inputs: () => [values([-1.3, -0.2, 0.1, 0.4, 0.9, 2], [6]), values([-1, -1, 0.3, 0.3, -2, 3], [6]), values([0.5], [1])] },
  { name: 'clamp(tensor min)', fn: (x, lo) => clamp(x, lo), inputs: () => [values([-1.3, -0.2, 0.1, 0.4, 0.9, 2], [2, 3]), values([-1, 0.3, 0.5], [3])] },
  { name: 'clamp(max tensor)', fn: (x, hi) => clamp(x, null, hi), inputs: () => [values([-1.3, -0.2, 0.1, 0.4, 0.9, 2], [2, 3]), values([-1, 0.3, 0.5], [3])] },
  // binary, with broadcasting
  { name: 'add [3,1]+[1,4]', fn: (a, b) => add(a, b), inputs: () => [randn([3, 1]), randn([1, 4])] },
  { name: 'sub [2,3]-[3]', fn: (a, b) => sub(a, b), inputs: () => [randn([2, 3]), randn([3])] },
  { name: 'mul [3,1]*[1,4]', fn: (a, b) => mul(a, b), inputs: () => [randn([3, 1]), randn([1, 4])] },
  { name: 'mul [2,3]*0-d', fn: (a, b) => mul(a, b), inputs: () => [randn([2, 3]), randn([])] },
  { name: 'div [3,1]/[1,4]', fn: (a, b) => div(a, b), inputs: () => [randn([3, 1]), positive([1, 4])] },
  { name: 'pow tensor ** tensor', fn: (a, b) => pow(a, b), inputs: () => [positive([3, 1]), randn([1, 4])] },
  { name: 'maximum [3,1],[1,4]', fn: (a, b) => maximum(a, b), inputs: () => [randn([3, 1]), randn([1, 4])] },
  { name: 'minimum [2,3],[3]', fn: (a, b) => minimum(a, b), inputs: () => [randn([2, 3]), randn([3])] },
  { name: 'where broadcasting', fn: (a, b) => where(B.tensor([true, false, true]), a, b), inputs: () => [randn([2, 3]), randn([2, 1])] },
  // scalar operands
  { name: 'x + 2', fn: (x) => add(x, 2), inputs: () => [randn([3])] },
  { name: '2 - x', fn: (x) => sub(2, x), inputs: () => [randn([3])] },
  { name: 'x * 3', fn: (x) => mul(x, 3), inputs: () => [randn([3])] },
  { name: 'x / 3', fn: (x) => div(x, 3), inputs: () => [randn([3])] },
  { name: '2 / x', fn: (x) => div(2, x), inputs: () => [positive([3])] },
  { name: 'x ** 3', fn: (x) => pow(x, 3), inputs: () => [randn([3])] },
  { name: 'x ** 0.5', fn: (x) => pow(x, 0.5), inputs: () => [positive([3])] },
  { name: 'x ** 0', fn: (x) => pow(x, 0), inputs: () => [randn([3])] },
  { name: '2 ** x', fn: (x) => pow(2, x), inputs: () => [randn([3])] },
  // reductions
  { name: 'sum()', fn: (x) => sum(x), inputs: () => [randn([2, 3])] },
  { name: 'sum(1)', fn: (x) => sum(x, 1), inputs: () => [randn([2, 3])] },
  { name: 'sum([0, 2], keepdim)', fn: (x) => sum(x, [0, 2], true), inputs: () => [randn([2, 3, 2])] },
  { name: 'mean()', fn: (x) => mean(x), inputs: () => [randn([2, 3])] },
  { name: 'mean(-1)', fn: (x) => mean(x, -1), inputs: () => [randn([2, 3])] },
  { name: 'prod()', fn: (x) => prod(x), inputs: () => [randn([2, 3])] },
  { name: 'prod(1)', fn: (x) => prod(x, 1), inputs: () => [randn([2, 3])] },
  { name: 'prod() with a zero', fn: (x) => prod(x), inputs: () => [values([1.5, 0, -2, 0.7], [4])] },
  { name: 'prod(1, keepdim) with zeros', fn: (x) => prod(x, 1, true), inputs: () => [values([1.5, 0, -2, 0, 0, 0.5], [2, 3])] },
  { name: 'max()', fn: (x) => max(x), inputs: () => [randn([2, 3])] },
  { name: 'min()', fn: (x) => min(x), inputs: () => [randn([2, 3])] },
  { name: 'max(1)', fn: (x) => max(x, 1).values, inputs: () => [randn([2, 3])] },
  { name: 'min(0, keepdim)', fn: (x) => min(x, 0, true).values, inputs: () => [randn([2, 3])] },
  { name: 'softmax(1)', fn: (x) => softmax(x, 1), inputs: () => [randn([2, 3])] },
  { name: 'logSoftmax(0)', fn: (x) => logSoftmax(x, 0), inputs: () => [randn([2, 3])] },
  { name: 'sumTo', fn: (x) => sumTo(x, [1, 3]), inputs: () => [randn([2, 3])] },
  // matrix products
  { name: 'mm', fn: (a, b) => mm(a, b), inputs: () => [randn([2, 3]), randn([3, 2])] },
  { name: 'mm of column-major operands (w.t())', fn: (a, b) => mm(t(a), t(b)), inputs: () => [randn([3, 2]), randn([2, 3])] },
  { name: 'bmm', fn: (a, b) => bmm(a, b), inputs: () => [randn([2, 2, 3]), randn([2, 3, 2])] },
  { name: 'dot', fn: (a, b) => dot(a, b), inputs: () => [randn([3]), randn([3])] },
  { name: 'mv', fn: (a, b) => mv(a, b), inputs: () => [randn([2, 3]), randn([3])] },
  { name: 'matmul 1-d x 2-d', fn: (a, b) => matmul(a, b), inputs: () => [randn([3]), randn([3, 2])] },
  { name: 'matmul 3-d x 2-d', fn: (a, b) => matmul(a, b), inputs: () => [randn([2, 2, 3]), randn([3, 2])] },
  { name: 'matmul 3-d x 1-d', fn: (a, b) => matmul(a, b), inputs: () => [randn([2, 2, 3]), randn([3])] },
  { name: 'matmul 2-d x 3-d', fn: (a, b) => matmul(a, b), inputs: () => [randn([2, 3]), randn([2, 3, 2])] },
  { name: 'matmul broadcast batch', fn: (a, b) => matmul(a, b), inputs: () => [randn([2, 1, 2, 3]), randn([2, 3, 2])] },
  // views and copies
  { name: 'reshape', fn: (x) => reshape(x, [3, 2]), inputs: () => [randn([2, 3])] },
  { name: 'reshape of a transpose (copy)', fn: (x) => reshape(t(x), [-1]), inputs: () => [randn([2, 3])] },
  { name: 'view', fn: (x) => view(x, [-1]), inputs: () => [randn([2, 3])] },
  { name: 'flatten', fn: (x) => flatten(x, 1), inputs: () => [randn([2, 3, 2])] },
  { name: 'squeeze()', fn: (x) => squeeze(x), inputs: () => [randn([1, 3, 1])] },
  { name: 'squeeze(2)', fn: (x) => squeeze(x, 2), inputs: () => [randn([1, 3, 1])] },
  { name: 'unsqueeze', fn: (x) => unsqueeze(x, 1), inputs: () => [randn([2, 3])] },
  { name: 'transpose', fn: (x) => transpose(x, 0, 2), inputs: () => [randn([2, 3, 2])] },
  { name: 't', fn: (x) => t(x), inputs: () => [randn([2, 3])] },
  { name: 'T', fn: (x) => x.T, inputs: () => [randn([2, 3, 2])] },
  { name: 'mT', fn: (x) => x.mT, inputs: () => [randn([2, 3, 2])] },
  { name: 'permute', fn: (x) => permute(x, [2, 0, 1]), inputs: () => [randn([2, 3, 2])] },
  { name: 'movedim', fn: (x) => movedim(x, [0, 1], [2, 0]), inputs: () => [randn([2, 3, 4])] },
  { name: 'expand', fn: (x) => expand(x, [2, 3, 4]), inputs: () => [randn([3, 1])] },
  { name: 'broadcastTo', fn: (x) => broadcastTo(x, [2, 3]), inputs: () => [randn([3])] },
  { name: 'select', fn: (x) => select(x, 1, -1), inputs: () => [randn([2, 3])] },
  { name: 'at', fn: (x) => at(x, 1), inputs: () => [randn([2, 3])] },
  { name: 'slice with step', fn: (x) => slice(x, 1, 1, null, 2), inputs: () => [randn([2, 5])] },
  { name: 'narrow', fn: (x) => narrow(x, 0, 1, 2), inputs: () => [randn([4, 2])] },
  { name: 'cat', fn: (a, b) => cat([a, b], 1), inputs: () => [randn([2, 3]), randn([2, 1])] },
  { name: 'stack', fn: (a, b) => stack([a, b], 1), inputs: () => [randn([2, 3]), randn([2, 3])] },
  { name: 'contiguous of a transpose', fn: (x) => contiguous(t(x)), inputs: () => [randn([2, 3])] },
  { name: 'clone', fn: (x) => clone(x), inputs: () => [randn([2, 3])] },
  // a composite: the homework's Ex 1 in float64
  {
    name: 'Ex 1 formula',
    fn: (x) => log(add(pow(exp(mul(at(x, 0), at(x, 1))), 2), mul(sin(add(add(at(x, 2), at(x, 3)), at(x, 4))), at(x, 4)))),
    inputs: () => [values([1, 2, -1, 3, 5], [5])],
  },
  // addmm (F.linear's op): the input broadcasts, beta and alpha scale the gradients
  { name: 'addmm', fn: (c, a, b) => addmm(c, a, b), inputs: () => [randn([2, 3]), randn([2, 4]), randn([4, 3])] },
  {
    name: 'addmm with a bias [m], a column-major mat2 (w.t()), beta 0.5, alpha -2',
    fn: (c, a, w) => addmm(c, a, t(w), { beta: 0.5, alpha: -2 }),
    inputs: () => [randn([3]), randn([2, 4]), randn([3, 4])],
  },
  {
    name: 'addmm with a 0-d input, a column-major mat1, beta 0',
    fn: (c, a, b) => addmm(c, t(a), b, { beta: 0, alpha: 1.5 }),
    inputs: () => [randn([]), randn([4, 2]), randn([4, 3])],
  },
  { name: 'addmm with an input [1, m]', fn: (c, a, b) => addmm(c, a, b, { beta: 2 }), inputs: () => [randn([1, 3]), randn([2, 4]), randn([4, 3])] },
  // losses (loss-ops.ts) and the scalar overloads
  { name: 'mulScalar', fn: (x) => mulScalar(x, 0.7), inputs: () => [randn([2, 3])] },
  { name: 'divScalar', fn: (x) => divScalar(x, 3), inputs: () => [randn([2, 3])] },
  {
    name: 'nllLossOp [N, C] with weight',
    fn: (x) => nllLossOp(x, B.tensor([0, 2, 1], { dtype: 'int32' }), { weight: B.tensor([1, 2, 0.5], { dtype: 'float64' }) }),
    inputs: () => [randn([3, 3])],
  },
  {
    name: 'nllLossOp [N, C, H, W], reduction none',
    fn: (x) => nllLossOp(x, B.tensor([[[0, 2]]], { dtype: 'int32' }), { reduction: 'none' }),
    inputs: () => [randn([1, 3, 1, 2])],
  },
  { name: 'mseLossOp mean', fn: (a, b) => mseLossOp(a, b), inputs: () => [randn([2, 3]), randn([2, 3])] },
  { name: 'mseLossOp none', fn: (a, b) => mseLossOp(a, b, 'none'), inputs: () => [randn([2, 3]), randn([2, 3])] },
  {
    name: 'binaryCrossEntropyOp with weight',
    fn: (x, t) => binaryCrossEntropyOp(x, t, B.tensor([1, 2, 0.5], { dtype: 'float64' }), 'sum'),
    inputs: () => [values([0.2, 0.5, 0.7], [3]), values([0.1, 0.9, 0.4], [3])],
  },
  // indexing (issue 15): int32 indices and bool masks are constants
  { name: 'indexSelect repeated', fn: (x) => indexSelect(x, 0, ids([2, 0, 2])), inputs: () => [randn([3, 2])] },
  { name: 'indexSelect dim -1', fn: (x) => indexSelect(x, -1, ids([1])), inputs: () => [randn([2, 3])] },
  { name: 'indexAdd', fn: (x, s) => indexAdd(x, 1, ids([0, 2, 0]), s), inputs: () => [randn([2, 3]), randn([2, 3])] },
  { name: 'gather repeated', fn: (x) => gather(x, 1, ids([[0, 0, 2], [1, 2, 1]])), inputs: () => [randn([2, 3])] },
  { name: 'scatter src', fn: (x, s) => scatter(x, 0, ids([[0, 1, 2], [2, 0, 1]]), s), inputs: () => [randn([3, 3]), randn([2, 3])] },
  { name: 'scatter value', fn: (x) => scatter(x, 1, ids([[1], [0]]), 1.5), inputs: () => [randn([2, 3])] },
  { name: 'scatterAdd repeated', fn: (x, s) => scatterAdd(x, 0, ids([[0, 1, 0], [0, 0, 2]]), s), inputs: () => [randn([3, 3]), randn([2, 3])] },
  { name: 'take repeated', fn: (x) => take(x, ids([[0, -1], [3, 3]])), inputs: () => [randn([2, 3])] },
  { name: 'put accumulate', fn: (x, s) => put(x, ids([1, 1, 4]), s, true), inputs: () => [randn([2, 3]), randn([3])] },
  { name: 'put', fn: (x, s) => put(x, ids([1, 5]), s, false), inputs: () => [randn([2, 3]), randn([2])] },
  { name: 'maskedFill broadcast', fn: (x) => maskedFill(x, mask([true, false, true]), 0.5), inputs: () => [randn([2, 3])] },
  { name: 'maskedFill tensor value', fn: (x, v) => maskedFill(x, mask([false, true, true]), v), inputs: () => [randn([2, 3]), randn([])] },
  { name: 'maskedSelect mask larger than x', fn: (x) => maskedSelect(x, B.tensor([[true, false, true], [true, true, false]])), inputs: () => [randn([3])] },
  { name: 'maskedScatter', fn: (x, s) => maskedScatter(x, mask([true, false, true]), s), inputs: () => [randn([2, 3]), randn([5])] },
  { name: 'index tensors separated by a slice', fn: (x) => index(x, ids([0, 2, 0]), sl(), ids([1, 0, 1])), inputs: () => [randn([3, 2, 2])] },
  { name: 'index slice, None, mask', fn: (x) => index(x, '1:', null, mask([true, false, true])), inputs: () => [randn([3, 3])] },
  { name: 'indexPut accumulate, broadcast values', fn: (x, v) => indexPut(x, [ids([0, 0, 2])], v, { accumulate: true }), inputs: () => [randn([3, 2]), randn([2])] },
  { name: 'indexPut', fn: (x, v) => indexPut(x, [null, ids([1, 0])], v), inputs: () => [randn([2, 3]), randn([2, 1])] },
  { name: 'nonzero indices feed indexSelect', fn: (x) => indexSelect(x, 0, nonzero(B.tensor([0, 1, 1]), { asTuple: true })[0]!), inputs: () => [randn([3, 2])] },

  // elementwise (issue 15)
  { name: 'log2', fn: (x) => log2(x), inputs: () => [positive([2, 3])] },
  { name: 'log10', fn: (x) => log10(x), inputs: () => [positive([2, 3])] },
  { name: 'exp2', fn: (x) => exp2(x), inputs: () => [randn([2, 3])] },
  { name: 'rsqrt', fn: (x) => rsqrt(x), inputs: () => [positive([2, 3])] },
  { name: 'sinh', fn: (x) => sinh(x), inputs: () => [randn([2, 3])] },
  { name: 'cosh', fn: (x) => cosh(x), inputs: () => [randn([2, 3])] },
  { name: 'asinh', fn: (x) => asinh(x), inputs: () => [randn([2, 3])] },
  { name: 'acosh', fn: (x) => acosh(x), inputs: () => [values([1.2, 1.7, 2.5, 4.1], [4])] },
  { name: 'atanh', fn: (x) => atanh(x), inputs: () => [values([-0.7, -0.2, 0.1, 0.6], [4])] },
  { name: 'asin', fn: (x) => asin(x), inputs: () => [values([-0.7, -0.2, 0.1, 0.6], [4])] },
  { name: 'acos', fn: (x) => acos(x), inputs: () => [values([-0.7, -0.2, 0.1, 0.6], [4])] },
  { name: 'erf', fn: (x) => erf(x), inputs: () => [randn([2, 3])] },
  { name: 'erfc', fn: (x) => erfc(x), inputs: () => [randn([2, 3])] },
  { name: 'silu', fn: (x) => silu(x), inputs: () => [randn([2, 3])] },
  { name: 'softplus', fn: (x) => softplus(x), inputs: () => [randn([2, 3])] },
  { name: 'softplus(2, 1), both sides of the threshold', fn: (x) => softplus(x, 2, 1), inputs: () => [values([-1.3, -0.2, 0.3, 0.9, 1.4], [5])] },
  { name: 'elu', fn: (x) => elu(x), inputs: () => [values([-1.3, -0.2, 0.3, 0.9, 1.4], [5])] },
  { name: 'elu(0.5)', fn: (x) => elu(x, 0.5), inputs: () => [values([-2.1, -0.4, 0.3, 1.9], [4])] },
  { name: 'selu', fn: (x) => selu(x), inputs: () => [values([-1.3, -0.2, 0.3, 0.9, 1.4], [5])] },
  { name: 'gelu', fn: (x) => gelu(x), inputs: () => [randn([2, 3])] },
  { name: "gelu('tanh')", fn: (x) => gelu(x, 'tanh'), inputs: () => [randn([2, 3])] },
  { name: 'hardtanh(-0.5, 0.5)', fn: (x) => hardtanh(x, -0.5, 0.5), inputs: () => [values([-1.3, -0.2, 0.1, 0.4, 0.9], [5])] },
  { name: 'logSigmoid', fn: (x) => logSigmoid(x), inputs: () => [randn([2, 3])] },
  { name: 'floor', fn: (x) => floor(x), inputs: () => [values([-1.3, -0.2, 0.3, 0.9, 1.4], [5])] },
  { name: 'ceil', fn: (x) => ceil(x), inputs: () => [values([-1.3, -0.2, 0.3, 0.9, 1.4], [5])] },
  { name: 'round', fn: (x) => round(x), inputs: () => [values([-1.3, -0.2, 0.3, 0.9, 1.4], [5])] },
  { name: 'round({ decimals: 1 })', fn: (x) => round(x, { decimals: 1 }), inputs: () => [values([-1.33, -0.22, 0.31, 0.94], [4])] },
  { name: 'trunc', fn: (x) => trunc(x), inputs: () => [values([-1.3, -0.2, 0.3, 0.9, 1.4], [5])] },
  { name: 'frac', fn: (x) => frac(x), inputs: () => [values([-1.3, -0.2, 0.3, 0.9, 1.4], [5])] },
  { name: 'fmod(x, 0.7)', fn: (x) => fmod(x, 0.7), inputs: () => [values([-1.3, -0.2, 0.3, 0.9, 1.6], [5])] },
  { name: 'fmod(a, b)', fn: (a, b) => fmod(a, b), inputs: () => [values([-1.3, -0.2, 2.3, 0.9], [4]), values([0.7, -0.9, 0.6, 0.4], [4])] },
  { name: 'remainder(x, 0.7)', fn: (x) => remainder(x, 0.7), inputs: () => [values([-1.3, -0.2, 0.3, 0.9, 1.6], [5])] },
  { name: 'remainder(a, b)', fn: (a, b) => remainder(a, b), inputs: () => [values([-1.3, -0.2, 2.3, 0.9], [4]), values([0.7, -0.9, 0.6, 0.4], [4])] },
  { name: 'atan2', fn: (a, b) => atan2(a, b), inputs: () => [randn([2, 3]), randn([3])] },
  { name: 'nanToNum', fn: (x) => nanToNum(x), inputs: () => [randn([2, 3])] },
  { name: 'lerp(a, b, 0.3)', fn: (a, b) => lerp(a, b, 0.3), inputs: () => [randn([2, 3]), randn([3])] },
  { name: 'lerp(a, b, w)', fn: (a, b, w) => lerp(a, b, w), inputs: () => [randn([2, 3]), randn([3]), randn([2, 1])] },
  { name: 'addcmul', fn: (x, a, b) => addcmul(x, a, b, { value: 0.7 }), inputs: () => [randn([3]), randn([2, 3]), randn([2, 1])] },
  { name: 'addcdiv', fn: (x, a, b) => addcdiv(x, a, b, { value: -1.5 }), inputs: () => [randn([3]), randn([2, 3]), positive([2, 1])] },

  // shapes (issue 15): pieces are weighted differently so each one's gradient counts
  { name: 'split(2, 1)', fn: (x) => cat(split(x, 2, 1).map((p, k) => mul(p, k + 1)), 1), inputs: () => [randn([2, 5])] },
  { name: 'split([1, 0, 2], 0)', fn: (x) => cat(split(x, [1, 0, 2], 0).map((p, k) => mul(p, k + 1)), 0), inputs: () => [randn([3, 2])] },
  { name: 'chunk(2, -1)', fn: (x) => cat(chunk(x, 2, -1).map((p, k) => mul(p, k + 2)), -1), inputs: () => [randn([2, 3])] },
  { name: 'unbind(1)', fn: (x) => stack(unbind(x, 1).map((p, k) => mul(p, k - 1)), 0), inputs: () => [randn([2, 3])] },
  { name: 'one split piece', fn: (x) => split(x, 2, 0)[1]!, inputs: () => [randn([5, 2])] },
  { name: 'flip', fn: (x) => flip(x, [0, -1]), inputs: () => [randn([2, 3, 2])] },
  { name: 'roll', fn: (x) => roll(x, [1, -4], [0, 1]), inputs: () => [randn([3, 4])] },
  { name: 'roll flattened', fn: (x) => roll(x, 2), inputs: () => [randn([2, 3])] },
  { name: 'repeat', fn: (x) => repeat(x, [2, 1, 3]), inputs: () => [randn([2, 2])] },
  { name: 'tile', fn: (x) => tile(x, [2]), inputs: () => [randn([2, 3])] },
  { name: 'repeatInterleave', fn: (x) => repeatInterleave(x, B.tensor([2, 0, 1], { dtype: 'int32' }), 1), inputs: () => [randn([2, 3])] },
  { name: 'repeatInterleave flattened', fn: (x) => repeatInterleave(x, 2), inputs: () => [randn([2, 2])] },
  { name: 'tril', fn: (x) => tril(x, -1), inputs: () => [randn([2, 3, 3])] },
  { name: 'triu', fn: (x) => triu(x, 1), inputs: () => [randn([3, 4])] },
  { name: 'diag of a vector', fn: (x) => diag(x, 1), inputs: () => [randn([3])] },
  { name: 'diag of a matrix', fn: (x) => diag(x, -1), inputs: () => [randn([3, 4])] },
  { name: 'diagonal', fn: (x) => diagonal(x, 1, -1, 0), inputs: () => [randn([3, 2, 4])] },
  { name: 'trace', fn: (x) => trace(x), inputs: () => [randn([3, 4])] },
  { name: 'outer', fn: (a, b) => outer(a, b), inputs: () => [randn([3]), randn([2])] },
  { name: 'kron', fn: (a, b) => kron(a, b), inputs: () => [randn([2, 3]), randn([2])] },
  { name: 'pad constant (crop and pad)', fn: (x) => pad(x, [1, -1, 2, 0], { value: 0.5 }), inputs: () => [randn([2, 3])] },
  { name: 'pad reflect 1d', fn: (x) => pad(x, [2, 1], { mode: 'reflect' }), inputs: () => [randn([2, 4])] },
  { name: 'pad reflect 2d', fn: (x) => pad(x, [1, 2, 1, 0], { mode: 'reflect' }), inputs: () => [randn([1, 3, 3])] },
  { name: 'pad reflect 3d', fn: (x) => pad(x, [1, 0, 0, 1, 1, 1], { mode: 'reflect' }), inputs: () => [randn([1, 2, 2, 3])] },
  { name: 'pad replicate 1d', fn: (x) => pad(x, [0, 3], { mode: 'replicate' }), inputs: () => [randn([1, 2, 3])] },
  { name: 'pad replicate 2d', fn: (x) => pad(x, [2, 1, 1, 1], { mode: 'replicate' }), inputs: () => [randn([2, 2, 2])] },
  { name: 'pad replicate 3d', fn: (x) => pad(x, [1, 1, 0, 1, 1, 0], { mode: 'replicate' }), inputs: () => [randn([1, 1, 2, 2, 2])] },
  { name: 'tensordot', fn: (a, b) => tensordot(a, b, [[0, 2], [2, 0]]), inputs: () => [randn([2, 3, 2]), randn([2, 4, 2])] },
  { name: "einsum('bij,bjk->bik')", fn: (a, b) => einsum('bij,bjk->bik', a, b), inputs: () => [randn([2, 2, 3]), randn([2, 3, 2])] },
  { name: "einsum('ii->i')", fn: (a) => einsum('ii->i', a), inputs: () => [randn([3, 3])] },
  { name: "einsum('i,j->ij')", fn: (a, b) => einsum('i,j->ij', a, b), inputs: () => [randn([3]), randn([2])] },

  // reductions (issue 15)
  { name: 'var', fn: (x) => variance(x), inputs: () => [randn([2, 3])] },
  { name: 'var(dims [0, 2], correction 0, keepdim)', fn: (x) => variance(x, [0, -1], { correction: 0, keepdim: true }), inputs: () => [randn([2, 3, 2])] },
  { name: 'std', fn: (x) => std(x, 1), inputs: () => [randn([2, 3])] },
  { name: 'std(keepdim, correction 2)', fn: (x) => std(x, null, { correction: 2, keepdim: true }), inputs: () => [randn([2, 3])] },
  { name: 'logsumexp', fn: (x) => logsumexp(x, 1), inputs: () => [randn([2, 3])] },
  { name: 'logsumexp([0, 1], keepdim)', fn: (x) => logsumexp(x, [0, 1], true), inputs: () => [randn([2, 3])] },
  { name: 'amax', fn: (x) => amax(x, 1), inputs: () => [randn([2, 3])] },
  { name: 'amax (all dims, keepdim)', fn: (x) => amax(x, [], true), inputs: () => [randn([2, 3])] },
  { name: 'amin', fn: (x) => amin(x, [0, 2]), inputs: () => [randn([2, 3, 2])] },
  { name: 'norm', fn: (x) => norm(x), inputs: () => [randn([2, 3])] },
  { name: 'norm(1, dim 1)', fn: (x) => norm(x, 1, 1), inputs: () => [randn([2, 3])] },
  { name: 'norm(Infinity, dim 0, keepdim)', fn: (x) => norm(x, Infinity, 0, true), inputs: () => [randn([2, 3])] },
  { name: 'norm(-Infinity)', fn: (x) => norm(x, -Infinity), inputs: () => [randn([2, 3])] },
  { name: 'norm(3, dim 1)', fn: (x) => norm(x, 3, 1), inputs: () => [randn([2, 3])] },
  { name: 'norm(1.5)', fn: (x) => norm(x, 1.5), inputs: () => [randn([2, 3])] },
  { name: 'norm(0.5)', fn: (x) => norm(x, 0.5), inputs: () => [randn([2, 3])] },
  { name: "norm('fro', [0, 1])", fn: (x) => norm(x, 'fro', [0, 1]), inputs: () => [randn([2, 3])] },
  { name: 'cumsum', fn: (x) => cumsum(x, 1), inputs: () => [randn([2, 3])] },
  { name: 'cumsum(-3)', fn: (x) => cumsum(x, -3), inputs: () => [randn([3, 2, 2])] },
  { name: 'cumprod', fn: (x) => cumprod(x, 1), inputs: () => [randn([2, 3])] },
  { name: 'cumprod with zeros', fn: (x) => cumprod(x, 0), inputs: () => [values([0.5, 0, 1.3, 0, -0.7, 2.1, 0, 0, 0.4, 1.1, -0.9, 0.8], [4, 3])] },
  { name: 'sort', fn: (x) => sort(x, 1).values, inputs: () => [randn([2, 3])] },
  { name: 'sort(stable, descending)', fn: (x) => sort(x, 0, { stable: true, descending: true }).values, inputs: () => [randn([3, 2])] },
  { name: 'topk', fn: (x) => topk(x, 2, 0, { largest: false }).values, inputs: () => [randn([4, 2])] },
  { name: 'kthvalue', fn: (x) => kthvalue(x, 2, 1, true).values, inputs: () => [randn([2, 3])] },
  { name: 'median', fn: (x) => median(x), inputs: () => [randn([2, 3])] },
  { name: 'median(dim)', fn: (x) => median(x, 1).values, inputs: () => [randn([2, 4])] },
  { name: 'mode (all distinct: the smallest; ties are not differentiable)', fn: (x) => mode(x, 0).values, inputs: () => [values([1.5, 2, 0.7, 3, 2.5, 1], [3, 2])] },
];

function collectNames(roots: readonly (Tensor | null)[], into: Set<string>): void {
  const seen = new Set<Node>();
  const stack: Node[] = [];
  for (const r of roots) if (r?.gradFn) stack.push(r.gradFn);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    into.add(node.name);
    for (const [next] of node.nextFunctions) if (next !== null) stack.push(next);
  }
}

describe('gradcheck and gradgradcheck of every rule (float64)', () => {
  for (const c of cases) {
    it(`${c.name}: gradcheck`, () => {
      expect(gradcheck(c.fn, c.inputs())).toBe(true);
    });
    it(`${c.name}: gradgradcheck`, () => {
      expect(gradgradcheck(c.fn, c.inputs())).toBe(true);
    });
  }

  it('exercises every row of the table (first, second and third order)', () => {
    const names = new Set<string>();
    for (const c of cases) {
      const inputs = c.inputs();
      const out = c.fn(...inputs);
      collectNames([out], names);
      const seed = new Tensor(B.onesLike(out.data), true);
      const first = grad([out], inputs, { gradOutputs: [seed], createGraph: true, allowUnused: true });
      collectNames(first, names);
      const differentiable = first.filter((g): g is Tensor => g !== null && g.requiresGrad);
      if (differentiable.length === 0) continue;
      const seeds = differentiable.map((g) => new Tensor(B.onesLike(g.data), true));
      const second = grad(differentiable, [...inputs, seed], { gradOutputs: seeds, createGraph: true, allowUnused: true });
      collectNames(second, names);
    }
    // ToCopyBackward0 converts between float32 and float64 (golden-tested): finite
    // differences need float64 throughout.
    const missing = Object.values(RULES)
      .map((rule) => rule.name)
      .filter((name) => !names.has(name) && name !== 'ToCopyBackward0');
    expect(missing).toEqual([]);
  });
});

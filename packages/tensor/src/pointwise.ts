/*
 * Elementwise functions of three operands (issue 15): lerp, addcmul, addcdiv,
 * broadcasting all three, with PyTorch's dtype rules and its kernels' order of
 * operations (float32 rounded after each step, as PyTorch computes in float).
 */
import { type DType } from './dtype';
import { DTypeError, describeValue } from './errors';
import { mapTernary, toOperand, type TernaryKernel } from './elementwise-engine';
import { resultType, type TensorLike } from './promotion';
import { Tensor, isForeignTensor } from './tensor';

const NAMES: Record<DType, string> = { float32: 'float', float64: 'double', int32: 'int', bool: 'bool' };
const TYPE_NAMES: Record<DType, string> = { float32: 'Float', float64: 'Double', int32: 'Int', bool: 'Bool' };

function checkTensor(x: unknown, op: string, name: string): asserts x is Tensor {
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`${op}: '${name}' must be a Tensor, got ${describeValue(x)}`);
}

function identity(v: number): number {
  return v;
}

/**
 * Linear interpolation `start + weight * (end - start)`, computed as PyTorch does (from `end`
 * when `|weight| >= 0.5`, so that `weight = 1` gives `end` exactly). `weight` is a number or a
 * tensor; `start`, `end` (and a tensor weight) must be floating tensors of one dtype, as there.
 *
 * @example
 * ```ts
 * lerp(tensor([0, 10]), tensor([10, 20]), 0.5).toArray(); // [5, 15]
 * ```
 */
export function lerp(start: Tensor, end: Tensor, weight: TensorLike): Tensor {
  checkTensor(start, 'lerp', 'start');
  checkTensor(end, 'lerp', 'end');
  const scalarWeight = typeof weight === 'number';
  if (!scalarWeight) checkTensor(weight, 'lerp', 'weight');
  const dtype = start.dtype;
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DTypeError(`lerp: "lerp_kernel_${scalarWeight ? 'scalar' : 'tensor'}" not implemented for '${TYPE_NAMES[dtype]}'`);
  }
  if (end.dtype !== dtype) throw new DTypeError(`lerp: expected dtype ${NAMES[dtype]} for \`end\` but got dtype ${NAMES[end.dtype]}`);
  if (!scalarWeight && (weight as Tensor).dtype !== dtype) {
    throw new DTypeError(`lerp: expected dtype ${NAMES[dtype]} for \`weight\` but got dtype ${NAMES[(weight as Tensor).dtype]}`);
  }
  const f = dtype === 'float32' ? Math.fround : identity;
  const kernel: TernaryKernel = (s, so, ss, e, eo, es, w, wo, ws, out, oo, n) => {
    for (let i = 0; i < n; i++, so += ss, eo += es, wo += ws) {
      const x = s[so]!;
      const y = e[eo]!;
      const t = w[wo]!;
      const diff = f(y - x);
      out[oo + i] = Math.abs(t) < 0.5 ? x + f(t * diff) : y - f(diff * f(1 - t));
    }
  };
  return mapTernary(start, end, scalarWeight ? f(weight) : (weight as Tensor), dtype, kernel);
}

/** Options of {@link addcmul} and {@link addcdiv}: the scale of the product or quotient. */
export interface AddcOptions {
  /** 1 by default. */
  value?: number;
}

function scaleOf(options: AddcOptions, op: string): number {
  if (typeof options !== 'object' || options === null) throw new DTypeError(`${op}: 'options' must be an object like { value: 2 }, got ${describeValue(options)}`);
  const value = options.value ?? 1;
  if (typeof value !== 'number') throw new DTypeError(`${op}: 'value' must be a number, got ${describeValue(value)}`);
  return value;
}

function dtypeOf(input: Tensor, tensor1: Tensor, tensor2: Tensor, op: string): DType {
  checkTensor(input, op, 'input');
  checkTensor(tensor1, op, 'tensor1');
  checkTensor(tensor2, op, 'tensor2');
  const dtype = resultType(input, tensor1, tensor2);
  if (dtype === 'bool') throw new DTypeError(`${op}: "${op}_cpu_out" not implemented for 'Bool'`);
  return dtype;
}

/**
 * `input + value * tensor1 * tensor2`, broadcasting, in the promoted dtype (int32 wraps and
 * truncates `value`, as PyTorch converts it to the dtype).
 *
 * @example
 * ```ts
 * addcmul(tensor([1]), tensor([2]), tensor([3]), { value: 0.5 }).toArray(); // [4]
 * ```
 */
export function addcmul(input: Tensor, tensor1: Tensor, tensor2: Tensor, options: AddcOptions = {}): Tensor {
  const value = scaleOf(options, 'addcmul');
  const dtype = dtypeOf(input, tensor1, tensor2, 'addcmul');
  let kernel: TernaryKernel;
  if (dtype === 'int32') {
    const v = Math.trunc(value) | 0;
    kernel = (a, ao, as, b, bo, bs, c, co, cs, out, oo, n) => {
      for (let i = 0; i < n; i++, ao += as, bo += bs, co += cs) out[oo + i] = (a[ao]! + Math.imul(Math.imul(v, b[bo]!), c[co]!)) | 0;
    };
  } else {
    const f = dtype === 'float32' ? Math.fround : identity;
    const v = f(value);
    kernel = (a, ao, as, b, bo, bs, c, co, cs, out, oo, n) => {
      for (let i = 0; i < n; i++, ao += as, bo += bs, co += cs) out[oo + i] = a[ao]! + f(f(v * b[bo]!) * c[co]!);
    };
  }
  return mapTernary(toOperand(input, dtype), toOperand(tensor1, dtype), toOperand(tensor2, dtype), dtype, kernel);
}

/**
 * `input + value * tensor1 / tensor2`, broadcasting; integer operands are rejected as in
 * PyTorch 1.13 (which no longer divides integers here).
 *
 * @example
 * ```ts
 * addcdiv(tensor([1]), tensor([3]), tensor([2]), { value: 2 }).toArray(); // [4]
 * ```
 */
export function addcdiv(input: Tensor, tensor1: Tensor, tensor2: Tensor, options: AddcOptions = {}): Tensor {
  const value = scaleOf(options, 'addcdiv');
  checkTensor(tensor1, 'addcdiv', 'tensor1');
  checkTensor(tensor2, 'addcdiv', 'tensor2');
  // (bool counts as an integer type here, as in PyTorch)
  const integral = (t: Tensor): boolean => t.dtype === 'int32' || t.dtype === 'bool';
  if (integral(tensor1) && integral(tensor2)) {
    throw new DTypeError(
      'addcdiv: Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. ' +
        'The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs ' +
        'and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: ' +
        '(input + value * tensor1 / tensor2), for all dtypes.',
    );
  }
  const dtype = dtypeOf(input, tensor1, tensor2, 'addcdiv');
  const f = dtype === 'float32' ? Math.fround : identity;
  const v = f(value);
  const kernel: TernaryKernel = (a, ao, as, b, bo, bs, c, co, cs, out, oo, n) => {
    for (let i = 0; i < n; i++, ao += as, bo += bs, co += cs) out[oo + i] = a[ao]! + f(f(v * b[bo]!) / c[co]!);
  };
  return mapTernary(toOperand(input, dtype), toOperand(tensor1, dtype), toOperand(tensor2, dtype), dtype, kernel);
}

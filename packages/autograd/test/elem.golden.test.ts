/*
 * The elementwise ops of issue 15 against PyTorch 1.13 (fixtures from
 * scripts/fixtures/gen_elem.py): values (or PyTorch's error), the recorded
 * node, the gradients of every input and, where PyTorch's first derivative is
 * differentiable, the second derivatives (double backward), in float32 and float64.
 */
import * as ag from '../src/index';
import type { Operand, Tensor } from '../src/index';
import { decode, type Num } from './helpers';
import { describeOpCases } from './op-cases';

type A = Record<string, any>;
const num = (v: unknown): number | undefined => (v === undefined ? undefined : decode(v as Num));
const OPS: Record<string, (x: Operand[], a: A) => Tensor> = {
  softplus: ([x], a) => ag.softplus(x!, num(a.beta), num(a.threshold)),
  elu: ([x], a) => ag.elu(x!, num(a.alpha)),
  gelu: ([x], a) => ag.gelu(x!, a.approximate),
  hardtanh: ([x], a) => ag.hardtanh(x!, num(a.minVal), num(a.maxVal)),
  round: ([x], a) => ag.round(x!, a.decimals === undefined ? {} : { decimals: a.decimals }),
  fmod: ([x, y]) => ag.fmod(x!, y!),
  remainder: ([x, y]) => ag.remainder(x!, y!),
  atan2: ([x, y]) => ag.atan2(x!, y!),
  isclose: ([x, y], a) => ag.isclose(x!, y!, a),
  allclose: ([x, y], a) => ag.tensor(ag.allclose(x!, y!, a)),
  nanToNum: ([x], a) => ag.nanToNum(x!, { nan: num(a.nan), posinf: num(a.posinf), neginf: num(a.neginf) }),
  lerp: ([x, y, w]) => ag.lerp(x!, y!, w!),
  addcmul: ([x, y, z], a) => ag.addcmul(x!, y!, z!, { value: num(a.value) }),
  addcdiv: ([x, y, z], a) => ag.addcdiv(x!, y!, z!, { value: num(a.value) }),
};
for (const name of ['logicalAnd', 'logicalOr', 'logicalXor', 'bitwiseAnd', 'bitwiseOr', 'bitwiseXor']) {
  OPS[name] = ([x, y]) => (ag as unknown as Record<string, (x: Operand, y: Operand) => Tensor>)[name]!(x!, y!);
}
for (const name of ['log2', 'log10', 'exp2', 'rsqrt', 'sinh', 'cosh', 'asinh', 'acosh', 'atanh', 'asin', 'acos', 'erf', 'erfc', 'silu', 'selu', 'logSigmoid', 'floor', 'ceil', 'trunc', 'frac', 'isnan', 'isinf', 'isfinite', 'logicalNot', 'bitwiseNot']) {
  OPS[name] = ([x]) => (ag as unknown as Record<string, (x: Operand) => Tensor>)[name]!(x!);
}

describeOpCases('elementwise ops of issue 15 against PyTorch 1.13', 'elem.json', OPS);

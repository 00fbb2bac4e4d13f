/**
 * The formula evaluated by @gradlab/autograd in float64, every node's gradient
 * retained: the numbers of the worked solution come from the engine. Also in
 * float32, the dtype of the homework's `torch.tensor([1., 2., ...])`.
 */
import * as A from '@gradlab/autograd';
import type { Expr } from './ast';
import type { Trace } from './evaluate';
import { UNARY } from './ops';
import { requireMade, requireOptions } from './guards';

/** The engine's forward values and gradients, by trace node id. */
export interface AutogradResult {
  /** Forward value of every node, by id. */
  readonly values: readonly number[];
  /** Gradient of the output with respect to every node, by id (0 where none flowed). */
  readonly grads: readonly number[];
  /** The output value. */
  readonly value: number;
  /** The gradient with respect to the inputs, in positional order. */
  readonly gradient: readonly number[];
}

type Operand = A.Tensor | number;

/** Options of {@link autogradTrace}. */
export interface AutogradOptions {
  /** The dtype of the inputs and of every operation (default `'float64'`). */
  readonly dtype?: 'float32' | 'float64';
}

/**
 * Replays a hand trace with autograd tensors: one float64 leaf with
 * `requiresGrad` per input, one recorded op per node (`retainGrad()` on each),
 * then `backward()` from the output. In float32, the inputs are rounded to
 * float32 first and every operation rounds as PyTorch's float32 kernels do.
 *
 * @example
 * ```ts
 * const r = autogradTrace(trace(parse('x1 * x2'), [3, 4]));
 * r.gradient; // [4, 3]
 * autogradTrace(trace(parse('x1 / x2'), [1, 3]), { dtype: 'float32' }).value; // 0.3333333432674408
 * ```
 */
export function autogradTrace(t: Trace, options: AutogradOptions = {}): AutogradResult {
  requireMade('trace', t, 'autogradTrace', 't');
  requireOptions(options, 'autogradTrace');
  const dtype = options.dtype ?? 'float64';
  const tensors: A.Tensor[] = [];
  const byName = new Map<string, A.Tensor>();
  const operand = (e: Expr): Operand => (e.kind === 'const' ? e.value : byName.get((e as { name: string }).name)!);
  for (const node of t.nodes) {
    let out: A.Tensor;
    const d = node.definition;
    if (node.op === 'input') {
      out = A.tensor(node.value, { dtype, requiresGrad: true });
    } else if (d.kind === 'unary') {
      out = applyUnary(d.op, operand(d.arg), dtype);
      if (out.requiresGrad) out.retainGrad();
    } else if (d.kind === 'binary') {
      out = applyBinary(d.op, operand(d.left), operand(d.right), dtype);
      if (out.requiresGrad) out.retainGrad();
    } else {
      throw new Error(`autogradTrace: unexpected definition of ${node.name}`);
    }
    tensors.push(out);
    byName.set(node.name, out);
  }
  const output = t.output === null ? null : tensors[t.output]!;
  if (output !== null && output.requiresGrad) output.backward();
  const grads = tensors.map((x) => x.grad?.item() ?? 0);
  // ∂f/∂f = 1 even when f does not depend on any input (PyTorch would refuse to call backward).
  if (output !== null && !output.requiresGrad) grads[t.output!] = 1;
  const values = tensors.map((x) => x.item());
  return {
    values,
    grads,
    value: output === null ? t.value : output.item(),
    // NOTE: `+ 0` turns -0 into 0, as PyTorch's x.grad does when the inputs are elements
    // x[0], x[1], ... of one tensor (their select gradients are summed into zeros).
    gradient: t.variables.map((_, i) => grads[i]! + 0),
  };
}

function applyUnary(op: keyof typeof UNARY, u: Operand, dtype: 'float32' | 'float64'): A.Tensor {
  const x = typeof u === 'number' ? A.tensor(u, { dtype }) : u;
  switch (op) {
    case 'neg':
      return A.neg(x);
    case 'square':
      return A.pow(x, 2);
    case 'cube':
      return A.pow(x, 3);
    case 'log':
      return A.log(x);
    case 'exp':
      return A.exp(x);
    case 'cos':
      return A.cos(x);
    case 'sin':
      return A.sin(x);
    case 'tan':
      return A.tan(x);
    case 'atan':
      return A.atan(x);
    case 'reciprocal':
      return A.reciprocal(x);
    case 'sqrt':
      return A.sqrt(x);
    case 'relu':
      return A.relu(x);
    case 'leakyRelu':
      return A.leakyRelu(x, 0.01);
    case 'abs':
      return A.abs(x);
    case 'tanh':
      return A.tanh(x);
    case 'sigmoid':
      return A.sigmoid(x);
    case 'step':
    case 'leakyStep':
    case 'sign':
      // Piecewise constant: derivative 0 wherever it exists, so a constant is exact.
      return A.tensor(UNARY[op].evaluate(x.item()), { dtype });
  }
}

function applyBinary(op: 'add' | 'sub' | 'mul' | 'div' | 'pow', a: Operand, b: Operand, dtype: 'float32' | 'float64'): A.Tensor {
  // Two constants never reach here as a tracked op, but keep them tensors of the dtype anyway.
  const left = typeof a === 'number' && typeof b === 'number' ? A.tensor(a, { dtype }) : a;
  switch (op) {
    case 'add':
      return A.add(left, b);
    case 'sub':
      return A.sub(left, b);
    case 'mul':
      return A.mul(left, b);
    case 'div':
      return A.div(left, b);
    case 'pow':
      return A.pow(left, b);
  }
}

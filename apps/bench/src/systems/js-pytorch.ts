/**
 * js-pytorch (nested JS arrays of float64 numbers; it has no float32).
 *
 * Three gaps in its public API are filled with its own building blocks, so
 * the work matches the other systems:
 * - `nn.ReLU` is leaky (it multiplies by 1e-3 below zero): an exact ReLU is
 *   `masked_fill(z, z, v => v <= 0, 0)`, whose backward masks the gradient the same way.
 * - It has no `sin`: `Sin` below is an operation written exactly like its
 *   own `Exp` (forward builds the output and links parents/children,
 *   backward multiplies by the derivative and calls `a.backward(da, z)`).
 * - It has no SGD (only Adam): the update is `p <- p - lr * grad` on the
 *   nested arrays, the equivalent of PyTorch's `p -= lr * p.grad` under no_grad.
 * Its `Linear` stores W as [in, out] (forward is x @ W + b): the PyTorch
 * [out, in] data is transposed once at setup, and gradients back for the probe.
 */
import { torch } from 'js-pytorch';
import { need, type NamedArray } from '../data';
import { buildRunner, type Runner, type SystemModule } from '../runner';
import type { WorkloadId } from '../workloads';

type JsTensor = InstanceType<typeof torch.Tensor>;
type Nested = number | Nested[];

function nest(values: ArrayLike<number>, shape: readonly number[], offset = 0): Nested[] {
  const [size, ...rest] = shape;
  const out: Nested[] = new Array(size ?? 0);
  const stride = rest.reduce((a, b) => a * b, 1);
  for (let i = 0; i < (size ?? 0); i++) out[i] = rest.length === 0 ? values[offset + i]! : nest(values, rest, offset + i * stride);
  return out;
}

function transposed(values: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = values[i * cols + j]!;
  return out;
}

function flat(data: unknown): number[] {
  return (Array.isArray(data) ? data.flat(Infinity) : [data]) as number[];
}

function mapNested(data: Nested, fn: (v: number) => number): Nested {
  return typeof data === 'number' ? fn(data) : data.map((d) => mapNested(d, fn));
}

function zipNested(a: Nested, b: Nested, fn: (x: number, y: number) => number): Nested {
  if (typeof a === 'number') return fn(a, b as number);
  return a.map((d, i) => zipNested(d, (b as Nested[])[i]!, fn));
}

/** sin as a js-pytorch operation, mirroring its `Exp` class. */
class Sin {
  private cache: JsTensor | null = null;

  forward(a: JsTensor): JsTensor {
    this.cache = a;
    const z = new torch.Tensor(mapNested(a._data, Math.sin) as Nested[], a.requires_grad);
    if (a.requires_grad) {
      z.parents.push(a);
      a.children.push(z);
      z.operation = this;
    }
    return z;
  }

  backward(dz: JsTensor, z: JsTensor): void {
    const a = this.cache!;
    if (a.requires_grad) {
      const da = new torch.Tensor(zipNested(a._data, dz._data, (x, g) => Math.cos(x) * g) as Nested[]);
      a.backward(da, z);
    }
  }
}

const sin = (a: JsTensor): JsTensor => new Sin().forward(a);
const relu = (z: JsTensor): JsTensor => z.masked_fill(z, (v) => v <= 0, 0);

function linear(arrays: Map<string, NamedArray>, weight: string, bias: string | null): InstanceType<typeof torch.nn.Linear> {
  const w = need(arrays, weight);
  const [outFeatures, inFeatures] = w.shape as [number, number];
  const layer = new torch.nn.Linear(inFeatures, outFeatures, 'cpu', bias !== null);
  layer.W._data = nest(transposed(w.values, outFeatures, inFeatures), [inFeatures, outFeatures]);
  if (bias !== null) layer.b._data = nest(need(arrays, bias).values, [outFeatures]);
  return layer;
}

function weightGrad(layer: InstanceType<typeof torch.nn.Linear>): Float64Array {
  const [inFeatures, outFeatures] = layer.W.shape as [number, number];
  return transposed(flat(layer.W.grad), inFeatures, outFeatures);
}

function scalarFormula(arrays: Map<string, NamedArray>): Runner {
  const data = Array.from(need(arrays, 'x').values);
  let y: JsTensor | null = null;
  let grad: number[] = [];
  return {
    step() {
      const x = new torch.Tensor([...data], true);
      const [x1, x2, x3, x4, x5] = [0, 1, 2, 3, 4].map((i) => x.at([i])) as [JsTensor, JsTensor, JsTensor, JsTensor, JsTensor];
      y = torch.log(torch.exp(x1.mul(x2)).pow(2).add(sin(x3.add(x4).add(x5)).mul(x5)));
      y.backward();
      grad = flat(x.grad);
    },
    probe: () => new Map<string, ArrayLike<number>>([['y', flat(y!.data)], ['grad', grad]]),
  };
}

function homeworkMlp(arrays: Map<string, NamedArray>): Runner {
  const x = new torch.Tensor(nest(need(arrays, 'x').values, [10, 5]));
  const onehot = new torch.Tensor(nest(need(arrays, 'onehot').values, [10, 4]));
  const layers = [1, 2, 3, 4, 5].map((l) => linear(arrays, `w${l}`, null));
  const softmax = new torch.nn.Softmax();
  const params = layers.flatMap((layer) => layer.parameters());
  let loss = 0;
  return {
    step() {
      for (const p of params) p.zero_grad();
      let h = x;
      layers.forEach((layer, l) => {
        const z = layer.forward(h);
        h = l < layers.length - 1 ? relu(z) : softmax.forward(z, 1);
      });
      const lossTensor = onehot.mul(torch.log(h)).sum(-1).sum(-1).neg();
      lossTensor.backward();
      loss = flat(lossTensor.data)[0]!;
    },
    probe() {
      const out = new Map<string, ArrayLike<number>>([['loss', [loss]]]);
      layers.forEach((layer, l) => out.set(`grad.w${l + 1}`, weightGrad(layer)));
      return out;
    },
  };
}

function trainingStep(arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>): Runner {
  const batch = settings.batch ?? NaN;
  const lr = settings.lr ?? NaN;
  const x = new torch.Tensor(nest(need(arrays, 'x').values, [batch, 784]));
  const labels = new torch.Tensor(Array.from(need(arrays, 'labels').values));
  const layers = [1, 2, 3].map((l) => linear(arrays, `w${l}`, `b${l}`));
  const [l1, l2, l3] = layers as [InstanceType<typeof torch.nn.Linear>, InstanceType<typeof torch.nn.Linear>, InstanceType<typeof torch.nn.Linear>];
  const lossFn = new torch.nn.CrossEntropyLoss();
  const params = layers.flatMap((layer) => layer.parameters());
  let loss = 0;
  return {
    step() {
      for (const p of params) p.zero_grad();
      const logits = l3.forward(relu(l2.forward(relu(l1.forward(x)))));
      const lossTensor = lossFn.forward(logits, labels);
      lossTensor.backward();
      for (const p of params) p._data = zipNested(p._data, p._grad._data, (v, g) => v - lr * g) as Nested[];
      loss = flat(lossTensor.data)[0]!;
    },
    probe() {
      const out = new Map<string, ArrayLike<number>>([['loss', [loss]]]);
      layers.forEach((layer, l) => {
        const [inFeatures, outFeatures] = layer.W.shape as [number, number];
        out.set(`grad.w${l + 1}`, weightGrad(layer));
        out.set(`grad.b${l + 1}`, flat(layer.b.grad));
        out.set(`param.w${l + 1}`, transposed(flat(layer.W.data), inFeatures, outFeatures));
        out.set(`param.b${l + 1}`, flat(layer.b.data));
      });
      return out;
    },
  };
}

function matmul(arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>): Runner {
  const n = settings.n ?? NaN;
  const a = new torch.Tensor(nest(need(arrays, 'a').values, [n, n]));
  const b = new torch.Tensor(nest(need(arrays, 'b').values, [n, n]));
  let c: JsTensor | null = null;
  return {
    step() {
      c = torch.matmul(a, b);
    },
    probe: () => new Map([['c', flat(c!.data)]]),
  };
}

export async function describe(): Promise<Record<string, string | number>> {
  return { dtype: 'float64 (nested arrays)' };
}

export async function createRunner(workload: WorkloadId, arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>): Promise<Runner> {
  return buildRunner(workload, { scalarFormula, homeworkMlp, trainingStep, matmul }, arrays, settings);
}

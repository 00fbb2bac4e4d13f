/**
 * gradlab runners, written as a user would write them with the public API
 * of each package (see docs/design.md): autograd tensors for W1, nn modules
 * for W2, nn + losses + optim for W3, the tensor package's matmul for W4.
 * Float32 products of 4096 multiply-adds or more run on the WebAssembly SIMD kernel.
 */
import { tensor, type Tensor } from '@gradlab/autograd';
import { crossEntropy, oneHot } from '@gradlab/losses';
import { Linear, ReLU, Sequential, Softmax } from '@gradlab/nn';
import { SGD } from '@gradlab/optim';
import { getNumThreads, setNumThreads, tensor as baseTensor, wasmInfo, type Tensor as BaseTensor } from '@gradlab/tensor';
import { need, type NamedArray } from '../data';
import { buildRunner, type Runner } from '../runner';
import type { WorkloadId } from '../workloads';

function input(arrays: Map<string, NamedArray>, name: string): Tensor {
  const array = need(arrays, name);
  return tensor(array.values, { dtype: array.dtype }).reshape([...array.shape]);
}

/** A Linear layer holding the workload's weights (PyTorch layout, copied into its storage). */
function linear(arrays: Map<string, NamedArray>, weight: string, bias: string | null): Linear {
  const w = need(arrays, weight);
  const [outFeatures, inFeatures] = w.shape as [number, number];
  const layer = new Linear(inFeatures, outFeatures, { bias: bias !== null });
  layer.weight.data.storage.set(w.values);
  if (bias !== null) layer.bias!.data.storage.set(need(arrays, bias).values);
  return layer;
}

function flat(t: Tensor | null): ArrayLike<number> {
  if (t === null) throw new Error('gradlab: a gradient is missing');
  return t.contiguous().data.storage;
}

function scalarFormula(arrays: Map<string, NamedArray>): Runner {
  const data = need(arrays, 'x').values as Float32Array;
  let y: Tensor | null = null;
  let grad: unknown = null;
  return {
    step() {
      const x = tensor(data, { requiresGrad: true });
      y = x.at(0).mul(x.at(1)).exp().pow(2).add(x.at(2).add(x.at(3)).add(x.at(4)).sin().mul(x.at(4))).log();
      y.backward();
      grad = x.grad!.toArray();
    },
    probe: () => new Map<string, ArrayLike<number>>([['y', [y!.item()]], ['grad', grad as number[]]]),
  };
}

function homeworkMlp(arrays: Map<string, NamedArray>): Runner {
  const x = input(arrays, 'x');
  const onehot = oneHot(input(arrays, 'labels'), 4);
  const linears = [1, 2, 3, 4, 5].map((l) => linear(arrays, `w${l}`, null));
  const [l1, l2, l3, l4, l5] = linears as [Linear, Linear, Linear, Linear, Linear];
  const model = new Sequential(l1, new ReLU(), l2, new ReLU(), l3, new ReLU(), l4, new ReLU(), l5, new Softmax(1));
  let loss = 0;
  return {
    step() {
      model.zeroGrad(true);
      const lossTensor = onehot.mul(model.call(x).log()).sum().neg();
      lossTensor.backward();
      loss = lossTensor.item();
    },
    probe() {
      const out = new Map<string, ArrayLike<number>>([['loss', [loss]]]);
      linears.forEach((layer, l) => out.set(`grad.w${l + 1}`, flat(layer.weight.grad)));
      return out;
    },
  };
}

function trainingStep(arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>): Runner {
  const x = input(arrays, 'x');
  const labels = input(arrays, 'labels');
  const linears = [1, 2, 3].map((l) => linear(arrays, `w${l}`, `b${l}`));
  const [l1, l2, l3] = linears as [Linear, Linear, Linear];
  const model = new Sequential(l1, new ReLU(), l2, new ReLU(), l3);
  const optimizer = new SGD(model.parameters(), { lr: settings.lr ?? NaN });
  let loss = 0;
  return {
    step() {
      optimizer.zeroGrad(true);
      const lossTensor = crossEntropy(model.call(x), labels);
      lossTensor.backward();
      optimizer.step();
      loss = lossTensor.item();
    },
    probe() {
      const out = new Map<string, ArrayLike<number>>([['loss', [loss]]]);
      linears.forEach((layer, l) => {
        out.set(`grad.w${l + 1}`, flat(layer.weight.grad));
        out.set(`grad.b${l + 1}`, flat(layer.bias!.grad));
        out.set(`param.w${l + 1}`, layer.weight.data.storage);
        out.set(`param.b${l + 1}`, layer.bias!.data.storage);
      });
      return out;
    },
  };
}

function matmul(arrays: Map<string, NamedArray>): Runner {
  const base = (name: string): BaseTensor => {
    const array = need(arrays, name);
    return baseTensor(array.values).reshape([...array.shape]);
  };
  const a = base('a');
  const b = base('b');
  let c: BaseTensor | null = null;
  return {
    step() {
      c = a.matmul(b);
    },
    probe: () => new Map([['c', c!.storage]]),
  };
}

export async function describe(): Promise<Record<string, string | number>> {
  const info = wasmInfo();
  return { dtype: 'float32', threads: getNumThreads(), matmul: info.simd ? `wasm ${info.relaxed ? 'relaxed-simd 6x8' : 'simd 5x8'} from ${info.crossover} MACs` : 'typescript' };
}

/**
 * The runner, on one thread (as every peer here but pytorch-openblas-2t; gradlab-2t sets two):
 * gradlab's own default in Node is the number of cores.
 */
export async function createRunner(workload: WorkloadId, arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>, threads = 1): Promise<Runner> {
  setNumThreads(threads);
  return buildRunner(workload, { scalarFormula, homeworkMlp, trainingStep, matmul }, arrays, settings);
}

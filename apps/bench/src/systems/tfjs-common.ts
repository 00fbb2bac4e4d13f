/**
 * TensorFlow.js runners, shared by the cpu and wasm backends. Written with
 * tfjs's own idioms: `tf.valueAndGrad` / `tf.variableGrads` for gradients,
 * `tf.losses.softmaxCrossEntropy` for cross-entropy from logits,
 * `tf.train.sgd` for the update; layers as `matMul(x, w, false, true)` on
 * PyTorch-layout [out, in] weights (tfjs transposes inside its kernel).
 *
 * NOTE: the umbrella `@tensorflow/tfjs` is imported, not `@tensorflow/tfjs-core`
 * alone: the core's CommonJS build registers no gradients.
 */
import * as tf from '@tensorflow/tfjs';
import { need, type NamedArray } from '../data';
import { buildRunner, type Runner, type SystemModule } from '../runner';
import type { WorkloadId } from '../workloads';

function input(arrays: Map<string, NamedArray>, name: string): tf.Tensor {
  const array = need(arrays, name);
  return tf.tensor(array.values, [...array.shape], array.dtype);
}

function variable(arrays: Map<string, NamedArray>, name: string): tf.Variable {
  return tf.variable(input(arrays, name), true, name);
}

function scalarFormula(arrays: Map<string, NamedArray>): Runner {
  const data = need(arrays, 'x').values as Float32Array;
  const f = (x: tf.Tensor): tf.Scalar => {
    const [x1, x2, x3, x4, x5] = tf.unstack(x) as [tf.Scalar, tf.Scalar, tf.Scalar, tf.Scalar, tf.Scalar];
    return tf.log(tf.add(tf.square(tf.exp(tf.mul(x1, x2))), tf.mul(tf.sin(tf.add(tf.add(x3, x4), x5)), x5))) as tf.Scalar;
  };
  const valueAndGrad = tf.valueAndGrad(f);
  let value: tf.Tensor | null = null;
  let grad: Float32Array = new Float32Array(5);
  return {
    step() {
      value?.dispose();
      const result = tf.tidy(() => {
        const { value: y, grad: g } = valueAndGrad(tf.tensor1d(data, 'float32'));
        return [y, g];
      });
      grad = result[1]!.dataSync() as Float32Array;
      result[1]!.dispose();
      value = result[0]!;
    },
    probe: () => new Map<string, ArrayLike<number>>([['y', value!.dataSync()], ['grad', grad]]),
    dispose: () => value?.dispose(),
  };
}

function homeworkMlp(arrays: Map<string, NamedArray>): Runner {
  const x = input(arrays, 'x');
  const onehot = input(arrays, 'onehot');
  const weights = [1, 2, 3, 4, 5].map((l) => variable(arrays, `w${l}`));
  const lossFn = (): tf.Scalar => {
    let h = x;
    weights.forEach((w, l) => {
      const z = tf.matMul(h, w, false, true);
      h = l < weights.length - 1 ? tf.relu(z) : tf.softmax(z);
    });
    return tf.neg(tf.sum(tf.mul(onehot, tf.log(h)))) as tf.Scalar;
  };
  let loss = 0;
  let grads: tf.NamedTensorMap = {};
  return {
    step() {
      tf.dispose(grads);
      const result = tf.variableGrads(lossFn, weights);
      loss = (result.value.dataSync() as Float32Array)[0]!;
      result.value.dispose();
      grads = result.grads;
    },
    probe() {
      const out = new Map<string, ArrayLike<number>>([['loss', [loss]]]);
      weights.forEach((w, l) => out.set(`grad.w${l + 1}`, grads[w.name]!.dataSync()));
      return out;
    },
    dispose: () => tf.dispose([x, onehot, ...weights, grads]),
  };
}

function trainingStep(arrays: Map<string, NamedArray>, settings: Readonly<Record<string, number>>): Runner {
  const x = input(arrays, 'x');
  const labels = input(arrays, 'labels');
  const onehot = tf.oneHot(labels as tf.Tensor1D, 10).toFloat();
  const names = ['w1', 'b1', 'w2', 'b2', 'w3', 'b3'];
  const params = names.map((name) => variable(arrays, name));
  const [w1, b1, w2, b2, w3, b3] = params as [tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable];
  const optimizer = tf.train.sgd(settings.lr ?? NaN);
  const lossFn = (): tf.Scalar => {
    const h1 = tf.relu(tf.add(tf.matMul(x, w1, false, true), b1));
    const h2 = tf.relu(tf.add(tf.matMul(h1, w2, false, true), b2));
    const logits = tf.add(tf.matMul(h2, w3, false, true), b3);
    return tf.losses.softmaxCrossEntropy(onehot, logits) as tf.Scalar;
  };
  let loss = 0;
  let grads: tf.NamedTensorMap = {};
  return {
    step() {
      tf.dispose(grads);
      const result = tf.variableGrads(lossFn, params);
      optimizer.applyGradients(result.grads);
      loss = (result.value.dataSync() as Float32Array)[0]!;
      result.value.dispose();
      grads = result.grads;
    },
    probe() {
      const out = new Map<string, ArrayLike<number>>([['loss', [loss]]]);
      params.forEach((p, i) => {
        out.set(`grad.${names[i]!}`, grads[p.name]!.dataSync());
        out.set(`param.${names[i]!}`, p.dataSync());
      });
      return out;
    },
    dispose: () => tf.dispose([x, labels, onehot, ...params, grads]),
  };
}

function matmul(arrays: Map<string, NamedArray>): Runner {
  const a = input(arrays, 'a');
  const b = input(arrays, 'b');
  let c: tf.Tensor | null = null;
  return {
    step() {
      c?.dispose();
      // Both backends run the kernel synchronously inside matMul; reading the
      // 4 MB result back is not part of the work measured.
      c = tf.matMul(a, b);
    },
    probe: () => new Map([['c', c!.dataSync()]]),
    dispose: () => tf.dispose([a, b, ...(c === null ? [] : [c])]),
  };
}

/** A tfjs system on the given backend (already registered by the caller's imports). */
export function tfjsSystem(backend: 'cpu' | 'wasm', prepare: () => void = () => {}): SystemModule {
  return {
    async describe() {
      prepare();
      if (!(await tf.setBackend(backend))) throw new Error(`tfjs: backend '${backend}' failed to initialise`);
      await tf.ready();
      const info: Record<string, string | number> = { version: tf.version.tfjs, backend: tf.getBackend() };
      if (backend === 'wasm') {
        info.simd = String(tf.env().getBool('WASM_HAS_SIMD_SUPPORT'));
        info.threads = String(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'));
      }
      return info;
    },
    async createRunner(workload: WorkloadId, arrays, settings) {
      return buildRunner(workload, { scalarFormula, homeworkMlp, trainingStep, matmul }, arrays, settings);
    },
  };
}

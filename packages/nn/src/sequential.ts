import type { Tensor } from '@gradlab/autograd';
import { GradlabError } from '@gradlab/tensor';

import { checkTensorInput } from './check';
import { ChildList } from './container';
import { Module } from './module';

/** A module that maps one tensor to one tensor: what a {@link Sequential} chains. */
export type TensorModule = Module<[Tensor], Tensor>;

/**
 * Modules applied one after another, like `torch.nn.Sequential`. Children are
 * named `"0"`, `"1"`, ...; `at(i)` (negative from the end) indexes them and the
 * container is iterable.
 *
 * @example
 * ```ts
 * const model = new Sequential(new Linear(5, 11), new ReLU(), new Linear(11, 4));
 * model.at(0);              // Linear(in_features=5, out_features=11, bias=True)
 * for (const layer of model) console.log(layer.toString());
 * ```
 */
export class Sequential extends Module implements Iterable<TensorModule> {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'Sequential';
  readonly #layers = new ChildList<TensorModule>(this, 'Sequential');

  constructor(...modules: TensorModule[]) {
    super();
    for (const module of modules) this.append(module);
  }

  /** Adds a module at the end, named by its index; returns this. */
  append(module: TensorModule): this {
    this.#layers.append(module);
    return this;
  }

  /** The number of modules. */
  get length(): number {
    return this.#layers.length;
  }

  /** The module at `index` (negative counts from the end), like `seq[i]`. */
  at(index: number): TensorModule {
    return this.#layers.at(index);
  }

  /** Same as {@link Sequential.at}. */
  get(index: number): TensorModule {
    return this.at(index);
  }

  [Symbol.iterator](): Iterator<TensorModule> {
    return this.#layers[Symbol.iterator]();
  }

  forward(input: Tensor): Tensor {
    checkTensorInput('Sequential', input);
    let output = input;
    let index = 0;
    for (const layer of this.#layers) {
      try {
        output = layer.forward(output);
      } catch (error) {
        // Name the failing layer (a mismatch between layers 2 and 4 is otherwise hard to place);
        // the error keeps its class and code.
        if (error instanceof GradlabError) error.message = `Sequential layer (${index}): ${error.message}`;
        throw error;
      }
      index++;
    }
    return output;
  }
}

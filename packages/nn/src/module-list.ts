import { describeValue } from './check';
import { ChildList } from './container';
import { ModuleError } from './errors';
import { Module, type AnyModule } from './module';

/**
 * A list of submodules, like `torch.nn.ModuleList`: its modules are registered
 * as children `"0"`, `"1"`, ... (so their parameters are found and named
 * `blocks.0.weight`), but it has no `forward` of its own. A plain array property
 * is not searched for modules, as in PyTorch.
 *
 * @example
 * ```ts
 * class Tower extends Module {
 *   blocks = new ModuleList(Array.from({ length: 3 }, () => new Linear(8, 8)));
 *   forward(x: Tensor) { for (const block of this.blocks) x = block.call(x).relu(); return x; }
 * }
 * ```
 */
export class ModuleList<Item extends AnyModule = AnyModule> extends Module<never[], never> implements Iterable<Item> {
  /** The name `toString()` prints, kept through minification. */
  static readonly typeName = 'ModuleList';
  readonly #items = new ChildList<Item>(this, 'ModuleList');

  constructor(modules: Iterable<Item> = []) {
    super();
    if (typeof modules !== 'object' || modules === null || !(Symbol.iterator in modules)) {
      throw new ModuleError('INVALID_MODULE', `ModuleList: 'modules' must be an iterable of modules such as an array, got ${describeValue(modules)}`);
    }
    for (const module of modules) this.append(module);
  }

  /** Adds a module at the end, named by its index; returns this. */
  append(module: Item): this {
    this.#items.append(module);
    return this;
  }

  /** The number of modules. */
  get length(): number {
    return this.#items.length;
  }

  /** The module at `index` (negative counts from the end), like `modules[i]`. */
  at(index: number): Item {
    return this.#items.at(index);
  }

  [Symbol.iterator](): Iterator<Item> {
    return this.#items[Symbol.iterator]();
  }

  /** Throws: a ModuleList only holds modules; call them from the owner's `forward`. */
  forward(): never {
    throw new ModuleError('INVALID_MODULE', 'ModuleList has no forward(); iterate over it in the forward() of the module that owns it');
  }
}

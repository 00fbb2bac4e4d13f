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
  readonly #items: Item[] = [];

  constructor(modules: Iterable<Item> = []) {
    super();
    for (const module of modules) this.append(module);
  }

  /** Adds a module at the end, named by its index; returns this. */
  append(module: Item): this {
    if (!(module instanceof Module)) {
      throw new ModuleError('INVALID_MODULE', `ModuleList: expected a Module, got ${String(module)}`);
    }
    this.registerModule(String(this.#items.length), module);
    this.#items.push(module);
    return this;
  }

  /** The number of modules. */
  get length(): number {
    return this.#items.length;
  }

  /** The module at `index` (negative counts from the end), like `modules[i]`. */
  at(index: number): Item {
    const size = this.#items.length;
    const position = index < 0 ? index + size : index;
    if (!Number.isInteger(index) || position < 0 || position >= size) {
      throw new ModuleError('INVALID_MODULE', `ModuleList.at: index ${index} is out of range for a ModuleList of ${size} modules`);
    }
    return this.#items[position]!;
  }

  [Symbol.iterator](): Iterator<Item> {
    return this.#items[Symbol.iterator]();
  }

  /** Throws: a ModuleList only holds modules; call them from the owner's `forward`. */
  forward(): never {
    throw new ModuleError('INVALID_MODULE', 'ModuleList has no forward(); iterate over it in the forward() of the module that owns it');
  }
}

import { describeValue } from './check';
import { ModuleError } from './errors';
import { Module, type AnyModule } from './module';

/**
 * The list behind {@link Sequential} and {@link ModuleList}: modules registered
 * on their owner as children `"0"`, `"1"`, ..., indexable from either end.
 */
export class ChildList<Item extends AnyModule> implements Iterable<Item> {
  readonly #owner: AnyModule;
  readonly #kind: string;
  readonly #items: Item[] = [];

  /** `kind` names the container in messages (`'Sequential'`). */
  constructor(owner: AnyModule, kind: string) {
    this.#owner = owner;
    this.#kind = kind;
  }

  /** Registers `module` on the owner under its index and appends it. */
  append(module: Item): void {
    if (!(module instanceof Module)) {
      const hint = Array.isArray(module) && this.#kind === 'Sequential' ? ' (spread an array of layers: new Sequential(...layers))' : '';
      throw new ModuleError('INVALID_MODULE', `${this.#kind}.append: expected a Module, got ${describeValue(module)}${hint}`);
    }
    this.#owner.registerModule(String(this.#items.length), module);
    this.#items.push(module);
  }

  get length(): number {
    return this.#items.length;
  }

  /** The module at `index`, negative from the end; a ModuleError outside. */
  at(index: number): Item {
    const size = this.#items.length;
    const position = typeof index === 'number' && index < 0 ? index + size : index;
    if (!Number.isInteger(index) || position < 0 || position >= size) {
      throw new ModuleError('INVALID_MODULE', `${this.#kind}.at: index ${describeValue(index)} is out of range for a ${this.#kind} of ${size} modules`);
    }
    return this.#items[position]!;
  }

  [Symbol.iterator](): Iterator<Item> {
    return this.#items[Symbol.iterator]();
  }
}

/*
 * Version counters, as PyTorch keeps one per storage: every in-place write to a tensor's
 * memory (an optimizer step, an nn.init function, loadStateDict, ...) calls `markModified`, and
 * autograd checks at backward that nothing it saved for the gradient was written since.
 *
 * NOTE: the check must cost nothing on the homework's small graphs, so there is no counter per
 * tensor to read at every op. A global count of in-place writes (`writes.epoch`) goes up by one
 * per write, and a WeakMap remembers the epoch of each storage's last write. A node notes the
 * epoch when it is made; at backward, a node whose epoch is still the current one cannot have
 * seen a write (one comparison); only after some write does the engine look its saved storages up.
 */
import { wrappedOf } from './wrapped';
import { ValueError, describeValue } from './errors';
import type { TypedArray } from './dtype';
import { Tensor, isTensor } from './tensor';

/** The number of in-place writes so far (read by autograd's nodes and engine). */
export const writes = { epoch: 0 };

interface StorageVersion {
  /** PyTorch's `_version`: how many in-place writes this storage has had. */
  version: number;
  /** `writes.epoch` right after its last write. */
  epoch: number;
}

const versions = new WeakMap<TypedArray, StorageVersion>();

function storageOf(x: unknown, op: string): TypedArray {
  if (isTensor(x)) return x.storage;
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) return x as TypedArray;
  // a wrapper such as an autograd tensor, recognised by its mark (this package cannot import it)
  const data = wrappedOf(x);
  if (isTensor(data)) return data.storage;
  throw new ValueError('INVALID_ARGUMENT', `${op}: expected a tensor, got ${describeValue(x)}`);
}

/**
 * Records an in-place write to `x`'s memory (shared by all its views), as PyTorch's in-place
 * ops bump the version counter. Call it after writing into `storage` directly; gradlab's
 * optimizers, `nn.init` functions and `loadStateDict` call it themselves. A backward pass that
 * needs a value saved before the write then throws instead of using the new values.
 *
 * @example
 * ```ts
 * w.data.storage[0] = 5;
 * markModified(w.data); // w._version is now 1
 * ```
 */
export function markModified(x: Tensor | TypedArray): void {
  const storage = storageOf(x, 'markModified');
  const epoch = ++writes.epoch;
  const entry = versions.get(storage);
  if (entry === undefined) versions.set(storage, { version: 1, epoch });
  else {
    entry.version++;
    entry.epoch = epoch;
  }
}

/**
 * PyTorch's `x._version`: how many in-place writes `x`'s memory has had.
 *
 * @example
 * ```ts
 * versionOf(zeros([2])); // 0
 * ```
 */
export function versionOf(x: Tensor | TypedArray): number {
  return versions.get(storageOf(x, 'versionOf'))?.version ?? 0;
}

/** `true` when `storage` was written in place after `epoch` (a node's creation). */
export function writtenSince(storage: TypedArray, epoch: number): boolean {
  const entry = versions.get(storage);
  return entry !== undefined && entry.epoch > epoch;
}

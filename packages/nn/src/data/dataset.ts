import { indexSelect, tensor, Tensor } from '@gradlab/autograd';
import { IndexError, ShapeError, Tensor as BaseTensor, ValueError } from '@gradlab/tensor';

import { describeValue } from '../check';

/**
 * A map-style data set, `torch.utils.data.Dataset`: `length` samples, read one at a time with
 * `get(index)`. A data set that can build a whole batch at once (as {@link TensorDataset} does with
 * one gather per tensor) also has `getBatch(indices)`, which returns what `defaultCollate` of the
 * samples would give; the {@link DataLoader} calls it instead of `get` when no `collate` is given.
 *
 * @example
 * ```ts
 * const squares: Dataset<number> = { length: 4, get: (i) => i * i };
 * [...new DataLoader(squares, { batchSize: 2 })].map((b) => b.toArray()); // [[0, 1], [4, 9]]
 * ```
 */
export interface Dataset<T> {
  /** The number of samples (`len(dataset)`). */
  readonly length: number;
  /** The sample at `index` (`dataset[index]`). */
  get(index: number): T;
  /** The samples at `indices`, already collated as `defaultCollate` would (optional). */
  getBatch?(indices: readonly number[]): T;
}

/** Throws unless `dataset` looks like a {@link Dataset}. */
export function checkDataset(op: string, dataset: unknown): asserts dataset is Dataset<unknown> {
  const d = dataset as Dataset<unknown> | null;
  if (typeof d !== 'object' || d === null || typeof d.get !== 'function' || !Number.isInteger(d.length) || d.length < 0) {
    throw new ValueError(
      'INVALID_ARGUMENT',
      `${op}: 'dataset' must be a Dataset (an object with an integer 'length' and a 'get(index)' method), got ${describeValue(dataset)}`,
    );
  }
}

/** `index` of a sequence of `length` items, Python's rules (negative counts from the end). */
function listIndex(index: number, length: number): number {
  if (!Number.isInteger(index)) {
    throw new ValueError('INVALID_ARGUMENT', `list indices must be integers, not ${describeValue(index)}`);
  }
  const i = index < 0 ? index + length : index;
  if (i < 0 || i >= length) throw new IndexError('INDEX_OUT_OF_RANGE', 'list index out of range');
  return i;
}

/**
 * `torch.utils.data.TensorDataset`: sample `i` is the tuple of every tensor's row `i`
 * (`tensor.at(i)`, a view). A batch is gathered with one `indexSelect` per tensor, so the
 * {@link DataLoader} never copies rows one by one.
 *
 * @example
 * ```ts
 * const data = new TensorDataset(tensor([[1, 2], [3, 4], [5, 6]]), tensor([0, 1, 0]));
 * data.length; // 3
 * data.get(1).map((t) => t.toArray()); // [[3, 4], 1]
 * ```
 */
export class TensorDataset<T extends readonly Tensor[] = Tensor[]> implements Dataset<T> {
  /** The wrapped tensors, all with the same size of dimension 0. */
  readonly tensors: T;

  constructor(...tensors: T) {
    (tensors as readonly unknown[]).forEach((value, i) => {
      if (!(value instanceof Tensor)) {
        const t: unknown = value;
        const hint = t instanceof BaseTensor ? ' (wrap a @gradlab/tensor Tensor with fromData() from @gradlab/autograd)' : '';
        throw new ValueError('INVALID_ARGUMENT', `TensorDataset: 'tensors[${i}]' must be a Tensor, got ${describeValue(t)}${hint}`);
      }
      if (value.ndim === 0) throw new IndexError('INVALID_DIM', 'dimension specified as 0 but tensor has no dimensions');
    });
    if (tensors.length === 0) throw new ValueError('INVALID_ARGUMENT', 'TensorDataset: expected at least one tensor, got none');
    const size = tensors[0]!.shape[0]!;
    tensors.forEach((t, i) => {
      if (t.shape[0] !== size) {
        throw new ShapeError(
          'SHAPE_MISMATCH',
          `Size mismatch between tensors: 'tensors[${i}]' has ${t.shape[0]} rows, 'tensors[0]' has ${size}`,
        );
      }
    });
    this.tensors = tensors;
  }

  get length(): number {
    return this.tensors[0]!.shape[0]!;
  }

  get(index: number): T {
    const i = listIndexOfTensor(index, this.length);
    return this.tensors.map((t) => t.at(i)) as unknown as T;
  }

  /** Each tensor's rows at `indices`, by one gather (`indexSelect(t, 0, indices)`) per tensor. */
  getBatch(indices: readonly number[]): T {
    const length = this.length;
    const index = tensor(Int32Array.from(indices, (i) => listIndexOfTensor(i, length)));
    return this.tensors.map((t) => indexSelect(t, 0, index)) as unknown as T;
  }
}

function listIndexOfTensor(index: number, length: number): number {
  if (!Number.isInteger(index)) {
    throw new ValueError('INVALID_ARGUMENT', `TensorDataset: an index must be an integer, got ${describeValue(index)}`);
  }
  if (index < -length || index >= length) {
    throw new IndexError('INDEX_OUT_OF_RANGE', `index ${index} is out of bounds for dimension 0 with size ${length}`);
  }
  return index < 0 ? index + length : index;
}

/**
 * `torch.utils.data.Subset`: the samples of `dataset` at `indices`, in that order.
 *
 * @example
 * ```ts
 * const evens = new Subset(new TensorDataset(arange(10)), [0, 2, 4]);
 * evens.length; // 3
 * evens.get(2)[0]!.item(); // 4
 * ```
 */
export class Subset<T> implements Dataset<T> {
  readonly dataset: Dataset<T>;
  readonly indices: readonly number[];
  /** Present when `dataset` has `getBatch`: the batch of the parent's rows `indices[i]`. */
  readonly getBatch?: (indices: readonly number[]) => T;

  constructor(dataset: Dataset<T>, indices: readonly number[]) {
    checkDataset('Subset', dataset);
    if (!Array.isArray(indices) || !indices.every((i) => Number.isInteger(i))) {
      throw new ValueError('INVALID_ARGUMENT', `Subset: 'indices' must be an array of integers, got ${describeValue(indices)}`);
    }
    this.dataset = dataset;
    this.indices = indices;
    const inner = dataset.getBatch;
    if (typeof inner === 'function') {
      this.getBatch = (batch) => inner.call(dataset, batch.map((i) => this.indices[listIndex(i, this.indices.length)]!));
    }
  }

  get length(): number {
    return this.indices.length;
  }

  get(index: number): T {
    return this.dataset.get(this.indices[listIndex(index, this.indices.length)]!);
  }
}

/**
 * `torch.utils.data.ConcatDataset`: the samples of several data sets, one after the other.
 * A batch that the parts can gather (`getBatch`) is not gathered across parts: the loader reads
 * the samples one by one (`get`) and collates them.
 *
 * @example
 * ```ts
 * const both = new ConcatDataset([new TensorDataset(arange(3)), new TensorDataset(arange(10, 12))]);
 * both.length; // 5
 * both.get(3)[0]!.item(); // 10
 * ```
 */
export class ConcatDataset<T> implements Dataset<T> {
  readonly datasets: readonly Dataset<T>[];
  /** The running totals of the parts' lengths, as PyTorch's `cumulative_sizes`. */
  readonly cumulativeSizes: readonly number[];

  constructor(datasets: readonly Dataset<T>[]) {
    if (!Array.isArray(datasets)) {
      throw new ValueError('INVALID_ARGUMENT', `ConcatDataset: 'datasets' must be an array of Datasets, got ${describeValue(datasets)}`);
    }
    if (datasets.length === 0) throw new ValueError('INVALID_ARGUMENT', 'datasets should not be an empty iterable');
    datasets.forEach((d) => checkDataset('ConcatDataset', d));
    this.datasets = [...datasets];
    let total = 0;
    this.cumulativeSizes = this.datasets.map((d) => (total += d.length));
  }

  get length(): number {
    return this.cumulativeSizes[this.cumulativeSizes.length - 1]!;
  }

  get(index: number): T {
    if (!Number.isInteger(index)) {
      throw new ValueError('INVALID_ARGUMENT', `ConcatDataset: an index must be an integer, got ${describeValue(index)}`);
    }
    let i = index;
    if (i < 0) {
      if (-i > this.length) throw new ValueError('INVALID_ARGUMENT', 'absolute value of index should not exceed dataset length');
      i += this.length;
    }
    // bisect_right over the running totals, as PyTorch
    const part = this.cumulativeSizes.findIndex((end) => end > i);
    if (part < 0) throw new IndexError('INDEX_OUT_OF_RANGE', 'list index out of range');
    const start = part === 0 ? 0 : this.cumulativeSizes[part - 1]!;
    return this.datasets[part]!.get(i - start);
  }
}

import { DTypeError, ShapeError, describeValue } from './errors';
import { checkShape, formatShape, shapesEqual } from './shape';
import { sum } from './reduce';
import { Tensor, isForeignTensor } from './tensor';
import { reshape } from './views';

/**
 * Sums `x` down to `shape`, the inverse of broadcasting `shape` up to
 * `x.shape`: leading dims are summed away and dims where `shape` has size 1
 * are summed with keepdim. Returns `x` itself when the shapes already match.
 * This is how autograd un-broadcasts a gradient.
 *
 * @example
 * ```ts
 * sumTo(ones([2, 3]), [3]).toArray(); // [2, 2, 2]
 * sumTo(ones([2, 3]), [2, 1]).toArray(); // [[3], [3]]
 * ```
 */
export function sumTo(x: Tensor, shape: readonly number[]): Tensor {
  if (!(x instanceof Tensor || isForeignTensor(x))) throw new DTypeError(`sumTo: expected a Tensor, got ${describeValue(x)}`);
  const target = checkShape(shape, 'sumTo');
  if (shapesEqual(x.shape, target)) return x;
  const lead = x.ndim - target.length;
  const fail = (): never => {
    throw new ShapeError(
      'SHAPE_MISMATCH',
      `sumTo: shape ${formatShape(target)} does not broadcast to the tensor's shape ${formatShape(x.shape)}`,
    );
  };
  if (lead < 0) fail();
  const dims: number[] = [];
  for (let d = 0; d < x.ndim; d++) {
    if (d < lead) dims.push(d);
    else {
      const size = target[d - lead]!;
      const have = x.shape[d]!;
      if (size === 1 && have !== 1) dims.push(d);
      else if (size !== have) fail();
    }
  }
  const summed = dims.length > 0 ? sum(x, dims, true) : x;
  return reshape(summed, target);
}

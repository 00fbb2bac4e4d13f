import { fromData, type Tensor } from '@gradlab/autograd';
import { Tensor as BaseTensor, ValueError } from '@gradlab/tensor';

import { CheckpointError } from './errors';
import { deserialize, readMetadata } from './deserialize';
import { serialize, type SerializeOptions } from './serialize';
import { baseOf, describe } from './tensors';

/** An optimizer's `stateDict()` (of `@gradlab/optim`): state by parameter index, and the groups. */
export interface OptimizerState<Group extends object = Record<string, unknown> & { params: number[] }> {
  state: Record<number, Record<string, number | Tensor>>;
  paramGroups: Group[];
}

/** PyTorch's scalar state entries (a 0-d tensor there, a number in gradlab). */
const SCALAR_STATE = new Set(['step', 'mu_product']);
/** PyTorch's implementation switches, which gradlab's optimizers do not have. */
const PYTORCH_ONLY = new Set(['foreach', 'differentiable', 'capturable', 'fused']);

const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const camel = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function renameKeys(group: Record<string, unknown>, rename: (key: string) => string, drop: ReadonlySet<string> = new Set()): Record<string, unknown> {
  return Object.fromEntries(Object.entries(group).filter(([key]) => !drop.has(key)).map(([key, value]) => [rename(key), value]));
}

/**
 * An optimizer's `stateDict()` as a safetensors file in PyTorch's names: each
 * state tensor as `state.<index>.<name>` (`state.0.exp_avg`), the scalars
 * `step` and `mu_product` as 0-d F32 tensors (PyTorch's own), and the groups as
 * JSON in the metadata entry `param_groups` (snake_case keys, as PyTorch's
 * `state_dict()['param_groups']`). In PyTorch: `{'state': {0: {'step': ..., 'exp_avg': ...}},
 * 'param_groups': json.loads(metadata['param_groups'])}` loads with
 * `optimizer.load_state_dict`.
 *
 * @example
 * ```ts
 * const bytes = serializeOptimizer(optimizer.stateDict());
 * optimizer.loadStateDict(deserializeOptimizer(bytes));
 * ```
 */
export function serializeOptimizer(stateDict: OptimizerState<object>, options: SerializeOptions = {}): Uint8Array {
  if (typeof stateDict !== 'object' || stateDict === null || typeof stateDict.state !== 'object' || stateDict.state === null || !Array.isArray(stateDict.paramGroups)) {
    throw new ValueError('INVALID_ARGUMENT', `serializeOptimizer: expected an optimizer's stateDict() { state, paramGroups }, got ${describe(stateDict)}`);
  }
  if (options.metadata !== undefined && 'param_groups' in options.metadata) {
    throw new ValueError('INVALID_ARGUMENT', "serializeOptimizer: metadata 'param_groups' is where the groups are stored; use another name");
  }
  const tensors: Record<string, BaseTensor> = {};
  for (const [index, entries] of Object.entries(stateDict.state)) {
    for (const [key, value] of Object.entries(entries)) {
      const name = `state.${index}.${snake(key)}`;
      if (typeof value === 'number') {
        // float32 as PyTorch's scalar state; a value float32 cannot hold exactly (a step beyond 2^24) stays float64
        const single = Math.fround(value) === value || Number.isNaN(value);
        tensors[name] = new BaseTensor(single ? new Float32Array([value]) : new Float64Array([value]), [], single ? 'float32' : 'float64');
      } else {
        tensors[name] = baseOf('serializeOptimizer', name, value);
      }
    }
  }
  const groups = stateDict.paramGroups.map((group) => renameKeys(group as Record<string, unknown>, snake));
  return serialize(tensors, { metadata: { ...options.metadata, param_groups: JSON.stringify(groups) } });
}

/**
 * Reads what {@link serializeOptimizer} wrote (or PyTorch wrote the same way)
 * into a state dict for `optimizer.loadStateDict`: camelCase names, `step` and
 * `mu_product` as numbers, PyTorch-only group switches (`foreach`, `fused`, ...) dropped.
 *
 * @example
 * ```ts
 * optimizer.loadStateDict(deserializeOptimizer(readFileSync('optimizer.safetensors')));
 * ```
 */
export function deserializeOptimizer<Group extends object = Record<string, unknown> & { params: number[] }>(bytes: Uint8Array | ArrayBuffer): OptimizerState<Group> {
  const metadata = readMetadata(bytes);
  const text = metadata.param_groups;
  if (text === undefined) {
    throw new CheckpointError('INVALID_HEADER', "safetensors: an optimizer checkpoint needs the metadata entry 'param_groups' (this looks like a model's state dict)");
  }
  let groups: unknown;
  try {
    groups = JSON.parse(text);
  } catch (error) {
    throw new CheckpointError('INVALID_HEADER', `safetensors: metadata 'param_groups' is not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(groups) || !groups.every((g) => typeof g === 'object' && g !== null && Array.isArray((g as { params?: unknown }).params))) {
    throw new CheckpointError('INVALID_HEADER', "safetensors: metadata 'param_groups' must be a JSON array of groups with 'params'");
  }
  const state: Record<number, Record<string, number | Tensor>> = {};
  for (const [name, tensor] of Object.entries(deserialize(bytes))) {
    const match = /^state\.(\d+)\.([A-Za-z0-9_]+)$/.exec(name);
    if (match === null) throw new CheckpointError('INVALID_HEADER', `safetensors: tensor '${name}' is not an optimizer state entry 'state.<index>.<name>'`);
    const [, index, key] = match as unknown as [string, string, string];
    const entries = (state[Number(index)] ??= {});
    entries[camel(key)] = SCALAR_STATE.has(key) ? tensor.item() : fromData(tensor.data);
  }
  return { state, paramGroups: (groups as Record<string, unknown>[]).map((group) => renameKeys(group, camel, PYTORCH_ONLY) as Group) };
}

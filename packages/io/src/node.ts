/**
 * `@gradlab/io/node`: safetensors checkpoints as files (Node only; the
 * package's main entry has no Node imports, so browser bundles stay clean).
 *
 * @packageDocumentation
 */
import { readFileSync, writeFileSync } from 'node:fs';

import type { Tensor } from '@gradlab/autograd';
import { ValueError } from '@gradlab/tensor';

import { deserialize } from './deserialize';
import { serialize, type SerializeOptions } from './serialize';
import { describe, type TensorDict } from './tensors';

function checkPath(op: string, path: unknown): asserts path is string | URL {
  if (typeof path !== 'string' && !(path instanceof URL)) {
    throw new ValueError('INVALID_ARGUMENT', `${op}: 'path' must be a string or a file URL, got ${describe(path)}`);
  }
}

/**
 * Writes a state dict to `path` as a safetensors file (`safetensors.torch.save_file`).
 *
 * @example
 * ```ts
 * save(model.stateDict(), 'model.safetensors', { metadata: { epoch: '10' } });
 * ```
 */
export function save(tensors: TensorDict, path: string | URL, options: SerializeOptions = {}): void {
  checkPath('save', path);
  const bytes = serialize(tensors, options);
  writeFileSync(path, bytes);
}

/**
 * Reads a safetensors file into a state dict (`safetensors.torch.load_file`);
 * a damaged file throws a CheckpointError naming the key and returns nothing.
 *
 * @example
 * ```ts
 * model.loadStateDict(load('model.safetensors'));
 * ```
 */
export function load(path: string | URL): Record<string, Tensor> {
  checkPath('load', path);
  return deserialize(readFileSync(path));
}

export type { SerializeOptions } from './serialize';

/**
 * `@gradlab/io`: checkpoints in the safetensors format, which PyTorch reads and
 * writes (`safetensors.torch`), as bytes in any JavaScript runtime. Files in
 * Node: `@gradlab/io/node`.
 *
 * @packageDocumentation
 */
export { serialize, type SerializeOptions } from './serialize';
export { deserialize, readMetadata } from './deserialize';
export { serializeOptimizer, deserializeOptimizer, type OptimizerState } from './optimizer-state';
export { generatorStateToJSON, generatorStateFromJSON, type GeneratorStateJSON } from './generator-state';
export { CheckpointError, type CheckpointErrorCode } from './errors';
export { MAX_HEADER_SIZE } from './header';
export type { SafetensorsDType } from './dtypes';
export type { TensorDict } from './tensors';

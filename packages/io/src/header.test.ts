import { tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { deserialize } from './deserialize';
import { CheckpointError } from './errors';
import { serialize } from './serialize';

/** A file with a hand-written header and `dataLength` zero bytes of data. */
function file(header: unknown, dataLength: number): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + dataLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  return out;
}

function failure(bytes: Uint8Array): CheckpointError {
  try {
    deserialize(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    return error as CheckpointError;
  }
  throw new Error('deserialize did not throw');
}

const entry = (dtype: string, shape: number[], begin: number, end: number) => ({ dtype, shape, data_offsets: [begin, end] });

describe('damaged files throw a CheckpointError naming the key, and load nothing', () => {
  const good = serialize({ 'layers.0.weight': tensor([[1, 2], [3, 4]]), 'layers.0.bias': tensor([5, 6]) });

  it('truncated: in the length, in the header, in the data', () => {
    expect(failure(good.subarray(0, 5))).toMatchObject({ code: 'TRUNCATED', message: expect.stringContaining('fewer than the 8 of the header length') });
    expect(failure(good.subarray(0, 40)).code).toBe('TRUNCATED');
    const cut = failure(good.subarray(0, good.length - 1));
    expect(cut.code).toBe('TRUNCATED');
    expect(cut.message).toContain("tensor 'layers.0.weight'");
  });

  it('a header length beyond the limit, or not JSON', () => {
    const huge = good.slice();
    new DataView(huge.buffer).setBigUint64(0, 2n ** 40n, true);
    expect(failure(huge)).toMatchObject({ code: 'HEADER_TOO_LARGE' });
    expect(failure(file('{"a": ', 0)).code).toBe('INVALID_HEADER');
    expect(failure(file('[1, 2]', 0)).code).toBe('INVALID_HEADER');
    expect(failure(file({ __metadata__: { epoch: 3 } }, 0)).message).toContain("'__metadata__' entry 'epoch' must be a string");
    expect(deserialize(file({ __metadata__: null }, 0))).toEqual({});
  });

  it('a dtype gradlab does not have, or no dtype at all', () => {
    const half = failure(file({ 'layers.0.weight': entry('F16', [2], 0, 4) }, 4));
    expect(half.code).toBe('UNSUPPORTED_DTYPE');
    expect(half.message).toBe("safetensors: tensor 'layers.0.weight' has dtype F16; gradlab reads F32, F64, I32, I64 (into int32) and BOOL");
    expect(failure(file({ w: entry('float32', [1], 0, 4) }, 4)).message).toBe('safetensors: tensor \'w\': unknown dtype "float32"');
  });

  it('I64 values that do not fit int32; BOOL bytes other than 0 and 1', () => {
    const bytes = file({ n: entry('I64', [1], 0, 8) }, 8);
    new DataView(bytes.buffer).setBigInt64(bytes.length - 8, 2n ** 40n, true);
    expect(failure(bytes).message).toBe("safetensors: tensor 'n': I64 value 1099511627776 at element 0 does not fit gradlab's int32");
    new DataView(bytes.buffer).setBigInt64(bytes.length - 8, -5n, true);
    expect(deserialize(bytes).n!.toArray()).toEqual([-5]);
    const flags = file({ m: entry('BOOL', [1], 0, 1) }, 1);
    flags[flags.length - 1] = 2;
    expect(failure(flags).message).toContain("tensor 'm': BOOL byte 2");
  });

  it('overlapping offsets, holes, and offsets running backwards', () => {
    const overlap = failure(file({ a: entry('F32', [2], 0, 8), b: entry('F32', [2], 4, 12) }, 12));
    expect(overlap.code).toBe('INVALID_OFFSETS');
    expect(overlap.message).toBe("safetensors: tensor 'b': data_offsets [4, 12] overlaps the previous tensor (expected to begin at 8)");
    expect(failure(file({ a: entry('F32', [1], 4, 8) }, 8)).message).toContain("tensor 'a': data_offsets [4, 8] leaves a hole");
    expect(failure(file({ a: entry('F32', [0], 8, 4) }, 8)).message).toContain('end before they begin');
    expect(failure(file({ a: entry('F32', [1], 0, 4) }, 6)).message).toContain('2 bytes after the last tensor');
  });

  it('a shape that does not fit its bytes', () => {
    const mismatch = failure(file({ 'layers.0.weight': entry('F32', [2, 3], 0, 16) }, 16));
    expect(mismatch.code).toBe('SHAPE_MISMATCH');
    expect(mismatch.message).toBe("safetensors: tensor 'layers.0.weight': shape [2, 3] of F32 needs 24 bytes, but data_offsets [0, 16] hold 16");
    expect(failure(file({ w: entry('F32', [-1], 0, 0) }, 0)).message).toContain("'shape' must be an array of non-negative integers");
  });
});

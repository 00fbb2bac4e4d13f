import { tensor } from '@gradlab/autograd';
import { Tensor as BaseTensor, ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';

import { deserialize, readMetadata } from './deserialize';
import { serialize } from './serialize';

const headerOf = (bytes: Uint8Array) => {
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return { length, text: new TextDecoder().decode(bytes.subarray(8, 8 + length)) };
};

describe('serialize / deserialize', () => {
  it('round-trips every dtype, 0-d and empty tensors, bit for bit', () => {
    const state = {
      'layers.0.weight': tensor([[1.5, -2], [Number.NaN, Infinity]]),
      'layers.0.bias': tensor([0.1, 0.2], { dtype: 'float64' }),
      step: tensor(7, { dtype: 'int32' }),
      mask: tensor([true, false, true]),
      empty: tensor([]),
      negativeZero: tensor([-0]),
    };
    const back = deserialize(serialize(state));
    expect(Object.keys(back).sort()).toEqual(Object.keys(state).sort());
    for (const [key, value] of Object.entries(state)) {
      const got = back[key]!;
      expect(got.dtype, key).toBe(value.dtype);
      expect(got.shape, key).toEqual(value.shape);
      expect(got.requiresGrad).toBe(false);
      expect(got.toArray(), key).toEqual(value.toArray());
    }
    expect(Object.is((back.negativeZero!.toArray() as number[])[0], -0)).toBe(true);
  });

  it("writes the reference layout: u64 LE length, JSON padded with spaces to 8 bytes, dtypes largest first then by name", () => {
    const bytes = serialize({ b: tensor([1, 2]), a: tensor([true]), c: tensor([3], { dtype: 'float64' }) }, { metadata: { format: 'pt' } });
    const { length, text } = headerOf(bytes);
    expect((8 + length) % 8).toBe(0);
    expect(text.trimEnd()).toBe(
      '{"__metadata__":{"format":"pt"},"c":{"dtype":"F64","shape":[1],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[8,16]},"a":{"dtype":"BOOL","shape":[1],"data_offsets":[16,17]}}',
    );
    expect(bytes.length).toBe(8 + length + 17);
    expect(Array.from(bytes.subarray(8 + length + 8, 8 + length + 12))).toEqual([0, 0, 0x80, 0x3f]); // 1.0f, little-endian
  });

  it("gives the reference implementation's bytes for its own test vectors (safetensors tensor.rs)", () => {
    const attn = serialize({ 'attn.0': tensor([[[0, 1, 2], [3, 4, 5]]]) });
    const text = '{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}';
    const floats = new Uint8Array(Float32Array.from([0, 1, 2, 3, 4, 5]).buffer);
    expect(Array.from(attn)).toEqual([64, 0, 0, 0, 0, 0, 0, 0, ...new TextEncoder().encode(text), ...floats]);
    // a shorter name: seven spaces align the data to 8 bytes
    const aligned = serialize({ attn0: tensor([[[[0, 1, 2], [3, 4, 5]]]]) });
    const padded = '{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}       ';
    expect(Array.from(aligned)).toEqual([72, 0, 0, 0, 0, 0, 0, 0, ...new TextEncoder().encode(padded), ...floats]);
    expect(Array.from(serialize({}))).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32]);
    const framework = serialize({}, { metadata: { framework: 'pt' } });
    expect(Array.from(framework)).toEqual([40, 0, 0, 0, 0, 0, 0, 0, ...new TextEncoder().encode('{"__metadata__":{"framework":"pt"}}     ')]);
  });

  it('writes a strided view as its row-major values', () => {
    const matrix = new BaseTensor(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3], 'float32');
    const back = deserialize(serialize({ t: matrix.transpose(0, 1) }));
    expect(back.t!.toArray()).toEqual([[1, 4], [2, 5], [3, 6]]);
  });

  it('copies: the loaded tensors share nothing with the bytes, the bytes nothing with the tensors', () => {
    const source = tensor([1, 2]);
    const bytes = serialize({ x: source });
    source.data.storage[0] = 9;
    const back = deserialize(bytes);
    expect(back.x!.toArray()).toEqual([1, 2]);
    bytes.fill(0, bytes.length - 8);
    expect(back.x!.toArray()).toEqual([1, 2]);
  });

  it('reads from an ArrayBuffer, and from a Uint8Array at an odd offset (unaligned data)', () => {
    const bytes = serialize({ x: tensor([1.25, -3], { dtype: 'float64' }) });
    expect(deserialize(bytes.slice().buffer).x!.toArray()).toEqual([1.25, -3]);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(deserialize(shifted.subarray(3)).x!.toArray()).toEqual([1.25, -3]);
  });

  it('keeps __metadata__, and reads an empty state dict', () => {
    const bytes = serialize({}, { metadata: { epoch: '3', note: 'ünïcode' } });
    expect(readMetadata(bytes)).toEqual({ epoch: '3', note: 'ünïcode' });
    expect(deserialize(bytes)).toEqual({});
    expect(readMetadata(serialize({ x: tensor([1]) }))).toEqual({});
  });

  it('rejects misuse with a ValueError naming the argument', () => {
    expect(() => serialize(null as never)).toThrow(ValueError);
    expect(() => serialize({ w: [1, 2] as never })).toThrow("serialize: 'w' must be a Tensor, got Array");
    expect(() => serialize({ __metadata__: tensor([1]) })).toThrow("'__metadata__' is the format's reserved key");
    expect(() => serialize({}, { metadata: { epoch: 3 as never } })).toThrow("serialize: metadata 'epoch' must be a string (JSON.stringify it), got 3");
    expect(() => deserialize('model.safetensors' as never)).toThrow("deserialize: 'bytes' must be a Uint8Array or an ArrayBuffer");
  });
});

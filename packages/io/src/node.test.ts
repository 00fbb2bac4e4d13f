import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { tensor } from '@gradlab/autograd';
import { ValueError } from '@gradlab/tensor';
import { afterAll, describe, expect, it } from 'vitest';

import { CheckpointError } from './errors';
import { readMetadata } from './deserialize';
import { load, save } from './node';

const dir = mkdtempSync(join(tmpdir(), 'gradlab-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('save / load (Node)', () => {
  it('writes a file that load reads back, by path or file URL', () => {
    const path = join(dir, 'model.safetensors');
    save({ 'layers.0.weight': tensor([[1, 2]]), 'layers.0.bias': tensor([3]) }, path, { metadata: { epoch: '2' } });
    expect(readMetadata(readFileSync(path))).toEqual({ epoch: '2' });
    const state = load(pathToFileURL(path));
    expect(state['layers.0.weight']!.toArray()).toEqual([[1, 2]]);
    expect(state['layers.0.bias']!.toArray()).toEqual([3]);
  });

  it('a truncated file throws a CheckpointError', () => {
    const path = join(dir, 'cut.safetensors');
    save({ w: tensor([1, 2, 3]) }, path);
    writeFileSync(path, readFileSync(path).subarray(0, -2));
    expect(() => load(path)).toThrow(CheckpointError);
  });

  it('rejects a path that is not a string or URL', () => {
    expect(() => load(3 as never)).toThrow(ValueError);
    expect(() => save({}, null as never)).toThrow("save: 'path' must be a string or a file URL, got null");
  });
});

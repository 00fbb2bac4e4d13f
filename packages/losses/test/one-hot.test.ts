import { describe, expect, it } from 'vitest';

import { LabelError, oneHot } from '../src/index';
import { loadFixture, toTensor, type FixtureTensor } from '@gradlab/testing';

interface OneHotCase {
  name: string;
  labels: FixtureTensor;
  num_classes: number;
  output?: FixtureTensor;
  error?: string;
}

const cases = loadFixture<OneHotCase[]>(import.meta.url, 'one_hot.json');

describe('oneHot against PyTorch', () => {
  it.each(cases.filter((c) => c.output !== undefined).map((c) => [c.name, c] as const))('%s', (_, fixture) => {
    const result = oneHot(toTensor(fixture.labels), fixture.num_classes);
    expect(result.dtype).toBe('int32');
    expect([...result.shape]).toEqual(fixture.output!.shape);
    const values = result.data.contiguous();
    expect(Array.from(values.storage.subarray(values.offset, values.offset + values.numel()))).toEqual(fixture.output!.data);
  });

  it.each(cases.filter((c) => c.error !== undefined).map((c) => [c.name, c] as const))('%s throws a LabelError', (_, fixture) => {
    const call = () => oneHot(toTensor(fixture.labels), fixture.num_classes);
    expect(call).toThrow(LabelError);
  });

  it("explains the homework's 1-based labels", () => {
    const fixture = cases.find((c) => c.name === 'homework_one_based')!;
    let error: unknown;
    try {
      oneHot(toTensor(fixture.labels), 4);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabelError);
    const labelError = error as LabelError;
    expect(labelError.code).toBe('INVALID_LABEL');
    expect(labelError.value).toBe(4);
    expect(labelError.position).toEqual([3]);
    expect(labelError.numClasses).toBe(4);
    expect(labelError.message).toBe(
      'oneHot: label 4 at position [3] is out of range for 4 classes; valid labels are 0 to 3. ' +
        'The labels run from 1 to 4: they look 1-based; subtract 1 first (labels.sub(1))',
    );
  });

  it('names a negative label and its position', () => {
    expect(() => oneHot(toTensor(cases.find((c) => c.name === 'negative')!.labels), 3)).toThrow(
      'oneHot: label -1 at position [1] is negative; valid labels are 0 to 2 for 3 classes',
    );
  });
});

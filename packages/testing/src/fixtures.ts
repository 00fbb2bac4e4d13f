/*
 * Reading the PyTorch golden fixtures (scripts/fixtures/gen_*.py writes
 * packages/<pkg>/test/fixtures/*.json): a tensor is `{ dtype, shape, data }` with row-major
 * data (the printing fixtures give the same values under `values`), non-finite numbers are the
 * strings "nan", "inf", "-inf", and bools are `true`/`false`.
 */
import { readFileSync } from 'node:fs';

import { expect } from 'vitest';

import { fromData, type Tensor } from '@gradlab/autograd';
import { Tensor as BaseTensor, type DType } from '@gradlab/tensor';

import { expectAllClose } from './close';
import { num, storageOf } from './numbers';

export { decode, decodeNonFinite, num, storageOf } from './numbers';

/** A fixture value as it is in the JSON. */
export type FixtureValue = number | string | boolean;

/** A tensor as the PyTorch fixture generators write it: row-major data. */
export interface FixtureTensor {
  dtype: DType;
  shape: number[];
  data: FixtureValue[];
  requiresGrad?: boolean;
}

/** The fixture as a `@gradlab/tensor` tensor of its dtype. */
export function toBase(fixture: FixtureTensor): BaseTensor {
  return new BaseTensor(storageOf(fixture.dtype, fixture.data), fixture.shape, fixture.dtype);
}

/** The fixture as a differentiable tensor (a leaf). */
export function toTensor(fixture: FixtureTensor, requiresGrad = false): Tensor {
  return fromData(toBase(fixture), requiresGrad);
}

/** Parses `fixtures/<name>` next to the test file whose `import.meta.url` is `testFile`. */
export function loadFixture<T>(testFile: string, name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, testFile), 'utf8')) as T;
}

/** The elements of a tensor (either package's) in row-major order, as numbers. */
export function valuesOf(t: Tensor | BaseTensor): number[] {
  const base = t instanceof BaseTensor ? t : t.data;
  const contiguous = base.contiguous();
  return Array.from(contiguous.storage.subarray(contiguous.offset, contiguous.offset + contiguous.numel()), Number);
}

/**
 * Expects `actual` to match the fixture: present, the same shape, and every element within
 * `rtol` of PyTorch's, plus `rtol / 10` of the tensor's largest magnitude (float32 values near
 * 0) and 1e-12: `expectAllClose` with `{ rtol, scaleRtol: rtol / 10, atol: 1e-12 }`.
 */
export function expectFixtureClose(actual: Tensor | BaseTensor | null | undefined, expected: FixtureTensor, label: string, rtol = 1e-5): void {
  expect(actual, `${label}: missing`).toBeTruthy();
  const base = actual instanceof BaseTensor ? actual : actual!.data;
  expect([...base.shape], `${label}: shape`).toEqual(expected.shape);
  expectAllClose(valuesOf(base), expected.data.map(num), { rtol, scaleRtol: rtol / 10, atol: 1e-12 }, label);
}

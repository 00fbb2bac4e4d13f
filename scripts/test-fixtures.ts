/*
 * Reading the PyTorch golden fixtures (scripts/fixtures/gen_*.py writes them
 * into packages/<pkg>/test/fixtures/) in the tests of nn, losses and optim:
 * a tensor is `{ shape, dtype, data }` with row-major data, and non-finite
 * numbers are the strings "nan", "inf", "-inf".
 *
 * NOTE: this file stands outside the packages (no node_modules of its own), so
 * it imports the two packages by their sources; these are the very modules
 * the tests get from '@gradlab/tensor' and '@gradlab/autograd', so
 * `instanceof` holds across them.
 */
import { readFileSync } from 'node:fs';

import { expect } from 'vitest';

import { decodeNonFinite } from './fixture-numbers';

import { fromData, type Tensor } from '../packages/autograd/src/index';
import { Tensor as BaseTensor, type DType } from '../packages/tensor/src/index';

/** A tensor as the PyTorch fixture generators write it: row-major data. */
export interface FixtureTensor {
  shape: number[];
  dtype: DType;
  data: (number | string | boolean)[];
}

/** Parses `fixtures/<name>` next to the test file whose `import.meta.url` is `testFile`. */
export function loadFixture<T>(testFile: string, name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, testFile), 'utf8')) as T;
}

/** A fixture number: non-finite values are the strings "nan", "inf", "-inf". */
export function num(value: number | string | boolean): number {
  return Number(decodeNonFinite(value));
}

/** The fixture as a `@gradlab/tensor` tensor of its dtype. */
export function toBase(fixture: FixtureTensor): BaseTensor {
  const values = fixture.data.map(num);
  const storage =
    fixture.dtype === 'float64'
      ? Float64Array.from(values)
      : fixture.dtype === 'int32'
        ? Int32Array.from(values)
        : fixture.dtype === 'bool'
          ? Uint8Array.from(values)
          : Float32Array.from(values);
  return new BaseTensor(storage, fixture.shape, fixture.dtype);
}

/** The fixture as a differentiable tensor (a leaf). */
export function toTensor(fixture: FixtureTensor, requiresGrad = false): Tensor {
  return fromData(toBase(fixture), requiresGrad);
}

/**
 * Expects `actual` to match the fixture: same shape, and every element within
 * `rtol` relative (plus `rtol / 10` of the tensor's largest magnitude, for values near 0).
 */
export function expectClose(actual: Tensor | BaseTensor | null | undefined, expected: FixtureTensor, label: string, rtol = 1e-5): void {
  expect(actual, `${label}: missing`).toBeTruthy();
  const base = actual instanceof BaseTensor ? actual : actual!.data;
  expect([...base.shape], `${label}: shape`).toEqual(expected.shape);
  const contiguous = base.contiguous();
  const flat = Array.from(contiguous.storage.subarray(contiguous.offset, contiguous.offset + contiguous.numel()), Number);
  const want = expected.data.map(num);
  const scale = want.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  for (let i = 0; i < want.length; i++) {
    const a = Number(flat[i]);
    const b = want[i]!;
    if (Number.isNaN(b) || !Number.isFinite(b)) {
      expect(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)), `${label}[${i}]: got ${a}, expected ${b}`).toBe(true);
      continue;
    }
    const tolerance = rtol * Math.abs(b) + (rtol / 10) * scale + 1e-12;
    if (!(Math.abs(a - b) <= tolerance)) {
      expect.fail(`${label}[${i}]: got ${a}, expected ${b} (|diff| ${Math.abs(a - b)} > ${tolerance})`);
    }
  }
}

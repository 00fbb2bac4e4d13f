/* Shared decoding and comparison helpers for the golden tests. */
import { expect } from 'vitest';
import { decodeNonFinite } from '../../../scripts/fixture-numbers';
import { tensor, Tensor, type DType } from '../src/index';

/** JSON number or PyTorch's non-finite spelling. */
export type Num = number | 'nan' | 'inf' | '-inf';

export interface EncodedTensor {
  dtype: DType;
  shape: number[];
  data: Num[];
  requiresGrad?: boolean;
}

export function decode(v: Num): number {
  return decodeNonFinite(v) as number;
}

export function build(e: EncodedTensor): Tensor {
  const flat = e.data.map(decode);
  const t = tensor(flat, { dtype: e.dtype }).reshape(e.shape);
  // reshape of a fresh leaf is a view with a grad_fn only when it requires grad: build the leaf last
  return new Tensor(t.data, e.requiresGrad === true);
}

/** Row-major values of a tensor. */
export function flat(t: Tensor): number[] {
  const a = t.toArray();
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else out.push(Number(v));
  };
  walk(a);
  return out;
}

/**
 * Elementwise |got - want| <= atol + rtol * |want|, with non-finite values
 * required to match exactly (NaN where PyTorch has NaN, same-signed inf).
 */
export function expectClose(got: readonly number[], want: readonly number[], rtol: number, atol: number, label: string): void {
  expect(got.length, `${label}: length`).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (Number.isNaN(w) || !Number.isFinite(w)) {
      expect(Object.is(g, w) || (Number.isNaN(g) && Number.isNaN(w)), `${label}[${i}]: got ${g}, expected ${w}`).toBe(true);
      continue;
    }
    if (w === 0 && g === 0) {
      expect(Object.is(g, w), `${label}[${i}]: sign of zero: got ${Object.is(g, -0) ? '-0' : '0'}, expected ${Object.is(w, -0) ? '-0' : '0'}`).toBe(true);
      continue;
    }
    const ok = Math.abs(g - w) <= atol + rtol * Math.abs(w);
    expect(ok, `${label}[${i}]: got ${g}, expected ${w}`).toBe(true);
  }
}

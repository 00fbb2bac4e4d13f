/* Shared decoding and comparison helpers for the golden tests. */
import { expectAllClose } from '@gradlab/testing/close';
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
 * required to match exactly (NaN where PyTorch has NaN, same-signed inf) and
 * zeros of the same sign: `expectAllClose` of @gradlab/testing.
 */
export function expectClose(got: readonly number[], want: readonly number[], rtol: number, atol: number, label: string): void {
  expectAllClose(got, want, { rtol, atol, signedZero: true }, label);
}

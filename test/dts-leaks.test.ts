/* scripts/dts-leaks.mjs: what pack-check refuses in a published .d.ts. */
import { describe, expect, it } from 'vitest';

// @ts-expect-error: a plain JavaScript module without type declarations
import { findLeaks } from '../scripts/dts-leaks.mjs';

// As tsup wrote autograd's index.d.ts before stripInternal.
const before = `declare class Node {
    readonly name: string;
    /** @internal edges to the inputs, one per op input. */
    next: Edge[];
    /** @internal */ self: Tensor | number | null;
    /**
     * Tensor hooks.
     * @internal
     */
    hooks: ((grad: Tensor) => Tensor | void)[] | null;
}
declare class Tensor {
    readonly data: Tensor$1;
    /** @internal */ _requiresGrad: boolean;
    _sumOf: number;
    /** PyTorch's \`x._version\`. */
    get _version(): number;
    private index;
    #private;
    backward(gradient?: Tensor, options?: BackwardOptions): void;
    reshape(...shape: ShapeArgs): Tensor;
}
/** @internal the number of in-place writes so far. */
declare const writes: {
    epoch: number;
};
declare function _helper(x: number): number;
export { Node, Tensor, _helper, writes, type _Shape };
`;

describe('findLeaks', () => {
  it('names every @internal declaration and every _-prefixed member or export', () => {
    const leaks = findLeaks(before) as { kind: string; name: string }[];
    expect(leaks.filter((leak) => leak.kind === 'internal').map((leak) => leak.name)).toEqual(['next', 'self', 'hooks', '_requiresGrad', 'writes']);
    expect(leaks.filter((leak) => leak.kind === 'underscore').map((leak) => leak.name)).toEqual(['_requiresGrad', '_sumOf', '_helper', '_helper', '_Shape']);
  });

  it('passes a clean declaration file (PyTorch-named _version, TypeScript private markers, _ in parameter types)', () => {
    const clean = `declare class Tensor {
    /** PyTorch's \`x._version\`: in-place writes so far. */
    get _version(): number;
    private readonly state;
    #private;
    map(fn: (_value: number) => number): Tensor;
}
export { Tensor };
`;
    expect(findLeaks(clean)).toEqual([]);
  });
});

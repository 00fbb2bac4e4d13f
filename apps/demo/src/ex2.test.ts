import { describe, expect, it } from 'vitest';
import { type Ex2Json, LAYER_SIZES, run } from './ex2';
import { renderMarkdown } from './markdown';
import { createStyle } from './style';
import { renderTerminal } from './terminal';

describe('ex2.run', () => {
  it.each([0, 1, 2, 3, 42, 2 ** 32 + 7])('gives a clean, fully checked report for seed %i', (seed) => {
    const result = run({ seed });
    const terminal = renderTerminal(result, createStyle(false));
    const markdown = renderMarkdown(result, `pnpm demo ex2 --seed ${seed}`);
    for (const text of [terminal, markdown]) expect(text).not.toMatch(/undefined|NaN|\[object Object\]/);
    expect(result.ok).toBe(true);
    const json = result.json as Ex2Json;
    expect(json.weights.map((w) => [w.length, w[0]!.length])).toEqual(
      LAYER_SIZES.slice(1).map((out, layer) => [out, LAYER_SIZES[layer]!]),
    );
  });

  it('explains an all-zero row of the first layer\'s gradient only when the unit is dead for every point', () => {
    for (const seed of [0, 1, 2, 3]) {
      const result = run({ seed });
      const json = result.json as Ex2Json;
      const zeroRows = json.grads[0]!.flatMap((row, unit) => (row.every((value) => value === 0) ? [unit + 1] : []));
      const text = renderTerminal(result, createStyle(false)).replace(/\s+/g, ' ');
      if (zeroRows.length === 0) expect(text).not.toContain('is zero: the pre-activation');
      else expect(text).toContain(`${zeroRows.length > 1 ? 'Rows' : 'Row'} ${zeroRows.join(', ')}`);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { type Ex2Json, LAYER_SIZES, run } from './ex2';
import { renderMarkdown } from './markdown';
import { createStyle } from './style';
import { renderTerminal } from './terminal';

describe('ex2.run', () => {
  it('explains None from the notebook\'s execution counts, and says what ∂loss/∂W1[i, j] means and why it is small (seed 0)', () => {
    const text = renderTerminal(run({ seed: 0 }), createStyle(false)).replace(/\s+/g, ' ');
    expect(text).toContain('In [7] built the model, In [9] printed list(model.parameters())[0].grad, and only then did In [13] to In [16]');
    expect(text).not.toContain('created after');
    expect(text).toContain('✓ read before loss.backward(), as In [9] read it, the gradient is null here too');
    expect(text).toContain('Rows 1 and 7 of W1.grad (counted from 0, as PyTorch indexes them; the 2nd and 8th rows of the print) are zero');
    expect(text).toContain('how much the loss changes per unit change of the weight from input j to hidden unit i');
    expect(text).toContain('The largest here is ∂loss/∂W1[3, 2] = 0.0326');
    expect(text).toContain('yHat - y, is about 0.25 or -0.75 (largest 0.7531)');
    expect(text).toContain('falls from 0.7531 to 0.3778 to 0.1784 to 0.0702 to 0.0337 between the last layer and the first');
    expect(text).toContain('25% of their total size survives the sum');
  });

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
      // PyTorch's 0-based row indices, and the 1-based position in the print.
      const zeroRows = json.grads[0]!.flatMap((row, unit) => (row.every((value) => value === 0) ? [unit] : []));
      const text = renderTerminal(result, createStyle(false)).replace(/\s+/g, ' ');
      const list = (items: (string | number)[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
      if (zeroRows.length === 0) expect(text).not.toContain('zero: the pre-activation');
      else {
        expect(text).toContain(`${zeroRows.length > 1 ? 'Rows' : 'Row'} ${list(zeroRows)} of W1.grad (counted from 0`);
        expect(text).toContain(`the ${list(zeroRows.map((unit) => `${unit + 1}${unit + 1 === 1 ? 'st' : unit + 1 === 2 ? 'nd' : unit + 1 === 3 ? 'rd' : 'th'}`))} row`);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from './csv';

describe('spreadsheet-safe CSV', () => {
  it('writes text a spreadsheet would run as a formula with a leading apostrophe', () => {
    for (const text of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '=HYPERLINK("http://x")']) expect(csvCell(text).replace(/^"/, '').startsWith("'"), text).toBe(true);
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
  });

  it('keeps numbers numbers, negative ones too, and quotes what needs it', () => {
    expect(csvRow([-5, '-5', 1e-7, NaN, -Infinity, -0, null, 'a, b', ' padded ', 'Ada'])).toBe("-5,-5,1e-7,nan,-inf,0,,\"a, b\",\" padded \",Ada");
  });
});

import { describe, expect, it } from 'vitest';
import { parseRoster } from './roster';

describe('parseRoster', () => {
  it('reads one name per line, exactly as written', () => {
    expect(parseRoster('Ada Lovelace\r\nÉlie Cartan\n李 王\n').names).toEqual(['Ada Lovelace', 'Élie Cartan', '李 王']);
    expect(parseRoster('\uFEFFAda\rAlan\r').names).toEqual(['Ada', 'Alan']);
  });

  it('warns of what silently gives a student another formula: spaces, blank lines, duplicates, decomposed accents', () => {
    const roster = parseRoster(['Ada Lovelace', ' Alan Turing', 'Grace Hopper ', '', 'Ada Lovelace', 'Rene\u0301e Descartes', 'Tab\there'].join('\n'));
    expect(roster.names).toEqual(['Ada Lovelace', ' Alan Turing', 'Grace Hopper ', 'Rene\u0301e Descartes', 'Tab\there']);
    expect(roster.warnings.map((w) => [w.line, w.kind])).toEqual([
      [2, 'space'],
      [3, 'space'],
      [4, 'blank'],
      [5, 'duplicate'],
      [6, 'unicode'],
      [7, 'control'],
    ]);
    expect(roster.warnings[1]!.message).toBe('line 3: "Grace Hopper " ends with a space; the script hashes the name as typed, so it gives another formula than "Grace Hopper"');
    expect(roster.warnings[3]!.message).toBe('line 5: "Ada Lovelace" is already on line 1: kept once');
  });

  it('reads a CSV column by its header, found or given, and by number', () => {
    const csv = 'Email,Name,Group\nada@x.org,Ada Lovelace,1\nalan@x.org,"Turing, Alan",2\n';
    expect(parseRoster(csv).names).toEqual(['Ada Lovelace', 'Turing, Alan']);
    expect(parseRoster(csv, { column: 'group' }).names).toEqual(['1', '2']);
    expect(parseRoster(csv, { column: 2 }).names).toEqual(['Ada Lovelace', 'Turing, Alan']);
    expect(parseRoster('Ada;Lovelace\nAlan;Turing\n', { column: 1 }).names).toEqual(['Ada', 'Alan']);
    expect(() => parseRoster(csv, { column: 'surname' })).toThrow('roster: no column "surname" in the header ("email", "name", "group")');
    expect(() => parseRoster(csv, { column: 0 })).toThrow('roster: --column must be a column name or a number from 1, got 0');
  });
});

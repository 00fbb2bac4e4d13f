import { describe, expect, it } from 'vitest';
import { answersFromCsv, answersTemplate, answerValue, edgeKey, parseAnswers } from './answers';
import { checkAnswers } from './check';
import { FormulaError } from './errors';
import { solve } from './solve';

const tomba = solve('tan((ReLU(x1 * x2) - arctan(x3 - x4)) / x5)', [-2, 2, 3, -2, 1]);

describe('answerValue', () => {
  it('reads numbers, decimals with a comma, fractions, constant expressions and non-finite words', () => {
    expect(answerValue(-1.3734, 'v')).toBe(-1.3734);
    expect(answerValue(' -1.3734 ', 'v')).toBe(-1.3734);
    expect(answerValue('−5', 'v')).toBe(-5);
    expect(answerValue('1,37', 'v')).toBe(1.37);
    expect(answerValue('1/26', 'v')).toBe(1 / 26);
    expect(answerValue('-5/2', 'v')).toBe(-2.5);
    expect(answerValue('sqrt(2)/2', 'v')).toBe(Math.SQRT2 / 2);
    expect(answerValue('pi/4', 'v')).toBe(Math.PI / 4);
    expect(answerValue('π', 'v')).toBe(Math.PI);
    expect(answerValue('1e-3', 'v')).toBe(0.001);
    expect(answerValue('nan', 'v')).toBeNaN();
    expect(answerValue('-inf', 'v')).toBe(-Infinity);
  });

  it('reads blanks as null', () => {
    expect(answerValue(null, 'v')).toBeNull();
    expect(answerValue(undefined, 'v')).toBeNull();
    expect(answerValue('  ', 'v')).toBeNull();
  });

  it('refuses what is not a number, naming where', () => {
    expect(() => answerValue('1..3', 'forward.v3')).toThrow("answers: forward.v3: '1..3' is not a number");
    expect(() => answerValue('x1 + 1', 'forward.v3')).toThrow(FormulaError);
    expect(() => answerValue(true, 'backward.x1')).toThrow('answers: backward.x1 must be a number or a string, got boolean');
    expect(() => answerValue([1], 'backward.x1')).toThrow('got an array');
  });
});

describe('edgeKey', () => {
  it('reads every way of writing an edge', () => {
    for (const key of ['v7->v6', 'v7 -> v6', 'v7→v6', '∂v7/∂v6', 'dv7/dv6']) expect(edgeKey(key), key).toBe('v7->v6');
    expect(edgeKey('v7')).toBeNull();
  });
});

describe('parseAnswers', () => {
  it('reads the JSON of the documentation', () => {
    const a = parseAnswers('{ "name": "Francesco Tomba", "forward": { "v1": -4, "v4": "1.3734" }, "backward": { "x1": 0, "v6": 26 }, "local": { "∂v7/∂v6": 26 } }');
    expect(a).toEqual({ name: 'Francesco Tomba', forward: { v1: -4, v4: 1.3734 }, backward: { x1: 0, v6: 26 }, local: { 'v7->v6': 26 } });
  });

  it('skips blanks and the note of a template', () => {
    const a = parseAnswers('{ "note": "fill in", "forward": { "v1": null, "v2": "" }, "backward": {} }');
    expect(a.forward).toEqual({});
  });

  it('refuses malformed files with a message that says where', () => {
    expect(() => parseAnswers('{ "forward": ')).toThrow(/answers: not valid JSON/);
    expect(() => parseAnswers('[1, 2]')).toThrow('answers: expected a JSON object with "forward" and "backward", got an array');
    expect(() => parseAnswers('{ "name": "Q" }')).toThrow('answers: the file has no "forward", "backward" or "local" table');
    expect(() => parseAnswers('{ "forwards": {} }')).toThrow("answers: unknown field 'forwards'");
    expect(() => parseAnswers('{ "forward": [1, 2] }')).toThrow("answers: 'forward' must be an object of node names to numbers, got an array");
    expect(() => parseAnswers('{ "forward": {}, "values": [1, "x"] }')).toThrow('answers: values[1]');
    expect(() => parseAnswers('{ "local": { "v7": 1 } }')).toThrow("answers: local: 'v7' is not an edge");
  });

  it('reads CSV: a row per node, blanks, edge rows, comments with name and values, quoting, CRLF', () => {
    const csv = [
      '# my answers',
      '# name: Francesco Tomba',
      '# values: -2, 2, 3, -2, 1',
      'node,forward,backward,local',
      'v1,-4,0,',
      'v4,"1,3734",-26,',
      'x5,,35.71,',
      'v7->v6,,,26',
      '',
    ].join('\r\n');
    expect(parseAnswers(csv)).toEqual({
      name: 'Francesco Tomba',
      values: [-2, 2, 3, -2, 1],
      forward: { v1: -4, v4: 1.3734 },
      backward: { v1: 0, v4: -26, x5: 35.71 },
      local: { 'v7->v6': 26 },
    });
  });

  it('refuses malformed CSV naming the line', () => {
    expect(() => answersFromCsv('node,value\nv1,2\n')).toThrow("answers: line 1: expected the header node,forward,backward (optionally ,local), got 'node,value'");
    expect(() => answersFromCsv('node,forward,backward\nv1,2,3,4\n')).toThrow('answers: line 2: 4 cells, but the header has 3');
    expect(() => answersFromCsv('node,forward,backward\nv1,abc,\n')).toThrow("answers: line 2, forward of v1: 'abc' is not a number");
    expect(() => answersFromCsv('# nothing\n')).toThrow('answers: the CSV has no header row');
  });
});

describe('answersTemplate', () => {
  it('is a blank JSON file with every node and nothing revealed', () => {
    const template = JSON.parse(answersTemplate(tomba, { name: 'Francesco Tomba' }));
    expect(template.name).toBe('Francesco Tomba');
    expect(template.values).toEqual([-2, 2, 3, -2, 1]);
    expect(Object.keys(template.forward)).toEqual(['v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7']);
    expect(Object.keys(template.backward)).toEqual(['x1', 'x2', 'x3', 'x4', 'x5', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6']);
    expect([...Object.values(template.forward), ...Object.values(template.backward)].every((v) => v === null)).toBe(true);
    expect(JSON.stringify(template)).not.toMatch(/-1\.37|26|35\.7/);
    const local = JSON.parse(answersTemplate(tomba, { local: true }));
    expect(Object.keys(local.local)).toHaveLength(tomba.edges.length);
  });

  it('reads back, JSON and CSV, as all blank, and filled in as right', () => {
    for (const format of ['json', 'csv'] as const) {
      const text = answersTemplate(tomba, { format, name: 'Francesco Tomba', local: true });
      const blank = checkAnswers(tomba, parseAnswers(text));
      expect(blank.counts.wrong, format).toBe(0);
      expect(blank.counts.missing, format).toBeGreaterThan(0);
    }
    const csv = answersTemplate(tomba, { format: 'csv' })
      .split('\n')
      .map((line) => {
        const node = tomba.nodes.find((n) => line.startsWith(`${n.name},`));
        return node ? `${node.name},${node.value},${node.id === 11 ? 1 : node.grad}` : line;
      })
      .join('\n');
    expect(checkAnswers(tomba, parseAnswers(csv)).correct).toBe(true);
  });

  it('refuses an unknown format', () => {
    expect(() => answersTemplate(tomba, { format: 'xml' as never })).toThrow("answersTemplate: 'format' must be 'json' or 'csv', got \"xml\"");
  });
});

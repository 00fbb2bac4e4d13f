import { describe, expect, it } from 'vitest';
import { DTypeError, GradlabError, IndexError, ShapeError, ValueError } from './errors';

describe('errors', () => {
  it('basic: every error is a GradlabError and an Error with a stable code and its class name', () => {
    const cases: [GradlabError, string, string][] = [
      [new ShapeError('SHAPE_MISMATCH', 'm'), 'SHAPE_MISMATCH', 'ShapeError'],
      [new ShapeError('INVALID_SHAPE', 'm'), 'INVALID_SHAPE', 'ShapeError'],
      [new DTypeError('m'), 'DTYPE', 'DTypeError'],
      [new IndexError('INDEX_OUT_OF_RANGE', 'm'), 'INDEX_OUT_OF_RANGE', 'IndexError'],
      [new IndexError('INVALID_DIM', 'm'), 'INVALID_DIM', 'IndexError'],
      [new ValueError('INVALID_VALUE', 'm'), 'INVALID_VALUE', 'ValueError'],
      [new ValueError('INVALID_ARGUMENT', 'm'), 'INVALID_ARGUMENT', 'ValueError'],
    ];
    for (const [error, code, name] of cases) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(GradlabError);
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
      expect(error.message).toBe('m');
    }
  });

  it('subclasses are distinct', () => {
    expect(new ShapeError('INVALID_SHAPE', 'x')).not.toBeInstanceOf(IndexError);
    expect(new DTypeError('x')).not.toBeInstanceOf(ValueError);
  });

  it('other packages can subclass GradlabError with their own code', () => {
    class GradientError extends GradlabError {
      constructor(message: string) {
        super('GRADIENT', message);
      }
    }
    const e = new GradientError('no grad');
    expect(e).toBeInstanceOf(GradlabError);
    expect(e.code).toBe('GRADIENT');
    expect(e.name).toBe('GradientError');
  });
});

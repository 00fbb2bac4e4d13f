import { tensor } from '@gradlab/autograd';
import { describe, expect, it } from 'vitest';

import { ReLU } from './activation';
import { ModuleError } from './errors';
import { Linear } from './linear';
import { Sequential } from './sequential';

describe('Sequential', () => {
  const model = new Sequential(new Linear(2, 3), new ReLU(), new Linear(3, 1));

  it('is indexable, negative indices counting from the end', () => {
    expect(model.length).toBe(3);
    expect(model.at(1)).toBeInstanceOf(ReLU);
    expect(model.get(-1)).toBe(model.at(2));
  });

  it('throws a ModuleError for an index out of range', () => {
    expect(() => model.at(3)).toThrow('Sequential.at: index 3 is out of range for a Sequential of 3 modules');
    expect(() => model.at(-4)).toThrow(ModuleError);
  });

  it('is iterable in order', () => {
    expect([...model].map((m) => m.constructor.name)).toEqual(['Linear', 'ReLU', 'Linear']);
  });

  it('append() names the new child by its index', () => {
    const grown = new Sequential(new ReLU()).append(new ReLU());
    expect(grown.namedChildren().map(([name]) => name)).toEqual(['0', '1']);
  });

  it('applies its modules in order', () => {
    const chain = new Sequential();
    const x = tensor([[-1, 2]]);
    expect(chain.call(x)).toBe(x);
    expect(new Sequential(new ReLU()).call(x).toArray()).toEqual([[0, 2]]);
  });
});

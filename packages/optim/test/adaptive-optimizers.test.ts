import { tensor } from '@gradlab/autograd';
import { ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';
import { thrownError } from '@gradlab/testing';

import { Adadelta, Adagrad, Adamax, NAdam, RAdam, RMSprop } from '../src/index';

const thrown = (fn: () => unknown): string => thrownError(fn, ValueError).message;
const parameter = () => tensor([1, 2], { requiresGrad: true });

describe('RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam: bad hyperparameters', () => {
  it("use PyTorch's wording, naming the optimizer and the option", () => {
    expect(thrown(() => new RMSprop([parameter()], { lr: -1 }))).toBe("RMSprop: invalid learning rate: -1 ('lr' must be a finite number >= 0)");
    expect(thrown(() => new RMSprop([parameter()], { alpha: -0.5 }))).toBe("RMSprop: invalid alpha value: -0.5 ('alpha' must be a finite number >= 0)");
    expect(thrown(() => new RMSprop([parameter()], { momentum: Number.NaN }))).toBe("RMSprop: invalid momentum value: NaN ('momentum' must be a finite number >= 0)");
    expect(thrown(() => new RMSprop([parameter()], { centered: 'true' as never }))).toBe("RMSprop: 'centered' must be a boolean, got string 'true'");
    expect(thrown(() => new Adagrad([parameter()], { lrDecay: -1 }))).toBe("Adagrad: invalid lr_decay value: -1 ('lrDecay' must be a finite number >= 0)");
    expect(thrown(() => new Adagrad([parameter()], { initialAccumulatorValue: -1 }))).toBe(
      "Adagrad: invalid initial_accumulator_value value: -1 ('initialAccumulatorValue' must be a finite number >= 0)",
    );
    expect(thrown(() => new Adadelta([parameter()], { rho: 1.5 }))).toBe("Adadelta: invalid rho value: 1.5 ('rho' must be in [0, 1])");
    expect(thrown(() => new Adadelta([parameter()], { eps: -1 }))).toBe("Adadelta: invalid epsilon value: -1 ('eps' must be a finite number >= 0)");
    expect(thrown(() => new Adamax([parameter()], { betas: [1, 0.9] }))).toBe('Adamax: invalid beta parameter at index 0: 1 (expected 0 <= beta < 1)');
    expect(thrown(() => new NAdam([parameter()], { momentumDecay: -1 }))).toBe(
      "NAdam: invalid momentum_decay value: -1 ('momentumDecay' must be a finite number >= 0)",
    );
    expect(thrown(() => new RAdam([{ params: [parameter()], weightDecay: -0.1 }]))).toBe(
      "RAdam: invalid weight_decay value: -0.1 ('weightDecay' must be a finite number >= 0)",
    );
    expect(thrown(() => new RAdam([parameter()], { betas: [0.9] as never }))).toBe("RAdam: 'betas' must be a pair [beta1, beta2], got 1 values");
  });

  it('a learning rate set to NaN between steps is caught before the update', () => {
    const p = parameter();
    const optimizer = new Adadelta([p]);
    p.mul(p).sum().backward();
    optimizer.paramGroups[0]!.lr = Number.NaN;
    expect(thrown(() => optimizer.step())).toContain('Adadelta: invalid learning rate: NaN');
    expect(p.toArray()).toEqual([1, 2]);
  });
});

describe('state as PyTorch 1.13 keeps it', () => {
  it('Adagrad has every parameter state from the constructor on (step 0, sum filled)', () => {
    const p = parameter();
    const optimizer = new Adagrad([p], { initialAccumulatorValue: 0.25 });
    const saved = optimizer.stateDict();
    expect(saved.state[0]!.step).toBe(0);
    expect((saved.state[0]!.sum as ReturnType<typeof tensor>).toArray()).toEqual([0.25, 0.25]);
  });

  it('RMSprop keeps momentumBuffer and gradAvg only when momentum and centered are on', () => {
    const plain = parameter();
    const full = parameter();
    const a = new RMSprop([plain]);
    const b = new RMSprop([full], { momentum: 0.9, centered: true });
    for (const p of [plain, full]) p.mul(p).sum().backward();
    a.step();
    b.step();
    expect(Object.keys(a.state.get(plain)!).sort()).toEqual(['squareAvg', 'step']);
    expect(Object.keys(b.state.get(full)!).sort()).toEqual(['gradAvg', 'momentumBuffer', 'squareAvg', 'step']);
  });

  it('NAdam keeps muProduct rounded to float32, as its 0-d float32 tensor', () => {
    const p = parameter();
    const optimizer = new NAdam([p]);
    p.mul(p).sum().backward();
    optimizer.step();
    const muProduct = optimizer.state.get(p)!.muProduct as number;
    expect(muProduct).toBe(Math.fround(muProduct));
    expect(muProduct).toBe(Math.fround(0.9 * (1 - 0.5 * 0.96 ** 0.004)));
  });

  it('RAdam takes a plain momentum step while rho_t <= 5 (the first step moves by lr)', () => {
    const p = tensor([0], { requiresGrad: true });
    p.grad = tensor([123]);
    new RAdam([p], { lr: 0.1 }).step();
    expect((p.toArray() as number[])[0]).toBeCloseTo(-0.1 * 123, 4);
  });
});

import { rand, tensor, zeros } from '@gradlab/autograd';
import { DTypeError, ShapeError, ValueError } from '@gradlab/tensor';
import { describe, expect, it } from 'vitest';
import { thrownError } from '@gradlab/testing';

import {
  constant_,
  Flatten,
  kaimingUniform_,
  LeakyReLU,
  Linear,
  LogSoftmax,
  ModuleError,
  ModuleList,
  Parameter,
  ReLU,
  Sequential,
  Softmax,
  uniform_,
  xavierUniform_,
} from '../src/index';

/** The error `fn` throws (fails the test when it does not throw). */
const thrown = (fn: () => unknown) => thrownError(fn);

describe('misuse gives a typed error naming the op, the argument, what was expected and what came', () => {
  it('Linear: an input whose last dimension is not inFeatures names both shapes', () => {
    const error = thrown(() => new Linear(5, 3).call(rand([2, 4])));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      "Linear(in_features=5, out_features=3): 'input' has shape [2, 4], expected [*, 5] (mat1 and mat2 shapes cannot be multiplied (2x4 and 5x3))",
    );
    expect(thrown(() => new Linear(5, 3).call(tensor(1))).message).toBe(
      "Linear(in_features=5, out_features=3): 'input' has shape [], expected [*, 5]",
    );
    expect(thrown(() => new Linear(5, 3).call(rand([4]))).message).toContain('(1x4 and 5x3)');
  });

  it('Linear: an int32 or float64 input into a float32 layer throws as PyTorch, no silent promotion', () => {
    const layer = new Linear(2, 3);
    const error = thrown(() => layer.call(tensor([[1, 2]], { dtype: 'int32' })));
    expect(error).toBeInstanceOf(DTypeError);
    expect(error.message).toBe(
      "Linear: 'input' has dtype int32, expected float32 like the layer's weight (convert the input with .to('float32'), or create the layer with { dtype: 'int32' })",
    );
    expect(() => layer.call(rand([1, 2], { dtype: 'float64' }))).toThrow("'input' has dtype float64, expected float32");
    expect(new Linear(2, 3, { dtype: 'float64' }).call(rand([1, 2], { dtype: 'float64' })).dtype).toBe('float64');
  });

  it('Linear: bad constructor arguments', () => {
    expect(thrown(() => new Linear('5' as never, 3)).message).toBe("Linear: 'inFeatures' must be a non-negative integer, got string '5'");
    const error = thrown(() => new Linear(2, 3, { dtype: 'int32' }));
    expect(error).toBeInstanceOf(DTypeError);
    expect(error.message).toBe("Linear: 'dtype' must be 'float32' or 'float64' (parameters are trained), got int32");
  });

  it('modules called with a plain array or an untracked tensor say what to do', () => {
    for (const module of [new Linear(2, 2), new ReLU(), new Softmax(1), new LogSoftmax(1), new LeakyReLU(), new Flatten(), new Sequential(new ReLU())]) {
      const error = thrown(() => module.call([[1, 2]] as never));
      expect(error).toBeInstanceOf(ValueError);
      expect(error.message).toMatch(/^\w+: 'input' must be a Tensor, got Array \(make one with tensor\(\.\.\.\) from @gradlab\/autograd\)$/);
    }
    expect(thrown(() => new ReLU().call(zeros([2]).data as never)).message).toBe(
      "ReLU: 'input' must be a Tensor, got Tensor (a @gradlab/tensor Tensor: wrap it with fromData() from @gradlab/autograd)",
    );
  });

  it('activation arguments are checked when the module is made', () => {
    expect(thrown(() => new (Softmax as unknown as new () => Softmax)()).message).toBe("Softmax: 'dim' must be an integer, got undefined");
    expect(thrown(() => new LogSoftmax(1.5)).message).toBe("LogSoftmax: 'dim' must be an integer, got 1.5");
    expect(thrown(() => new LeakyReLU('0.1' as never)).message).toBe("LeakyReLU: 'negativeSlope' must be a finite number, got string '0.1'");
    expect(thrown(() => new Flatten(0.5)).message).toBe("Flatten: 'startDim' must be an integer, got 0.5");
  });

  it('Sequential names the layer that failed and keeps the error class', () => {
    const model = new Sequential(new Linear(5, 11), new ReLU(), new Linear(12, 4));
    const error = thrown(() => model.call(rand([2, 5])));
    expect(error).toBeInstanceOf(ShapeError);
    expect(error.message).toBe(
      "Sequential layer (2): Linear(in_features=12, out_features=4): 'input' has shape [2, 11], expected [*, 12] (mat1 and mat2 shapes cannot be multiplied (2x11 and 12x4))",
    );
  });

  it('containers given something other than modules', () => {
    const error = thrown(() => new Sequential([new Linear(2, 2), new ReLU()] as never));
    expect(error).toBeInstanceOf(ModuleError);
    expect(error.message).toBe('Sequential.append: expected a Module, got Array (spread an array of layers: new Sequential(...layers))');
    expect(thrown(() => new ModuleList(new Linear(2, 2) as never)).message).toBe(
      "ModuleList: 'modules' must be an iterable of modules such as an array, got Linear",
    );
    expect(thrown(() => new ModuleList([(x: number) => x] as never)).message).toBe('ModuleList.append: expected a Module, got function');
  });

  it('loadStateDict: missing, unexpected and mis-shaped keys are named together; a non-object throws', () => {
    const error = thrown(() => new Linear(2, 3).loadStateDict({ weight: zeros([2, 3]), extra: zeros([1]) }));
    expect(error).toBeInstanceOf(ModuleError);
    expect(error.message).toBe(
      'Error(s) in loading state_dict for Linear:\n' +
        '\tMissing key(s) in state_dict: "bias".\n' +
        '\tUnexpected key(s) in state_dict: "extra".\n' +
        '\tsize mismatch for weight: copying a param with shape [2, 3] from checkpoint, the shape in current model is [3, 2].',
    );
    expect(thrown(() => new Linear(2, 3).loadStateDict(null as never)).message).toBe(
      "Linear.loadStateDict: 'stateDict' must be an object of parameter names to tensors (what stateDict() returns), got null",
    );
    expect(new Linear(2, 3).loadStateDict({ weight: zeros([3, 2]), extra: zeros([1]) }, false)).toEqual({
      missingKeys: ['bias'],
      unexpectedKeys: ['extra'],
    });
  });
});

describe('init misuse names the initialiser the user called', () => {
  it('bad ranges, values, shapes and non-tensors', () => {
    const weight = () => new Parameter(zeros([3, 2]));
    expect(thrown(() => uniform_(weight(), 1, 0)).message).toBe('uniform_: expects to return a [low, high) range, but found low=1 > high=0');
    expect(thrown(() => uniform_(weight(), Number.NaN, 1)).message).toBe("uniform_: 'low' must be a finite number, got NaN");
    expect(thrown(() => constant_(weight(), '1' as never)).message).toBe("constant_: 'value' must be a number, got string '1'");
    expect(thrown(() => kaimingUniform_(new Parameter(zeros([3])))).message).toBe(
      'kaimingUniform_: fan in and fan out can not be computed for a tensor with fewer than 2 dimensions, got shape [3]',
    );
    expect(thrown(() => uniform_([1, 2] as never)).message).toBe(
      "uniform_: 'tensor' must be a Tensor, got Array (make one with tensor(...) from @gradlab/autograd)",
    );
  });

  it('initialising a zero-element tensor is a no-op, as in PyTorch', () => {
    expect(xavierUniform_(new Parameter(zeros([0, 0]))).shape).toEqual([0, 0]);
  });
});

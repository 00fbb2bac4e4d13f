import { brandError, GradlabError } from '@gradlab/tensor';

/** Stable codes of {@link GradientError}. */
export type GradientErrorCode =
  /** `backward()` on a tensor that does not require grad and has no `gradFn`. */
  | 'NO_GRAD_FN'
  /** `backward()` without a `gradient` on an output with more than one element. */
  | 'NON_SCALAR_OUTPUT'
  /** A second backward through a graph whose saved tensors were freed. */
  | 'GRAPH_FREED'
  /** A `gradient` whose shape or dtype does not match its output. */
  | 'GRADIENT_MISMATCH'
  /** `grad()` asked for an input that was not used, or does not require grad. */
  | 'UNUSED_INPUT'
  /** `requiresGrad` set on an integer/bool tensor, or on a non-leaf. */
  | 'REQUIRES_GRAD'
  /** `gradcheck` / `gradgradcheck` found a mismatch. */
  | 'GRADCHECK_FAILED'
  /** A tensor saved for backward was written in place after it was saved (PyTorch's version counter check). */
  | 'MODIFIED_INPLACE'
  // indexing (issue 15)
  /** Backward through an op PyTorch gives no derivative (`scatter` with `reduce`). */
  | 'NOT_DIFFERENTIABLE'
  /** A backward through an op PyTorch has no derivative for (its `NotImplemented` node, e.g. `number % tensor`). */
  | 'NOT_IMPLEMENTED';

/**
 * Errors of the autograd engine, with PyTorch's own wording where PyTorch has one.
 *
 * @example
 * ```ts
 * try { tensor([1, 2]).sum().backward(); }
 * catch (e) { if (e instanceof GradientError) console.log(e.code); } // 'NO_GRAD_FN'
 * ```
 */
export class GradientError extends GradlabError {
  declare readonly code: GradientErrorCode;
  constructor(code: GradientErrorCode, message: string) {
    super(code, message);
  }
}

brandError(GradientError, 'GradientError');

import { brandError, GradlabError } from '@gradlab/tensor';

/** Codes of {@link ModuleError}. */
export type ModuleErrorCode = 'STATE_DICT' | 'INVALID_MODULE';

/**
 * Misuse of a module: a `loadStateDict` whose keys or shapes do not match
 * (the message names every offending key), an invalid child name, or an index
 * outside a Sequential.
 *
 * @example
 * ```ts
 * try { new Linear(2, 3).loadStateDict({ weight: zeros([3, 2]) }); }
 * catch (e) { if (e instanceof ModuleError) console.log(e.message); } // Missing key(s) in state_dict: "bias".
 * ```
 */
export class ModuleError extends GradlabError {
  declare readonly code: ModuleErrorCode;
  constructor(code: ModuleErrorCode, message: string) {
    super(code, message);
  }
}

brandError(ModuleError, 'ModuleError');

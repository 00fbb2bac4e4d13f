import { GradlabError } from '@gradlab/tensor';
import { describe } from './guards';

/** Codes of {@link FormulaError}. */
export type FormulaErrorCode = 'SYNTAX' | 'INVALID_ARGUMENT' | 'UNKNOWN_VARIABLE' | 'VALUES' | 'USAGE' | 'ANSWERS' | 'LIMIT';

/**
 * Errors of `@gradlab/formula`: a formula that does not parse (the message shows
 * the input with a caret under the offending position), wrong values, misuse,
 * a malformed answers file (code `'ANSWERS'`), input beyond `FORMULA_LIMITS` (code
 * `'LIMIT'`: too long, too deep, too many nodes or variables) and (code `'USAGE'`) a bad
 * command line.
 *
 * @example
 * ```ts
 * try { parse('sin(x1 +)'); }
 * catch (e) { if (e instanceof FormulaError) console.log(e.code, e.position); } // 'SYNTAX' 8
 * ```
 */
export class FormulaError extends GradlabError {
  declare readonly code: FormulaErrorCode;
  /** The 0-based character offset of a syntax error, or `undefined`. */
  readonly position: number | undefined;

  constructor(code: FormulaErrorCode, message: string, position?: number) {
    // Building the error must not fail: a Symbol or an object without a prototype has no string.
    super(code, typeof message === 'string' ? message : describe(message));
    this.position = position;
  }
}

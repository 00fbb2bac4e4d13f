/*
 * The misuse tests' helpers: what a call throws, checked to be a typed
 * gradlab error. Shared by the tests of every package.
 */
import { expect } from 'vitest';

import { GradlabError } from '@gradlab/tensor';

/**
 * The error `fn` throws (fails the test when it does not throw, or throws
 * something that is not a GradlabError and, when given, a `type`).
 */
export function thrownError<E extends GradlabError = GradlabError>(fn: () => unknown, type?: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GradlabError);
    if (type !== undefined) expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error('expected a throw');
}

/** Expects `fn` to throw a `type` with this `code` and a message matching `message`. */
export function expectError(fn: () => unknown, type: typeof GradlabError, code: string, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  expect((caught as GradlabError).code).toBe(code);
  expect((caught as Error).message).toMatch(message);
}

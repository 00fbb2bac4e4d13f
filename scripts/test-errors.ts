/*
 * Kept for the tests of @gradlab/tensor and @gradlab/autograd until they import
 * @gradlab/testing by name (its errors.ts).
 */
export { expectError, thrownError } from '@gradlab/testing';

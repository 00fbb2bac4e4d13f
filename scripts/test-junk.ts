/*
 * Kept for the tests of @gradlab/tensor and @gradlab/autograd until they import
 * @gradlab/testing by name (its junk.ts).
 */
export { describeArgument, JUNK, junkFailures } from '@gradlab/testing';

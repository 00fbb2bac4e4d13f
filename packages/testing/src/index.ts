/* The gradlab tests' shared helpers (private, never published): see README.md. */
export { expectAllClose, finiteScale, isClose, type Tolerance } from './close';
export { expectError, thrownError } from './errors';
export {
  decode,
  decodeNonFinite,
  expectFixtureClose,
  loadFixture,
  num,
  storageOf,
  toBase,
  toTensor,
  valuesOf,
  type FixtureTensor,
  type FixtureValue,
} from './fixtures';
export { describeArgument, JUNK, junkFailures } from './junk';

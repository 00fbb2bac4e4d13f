/*
 * Decoding of the PyTorch fixtures' numbers for the golden tests: the one reader,
 * @gradlab/testing/numbers (non-finite values are "nan", "inf", "-inf"; bools are 0/1).
 */
export { decode, num as decodeNumber, storageOf } from '@gradlab/testing/numbers';

/** Kept for the suites not yet ported: the same helpers now live in the vocabulary. */
export { ensure, failCheck, listed, quoted, requireSome } from './vocabulary/index.js';

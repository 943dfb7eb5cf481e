/**
 * fhir-core: the FHIR R4 (4.0.1) REST fundamentals. One or more tests per
 * requirement of catalogue.yaml, run in this order; later tests reuse the
 * responses earlier ones saved (t.save / t.saved) rather than re-sending them,
 * and skip with a reason when a precondition that belongs to another
 * requirement is missing, so that each nonconformity fails exactly one check.
 * One file per requirement group; what they share is in support.ts.
 */
import { defineSuite } from '../../src/suite/api.js';
import { capabilities } from './capabilities.js';
import { create } from './create.js';
import { errors } from './errors.js';
import { format } from './format.js';
import { read } from './read.js';
import { search } from './search.js';
import { versioning } from './versioning.js';

export default defineSuite('fhir-core', [
  ...capabilities,
  ...read,
  ...versioning,
  ...search,
  ...errors,
  ...format,
  ...create,
]);

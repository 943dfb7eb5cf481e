/**
 * dsq-emr: a clinic EMR's FHIR API as the DSQ's physicians and nurses read it
 * (contract: docs/dsq-suites.md). The checks act as the `physician` actor
 * unless they test another role, and calibrate themselves on the data they
 * read: a LOINC code, a date, the active prescriptions are taken from the
 * patient's record, then the filtered search must return exactly what a local
 * filter of the same record gives. One file per requirement group; what they
 * share is in support.ts, reading the record in record.ts.
 */
import { defineSuite } from '../../src/suite/api.js';
import { access } from './access.js';
import { actionability } from './actionability.js';
import { imaging } from './imaging.js';
import { laboratory } from './laboratory.js';
import { medications } from './medications.js';
import { patient } from './patient.js';
import { practitioners } from './practitioners.js';

export default defineSuite('dsq-emr', [
  ...patient,
  ...practitioners,
  ...laboratory,
  ...imaging,
  ...medications,
  ...access,
  ...actionability,
]);

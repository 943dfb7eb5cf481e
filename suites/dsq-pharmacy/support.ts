/**
 * What the dsq-pharmacy checks share: the pharmacist's client and the access
 * policy, the test patient's medications, a search's matches, and the
 * dispense the suite submits (modelled on the patient's own), then reads back
 * to correct and cancel.
 */
import { randomUUID } from 'node:crypto';
import type { MedicationDispense, MedicationRequest, Resource } from '@medplum/fhirtypes';
import { type AccessPolicy, loadPolicy } from '../../src/access/policy.js';
import type { FhirClient, FhirResponse } from '../../src/fhir/client.js';
import { DIN_SYSTEM } from '../../src/identifiers/index.js';
import { asRole } from '../../src/suite/actors.js';
import type { TestContext } from '../../src/suite/api.js';
import { keyOf, patientIdOf } from '../../src/suite/references.js';
import { searchAll } from '../../src/suite/search-all.js';
import {
  assertBundle,
  assertResource,
  assertStatus,
  conformanceErrors,
  ensure,
  headerOf,
  label,
  requireSome,
  resourceOf,
} from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';

export const DISPENSE_PROFILE = 'https://homolog.quebec/fhir/StructureDefinition/qc-medicationdispense';
/** Business identifiers of the dispenses the suite submits (the pharmacy's prescription-fill number). */
export const FILL_SYSTEM = 'https://fhir.quebec.ca/NamingSystem/pharmacy-rx';
/** What the submission test saves: the read-back of the dispense it created. */
export const SUBMITTED = 'dispense-submitted';

let policyPromise: Promise<AccessPolicy> | undefined;
export const policy = (): Promise<AccessPolicy> => (policyPromise ??= loadPolicy());

/** The pharmacist's FHIR client: the actor with role pharmacist (skips without one). */
export const pharmacist = (t: TestContext): Promise<FhirClient> => asRole(t, 'pharmacist');

/** A search's matches of `type`, after checking it answered 200 with a Bundle. */
export function searchMatches<T extends Resource>(res: FhirResponse, type: T['resourceType']): T[] {
  assertStatus(res, 200, m.searchsetExpected());
  return assertBundle(res).matches<T>(type);
}

/** The test patient's own dispenses (another patient's, wrongly returned, are PH-PROF-01's finding, not a basis for other checks). */
export async function patientDispenses(t: TestContext, client: FhirClient): Promise<MedicationDispense[]> {
  const patient = t.input('patientId');
  return (await searchAll<MedicationDispense>(client, 'MedicationDispense', { patient, _count: 100 })).filter(
    (d) => patientIdOf(d) === patient,
  );
}

/** The test patient's dispenses and prescriptions (skips when there are none). */
export async function patientMedications(
  t: TestContext,
  client: FhirClient,
): Promise<{ dispenses: MedicationDispense[]; requests: MedicationRequest[] }> {
  const dispenses = await patientDispenses(t, client);
  const requests = await searchAll<MedicationRequest>(client, 'MedicationRequest', {
    patient: t.input('patientId'),
    _count: 100,
  });
  requireSome([...dispenses, ...requests], t, m.medicationsWhat(), 'dsq-pharmacy');
  return { dispenses, requests };
}

/**
 * A new dispense for the test patient, modelled on one of their conformant
 * dispenses (so it carries the vendor's own drug and quantity conventions),
 * with a fresh business identifier.
 */
export async function newDispense(t: TestContext, client: FhirClient): Promise<MedicationDispense> {
  const model = (await patientDispenses(t, client)).find(
    (d) => d.status === 'completed' && conformanceErrors(d, DISPENSE_PROFILE).length === 0,
  );
  if (!model) t.skip(m.noModelDispense());
  const { id: _id, meta: _meta, text: _text, identifier: _identifier, ...rest } = structuredClone(model);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  return {
    ...rest,
    meta: { profile: [DISPENSE_PROFILE] },
    identifier: [{ system: FILL_SYSTEM, value: `homolog-${randomUUID()}` }],
    status: 'completed',
    subject: { reference: `Patient/${t.input('patientId')}` },
    performer: [{ actor: { reference: `Practitioner/${t.input('pharmacistId')}` } }],
    authorizingPrescription: [{ reference: `MedicationRequest/${t.input('medicationRequestId')}` }],
    whenPrepared: now,
    whenHandedOver: now,
  };
}

/** The DIN a dispense is coded with, if any. */
export function dinOf(dispense: MedicationDispense): string | undefined {
  return dispense.medicationCodeableConcept?.coding?.find((c) => c.system === DIN_SYSTEM)?.code;
}

/** The dispense the submission test created (skips when that test did not create one). */
export function submitted(t: TestContext): {
  id: string;
  firstVersion: string | undefined;
  quantity: number | undefined;
} {
  const res = t.saved(SUBMITTED);
  const body = resourceOf<MedicationDispense>(res);
  const id = body?.id ?? keyOf(headerOf(res, 'location'))?.id;
  if (!id) t.skip(m.submittedNoId());
  return { id, firstVersion: body?.meta?.versionId, quantity: body?.quantity?.value };
}

/** Reads the current version: resource and ETag (the header, or W/"<meta.versionId>"). */
export async function current(
  client: FhirClient,
  id: string,
): Promise<{ resource: MedicationDispense & { id: string }; etag: string; res: FhirResponse<MedicationDispense> }> {
  const res = await client.read<MedicationDispense>('MedicationDispense', id);
  assertStatus(res, 200);
  const resource = assertResource(res, 'MedicationDispense');
  const etag = headerOf(res, 'etag') ?? (resource.meta?.versionId ? `W/"${resource.meta.versionId}"` : undefined);
  ensure(etag !== undefined, m.noEtag({ request: label(res) }));
  return { resource: resource as MedicationDispense & { id: string }, etag, res };
}

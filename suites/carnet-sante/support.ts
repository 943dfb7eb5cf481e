/**
 * The citizen's point of view: the patient actor of the target file, whose
 * data a resource is about, and whether a refused response still discloses
 * another patient's data.
 */
import type { Patient, Reference, Resource } from '@medplum/fhirtypes';
import type { FhirClient } from '../../src/fhir/client.js';
import type { TestContext } from '../../src/suite/api.js';
import { keyOf } from '../../src/suite/references.js';
import { type AnyResponse, type Bilingual, httpOf, resourceOf } from '../../src/suite/vocabulary/index.js';
import { m } from './messages.js';

/** The patient actor: its name in the target file, the Patient it is bound to, a client acting as it. */
export interface Citizen {
  actor: string;
  /** Logical id of the actor's own Patient. */
  self: string;
  client: FhirClient;
}

/**
 * The actor with role `patient` (the one bound to testData.patientActorPatientId
 * when there are several); skips when the target file has none.
 */
export async function citizen(t: TestContext): Promise<Citizen> {
  const wanted = t.target.testData.patientActorPatientId;
  const patients = t.actors.filter((a) => a.role === 'patient');
  const actor =
    patients.find((a) => wanted !== undefined && a.patient === wanted) ?? patients[0] ?? t.skip(m.noPatientActor());
  const self = actor.patient ?? wanted ?? t.skip(m.patientUnknown({ actor: actor.name }));
  return { actor: actor.name, self, client: await t.as(actor.name) };
}

/** A 4xx: the target refused the request (why is for the check to judge). */
export const isClientError = (status: number): boolean => status >= 400 && status < 500;

/** A professional actor (to look at another patient's data the citizen must not see), if the target file has one. */
export function professional(t: TestContext): string | undefined {
  const roles = ['physician', 'nurse', 'professional', 'pharmacist'];
  return [...t.actors]
    .filter((a) => roles.includes(a.role))
    .sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role))[0]?.name;
}

/** The Patient id a reference points to (relative, absolute or versioned), if it points to a Patient. */
export function patientIdOf(reference: string | undefined): string | undefined {
  const key = keyOf(reference);
  return key?.type === 'Patient' ? key.id : undefined;
}

/** The fields that say whom a resource is about (subject, patient, Appointment.participant). */
interface AboutSomeone {
  subject?: Reference;
  patient?: Reference;
  participant?: { actor?: Reference }[];
}

/** The reference string of a value read from a target, when it is one. */
const referenceOf = (ref: Reference | undefined): string | undefined =>
  typeof ref?.reference === 'string' ? ref.reference : undefined;

/**
 * The patients a resource is about: a Patient itself; else its subject,
 * patient, and (Appointment) the Patient participants.
 */
export function patientsOf(resource: Resource): string[] {
  if (resource.resourceType === 'Patient') return resource.id === undefined ? [] : [resource.id];
  const r = resource as AboutSomeone;
  const participants = Array.isArray(r.participant) ? r.participant.map((p) => referenceOf(p?.actor)) : [];
  const ids = [referenceOf(r.subject), referenceOf(r.patient), ...participants]
    .map(patientIdOf)
    .filter((id): id is string => id !== undefined);
  return [...new Set(ids)];
}

/**
 * "MedicationDispense/x (about Patient/y)" for each resource not about the
 * citizen alone; with `namingSomeone`, only those that name another patient.
 */
export function notOwn(resources: readonly Resource[], self: string, namingSomeone = false): Bilingual[] {
  return resources
    .filter((r) => {
      const who = patientsOf(r);
      return (!namingSomeone && who.length === 0) || who.some((p) => p !== self);
    })
    .map((r) => {
      const who = patientsOf(r);
      const resource = `${r.resourceType}/${r.id ?? '?'}`;
      return who.length === 0
        ? m.namesNoPatient({ resource })
        : m.aboutPatients({ resource, patients: who.map((p) => `Patient/${p}`).join(', ') });
    });
}

/**
 * What another patient's data would look like in a response body: the
 * strings that identify them (NAM and other identifier values, names).
 * Ids are left out on purpose: a refusal may well say "Patient/x not found".
 */
export function identifyingStrings(patient: Resource): string[] {
  const p = patient as Patient;
  const values = [
    ...(p.identifier ?? []).map((i) => i.value),
    ...(p.name ?? []).flatMap((n) => [n.family, ...(n.given ?? [])]),
  ];
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length >= 3))];
}

/**
 * Why a refused response still discloses data, or undefined when it does not:
 * a body that is the resource asked for, a Bundle with entries, or text that
 * carries one of the other patient's identifying strings.
 */
export function disclosure(res: AnyResponse, type: string, identifying: readonly string[]): Bilingual | undefined {
  const body = resourceOf(res);
  if (body?.resourceType === type) return m.bodyIsResource({ type });
  const entries = body?.resourceType === 'Bundle' && Array.isArray(body.entry) ? body.entry.length : 0;
  if (entries > 0) return m.bodyIsBundle({ count: entries });
  const text = httpOf(res).body;
  const found = identifying.filter((s) => text.includes(s));
  return found.length > 0 ? m.bodyCarries({ values: found.map((s) => `"${s}"`).join(', ') }) : undefined;
}
